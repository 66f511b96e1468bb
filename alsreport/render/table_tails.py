"""The last rows of a table alone on a page: the table's last two pages share them.

A table continued over landscape pages (Table 4, Table S1 of the example) can end with a few rows and its notes on a
page of their own, nearly empty, and nothing can fill it: the page after it is portrait, and text is never set on a
landscape page (issue #10, reader 7: the example's pages 14 and 23, 49 % and 30 % full); a portrait table before an
appendix that starts a new page likewise (the six-visit manuscript's Table S2 before the CONSORT checklist). Sharing the table's rows
evenly over all its pages (b9a1f96) left every page of a long table a fifth to a third blank (issue #10: the example's
Table 4 page 13, Table S1 pages 20-22). A typesetter fills each page of a continued table and evens out only the last
two, when the last would otherwise be nearly empty (under :data:`TAIL_FILL` of its height): :func:`balance_table_tails`
leaves the pages before the last two as WeasyPrint filled them and sets a page break before the row that makes the
last two about equally full; the float placement (:mod:`alsreport.render.float_flow`) lays the document out again.
A last page with fewer than :data:`TAIL_ROWS` of the table's rows is evened out too, however full its notes make it
(the example's Table S1: 3 rows and half a page of notes on a landscape page). A table that starts on the page before
its last and fits its last page whole starts there instead (its float or captioned block breaks before), the page
before kept ``min_fill`` full: a table that fits a page is not split (the example's Table S4, its caption and 9 rows
at the foot of a page, the rest on the next, half empty, before the CONSORT checklist; session 26 reader).

A break goes before a body row, never between a group's heading row and its first row, before the notes, and leaves
at least :data:`MIN_ROWS` body rows (group heading rows not counted) on each of the two pages (the print stylesheet
keeps as many together). A portrait table whose tail comes before a page that starts with a landscape float is left as
it is: the float placement may move that float after the text that follows it, which then fills the tail's page (the
six-visit manuscript's Table 6: issue #10, reader 8).
"""

from __future__ import annotations

from alsreport.render.page_boxes import classes, first_float, heading_before, is_float, page_fills, tag_name
from alsreport.render.soft_breaks import forced_start

__all__ = ["BALANCED", "TAIL_FILL", "TAIL_ROWS", "balance_table_tails", "continues_table", "ends_run",
           "few_rows_tail"]

#: Set on a table whose last page was considered (once: a further pass does not move the break again).
BALANCED = "data-alsr-balanced"
#: A table's last page less full than this (share of the content box's height) is "nearly empty" (a few rows and the
#: notes): it and the page before share their rows. A fuller one is left as it is: no blank space on the page before
#: is traded for it.
TAIL_FILL = 0.4
#: Body rows (not group heading rows, not notes) each page of a balanced table keeps at least.
MIN_ROWS = 3
#: A table's last page with fewer of its body rows than this holds "a few rows", however full its notes make it (the
#: example manuscript's Table S1: 3 rows and a half page of notes on a landscape page 50 % full: session 26 reader).
TAIL_ROWS = 2 * MIN_ROWS
_BREAK = "break-before: page"
_NOTES = {"gt_footnotes", "gt_sourcenotes"}


def _tables(page_box) -> dict[int, object]:
    """The table boxes printed on the page, keyed by the ``id`` of their element."""
    from weasyprint.formatting_structure import boxes

    return {id(b.element): b for b in page_box.descendants() if isinstance(b, boxes.TableBox) and b.element is not None}


def _body_rows(table_box) -> list:
    """The table's body rows printed on this page (header rows, repeated on each page, left out), as boxes."""
    from weasyprint.formatting_structure import boxes

    return [row for group in table_box.children if isinstance(group, boxes.TableRowGroupBox) and not group.is_header
            for row in group.children if isinstance(row, boxes.TableRowBox)]


def _body(row) -> bool:
    """Whether a row box is a body row: not a group heading row, not the notes."""
    return not classes(row.element) & (_NOTES | {"gt_group_heading_row"})


def _breakable(rows: list, k: int) -> bool:
    """Whether the second of two pages may start with row ``k`` (of the rows the two print, in order): not the notes,
    not a group's first row, and :data:`MIN_ROWS` body rows on either side."""
    el, before = rows[k].element, rows[k - 1].element
    return (not classes(el) & _NOTES and "gt_group_heading_row" not in classes(before)
            and sum(map(_body, rows[:k])) >= MIN_ROWS and sum(map(_body, rows[k:])) >= MIN_ROWS)


def _even_tail(document, i: int, table_id: int, fills: list[float], min_fill: float) -> bool:
    """Set a page break before the row that makes page ``i``, the table's last, and page ``i - 1`` about equally
    full (the emptier of the two fullest; page ``i - 1`` keeps :data:`MIN_ROWS` body rows and ``min_fill`` of its
    height: a half-empty page is not traded for a fuller last page); False where no row does better than the page as
    it is."""
    pages = document.pages
    height = pages[i]._page_box.height
    before = _body_rows(_tables(pages[i - 1]._page_box)[table_id])
    rows = before + _body_rows(_tables(pages[i]._page_box)[table_id])
    if len({id(r.element) for r in rows}) != len(rows):
        return False                # a row split over the pages
    best, score, moved = None, fills[i] * height, 0.0
    for k in range(len(before) - 1, 0, -1):
        moved += rows[k].margin_height()
        first, last = fills[i - 1] * height - moved, fills[i] * height + moved
        if last > height or first < min_fill * height:
            break
        if _breakable(rows, k) and min(first, last) > score:
            best, score = rows[k].element, min(first, last)
    if best is None:
        return False
    best.set("style", f"{best.get('style') or ''}; {_BREAK}".lstrip("; "))
    return True


