"""templates/print.css: a table that breaks over pages leaves no body row alone on a page (issue #10, reader's
report items 2 and 3: Table S1's last row on a page of its own, Table 4's header with one row). Small documents
laid out by WeasyPrint with the bundled print stylesheet (well under a second each)."""

from __future__ import annotations

from pathlib import Path

import pytest

weasyprint = pytest.importorskip("weasyprint")

PRINT_CSS = Path(__file__).resolve().parents[1] / "templates" / "print.css"
PAGE = "@page { size: A5; margin: 15mm; } body { margin: 0; font: 10pt serif; } p { margin: 0; }"


def _rows_per_page(lines_before: int, rows: int, group_at: int | None = None) -> list[int]:
    """Body rows of the table printed on each page (pages without any left out)."""
    return [p.count("alsr-row") for p in _pages(lines_before, rows, group_at)]


def _pages(lines_before: int, rows: int, group_at: int | None = None) -> list[list[str]]:
    """The table's body rows (their classes) printed on each page, pages without any left out."""
    body = "".join(
        ('<tr class="gt_group_heading_row"><th colspan="2">Group</th></tr>' if k == group_at else "")
        + f'<tr class="alsr-row"><td>Row {k}</td><td>{k}</td></tr>' for k in range(rows))
    html = ("<html><body><main>" + "<p>A line of text before the table.</p>" * lines_before
            + '<div class="alsr-table"><table class="gt_table"><thead><tr><th>Name</th><th>n</th></tr></thead>'
            f'<tbody class="gt_table_body">{body}</tbody></table></div></main></body></html>')
    document = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS)), weasyprint.CSS(string=PAGE)])
    pages = []
    for page in document.pages:
        rows_here = [b.element.get("class") for b in page._page_box.descendants()
                     if type(b).__name__ == "TableRowBox" and b.element is not None and b.element.get("class")]
        pages.append(rows_here)
    return [p for p in pages if "alsr-row" in p]


def _lines_per_page() -> int:
    """Paragraph lines that fill the first page (so that the table starts a set number of rows before its end)."""
    html = "<html><body><main>" + "<p>A line of text before the table.</p>" * 200 + "</main></body></html>"
    document = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS)), weasyprint.CSS(string=PAGE)])
    return sum(1 for b in document.pages[0]._page_box.descendants() if type(b).__name__ == "LineBox")


def test_a_table_starting_at_the_foot_of_a_page_keeps_at_least_three_rows_there_or_moves_whole():
    lines = _lines_per_page()
    for before in range(lines - 8, lines):         # the table starts 0-8 lines before the end of the page
        counts = _rows_per_page(before, 30)
        assert sum(counts) == 30
        assert all(c >= 3 for c in counts), (before, counts)


def test_a_table_ending_just_past_a_page_break_keeps_its_last_three_rows_together():
    for rows in range(20, 40):
        counts = _rows_per_page(0, rows)
        assert sum(counts) == rows
        assert all(c >= 3 for c in counts), (rows, counts)


def test_a_group_heading_row_stays_with_the_row_after_it():
    for at in range(8, 30):
        pages = _pages(0, 40, group_at=at)
        assert sum(p.count("alsr-row") for p in pages) == 40
        assert all(p[-1] == "alsr-row" for p in pages), (at, [p[-2:] for p in pages])


GROUPS = (6, 4, 7, 2, 5, 1, 8, 3, 6, 9, 5)      # rows per group: shorter and longer than 3


def _group_pages(lines_before: int) -> list[list[str]]:
    """A table of the :data:`GROUPS` (a heading row, class ``head g<k>``, then rows ``row g<k>``): the classes of its
    rows on each page."""
    body = "".join(
        f'<tr class="gt_group_heading_row head g{g}"><th colspan="2">Group {g}</th></tr>'
        + "".join(f'<tr class="row g{g}"><td>Row {k}</td><td>{k}</td></tr>' for k in range(size))
        for g, size in enumerate(GROUPS))
    html = ("<html><body><main>" + "<p>A line of text before the table.</p>" * lines_before
            + '<div class="alsr-table"><table class="gt_table"><thead><tr><th>Name</th><th>n</th></tr></thead>'
            f'<tbody class="gt_table_body">{body}</tbody></table></div></main></body></html>')
    document = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS)), weasyprint.CSS(string=PAGE)])
    pages = [[b.element.get("class") for b in page._page_box.descendants()
              if type(b).__name__ == "TableRowBox" and b.element is not None and b.element.get("class")]
             for page in document.pages]
    return [p for p in pages if p]


def test_a_group_heading_keeps_three_rows_of_its_group_and_a_group_ends_with_three_on_a_page():
    """Issue #10, second reader: a group heading with one row of its group at the foot of a page (Table 3 'CSF —
    biochemical', the harms table's 'By infusion', Table S1 'Month 2 vs Month 0'), or a group's last row alone on the
    next page: the 3-row rule counted the heading row as a row. A group heading now has at least 3 rows of its group
    on its page (all of them when fewer) and a group broken over pages has at least 3 rows on each."""
    lines = _lines_per_page()
    for before in range(lines - 14, lines - 1):     # the table's rows meet the page break at every row of a group
        pages = _group_pages(before)
        printed = [c for p in pages for c in p]
        assert sum(c.startswith("row") for c in printed) == sum(GROUPS)
        for page in pages:
            for g, size in enumerate(GROUPS):
                rows = sum(c == f"row g{g}" for c in page)
                assert rows == 0 or rows >= min(3, size), (before, g, [p[:2] + p[-2:] for p in pages])
                if f"head g{g}" in page:
                    assert rows >= min(3, size), (before, g, [p[-4:] for p in pages])
