"""A page Quarto wrote, made printable: the document without Bootstrap's page chrome.

Quarto's HTML page is a Bootstrap layout (navigation, a sidebar table of
contents, tooltips, copy buttons and their scripts and stylesheets). The PDF
shows the document only: its ``<main>`` (title block included), the page
metadata (title, author, description, keywords), the embedded engine's base
styles (from the page template) and the project's stylesheets; WeasyPrint then
applies the print stylesheets, as for the embedded engine's page.
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path
from typing import Sequence

__all__ = ["printable_quarto_html", "template_base_css"]

_BODY_RE = re.compile(r'<body\b[^>]*\bclass="([^"]*)"', re.S)
_MAIN_RE = re.compile(r"<main\b[^>]*>(?P<body>.*)</main>", re.S)
_TITLE_RE = re.compile(r"<title>(?P<title>.*?)</title>", re.S)
_META_RE = re.compile(r'<meta\s+name="(?:author|description|keywords|dcterms\.date|generator)"[^>]*>')
_LANG_RE = re.compile(r'<html\b[^>]*\blang="(?P<lang>[^"]*)"')
_SCRIPT_RE = re.compile(r"<script\b.*?</script>", re.S | re.I)

#: What Quarto's page shows only on screen (Bootstrap hides ``.screen-reader-only`` visually).
_PRINT_CHROME = (
    ".screen-reader-only { display: none; }\n"
    "#title-block-header .description, #title-block-header .keywords, .quarto-title-meta { display: none; }\n"
)


def template_base_css(template: Path) -> str:
    """The base ``<style>`` of the embedded engine's page template, without its pandoc variables."""
    text = Path(template).read_text(encoding="utf-8")
    match = re.search(r"<style>(.*?)</style>", text, re.S)
    if not match:
        return ""
    return "\n".join(line for line in match.group(1).splitlines() if "$" not in line)


def printable_quarto_html(page: str, *, base_css: str = "", stylesheets: Sequence[Path] = ()) -> str:
    """``page`` (Quarto's HTML) reduced to the document, with ``base_css`` and ``stylesheets`` inlined."""
    main = _MAIN_RE.search(page)
    if main is None:
        raise ValueError("not a Quarto HTML page: it has no <main> element")
    title = _TITLE_RE.search(page)
    lang = _LANG_RE.search(page)
    styles = [base_css, *(Path(s).read_text(encoding="utf-8") for s in stylesheets), _PRINT_CHROME]
    head = [
        '<meta charset="utf-8">',
        f"<title>{title.group('title') if title else ''}</title>",
        *_META_RE.findall(page[: main.start()]),
        *("<style>\n" + css.replace("</style", "<\\/style") + "\n</style>" for css in styles if css.strip()),
    ]
    body = _SCRIPT_RE.sub("", main.group("body"))
    lang_attr = _html.escape(lang.group("lang")) if lang else "en"
    # the document's own body classes (``body-classes:``), not Bootstrap's layout classes
    classes = [c for c in (_BODY_RE.search(page) or [None, ""])[1].split() if c.startswith("alsr-")]
    body_tag = f'<body class="{_html.escape(" ".join(classes))}">' if classes else "<body>"
    return (f'<!DOCTYPE html>\n<html lang="{lang_attr}">\n<head>\n' + "\n".join(head) + f"\n</head>\n{body_tag}\n"
            f'<main id="quarto-document-content" class="content">\n{body}\n</main>\n</body>\n</html>\n')
