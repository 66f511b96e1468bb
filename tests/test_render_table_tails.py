"""alsreport.render.table_tails: a table continued over landscape pages no longer ends with a few rows alone on a
nearly empty page (issue #10, reader 7: the example's Table 4 and Table S1 tails, 49 % and 30 % full), and its other
pages stay full (issue #10: sharing the rows evenly over all its pages left the example's Table 4 page 13 30 % blank,
Table S1's pages 20-22 22 %)."""

from __future__ import annotations

import re

import pytest

from alsreport.render.float_flow import MIN_FILL, layout_with_floats_deferred, page_fills
from alsreport.render.table_tails import TAIL_FILL

weasyprint = pytest.importorskip("weasyprint")

CSS = """@page { size: A4; margin: 20mm; } @page wide { size: A4 landscape; margin: 20mm; }
body { font: 11pt serif; margin: 0; page: text; } p { margin: 0 0 4mm; }
.alsr-landscape { page: wide; } table { border-collapse: collapse; } td, th { padding: 1mm; }
thead { display: table-header-group; } tr { break-inside: avoid; }"""


def _document(rows: int, defer: bool):
    body = "".join(f"<tr><td>row {k}</td><td>{k * 7}</td></tr>" for k in range(1, rows + 1))
    html = weasyprint.HTML(string=(
        "<html><body><main><section class='level2'><p>Text before the table.</p>"
        "<div id='tbl-wide' class='quarto-float alsr-landscape'><figure><figcaption>Table 4</figcaption>"
        f"<table><thead><tr><th>Analyte</th><th>Value</th></tr></thead><tbody>{body}</tbody></table></figure></div>"
        "</section><section class='level2'><p>Text after the table.</p></section></main></body></html>"))
    render = lambda: html.render(stylesheets=[weasyprint.CSS(string=CSS)])  # noqa: E731
    document = layout_with_floats_deferred(html, render) if defer else render()
    text = [" ".join(b.text for b in p._page_box.descendants() if getattr(b, "text", None)) for p in document.pages]
    return document, text


def _rows_printed(text: list[str]) -> list[int]:
    return [int(k) for k in re.findall(r"row (\d+)", " ".join(text))]


def test_a_table_s_last_rows_are_not_left_alone_on_a_landscape_page():
    before, _ = _document(30, defer=False)
    sizes = [p.width > p.height for p in before.pages]
    assert sizes == [False, True, True, False], sizes
    assert page_fills(before)[2] < TAIL_FILL            # the tail: a few rows under the repeated header
    after, text = _document(30, defer=True)
    fills = page_fills(after)
    assert [p.width > p.height for p in after.pages] == sizes
    assert min(fills[1:3]) >= MIN_FILL and abs(fills[1] - fills[2]) < 0.1, fills     # the last two share the rows
    assert _rows_printed(text[1:3]) == list(range(1, 31))    # every row once, in order
    assert " ".join(text[1:3]).count("Analyte") == 2 and "row 30" in text[2] and "row 1" in text[1]


def test_the_pages_of_a_long_table_but_the_last_two_stay_full():
    """100 rows over five landscape pages, 12 % of the last filled as WeasyPrint breaks them: the first three stay full,
    the last two share what remains, the one before the last kept at least 60 % full (main shared the rows over all
    five pages, each a quarter blank)."""
    before, _ = _document(100, defer=False)
    assert [round(f, 1) for f in page_fills(before)[1:-1]] == [1.0, 1.0, 1.0, 1.0, 0.1]
    after, text = _document(100, defer=True)
    fills = page_fills(after)[1:-1]
    assert len(fills) == 5
    assert fills[:3] == page_fills(before)[1:4] and min(fills[:3]) > 0.95, fills
    assert fills[3] >= MIN_FILL and fills[4] >= TAIL_FILL, fills     # the last two share what remains
    assert _rows_printed(text) == list(range(1, 101))


def test_a_table_whose_last_page_is_not_nearly_empty_is_left_as_it_is():
    """34 rows: the last page 46 % full, the page before full; both are left so (main made them 71 % and 71 %)."""
    before, _ = _document(34, defer=False)
    assert TAIL_FILL <= page_fills(before)[2] < MIN_FILL
    after, _ = _document(34, defer=True)
    assert page_fills(after) == page_fills(before)


