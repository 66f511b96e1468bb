"""How well a layout fills its pages: what the float placement (:mod:`alsreport.render.float_flow`) minimises, and
when one more layout is due."""

from __future__ import annotations

from alsreport.render.page_boxes import classes, content_boxes, first_float, is_float, page_fills
from alsreport.render.soft_breaks import soft_start

__all__ = ["MIN_FILL", "TARGET_FILL", "second_move_due", "shortfall"]

#: A page less full than this (share of the content box's height) is "half empty": no page before a float may be.
MIN_FILL = 0.6
#: The passes act on pages less full than this before a float (a page 60-70 % full with the float pushed to the next
#: page and no text continuing looked half empty to a reader, issue #10), and minimise the shortfall below it.
TARGET_FILL = 0.75


def _fills_before_same_size(document) -> list[float]:
    """:func:`page_fills` of the pages followed by a page of the same size that does not start with a forced page
    break (a page before a landscape page, before an appendix that starts a new page, or the last page, may stay
    short: the six-visit manuscript's references ended on a page 29 % full before the CONSORT checklist once its
    landscape Table 7 went to the end of the page before, and that layout was dropped: issue #10, reader 8)."""
    pages, fills = document.pages, page_fills(document)
    return [f for f, p, n in zip(fills[:-1], pages[:-1], pages[1:], strict=True)
            if (p.width, p.height) == (n.width, n.height) and not _starts_with_break(n)]


def _starts_with_break(page) -> bool:
    """Whether the page's first block starts a new page by itself (``break-before: page``), not a section that may
    follow on the page before (:mod:`alsreport.render.soft_breaks`)."""
    if soft_start(page) is not None:
        return False
    for box in content_boxes(page._page_box):
        if box.element is not None and box.style["break_before"] in {"page", "left", "right", "recto", "verso"}:
            return True
        if getattr(box, "text", None):
            return False
    return False


def shortfall(document) -> float:
    """How far the pages (not before a change of page size) are below :data:`TARGET_FILL` (ten times as much below
    :data:`MIN_FILL`: a half-empty page is never traded for fuller ones), and the portrait pages before a landscape
    page too (only below TARGET_FILL), and the last of landscape pages before a portrait one (only below MIN_FILL),
    plus a little per page: what the passes minimise."""
    pages, fills = document.pages, page_fills(document)
    before_turn = [f for f, p, n in zip(fills[:-1], pages[:-1], pages[1:], strict=True)
                   if p.width < p.height and (p.width, p.height) != (n.width, n.height)]
    # the last page of a landscape run before a portrait page: a table's tail (:mod:`alsreport.render.table_tails`)
    tails = [f for f, b, p, n in zip(fills[1:-1], pages[:-2], pages[1:-1], pages[2:], strict=True)
             if p.width > p.height and (b.width, b.height) == (p.width, p.height) != (n.width, n.height)]
    return len(pages) * 0.01 + sum(TARGET_FILL - f + 10 * max(0.0, MIN_FILL - f)
                                   for f in _fills_before_same_size(document) if f < TARGET_FILL) \
        + sum(TARGET_FILL - f for f in before_turn if f < TARGET_FILL) + sum(10 * max(0.0, MIN_FILL - f) for f in tails)


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
