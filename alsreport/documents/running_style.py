"""The running header and footer's text as CSS custom properties, for a browser's print (issue #10, session 25 HTML
reader: the safety report printed from Chromium showed "Confidential" on page 1 only and no page numbers).

WeasyPrint copies the hidden ``.alsr-running`` elements into the page margins with ``string-set``
(templates/print.css); browsers have no ``string-set``. templates/screen.css's print rules fill the margin boxes with
``var(--alsr-running-title, string(alsr-title))`` and the like: a browser reads the custom properties set here on the
root (a page's margin boxes inherit from the root element), WeasyPrint the same text from either.
"""

from __future__ import annotations

import re

__all__ = ["css_string", "running_style"]


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string: quotes, backslashes, line breaks and ``<`` (no ``</style>`` inside a
    ``<style>`` element) as CSS escapes."""
    return '"' + re.sub(r'["\\<\n\r\f]', lambda m: f"\\{ord(m.group(0)):x} ", text) + '"'


def running_style(title: str, footer: str, *, confidential: bool) -> str:
    """A ``<style>`` element setting ``--alsr-running-title``, ``--alsr-running-confidential`` (empty unless
    ``confidential``) and ``--alsr-running-footer`` on the root."""
    props = {"title": title, "confidential": "Confidential" if confidential else "", "footer": footer}
    body = " ".join(f"--alsr-running-{name}: {css_string(value)};" for name, value in props.items())
    return f"<style>:root {{ {body} }}</style>"
