"""The printed size of every run of text in a PDF, read from its content streams (for the figure type tests).

``pdftotext -bbox`` gives word boxes but not their font size or rotation, and pypdf's text visitor loses the
transformation of a form XObject (WeasyPrint draws an SVG's centred and right-aligned text in one): its sizes were off
by up to 4 %. Here the graphics state is followed through ``q``/``Q``/``cm`` and into every form XObject (its
``/Matrix``), and each text-showing operator gives one :class:`TextRun`: its text (the font's ``ToUnicode`` map), its
size in points as printed (the font size times the vertical scale of the text matrix times the CTM), its origin on the
page and whether it is drawn inside an SVG.

WeasyPrint draws the page in CSS pixels (a CTM of 0.75 pt per px); an inline SVG adds the scale of its viewBox (1.333
where the SVG prints at 100 %), so text whose CTM scale is not 0.75 is an SVG's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

PAGE_SCALE = 0.75
"""WeasyPrint's CTM for HTML content: points per CSS pixel."""


@dataclass(frozen=True)
class TextRun:
    page: int
    text: str
    size: float
    """Printed size in points."""
    x: float
    y: float
    """Origin in points from the page's left and top edges."""
    rotated: bool
    in_svg: bool
    font: str


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _unicode_map(font) -> tuple[dict[int, str], int]:
    """The font's ToUnicode map (code → text) and its code length in bytes (2 for Identity-H)."""
    width = 2 if font.get("/Encoding") == "/Identity-H" else 1
    table: dict[int, str] = {}
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return table, width
    data = cmap.get_object().get_data().decode("latin-1")

    def text(hexa: str) -> str:
        raw = bytes.fromhex(hexa)
        return raw.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(src, 16)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                table[code] = chr(start + k) if start + k < 0x110000 else "?"
    return table, width


def _decode(raw: bytes, fmap: tuple[dict[int, str], int]) -> str:
    table, width = fmap
    codes = [int.from_bytes(raw[i:i + width], "big") for i in range(0, len(raw) - width + 1, width)]
    return "".join(table.get(c, "?") for c in codes)


def _raw(operand) -> bytes:
    """A string operand's bytes (numbers in a ``TJ`` array: none)."""
    if isinstance(operand, bytes):
        return bytes(operand)
    if isinstance(operand, str):   # pypdf's TextStringObject keeps the bytes it was read from
        return bytes(getattr(operand, "_original_bytes", None) or operand.get_original_bytes())
    return b""


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class _TextState:
    tm: tuple[float, ...] = _IDENTITY
    lm: tuple[float, ...] = _IDENTITY
    font: object = None
    size: float = 0.0
    leading: float = 0.0

    def next_line(self, dx: float = 0.0, dy: float | None = None) -> None:
        self.tm = self.lm = _mul((1.0, 0.0, 0.0, 1.0, dx, -self.leading if dy is None else dy), self.lm)


class _Page:
    """One page's text runs: the content stream followed through the graphics state and the form XObjects."""

    def __init__(self, reader, page_no: int, height: float) -> None:
        self.reader, self.page_no, self.height = reader, page_no, height
        self.font_maps: dict[int, tuple[dict[int, str], int]] = {}
        self.runs: list[TextRun] = []

    def show(self, t: _TextState, operands, ctm: tuple[float, ...]) -> None:
        raw = b"".join(_raw(p) for p in operands)
        key = id(t.font)
        if key not in self.font_maps:
            self.font_maps[key] = _unicode_map(t.font)
        m = _mul(t.tm, ctm)
        scale = math.hypot(ctm[2], ctm[3])
        self.runs.append(TextRun(self.page_no, _decode(raw, self.font_maps[key]), t.size * math.hypot(m[2], m[3]),
                                 m[4], self.height - m[5], abs(m[1]) > 1e-6 * abs(m[0]) + 1e-9,
                                 abs(scale - PAGE_SCALE) > 0.01 * PAGE_SCALE, str(t.font.get("/BaseFont"))))

    def text_op(self, t: _TextState, op: str, operands, fonts) -> None:
        """Text state and positioning operators."""
        if op == "BT":
            t.tm = t.lm = _IDENTITY
        elif op == "Tf":
            t.font, t.size = fonts[operands[0]].get_object(), float(operands[1])
        elif op == "TL":
            t.leading = float(operands[0])
        elif op == "Tm":
            t.tm = t.lm = tuple(float(v) for v in operands)
        elif op in ("Td", "TD"):
            if op == "TD":
                t.leading = -float(operands[1])
            t.next_line(float(operands[0]), float(operands[1]))
        elif op in ("T*", "'", '"'):
            t.next_line()

    def run(self, content, resources, ctm: tuple[float, ...]) -> None:
        from pypdf.generic import ContentStream

        fonts = resources.get("/Font", {}) if resources else {}
        xobjects = resources.get("/XObject", {}) if resources else {}
        stack: list[tuple[float, ...]] = []
        t = _TextState()
        for operands, op in ContentStream(content, self.reader).operations:
            op = op.decode("latin-1")
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop()
            elif op == "cm":
                ctm = _mul(tuple(float(v) for v in operands), ctm)
            elif op == "Do":
                xo = xobjects[operands[0]].get_object()
                if xo.get("/Subtype") == "/Form":
                    matrix = tuple(float(v) for v in xo.get("/Matrix", _IDENTITY))
                    self.run(xo, xo.get("/Resources", resources), _mul(matrix, ctm))
            else:
                self.text_op(t, op, operands, fonts)
                if op in ("Tj", "TJ", "'", '"') and t.font is not None:
                    self.show(t, operands[-1] if op == "TJ" else [operands[-1]], ctm)


def text_runs(pdf: Path) -> list[TextRun]:
    """Every text-showing operation of every page, in drawing order."""
    import pypdf

    reader = pypdf.PdfReader(str(pdf))
    runs: list[TextRun] = []
    for page_no, page in enumerate(reader.pages, 1):
        walker = _Page(reader, page_no, float(page.mediabox.height))
        walker.run(page.get_contents(), page["/Resources"], _IDENTITY)
        runs += walker.runs
    return runs
