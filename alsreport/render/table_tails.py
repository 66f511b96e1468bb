"""The last rows of a table alone on a page: the table's rows shared evenly over its pages.

A table continued over landscape pages (Table 4, Table S1 of the example) can end with a few rows and its notes
on a page of their own, half empty, and nothing can fill it: the page after it is portrait, and text is never set
on a landscape page (issue #10, reader 7: the example's pages 14 and 23, 49 % and 30 % full). A typesetter breaks
such a table so that its pages are about equally full: :func:`balance_table_tails` sets a page break before the
rows where each of the table's pages should end, and the float placement (:mod:`alsreport.render.float_flow`)
lays the document out again.

A break goes before a body row, never between a group's heading row and its first row, before the notes, and leaves
at least :data:`MIN_ROWS` body rows (group heading rows not counted) on each page (the print stylesheet keeps as many
together). A table that starts under text is not shared evenly: its first page is already fuller than the pages'
mean, and that broke the six-visit manuscript's Table 6 after its first row, 30 % of the page left blank, the other
rows on the next page (issue #10, reader 8). Over two pages, its break moves up only as far as makes the emptier page
fullest (:func:`_under_text`), and not where the page after the tail starts with a landscape float: the float
placement may move that float after the text that follows it, which then fills the tail's page (Table 6's case).
"""

from __future__ import annotations

from alsreport.render.page_boxes import classes, first_float, heading_before, page_fills

__all__ = ["BALANCED", "balance_table_tails"]

#: Set on a table whose rows were shared over its pages (once: a further pass does not move the breaks again).
BALANCED = "data-alsr-balanced"
#: Body rows (not group heading rows, not notes) each page of a balanced table keeps at least.
MIN_ROWS = 3
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


def _breakable(rows: list, k: int, since: int) -> bool:
    """Whether a page may start with row ``k`` (of the whole table's rows, in order) when the page before started with
    row ``since``: not the notes, not a group's first row, and :data:`MIN_ROWS` body rows on either side."""
    el, before = rows[k].element, rows[k - 1].element
    return (not classes(el) & _NOTES and "gt_group_heading_row" not in classes(before)
            and sum(map(_body, rows[since:k])) >= MIN_ROWS and sum(map(_body, rows[k:])) >= MIN_ROWS)


def _first_rows_height(rows: list) -> float | None:
    """The height of the table's rows down to its :data:`MIN_ROWS`-th body row; None where it has fewer."""
    height, body = 0.0, 0
    for row in rows:
        height += row.margin_height()
        body += _body(row)
        if body >= MIN_ROWS:
            return height
    return None


def _run(document, i: int, table_id: int) -> list[int]:
    """The pages (same size, one after another, ending at page ``i``) on which the table is printed."""
    pages, run = document.pages, [i]
    while run[0] > 0:
        j = run[0] - 1
        if (pages[j].width, pages[j].height) != (pages[i].width, pages[i].height) \
                or table_id not in _tables(pages[j]._page_box):
            break
        run.insert(0, j)
    return run


def _balance(document, run: list[int], table_id: int, fills: list[float], under_text: bool = True) -> bool:
    """Set page breaks before the rows that share the table's body rows evenly over the pages of ``run``; a table that
    starts under text, over two pages, only where ``under_text`` (:func:`_under_text`)."""
    height = document.pages[run[0]]._page_box.height
    rows, starts = [], []
    for j in run:
        starts.append(len(rows))
        rows += _body_rows(_tables(document.pages[j]._page_box)[table_id])
    if len({id(r.element) for r in rows}) != len(rows) or len(rows) < 8:
        return False                # a row split over pages, or too few to share
    target = sum(fills[j] for j in run) * height / len(run)
    # what each page holds besides its body rows (caption, repeated header): its fill less its rows
    extra = [fills[j] * height - sum(r.margin_height() for r in rows[s:e])
             for j, s, e in zip(run, starts, [*starts[1:], len(rows)], strict=True)]
    first = _first_rows_height(rows)
    if first is None:
        return False
    if extra[0] + first > target:   # the table starts under text: no even share leaves its first page enough rows
        return under_text and len(run) == 2 and _set_breaks(
            _under_text(rows, starts[1], [fills[j] * height for j in run], height))
    breaks, used, page, since = [], extra[0], 0, 0
    for k, row in enumerate(rows):
        if used + row.margin_height() > target and page + 1 < len(run) and _breakable(rows, k, since):
            page, since = page + 1, k
            breaks.append(row.element)
            used = extra[page]
        used += row.margin_height()
    if len(breaks) != len(run) - 1 or used > height:
        return False
    return _set_breaks(breaks)


def _under_text(rows: list, on_first: int, filled: list[float], height: float) -> list:
    """A table over two pages that starts under text on the first: the row to start the second page with (as a
    list; ``on_first``: the rows the first page holds, ``filled``: the pages' filled heights) that makes the emptier
    page fullest, where that is fuller by a tenth of a page; ``[]`` otherwise. The
    first page keeps :data:`MIN_ROWS` body rows (the ethics report's adverse-event overview, under the exposure table
    and the section's text, left its last 10 rows on a page 34 % full before the landscape pages)."""
    best, score = None, min(filled) + 0.1 * height
    for k in range(1, on_first):
        if not _breakable(rows, k, 0):
            continue
        moved = sum(r.margin_height() for r in rows[k:on_first])
        first, second = filled[0] - moved, filled[1] + moved
        if second <= height and min(first, second) > score:
            best, score = rows[k].element, min(first, second)
    return [best] if best is not None else []


def _set_breaks(breaks: list) -> bool:
    for el in breaks:
        el.set("style", f"{el.get('style') or ''}; {_BREAK}".lstrip("; "))
    return bool(breaks)


def _float_first(page) -> bool:
    """Whether the page starts with a landscape float itself (no heading above it): the float placement may move it
    after the text that follows it, which then fills the page before (the six-visit manuscript's Table 7 after
    Table 6, whose tail was left alone on the page before it)."""
    first = first_float(page)
    return first is not None and "alsr-landscape" in classes(first) and not heading_before(page, first)


def balance_table_tails(document, min_fill: float) -> int:
    """For each page less than ``min_fill`` full that ends a table continued from the page before (same size) and
    is followed by a page of another size or by nothing, share the table's rows evenly over its pages (page breaks
    set in the HTML tree WeasyPrint parsed, for the next layout). Returns the number of tables balanced."""
    pages, fills, done = document.pages, page_fills(document), 0
    for i in range(1, len(pages)):
        nxt = pages[i + 1] if i + 1 < len(pages) else None
        if fills[i] >= min_fill or (nxt is not None and (nxt.width, nxt.height) == (pages[i].width, pages[i].height)):
            continue
        before = _tables(pages[i - 1]._page_box)
        for table_id, table_box in _tables(pages[i]._page_box).items():
            element = table_box.element
            if table_id not in before or element.get(BALANCED):
                continue
            element.set(BALANCED, "1")
            run = _run(document, i, table_id)
            if len(run) > 1 and _balance(document, run, table_id, fills, nxt is None or not _float_first(nxt)):
                done += 1
    return done
