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

from alsreport.present.tables.width import (  # one estimate for the tables and the page layout
    COMPACT_FONT_PX,
    LANDSCAPE_PX,
    PORTRAIT_PX,
    PRINT_FONT_PX,
    estimate_width_px,
)

__all__ = ["PORTRAIT_PX", "LANDSCAPE_PX", "PRINT_FONT_PX", "COMPACT_FONT_PX", "estimate_width_px", "layout_class"]


def layout_class(markup: str) -> str:
    """``""``, ``"alsr-landscape"`` or ``"alsr-landscape alsr-compact"`` for a table's HTML."""
    if estimate_width_px(markup) <= PORTRAIT_PX:
        return ""
    if estimate_width_px(markup) <= LANDSCAPE_PX:
        return "alsr-landscape"
    return "alsr-landscape alsr-compact"
