"""Tables that fit the printed page: portrait, landscape, or landscape in a smaller type.

A great-tables table keeps its cells on one line (``white-space: nowrap``), so a
table with many visit columns, or with every adverse-event grade, can be wider
than an A4 portrait text column; WeasyPrint then cuts it at the right margin.
:func:`layout_class` lays the table out alone with the print stylesheets
(:mod:`alsreport.documents.table_measure`: the real width, not an estimate) and
chooses the class of the table's float:

* ``""`` — fits the portrait text width;
* ``"alsr-landscape"`` — printed on an A4 landscape page (``print.css``);
* ``"alsr-landscape alsr-small"`` — landscape and 8 pt instead of 8.25 pt;
* ``"alsr-landscape alsr-compact"`` — landscape and 7.5 pt, only where 8 pt is too wide even there.

:func:`fit_table` also tries the table's narrower form (the biomarker tables' two lines per
row): portrait in either form first, then portrait in 8 pt (``"alsr-small"``, the ≥ 8 pt journals expect):
a table that fits the portrait column in 8 pt is never turned (the six-visit manuscript's Table 3, two
rows, had a landscape page of its own, half empty, between portrait pages: issue #10, reader 8; the
example's Table 4, 36 rows, two landscape pages, the second half empty). A short table (at most
:data:`SHORT_ROWS` body rows) too wide for that is set portrait in 7.5 pt (``"alsr-compact"``) where that
fits, as a landscape page of its own would be half empty (the issue allows ≥ 7 pt as the exception for
tables too wide otherwise); else landscape, the smaller types last.

The tests also check the printed PDF's word boxes against the page's content box.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from alsreport.documents.table_measure import TableMeasurer, default_stylesheets
from alsreport.present.tables.width import (  # the page sizes and type sizes the tables are made for
    COMPACT_FONT_PX,
    LANDSCAPE_PX,
    PORTRAIT_PX,
    PRINT_FONT_PX,
    SMALL_FONT_PX,
    estimate_width_px,
)

__all__ = ["PORTRAIT_PX", "LANDSCAPE_PX", "PRINT_FONT_PX", "SMALL_FONT_PX", "COMPACT_FONT_PX", "SHORT_ROWS",
           "estimate_width_px", "default_measurer", "fit_table", "layout_class"]

#: Rounding allowance when comparing a measured width with the text column (px).
_TOLERANCE_PX = 0.5
#: A table with at most this many body rows (group heading rows included) may be printed portrait in the smaller type
#: rather than on a landscape page of its own.
SHORT_ROWS = 8
_TBODY = re.compile(r"<tbody\b.*?</tbody>", re.S)


@lru_cache(maxsize=None)
def default_measurer(document: str = "manuscript") -> TableMeasurer:
    """A measurer with the bundled project's stylesheets for ``document`` (one per process: it keeps its
    measurements)."""
    from alsreport.documents.resources import project_dir

    return TableMeasurer(default_stylesheets(project_dir(), document))


def layout_class(markup: str, classes: str = "alsr-table", measurer: TableMeasurer | None = None) -> str:
    """``""``, ``"alsr-landscape"``, ``"alsr-landscape alsr-small"`` or ``"alsr-landscape alsr-compact"`` for a
    table's HTML, printed inside ``<div class=classes>``, from its width measured in the portrait text column."""
    measurer = measurer or default_measurer()
    width = measurer.width_px(markup, PORTRAIT_PX, classes)
    if width <= PORTRAIT_PX + _TOLERANCE_PX:
        return ""
    if width <= LANDSCAPE_PX + _TOLERANCE_PX:   # wider than the column: the table's min-content width
        return "alsr-landscape"
    if measurer.width_px(markup, PORTRAIT_PX, f"{classes} alsr-small") <= LANDSCAPE_PX + _TOLERANCE_PX:
        return "alsr-landscape alsr-small"
    return "alsr-landscape alsr-compact"        # 7.5 pt: too wide for a landscape page in 8 pt


def fit_table(markup: str, classes: str = "alsr-table", narrower: Callable[[], str] | None = None,
              measurer: TableMeasurer | None = None, short: bool = True) -> tuple[str, str]:
    """``(html, layout class)``: ``markup`` where it fits a portrait page, else the narrower form's HTML (built
    only then) where that fits one, else either form that fits a portrait page in 8 pt (``"alsr-small"``), else
    (``short`` and at most :data:`SHORT_ROWS` body rows) in 7.5 pt (``"alsr-compact"``: a landscape page of its own
    would be half empty), else whichever fits landscape in the largest type, ``markup`` first."""
    layout = layout_class(markup, classes, measurer)
    if not layout:
        return markup, layout
    other = narrower() if narrower is not None else None
    other_layout = layout_class(other, classes, measurer) if other is not None else layout
    if not other_layout:
        return other, other_layout
    # 8 pt is the least journals expect: any table that fits the portrait column in it is printed so (the example's
    # Table 4, 36 rows, 655 px in 8.25 pt and 635 px in 8 pt, had two landscape pages, the second half empty);
    # 7.5 pt only for a short table, whose landscape page of its own would be half empty
    sizes = ("alsr-small", "alsr-compact") if short and body_rows(markup) <= SHORT_ROWS else ("alsr-small",)
    for size in sizes:
        for form in (markup, other):
            if form is not None and _fits_portrait(form, f"{classes} {size}", measurer):
                return form, size
    if other is not None and _SIZES.index(_size(other_layout)) < _SIZES.index(_size(layout)):
        return other, other_layout
    return markup, layout


#: The layout classes' type sizes, largest first.
_SIZES = ("", "alsr-small", "alsr-compact")


def _size(layout: str) -> str:
    return next((s for s in _SIZES[1:] if s in layout.split()), "")


def body_rows(markup: str) -> int:
    """The rows of a table's body (``<tbody>``; group heading rows included)."""
    return sum(body.count("<tr") for body in _TBODY.findall(markup))


def _fits_portrait(markup: str, classes: str, measurer: TableMeasurer | None) -> bool:
    return (measurer or default_measurer()).width_px(markup, PORTRAIT_PX, classes) <= PORTRAIT_PX + _TOLERANCE_PX
