"""Unicode superscripts (``10⁹/L``, ``×10⁶``, footnote letters ``ᵃ``) as markup for print.

The PDF's typefaces (Liberation Serif and Sans) have ``¹ ² ³`` (Latin-1; ``χ²`` keeps its glyph) but not
``⁰ ⁴–⁹ ⁺ ⁻`` nor the modifier letters: left as they are, WeasyPrint draws them from a third and fourth family (DejaVu),
so the PDF would mix typefaces. :func:`superscript_markup` rewrites a page's text nodes so that each
run of superscript characters is the plain characters raised by markup instead: ``<sup>9</sup>`` in
HTML text and a raised, smaller ``<tspan>`` inside SVG ``<text>``. Attribute values (alt text,
``aria-label``), the ``<head>``, ``<style>``, ``<script>`` and SVG ``<title>``/``<desc>`` keep the
Unicode characters: they are text for people and machines, never drawn.
"""

from __future__ import annotations

import re

__all__ = ["SUPERSCRIPTS", "HTML_TOKEN", "TAG_NAME", "superscript_markup", "plain_superscripts"]

_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻"
_LETTERS = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"
SUPERSCRIPTS = _DIGITS + _LETTERS
"""The superscript characters rewritten (digits, signs, the lowercase modifier letters)."""
_PLAIN = str.maketrans(SUPERSCRIPTS, "0123456789+−" + "abcdefghijklmnoprstuvwxyz")
_RUN = re.compile(f"[{SUPERSCRIPTS}]*[{SUPERSCRIPTS.replace('¹²³', '')}][{SUPERSCRIPTS}]*")
"""A run of superscripts with at least one the typefaces lack: ``²`` alone (χ², m²) stays a glyph."""
# a tag (quoted attribute values may hold '>'), a comment, or text
_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[^<]+|<",
                    re.S)
_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
#: a page's tokens (tags, comments, text) and a tag's name, for the other passes over a page's text nodes
HTML_TOKEN, TAG_NAME = _TOKEN, _NAME
_SKIP = {"head", "style", "script", "title", "desc", "textarea", "math"}
_FONT_PX = re.compile(r"font-size:\s*([\d.]+)px")

#: a superscript's size and rise, as fractions of the surrounding text's size (SVG; HTML uses <sup>)
SVG_SIZE, SVG_RISE = 0.7, 0.35


def plain_superscripts(text: str) -> str:
    """``10⁹`` → ``109``: the superscript characters as the plain ones (for markup that raises them)."""
    return text.translate(_PLAIN)


def _html_text(text: str) -> str:
    return _RUN.sub(lambda m: f"<sup>{plain_superscripts(m.group(0))}</sup>", text)


def _svg_text(text: str, font_px: float | None) -> str:
    """``(10⁹/L)`` in an SVG ``<text>`` → ``(10<tspan …>9</tspan><tspan dy=…>/L)</tspan>``."""
    size = f"{font_px * SVG_SIZE:.3g}px" if font_px else f"{SVG_SIZE * 100:g}%"
    rise = f"{font_px * SVG_RISE:.3g}" if font_px else f"{SVG_RISE / SVG_SIZE:.3g}em"
    back = f"{font_px * SVG_RISE:.3g}" if font_px else f"{SVG_RISE:.3g}em"
    out, pos = [], 0
    for m in _RUN.finditer(text):
        out.append(text[pos:m.start()])
        out.append(f'<tspan dy="-{rise}" style="font-size: {size}">{plain_superscripts(m.group(0))}</tspan>')
        pos = m.end()
        rest = _RUN.search(text, pos)
        tail = text[pos:rest.start() if rest else len(text)]
        if tail:
            out.append(f'<tspan dy="{back}">{tail}</tspan>')
            pos += len(tail)
    out.append(text[pos:])
    return "".join(out)


def superscript_markup(page: str) -> str:
    """``page`` (HTML with inline SVG) with every drawn run of Unicode superscripts as markup (module doc)."""
    if not _RUN.search(page):
        return page
    out: list[str] = []
    stack: list[str] = []          # open elements that matter: svg, text, and the skipped ones
    fonts: list[float | None] = []  # font size (px) of each open <text>/<tspan>
    for tok in _TOKEN.findall(page):
        if tok.startswith("<") and len(tok) > 1 and tok[1] not in "!":
            name = _NAME.match(tok)
            tag = name.group(1).lower() if name else ""
            closing, selfclosing = tok.startswith("</"), tok.endswith("/>")
            if tag in _SKIP | {"svg", "text", "tspan"} and not selfclosing:
                if closing:
                    if tag in stack:
                        while stack and stack.pop() != tag:
                            pass
                    if tag in ("text", "tspan") and fonts:
                        fonts.pop()
                else:
                    stack.append(tag)
                    if tag in ("text", "tspan"):
                        size = _FONT_PX.search(tok)
                        fonts.append(float(size.group(1)) if size else (fonts[-1] if fonts else None))
            out.append(tok)
            continue
        if tok.startswith("<") or not _RUN.search(tok) or any(t in _SKIP for t in stack):
            out.append(tok)
        elif "svg" in stack:
            out.append(_svg_text(tok, fonts[-1] if fonts else None) if ("text" in stack or "tspan" in stack) else tok)
        else:
            out.append(_html_text(tok))
    return "".join(out)