def test_a_table_that_fills_its_last_page_is_left_as_it_is():
    before, _ = _document(40, defer=False)
    assert len(before.pages) == 4 and page_fills(before)[2] >= MIN_FILL
    after, _ = _document(40, defer=True)
    assert page_fills(after) == page_fills(before)


def _under_text(paragraphs: int, section: bool = False):
    """A portrait page of text, then a table (three groups of 6 rows) that starts under it and ends on the next page,
    then a landscape table (``section``: in a section printed on landscape pages, under its heading)."""
    from alsreport.render.table_tails import balance_table_tails

    groups = "".join(f"<tr class='gt_group_heading_row'><th colspan='2'>Group {g}</th></tr>"
                     + "".join(f"<tr><th class='gt_stub'>row {g}.{k}</th><td>{k}</td></tr>" for k in range(1, 7))
                     for g in range(1, 4))
    text = "<p>" + "Words of the text before the table. " * 40 + "</p>"
    html = weasyprint.HTML(string=(
        f"<html><body><main><section class='level2'>{text * paragraphs}"
        "<div id='tbl-ae' class='quarto-float'><figure><figcaption>Table 6</figcaption>"
        f"<table><thead><tr><th>Event</th><th>n</th></tr></thead><tbody>{groups}</tbody></table></figure></div>"
        + ("<section style='page: wide'><h2>Wide</h2>" if section else "")
        + "<div id='tbl-wide' class='quarto-float alsr-landscape'><table><tr><td>wide</td></tr></table></div>"
        + ("</section>" if section else "") + "</section></main></body></html>"))
    document = html.render(stylesheets=[weasyprint.CSS(string=CSS)])
    rows = [el for el in html.etree_element.iter() if el.tag.endswith("tr")]
    return document, balance_table_tails(document, MIN_FILL), rows, html


def test_a_table_that_starts_under_text_is_not_broken_after_its_first_rows():
    """Issue #10, reader 8: the six-visit manuscript's Table 6 started under two thirds of a page of text and ended on
    the next page (before a landscape page) with a few rows; sharing its rows "evenly" over the two pages set a page
    break before its second body row (the first page already fuller than the mean), leaving the caption, the header
    and one row at the foot of a page 30 % blank. Its first page keeps at least 3 body rows, here all WeasyPrint put
    there."""
    document, balanced, rows, _ = _under_text(2)
    fills = page_fills(document)
    assert [p.width > p.height for p in document.pages] == [False, False, True], fills
    assert fills[0] > 0.9 and fills[1] < TAIL_FILL        # the table continued: a short page before the landscape one
    assert balanced == 0
    assert not [r for r in rows if "break-before" in (r.get("style") or "")]


def test_a_table_under_text_before_a_landscape_section_moves_its_break_up_as_far_as_fills_its_last_page():
    """Issue #10, reader 8: the six-visit ethics report's adverse-event overview, under the exposure table and the
    section's text, left its last rows alone on a page 34 % full before the landscape pages (the section turns them:
    no float moves there). The break moves up so that the emptier page is fullest: here before the table itself, which
    fits its last page whole (the page before 61 % full, the table's 59 %; main broke it between two of its
    rows, 3 body rows kept on the first page)."""
    document, balanced, rows, html = _under_text(2, section=True)
    fills = page_fills(document)
    assert [p.width > p.height for p in document.pages] == [False, False, True], fills
    assert fills[0] > 0.9 and fills[1] < MIN_FILL
    assert balanced == 1
    assert not [r for r in rows if "break-before" in (r.get("style") or "")]
    assert "break-before: page" in html.etree_element.find(".//*[@id='tbl-ae']").get("style")
    after = page_fills(html.render(stylesheets=[weasyprint.CSS(string=CSS)]))
    assert min(after[:2]) > fills[1] + 0.3 and after[0] >= MIN_FILL, (fills, after)


def test_a_tail_the_float_placement_changes_in_the_same_pass_is_left_for_the_next():
    """The ethics report's Table 10 ended on a page 38 % full before Table 11, which the same pass let split to start on
    that page: evening out Table 10's last two pages as well left the page before 34 % blank."""
    from alsreport.render.table_tails import balance_table_tails

    document, _ = _document(30, defer=False)
    assert balance_table_tails(document, MIN_FILL, skip={2}) == 0
    assert balance_table_tails(document, MIN_FILL) == 1


