"""templates/print.css: a figure narrower than the text is centred under its centred caption (issue #10, reader:
the trajectory figures were half the text width and left-aligned). A small WeasyPrint layout."""

from __future__ import annotations

from pathlib import Path

import pytest

weasyprint = pytest.importorskip("weasyprint")

PRINT_CSS = Path(__file__).resolve().parents[1] / "templates" / "print.css"
PAGE = "@page { size: A4; margin: 20mm; } body { margin: 0; }"


def test_a_narrow_figure_is_centred():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="100pt"><rect width="10" height="10"/></svg>'
    html = f"<html><body><main><div class='alsr-figure'>{svg}</div></main></body></html>"
    document = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS)), weasyprint.CSS(string=PAGE)])
    page = document.pages[0]._page_box
    box = next(b for b in page.descendants() if b.element is not None and b.element.tag.endswith("svg"))
    left = box.content_box_x() - page.content_box_x()
    right = page.content_box_x() + page.width - (box.content_box_x() + box.width)
    assert left > 50 and abs(left - right) < 2, (left, right)