def _wrapper(element, parents: dict):
    """The outermost block that holds the table with its caption: a float or an ``alsr-table`` block (a supplementary
    table's), else the table itself."""
    out, node = element, parents.get(element)
    while node is not None and tag_name(node) not in {"section", "main", "body"}:
        if is_float(node) or "alsr-table" in classes(node):
            out = node
        node = parents.get(node)
    return out


def _start_on_last(document, i: int, table_box, fills: list[float], min_fill: float) -> bool:
    """Set a page break before the table (its float or captioned block) that ends on page ``i``, where all of it fits
    on that page and the page before keeps ``min_fill`` of its height: a table that fits a page is not split (the
    example manuscript's Table S4: its caption and 9 rows at the foot of page 24, the rest on page 25, half empty,
    before the CONSORT checklist's page: session 26 reader). False where it does not fit, or starts on an earlier
    page."""
    from weasyprint.formatting_structure import boxes

    pages = document.pages
    before, height = pages[i - 1]._page_box, pages[i]._page_box.height
    root = next(c.element for c in before.children if not isinstance(c, boxes.MarginBox))
    parents = {child: parent for parent in root.iter() for child in parent}
    wrapper = _wrapper(table_box.element, parents)
    tops = [b.position_y for b in before.descendants() if b.element is wrapper]
    if not tops or (i > 1 and any(b.element is wrapper for b in pages[i - 2]._page_box.descendants())):
        return False
    first = min(tops) - before.content_box_y()
    last = fills[i] * height + fills[i - 1] * height - first
    if last > height or first < min_fill * height:
        return False
    wrapper.set("style", f"{wrapper.get('style') or ''}; {_BREAK}".lstrip("; "))
    return True


def _float_first(page) -> bool:
    """Whether the page starts with a landscape float itself (no heading above it): the float placement may move it
    after the text that follows it, which then fills the page before (the six-visit manuscript's Table 7 after
    Table 6, whose tail was left alone on the page before it)."""
    first = first_float(page)
    return first is not None and "alsr-landscape" in classes(first) and not heading_before(page, first)


def ends_run(document, i: int) -> bool:
    """Whether nothing after page ``i`` can fill it: it is the last page, or the next is of another size or starts
    with a page break of the stylesheet's (an appendix; not one the float placement set, which a later layout may
    drop)."""
    pages = document.pages
    if i + 1 >= len(pages):
        return True
    nxt = pages[i + 1]
    if (nxt.width, nxt.height) != (pages[i].width, pages[i].height):
        return True
    element = forced_start(nxt)
    return element is not None and "break-before" not in (element.get("style") or "")


def _few_rows(table_box) -> bool:
    """Whether the table prints fewer than :data:`TAIL_ROWS` of its body rows on this page."""
    return sum(map(_body, _body_rows(table_box))) < TAIL_ROWS


def few_rows_tail(document, i: int) -> bool:
    """Whether page ``i`` ends a table continued from the page before with fewer than :data:`TAIL_ROWS` body rows."""
    before = _tables(document.pages[i - 1]._page_box) if i > 0 else {}
    return any(t in before and _few_rows(box) for t, box in _tables(document.pages[i]._page_box).items())


def continues_table(document, i: int) -> bool:
    """Whether page ``i`` prints a table the page before prints too (the page is a continuation page of a table)."""
    return i > 0 and bool(_tables(document.pages[i]._page_box).keys() & _tables(document.pages[i - 1]._page_box).keys())


def balance_table_tails(document, min_fill: float, skip: set[int] | frozenset[int] = frozenset()) -> int:
    """For each page less than :data:`TAIL_FILL` full that ends a table continued from the page before (same size)
    and before a page nothing can fill it from (:func:`ends_run`): a page break that moves the last rows of the page before
    onto it, so that the two are about equally full, the page before at least ``min_fill`` full (:func:`_even_tail`;
    set in the HTML tree WeasyPrint parsed, for the next layout); not the pages (indices) in ``skip``, which the float
    placement changes in the same pass. Returns the number of tables whose break was set."""
    pages, fills, done = document.pages, page_fills(document), 0
    for i in range(1, len(pages)):
        nxt = pages[i + 1] if i + 1 < len(pages) else None
        if i in skip or not ends_run(document, i):
            continue
        if (pages[i - 1].width, pages[i - 1].height) != (pages[i].width, pages[i].height):
            continue
        if nxt is not None and _float_first(nxt):
            continue                # the float placement may fill the page with the text after the float
        before = _tables(pages[i - 1]._page_box)
        for table_id, table_box in _tables(pages[i]._page_box).items():
            element = table_box.element
            if table_id not in before or element.get(BALANCED):
                continue
            if _start_on_last(document, i, table_box, fills, min_fill):
                element.set(BALANCED, "1")
                done += 1
            elif fills[i] < TAIL_FILL or _few_rows(table_box):
                element.set(BALANCED, "1")
                done += _even_tail(document, i, table_id, fills, min_fill)
    return done