def _with_notes(rows: int, notes: int, defer: bool):
    """:func:`_document`'s landscape table with ``notes`` rows of long notes (``gt_footnotes``) under its body rows."""
    body = "".join(f"<tr><td>row {k}</td><td>{k * 7}</td></tr>" for k in range(1, rows + 1))
    foot = "".join(f"<tr class='gt_footnotes'><td colspan='2'>{'Words of a long table note. ' * 12}</td></tr>"
                   for _ in range(notes))
    html = weasyprint.HTML(string=(
        "<html><body><main><section class='level2'><p>Text before the table.</p>"
        "<div id='tbl-wide' class='quarto-float alsr-landscape'><figure><figcaption>Table S1</figcaption>"
        f"<table><thead><tr><th>Analyte</th><th>Value</th></tr></thead><tbody>{body}</tbody><tbody>{foot}</tbody>"
        "</table></figure></div></section><section class='level2'><p>Text after the table.</p></section>"
        "</main></body></html>"))
    render = lambda: html.render(stylesheets=[weasyprint.CSS(string=CSS)])  # noqa: E731
    document = layout_with_floats_deferred(html, render) if defer else render()
    text = [" ".join(b.text for b in p._page_box.descendants() if getattr(b, "text", None)) for p in document.pages]
    return document, text


def test_a_last_page_of_a_few_rows_and_long_notes_shares_the_rows_of_the_page_before():
    """The example manuscript's Table S1 ended on a landscape page with 3 rows and half a page of notes, 50 % full,
    above TAIL_FILL, so left as it was (session 26 reader). 26 rows and 3 notes: 23 rows and 3 rows + notes (51 %)
    as WeasyPrint breaks them; fewer than TAIL_ROWS rows on the last page: the two pages share the rows."""
    from alsreport.render.table_tails import TAIL_ROWS

    before, text = _with_notes(26, 3, defer=False)
    assert [len(_rows_printed([t])) for t in text[1:3]] == [23, 3]
    assert TAIL_FILL < page_fills(before)[2] < MIN_FILL
    after, text = _with_notes(26, 3, defer=True)
    fills = page_fills(after)
    assert [p.width > p.height for p in after.pages] == [p.width > p.height for p in before.pages]
    assert min(fills[1:3]) > 0.65 and abs(fills[1] - fills[2]) < 0.05, fills     # 51 % before
    assert len(_rows_printed([text[2]])) >= TAIL_ROWS
    assert _rows_printed(text[1:3]) == list(range(1, 27))


def test_a_table_that_fits_its_last_page_starts_there_whole():
    """The example manuscript's Table S4 (9 rows and its caption at the foot of page 24, the rest on page 25 half
    empty before the CONSORT checklist's page: session 26 reader). Six paragraphs, then a supplementary table of 20
    rows that WeasyPrint breaks after 2 (its last page 48 % full, above TAIL_FILL: main left it), then a section that
    starts a new page: the table starts on its last page, whole, the page before still over MIN_FILL."""
    text = "<p>" + "Words of the text before the table. " * 40 + "</p>"
    body = "".join(f"<tr><td>row {k}</td><td>{k * 7}</td></tr>" for k in range(1, 21))
    html = weasyprint.HTML(string=(
        f"<html><body><main><section class='level2'>{text * 6}"
        "<div class='alsr-table alsr-supplement'><p class='alsr-supplement-caption'>Table S4. Grades.</p>"
        f"<table><thead><tr><th>Grade</th><th>n</th></tr></thead><tbody>{body}</tbody></table></div></section>"
        "<section class='level2 appendix'><h2>Checklist</h2><p>Text after.</p></section></main></body></html>"))
    css = weasyprint.CSS(string=CSS + " .appendix { break-before: page; }")

    def pages(document):
        text = [" ".join(b.text for b in p._page_box.descendants() if getattr(b, "text", None))
                for p in document.pages]
        return [len(_rows_printed([t])) for t in text], ["Table S4" in t for t in text]

    before = html.render(stylesheets=[css])
    assert pages(before) == ([0, 2, 18, 0], [False, True, False, False])
    assert page_fills(before)[2] >= TAIL_FILL
    after = layout_with_floats_deferred(html, lambda: html.render(stylesheets=[css]))
    assert pages(after) == ([0, 0, 20, 0], [False, False, True, False])
    assert page_fills(after)[1] >= MIN_FILL
