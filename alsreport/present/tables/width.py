"""The printed width of a great-tables table, estimated from its HTML (to choose a form, never to size).

:func:`estimate_width_px` sums, for each column, the widest single-column cell (headings
included, each line of a cell with ``<br>``) in the print font size. The biomarker tables use
it to choose between one and two lines per row. It runs 0.7-1.4 times the printed width (cells
that wrap, rows that span columns), so the page of a table (portrait, landscape, smaller type)
is chosen from a WeasyPrint measurement (:mod:`alsreport.documents.table_fit`), which uses
:func:`cell_lines_width_px` only to rank the cells of a column."""

from __future__ import annotations

import html
import re

from alsreport.present.tables.style import CELL_PADDING_PX, text_width_px

__all__ = ["PORTRAIT_PX", "LANDSCAPE_PX", "PRINT_FONT_PX", "SMALL_FONT_PX", "COMPACT_FONT_PX", "cell_lines_width_px",
           "cell_word_width_px", "estimate_width_px"]

_MM = 96 / 25.4
#: Text width of an A4 page with 20 mm side margins, portrait and landscape (CSS px).
PORTRAIT_PX = 170 * _MM
LANDSCAPE_PX = 257 * _MM
#: Printed table font sizes (print.css): 8.25 pt; 8 pt for small tables (the least journals expect); 7.5 pt for
#: compact ones, only where 8 pt fits nowhere.
PRINT_FONT_PX = 11.0
SMALL_FONT_PX = 8 * 96 / 72
COMPACT_FONT_PX = 10.0
#: Left + right padding of a cell, px (``style.CELL_PADDING_PX``), with a margin for bold text and the estimate's error.
_PAD_PX = CELL_PADDING_PX + 2.0
_SLACK = 1.08

_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t([dh])\b([^>]*)>(.*?)</t\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _lines(cell: str) -> list[str]:
    text = re.sub(r"<br\s*/?>", "\n", cell)
    return [html.unescape(_TAG.sub("", line)).strip() for line in text.split("\n")]


def cell_lines_width_px(cell: str, font_px: float = PRINT_FONT_PX) -> float:
    """Estimated width of a cell's widest line (its HTML; ``<br>`` separates lines), padding left out."""
    return max((text_width_px(t, font_px) for t in _lines(cell)), default=0.0)


def cell_word_width_px(cell: str, font_px: float = PRINT_FONT_PX) -> float:
    """Estimated width of a cell's widest word: its min-content width where its text may wrap (a row label)."""
    return max((text_width_px(w, font_px) for t in _lines(cell) for w in t.split()), default=0.0)


def estimate_width_px(markup: str, font_px: float = PRINT_FONT_PX) -> float:
    """Printed width of a great-tables table: the sum of each column's widest single-column cell."""
    widths: dict[int, float] = {}
    for row in _ROW.finditer(markup):
        col = 0
        for cell in _CELL.finditer(row.group(1)):
            attrs = cell.group(2)
            span = re.search(r'colspan="(\d+)"', attrs)
            n = int(span.group(1)) if span else 1
            if n == 1 and "gt_footnote" not in attrs and "gt_sourcenote" not in attrs:
                w = cell_lines_width_px(cell.group(3), font_px) + _PAD_PX
                widths[col] = max(widths.get(col, 0.0), w)
            col += n
    return sum(widths.values()) * _SLACK


