"""alsreport.render.soft_breaks: a section that starts a new page follows on the page before where that page would be
left half empty (issue #10, reader 8: the six-visit ethics report's exposure table alone on a page 36 % full before
the adverse events). Small documents laid out by WeasyPrint itself."""

from __future__ import annotations

import pytest

from alsreport.render.float_flow import MIN_FILL, layout_with_floats_deferred, page_fills

weasyprint = pytest.importorskip("weasyprint")

CSS = """@page { size: A4; margin: 20mm; } body { font: 11pt serif; margin: 0; } p { margin: 0 0 4mm; }
#sec-b { break-before: page; }"""
TEXT = "<p>" + "Words that fill a line of text in the body of the report. " * 9 + "</p>"


def _layout(before: int, soft: bool = True):
    cls = "level1 alsr-soft-break" if soft else "level1"
    html = weasyprint.HTML(string=(
        f"<html><body><main><section id='sec-a' class='level1'><h1>A</h1>{TEXT * before}</section>"
        f"<section id='sec-b' class='{cls}'><h1>B</h1>{TEXT * 4}</section></main></body></html>"))
    render = lambda: html.render(stylesheets=[weasyprint.CSS(string=CSS)])  # noqa: E731
    document = layout_with_floats_deferred(html, render)
    text = [" ".join(b.text for b in p._page_box.descendants() if getattr(b, "text", None)) for p in document.pages]
    return page_fills(document), text


def test_a_soft_break_after_a_half_empty_page_lets_the_section_follow_on_it():
    fills, text = _layout(3)
    assert len(fills) == 1 and "B" in text[0].split(), fills
    forced, text = _layout(3, soft=False)
    assert len(forced) == 2 and forced[0] < MIN_FILL and text[1].startswith("B")     # the stylesheet's break


def test_a_soft_break_after_a_page_full_enough_starts_a_new_page():
    fills, text = _layout(6)
    assert len(fills) == 2 and fills[0] >= MIN_FILL and text[1].startswith("B"), fills


def test_a_break_the_float_placement_set_is_not_a_forced_start():
    """Issue #10, reader 11: a page break the float placement set before a float (between floats WeasyPrint moves
    together) exempted the page before from the layout's score like the stylesheet's breaks, so a layout with a figure
    alone on a page 36 % full (the break planned for an earlier layout) was kept."""
    from alsreport.render.soft_breaks import PLACED, hard_start

    def pages(attr: str):
        html = weasyprint.HTML(string=f"<html><body><p>A</p><div id='f' style='break-before: page' {attr}>F</div>"
                                      "</body></html>")
        return html.render(stylesheets=[weasyprint.CSS(string=CSS)]).pages

    stylesheet, placed = pages(""), pages(f'{PLACED}="1"')
    assert len(stylesheet) == len(placed) == 2
    assert hard_start(stylesheet[1]) and not hard_start(placed[1])


def test_only_the_page_a_section_starts_is_a_forced_start_not_the_pages_it_runs_over():
    """Session 24: the example's laboratory safety section starts a new page and runs over six; WeasyPrint's
    fragments of it on the later pages keep its break-before, so every one counted as a forced start and the page
    before each was never scored short (page 14, 52 % full before Table 11, was kept)."""
    from alsreport.render.soft_breaks import hard_start

    html = weasyprint.HTML(string=(f"<html><body><section id='sec-a'><h1>A</h1>{TEXT}</section>"
                                   f"<section id='sec-b'><h1>B</h1>{TEXT * 20}</section></body></html>"))
    pages = html.render(stylesheets=[weasyprint.CSS(string=CSS)]).pages
    assert len(pages) >= 3
    assert [hard_start(p) for p in pages[1:]] == [True] + [False] * (len(pages) - 2)


def _with_table(before: int, rows: int):
    """Section B: a heading, a one-paragraph introduction and a table kept whole of ``rows`` rows."""
    table = ("<div id='tbl-b' class='quarto-float'><figure><figcaption>Table 4. B.</figcaption>"
             "<div class='alsr-table alsr-keep' style='break-inside: avoid'><table>"
             + "".join(f"<tr><td>row {k}</td></tr>" for k in range(rows)) + "</table></div></figure></div>")
    html = weasyprint.HTML(string=(
        f"<html><body><main><section id='sec-a' class='level1'><h1>A</h1>{TEXT * before}</section>"
        f"<section id='sec-b' class='level1 alsr-soft-break'><h1>B</h1>{TEXT}{table}</section></main></body></html>"))
    render = lambda: html.render(stylesheets=[weasyprint.CSS(string=CSS)])  # noqa: E731
    document = layout_with_floats_deferred(html, render)
    return [" ".join(b.text for b in p._page_box.descendants() if getattr(b, "text", None)) for p in document.pages]


def test_a_section_whose_first_table_would_not_fit_with_its_introduction_starts_a_new_page():
    """Issue #10, reader 12b item 6: the six-visit safety report's "5 Adverse events" and its one-paragraph
    introduction followed on the half-empty page before them, and their Table 4, kept whole, went on to the next:
    the introduction stood alone at the page's foot. The section starts its new page, as its stylesheet asks."""
    text = _with_table(3, 30)          # the page before is 45 % full; the section's lead to its table's foot 55 %
    assert len(text) == 2 and text[1].startswith("B Words") and "row 29" in text[1], text
    text = _with_table(3, 8)           # a short table fits with its introduction: the section follows
    assert len(text) == 1 and "B" in text[0].split() and "row 7" in text[0], text
