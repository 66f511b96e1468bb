"""Every way CSS can name a resource, found and rewritten in one place.

Forms: ``url(x)``, ``url("x")``, the strings of ``image-set("x" 1x, …)`` and
``-webkit-image-set(…)``, ``@import "x"`` — also when a function name is written
with CSS escapes (``u\\72l(``, ``\\75rl(``), which CSS reads as ``url(``. Hex
escapes that spell identifier characters are decoded first (they mean the same
to a browser), then each reference is passed to a callback that returns its
replacement. The self-contained HTML uses this to inline local files and to
remove remote ones.
"""

from __future__ import annotations

import re
from typing import Callable

__all__ = ["decode_ident_escapes", "rewrite_css_urls"]

_HEX = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n]?")
_URL = re.compile(r"""\burl\(\s*(['"]?)([^'")]*)\1\s*\)""", re.I)
_SET = re.compile(r"""(?:-webkit-)?image-set\(""", re.I)
_STRING = re.compile(r"""(['"])((?:(?!\1).)*)\1""")
_IMPORT = re.compile(r"""@import\s+(['"])([^'"]*)\1""", re.I)


def decode_ident_escapes(css: str) -> str:
    """Hex escapes that stand for letters, digits, ``-``, ``_`` or ``(`` written as those characters."""
    def fix(m: re.Match[str]) -> str:
        code = int(m.group(1), 16)
        ch = chr(code) if 0 < code <= 0x10FFFF else ""
        return ch if ch and (ch.isascii() and (ch.isalnum() or ch in "-_(")) else m.group(0)

    return _HEX.sub(fix, css)


def _close(css: str, start: int) -> int:
    """Index just after the ``)`` that closes the parenthesis opened before ``start``."""
    depth = 1
    i = start
    while i < len(css) and depth:
        if css[i] == "(":
            depth += 1
        elif css[i] == ")":
            depth -= 1
        i += 1
    return i


def rewrite_css_urls(css: str, replace: Callable[[str], str]) -> str:
    """``css`` with every referenced URL replaced by ``replace(url)`` (see the module docstring)."""
    css = decode_ident_escapes(css)
    css = _URL.sub(lambda m: f'url("{replace(m.group(2).strip())}")', css)
    out, pos = [], 0
    for m in _SET.finditer(css):
        if m.start() < pos:
            continue
        end = _close(css, m.end())
        body = _STRING.sub(lambda s: f'"{replace(s.group(2).strip())}"', css[m.end():end])
        out += [css[pos:m.end()], body]
        pos = end
    css = "".join(out) + css[pos:]
    return _IMPORT.sub(lambda m: f'@import "{replace(m.group(2).strip())}"', css)
