"""The ``{{< meta key >}}`` and ``{{< pagebreak >}}`` shortcodes (``include`` is in :mod:`.source`).

``{{{< name >}}}`` is the escaped form and stands for the literal ``{{< name >}}``.
"""

from __future__ import annotations

import re
from typing import Any

from alsreport.render.metadata import meta_lookup

__all__ = ["KNOWN_QUARTO_SHORTCODES", "SHORTCODE_RE", "SUPPORTED_SHORTCODES", "expand_shortcodes", "PAGEBREAK_HTML"]

SHORTCODE_RE = re.compile(r"(?P<open>\{?)\{\{<\s*(?P<name>[A-Za-z][\w-]*)(?P<args>(?:\s[^>]*?)?)\s*>\}\}(?P<close>\}?)")
SUPPORTED_SHORTCODES = frozenset({"include", "meta", "pagebreak"})
KNOWN_QUARTO_SHORTCODES = frozenset(
    {"include", "meta", "pagebreak", "var", "env", "kbd", "video", "embed", "lipsum", "placeholder",
     "contents", "version", "brand", "downloadthis", "fa", "bi"}
)
PAGEBREAK_HTML = '<div class="page-break" style="page-break-after: always;"></div>'


def _format_meta(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(_format_meta(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_format_meta(v)}" for k, v in value.items())
    return str(value)


def expand_shortcodes(text: str, meta: dict[str, Any], where: str) -> tuple[str, list[str]]:
    """Replace ``meta`` and ``pagebreak`` shortcodes in markdown ``text``.

    Unknown shortcodes are left as they are and reported; ``where`` names the
    document in the warnings.
    """
    warnings: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name, args = match.group("name"), match.group("args").split()
        if match.group("open") and match.group("close"):
            return match.group(0)[1:-1]  # escaped: show literally
        lead, trail = match.group("open"), match.group("close")
        if name == "meta":
            if len(args) != 1:
                warnings.append(f"{where}: {{{{< meta >}}}} needs exactly one key, got {' '.join(args) or 'none'}")
                return match.group(0)
            try:
                return lead + _format_meta(meta_lookup(meta, args[0].strip("\"'"))) + trail
            except KeyError:
                warnings.append(f"{where}: {{{{< meta {args[0]} >}}}}: no such metadata key; rendered as ?meta:{args[0]}")
                return f"{lead}**?meta:{args[0]}**{trail}"
        if name == "pagebreak":
            return f"{lead}`{PAGEBREAK_HTML}`{{=html}}{trail}"
        warnings.append(f"{where}: shortcode {{{{< {name} >}}}} is not supported by the embedded engine; left as is")
        return match.group(0)

    lines = text.split("\n")
    kept = _shortcodes_off(lines)  # code blocks marked shortcodes="false" keep their text, as in Quarto
    for i, line in enumerate(lines):
        if i in kept:
            continue
        if re.fullmatch(r"\s*\{\{<\s*pagebreak\s*>\}\}\s*", line):
            lines[i] = f"\n```{{=html}}\n{PAGEBREAK_HTML}\n```\n"
        else:
            lines[i] = SHORTCODE_RE.sub(replace, line)
    return "\n".join(lines), warnings


_SHORTCODES_OFF_RE = re.compile(r"""^ {0,3}(`{3,}|~{3,})\s*\{[^}]*\bshortcodes\s*=\s*["']?false\b""")


def _shortcodes_off(lines: list[str]) -> set[int]:
    """Indices of the lines inside fenced code blocks whose attributes say ``shortcodes="false"``."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        m = _SHORTCODES_OFF_RE.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group(1)
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            out.add(j)
            j += 1
        i = j + 1
    return out
