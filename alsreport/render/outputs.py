"""Turning recorded cell outputs into markdown, choosing mime types as Quarto does for HTML.

Raw HTML (tables, inline SVG figures, images as data URIs) is wrapped in
pandoc raw blocks (```` ```{=html} ````) so pandoc passes it through untouched.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from alsreport.render.shell import DisplayOutput, StreamOutput

__all__ = ["MIME_PRIORITY", "code_block", "output_markdown", "raw_html_block"]

#: Quarto's order for HTML targets (widgets and JavaScript are not supported).
MIME_PRIORITY = ("text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/plain")


def _fence(text: str, char: str = "`") -> str:
    longest = max((len(m) for m in re.findall(re.escape(char) + "+", text)), default=0)
    return char * max(3, longest + 1)


def raw_html_block(html: str) -> str:
    """``html`` as a pandoc raw HTML block (a fence longer than any backtick run inside)."""
    fence = _fence(html)
    return f"{fence}{{=html}}\n{html.strip(chr(10))}\n{fence}\n"


def code_block(text: str, classes: str = "") -> str:
    """``text`` in a fenced code block with the given attribute classes (``.python .cell-code``)."""
    fence = _fence(text)
    attrs = f"{{{classes}}}" if classes else ""
    return f"{fence}{attrs}\n{text.rstrip(chr(10))}\n{fence}\n"


def _div(classes: str, body: str) -> str:
    return f"::: {{{classes}}}\n{body.rstrip(chr(10))}\n:::\n"


def _svg(data: Any) -> str:
    svg = data.decode("utf-8") if isinstance(data, bytes) else str(data)
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg, flags=re.I)
    return svg.strip()


def _img(mime: str, data: Any) -> str:
    b64 = base64.b64encode(data).decode("ascii") if isinstance(data, bytes) else str(data).replace("\n", "")
    return f'<img src="data:{mime};base64,{b64}" alt="">'


def _display_markdown(data: dict[str, Any], asis: bool) -> str:
    mime = next((m for m in MIME_PRIORITY if m in data and data[m] is not None), None)
    if mime is None:
        return ""
    value = data[mime]
    if mime == "text/html":
        return raw_html_block(str(value))
    if mime == "text/markdown":
        return str(value).rstrip("\n") + "\n"
    if mime == "image/svg+xml":
        return raw_html_block(_svg(value))
    if mime in ("image/png", "image/jpeg"):
        return raw_html_block(_img(mime, value))
    text = str(value)
    return text.rstrip("\n") + "\n" if asis else code_block(text)


def output_markdown(output: StreamOutput | DisplayOutput, *, asis: bool) -> str:
    """One output as markdown; with ``asis`` printed text is raw markdown and nothing is wrapped."""
    if isinstance(output, StreamOutput):
        if asis and output.name == "stdout":
            return output.text.rstrip("\n") + "\n"
        return _div(f".cell-output .cell-output-{output.name}", code_block(output.text))
    body = _display_markdown(output.data, asis)
    if not body or asis:
        return body
    return _div(".cell-output .cell-output-display", body)
