"""The printed width of a table, measured by WeasyPrint with the print stylesheets (not estimated).

:class:`TableMeasurer` lays a table's HTML out alone, in a page as wide as the text column it
is tried in, with the document's stylesheets (``screen.css`` as the HTML has it inlined, then the
print stylesheets), and reads the width of the laid-out table box. A table wider than the
column keeps its min-content width (cells do not wrap below it), so one layout at the portrait
width tells whether the table fits portrait and, if not, whether it fits landscape.

To keep it cheap (it runs once per table in the document's process):

* the stylesheets are parsed once per measurer, the tables' own ``<style>`` blocks too (each table's
  id is replaced by one id, so tables styled alike share one parsed stylesheet);
* the table's notes (``<tfoot>``) are left out: they wrap, so they never set the width;
* of the body rows only those that may hold the widest cell of some column are laid out: for
  each column the :data:`ROWS_PER_COLUMN` rows whose text is estimated widest there, those whose
  widest word is (a row label wraps to its longest word: the six-visit Table 2's "n (missing)" set its
  stub column, wider than "TNF-α (pg/mL)", and the table was measured 4.6 px narrower than it printed),
  and the widest rows that span columns (group headings) — the estimate ranks cells, it never sizes;
* results are kept by the table's HTML, so asking again costs nothing.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Sequence

from alsreport.present.tables.width import cell_lines_width_px, cell_word_width_px

__all__ = ["ROWS_PER_COLUMN", "TableMeasurer", "default_stylesheets", "measured_rows"]

#: Body rows kept per column (the candidates for its widest cell, ranked by the estimate).
ROWS_PER_COLUMN = 2

_TBODY = re.compile(r"(<tbody\b[^>]*>)(.*?)(</tbody>)", re.S)
_TFOOT = re.compile(r"<tfoot\b.*?</tfoot>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<t([dh])\b([^>]*)>(.*?)</t\1>", re.S)
_SPAN = re.compile(r'colspan="(\d+)"')
_ID = re.compile(r'<div id="([^"]+)"')
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style>", re.S)
_MEASURED_ID = "alsr-measured-table"


def default_stylesheets(project: Path, document: str = "manuscript") -> list[Path]:
    """``screen.css``, ``print.css`` and the document's own print stylesheet, those of them that exist."""
    names = ("screen.css", "print.css", f"{document}-print.css")
    return [p for p in (Path(project) / "templates" / n for n in names) if p.is_file()]


def measured_rows(markup: str, per_column: int = ROWS_PER_COLUMN) -> str:
    """``markup`` without its notes and with only the body rows that may hold a column's widest cell."""
    markup = _TFOOT.sub("", markup)
    return _TBODY.sub(lambda m: m.group(1) + _keep_rows(m.group(2), per_column) + m.group(3), markup)


def _keep_rows(body: str, per_column: int) -> str:
    rows = _ROW.findall(body)
    best: dict[object, list[tuple[float, int]]] = {}
    for i, row in enumerate(rows):
        col = 0
        for cell in _CELL.finditer(row):
            span = _SPAN.search(cell.group(2))
            n = int(span.group(1)) if span else 1
            key = col if n == 1 else ("span", col, n)
            best.setdefault(key, []).append((cell_lines_width_px(cell.group(3)), i))
            best.setdefault(("word", key), []).append((cell_word_width_px(cell.group(3)), i))
            col += n
    keep = sorted({i for ranked in best.values() for _, i in sorted(ranked, reverse=True)[:per_column]})
    return "\n".join(rows[i] for i in keep)


class TableMeasurer:
    """Measure tables' printed widths (CSS px) with WeasyPrint and ``stylesheets`` (in cascade order)."""

    def __init__(self, stylesheets: Sequence[Path]):
        self.stylesheets = [Path(s) for s in stylesheets]
        self._sheets = None
        self._fonts = None
        self._known: dict[str, float] = {}
        self._parsed: dict[str, object] = {}

    def _setup(self) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self._fonts = FontConfiguration()
        self._sheets = [CSS(filename=str(s), font_config=self._fonts) for s in self.stylesheets]

    def width_px(self, markup: str, available_px: float, classes: str = "alsr-table") -> float:
        """Width of the table box of ``markup`` laid out in a column ``available_px`` wide, inside a
        ``<div class=classes>`` (e.g. ``"alsr-table alsr-compact"``); wider than the column when it
        does not fit."""
        key = hashlib.sha256(f"{available_px:.2f}\0{classes}\0{markup}".encode()).hexdigest()
        if key not in self._known:
            self._known[key] = self._measure(measured_rows(markup), available_px, classes)
        return self._known[key]

    def _css(self, text: str):
        """``text`` parsed as a stylesheet, once per measurer (the tables' own styles differ only in their id)."""
        from weasyprint import CSS

        if text not in self._parsed:
            self._parsed[text] = CSS(string=text, font_config=self._fonts)
        return self._parsed[text]

    def _measure(self, markup: str, available_px: float, classes: str) -> float:
        from weasyprint import HTML
        from weasyprint.formatting_structure import boxes

        if self._sheets is None:
            self._setup()
        ident = _ID.search(markup)
        styles = _STYLE.findall(markup)
        if ident:   # one id for every table, so that their <style> blocks are parsed (and compiled) once
            own = re.compile(rf"#{re.escape(ident.group(1))}(?![\w-])")
            styles = [own.sub(f"#{_MEASURED_ID}", css) for css in styles]
            markup = markup[:ident.start(1)] + _MEASURED_ID + markup[ident.end(1):]
        styles = [self._css(css) for css in styles]
        page = self._css(f"@page {{ size: {available_px:.2f}px 100000px; margin: 0; }} "
                         "body { margin: 0; padding: 0; max-width: none; }")
        html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><main>'
                f'<div class="{classes}">{_STYLE_BLOCK.sub("", markup)}</div></main></body></html>')
        # as in the document: screen.css (inlined in its head), the table's own style, then the print stylesheets
        screen = [css for path, css in zip(self.stylesheets, self._sheets, strict=True) if path.name == "screen.css"]
        others = [css for css in self._sheets if not any(css is s for s in screen)]
        document = HTML(string=html).render(stylesheets=[*screen, *styles, *others, page], font_config=self._fonts,
                                            presentational_hints=True)
        widths = [b.border_width() for p in document.pages for b in p._page_box.descendants()
                  if isinstance(b, boxes.TableBox)]
        return max(widths, default=0.0)
