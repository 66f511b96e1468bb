"""alsreport.render.section_tails: the last of a run of landscape pages, half empty before a portrait page, takes a
section from the page before (issue #10, reader 8: the six-visit ethics report's serious-event and death listings on
a landscape page 49 % full). Small documents laid out by WeasyPrint itself."""

from __future__ import annotations

import pytest

from alsreport.render.float_flow import MIN_FILL, layout_with_floats_deferred, page_fills

weasyprint = pytest.importorskip("weasyprint")

CSS = """@page { size: A4; margin: 20mm; } @page wide { size: A4 landscape; margin: 20mm; }
body { font: 11pt serif; margin: 0; } p { margin: 0 0 4mm; } h2 { break-after: avoid; }
#sec-ae { page: wide; } #sec-after { page: text; }"""
TEXT = "<p>" + "Words that fill a line of text in the body of the report. " * 9 + "</p>"


def _layout(paragraphs: list[int], defer: bool = True):
    sections = "".join(f"<section id='sec-{k}' class='level2'><h2>Section {k}</h2>{TEXT * n}</section>"
                       for k, n in enumerate(paragraphs))
    html = weasyprint.HTML(string=(
        f"<html><body><main><section id='sec-ae' class='level1'>{sections}</section>"
        f"<section id='sec-after' class='level1'><h1>After</h1>{TEXT}</section></main></body></html>"))
    render = lambda: html.render(stylesheets=[weasyprint.CSS(string=CSS)])  # noqa: E731
    document = layout_with_floats_deferred(html, render) if defer else render()
    text = [" ".join(b.text for b in p._page_box.descendants() if getattr(b, "text", None)) for p in document.pages]
    return page_fills(document), [p.width > p.height for p in document.pages], text


def test_the_last_landscape_page_takes_a_section_from_the_page_before():
    sections = [2, 2, 3, 3]
    before, wide, _ = _layout(sections, defer=False)
    assert wide == [True, True, False] and before[1] < MIN_FILL, before
    after, wide, text = _layout(sections)
    assert wide == [True, True, False]
    assert min(after[:2]) >= MIN_FILL, after
    assert text[1].startswith("Section 2") or text[1].startswith("Section 3"), text[1][:40]


def test_a_full_enough_last_landscape_page_is_left_as_it_is():
    sections = [3, 3, 3, 2]
    before, wide, _ = _layout(sections, defer=False)
    assert wide == [True, True, False] and before[1] >= MIN_FILL, before
    assert _layout(sections)[0] == before
