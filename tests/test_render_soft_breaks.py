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
