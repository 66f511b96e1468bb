"""alsreport.render.page_boxes: what WeasyPrint printed on each page, as the float placement reads it."""

from __future__ import annotations

import pytest

from alsreport.render.page_boxes import first_float, page_fills, printed_heights

weasyprint = pytest.importorskip("weasyprint")

CSS = "@page { size: A4; margin: 20mm; } body { margin: 0; } div { margin: 0; } .quarto-float { break-inside: avoid; }"


def _render(body: str):
    html = weasyprint.HTML(string=f"<html><body>{body}</body></html>")
    return html.render(stylesheets=[weasyprint.CSS(string=CSS)])


def _image(height_mm: float) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" style="display: block; width: 10mm; height: {height_mm}mm" '
            'viewBox="0 0 10 10"><rect width="10" height="10"/></svg>')


def test_page_fills_first_float_and_printed_heights():
    # A4 less 2 x 20 mm margins: 257 mm of content; an image 100 mm high fills 100/257 of it (down to its lowest
    # line, image or table row)
    body = (_image(100) + f'<div id="F1" class="quarto-float">{_image(200)}</div>')
    document = _render(body)
    fills = page_fills(document)
    assert len(fills) == 2
    assert fills[0] == pytest.approx(100 / 257, abs=0.01)     # the figure did not fit: it starts page 2
    assert fills[1] == pytest.approx(200 / 257, abs=0.01)
    assert first_float(document.pages[0]) is None
    assert first_float(document.pages[1]).get("id") == "F1"
    heights = printed_heights(document)
    float_el = first_float(document.pages[1])
    assert heights[id(float_el)] == pytest.approx(200 / 25.4 * 96, rel=0.01)
