"""Tables that fit the printed page: portrait, landscape, or landscape in a smaller type.

A great-tables table keeps its cells on one line (``white-space: nowrap``), so a
table with many visit columns, or with every adverse-event grade, can be wider
than an A4 portrait text column; WeasyPrint then cuts it at the right margin.
:func:`layout_class` estimates the printed width from the table's HTML (the
widest cell of each column, headings included, in the print font size) and
chooses the class of the table's float:

* ``""`` — fits the portrait text width;
* ``"alsr-landscape"`` — printed on an A4 landscape page (``print.css``);
* ``"alsr-landscape alsr-compact"`` — landscape and 7.5 pt instead of 8.25 pt.

The estimate only chooses a layout (it errs on the wide side); the tests check
the printed PDF's word boxes against the page's content box.
"""

from __future__ import annotations

import html
import re

from alsreport.present.tables.style import text_width_px

__all__ = ["PORTRAIT_PX", "LANDSCAPE_PX", "PRINT_FONT_PX", "COMPACT_FONT_PX", "estimate_width_px", "layout_class"]

_MM = 96 / 25.4
#: Text width of an A4 page with 20 mm side margins, portrait and landscape (CSS px).
PORTRAIT_PX = 170 * _MM
LANDSCAPE_PX = 257 * _MM
#: Printed table font sizes (print.css): 8.25 pt, and 7.5 pt for compact tables.
PRINT_FONT_PX = 11.0
COMPACT_FONT_PX = 10.0
#: Left + right padding of a cell, px, with a margin for bold text and the estimate's error.
_PAD_PX = 8.0
_SLACK = 1.08

_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t([dh])\b([^>]*)>(.*?)</t\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _lines(cell: str) -> list[str]:
    text = re.sub(r"<br\s*/?>", "\n", cell)
    return [html.unescape(_TAG.sub("", line)).strip() for line in text.split("\n")]


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
                w = max((text_width_px(t, font_px) for t in _lines(cell.group(3))), default=0.0) + _PAD_PX
                widths[col] = max(widths.get(col, 0.0), w)
            col += n
    return sum(widths.values()) * _SLACK


def layout_class(markup: str) -> str:
    """``""``, ``"alsr-landscape"`` or ``"alsr-landscape alsr-compact"`` for a table's HTML."""
    if estimate_width_px(markup) <= PORTRAIT_PX:
        return ""
    if estimate_width_px(markup) <= LANDSCAPE_PX:
        return "alsr-landscape"
    return "alsr-landscape alsr-compact"
