"""How well a layout fills its pages: what the float placement (:mod:`alsreport.render.float_flow`) minimises, and
when one more layout is due."""

from __future__ import annotations

from alsreport.render.page_boxes import classes, first_float, is_float, page_fills
from alsreport.render.soft_breaks import hard_start
from alsreport.render.table_tails import TAIL_FILL, continues_table, ends_run, few_rows_tail

__all__ = ["MIN_FILL", "TARGET_FILL", "second_move_due", "shortfall"]

#: A page less full than this (share of the content box's height) is "half empty": no page before a float may be.
MIN_FILL = 0.6
#: The passes act on pages less full than this before a float (a page 60-70 % full with the float pushed to the next
#: page and no text continuing looked half empty to a reader, issue #10), and minimise the shortfall below it.
TARGET_FILL = 0.75
#: What a table broken over pages before a turn or a forced break costs, whatever its pages' fill: a layout that
#: sets it whole on one page is the better where the pages are as full (the example manuscript's Table S4, its
#: caption and 9 rows at the foot of page 24 and the rest on page 25 before the CONSORT checklist: session 26 reader).
SPLIT_COST = 0.05


def _fills_before_same_size(document) -> list[float]:
    """:func:`page_fills` of the pages followed by a page of the same size that does not start with a forced page
    break (a page before a landscape page, before an appendix that starts a new page, or the last page, may stay
    short: the six-visit manuscript's references ended on a page 29 % full before the CONSORT checklist once its
    landscape Table 7 went to the end of the page before, and that layout was dropped: issue #10, reader 8)."""
    pages, fills = document.pages, page_fills(document)
    return [f for f, p, n in zip(fills[:-1], pages[:-1], pages[1:], strict=True)
            if (p.width, p.height) == (n.width, n.height) and not hard_start(n)]


def shortfall(document) -> float:
    """How far the pages (not before a change of page size) are below :data:`TARGET_FILL` (ten times as much below
    :data:`MIN_FILL`: a half-empty page is never traded for fuller ones), and the portrait pages before a landscape
    page too (only below TARGET_FILL), and the last of landscape pages before a portrait one (ten times as much below
    MIN_FILL), and the last page of a table before a turn or a forced break (ten times as much below
    :data:`~alsreport.render.table_tails.TAIL_FILL`: the table's other pages are not emptied for it; below MIN_FILL
    where it holds fewer than :data:`~alsreport.render.table_tails.TAIL_ROWS` of the table's rows, its notes filling
    the rest), plus a little per page and :data:`SPLIT_COST` per table broken before a turn or a forced break: what the
    passes minimise."""
    pages, fills = document.pages, page_fills(document)
    before_turn = [f for f, p, n in zip(fills[:-1], pages[:-1], pages[1:], strict=True)
                   if p.width < p.height and (p.width, p.height) != (n.width, n.height)]
    tails = [_tail_short(document, i, fills[i]) for i in range(1, len(pages))]
    splits = sum(continues_table(document, i) and ends_run(document, i) for i in range(1, len(pages)))
    return len(pages) * 0.01 + SPLIT_COST * splits + sum(TARGET_FILL - f + 10 * max(0.0, MIN_FILL - f)
                                   for f in _fills_before_same_size(document) if f < TARGET_FILL) \
        + sum(TARGET_FILL - f for f in before_turn if f < TARGET_FILL) + 10 * sum(tails)


def _tail_short(document, i: int, fill: float) -> float:
    """How far page ``i`` is short as the last page of a table continued from the page before, before a page of
    another size or a forced page break (:mod:`alsreport.render.table_tails`: below ``TAIL_FILL``), or as the
    last of landscape pages before a portrait one (:mod:`alsreport.render.section_tails`: below :data:`MIN_FILL`)."""
    pages = document.pages
    size, before = (pages[i].width, pages[i].height), (pages[i - 1].width, pages[i - 1].height)
    nxt = pages[i + 1] if i + 1 < len(pages) else None
    turn = nxt is not None and (nxt.width, nxt.height) != size
    if before != size:
        return 0.0
    if nxt is None:
        return 0.0          # the document's last page may stay short
    if continues_table(document, i) and ends_run(document, i):
        return max(0.0, (MIN_FILL if few_rows_tail(document, i) else TAIL_FILL) - fill)
    return max(0.0, MIN_FILL - fill) if turn and size[0] > size[1] else 0.0


def second_move_due(document) -> bool:
    """Whether a portrait page short of :data:`TARGET_FILL` precedes a landscape page that starts with a landscape
    float moved once (:func:`alsreport.render.float_flow._plan_landscape` moves it again, to the page's end)."""
    fills, pages = page_fills(document), document.pages
    for i, (page, nxt) in enumerate(zip(pages[:-1], pages[1:], strict=True)):
        if fills[i] < TARGET_FILL and page.width < page.height and nxt.width > nxt.height:
            first = first_float(nxt)
            if is_float(first) and "alsr-landscape" in classes(first) and first.get("data-alsr-deferred") == "1":
                return True
    return False
