"""templates/print.css: a figure narrower than the text is centred under its caption (issue #10, reader:
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


def _page_style() -> str:
    """The CSS inside the embedded engine's HTML: the page template's own (it centres a figure's caption), its
    variables left out, and screen.css, inlined after it."""
    page = (PRINT_CSS.parent / "page.html").read_text(encoding="utf-8")
    own = page.split("<style>", 1)[1].split("</style>", 1)[0].split("$if(", 1)[0]
    return own + (PRINT_CSS.parent / "screen.css").read_text(encoding="utf-8")


def test_figure_and_table_captions_start_at_the_text_s_left_edge():
    """Issue #10, reader 12a: figure captions were centred in the PDF while table captions were left-aligned (the HTML
    left-aligns both): print.css, a stylesheet handed to WeasyPrint, loses to the page's own CSS."""
    words = "A caption long enough to wrap onto a second line of the page, " * 3
    floats = "".join(
        f"<div id='{kind}-x' class='quarto-float quarto-figure quarto-figure-center'><figure class='quarto-float "
        f"quarto-float-{kind}'><figcaption class='quarto-float-caption quarto-float-{kind}'>{kind}. {words}"
        "</figcaption><div class='alsr-figure'><svg xmlns='http://www.w3.org/2000/svg' width='200pt' height='50pt'>"
        "<rect width='10' height='10'/></svg></div></figure></div>" for kind in ("tbl", "fig"))
    html = f"<html><head><style>{_page_style()}</style></head><body><main>{floats}</main></body></html>"
    document = weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS)), weasyprint.CSS(string=PAGE)])
    page = document.pages[0]._page_box
    lines = [b for b in page.descendants() if type(b).__name__ == "LineBox" and b.element is not None
             and b.element.tag.endswith("figcaption")]
    starts = {(b.element.get("class") or "").split()[-1]: [] for b in lines}
    for b in lines:
        starts[(b.element.get("class") or "").split()[-1]].append(
            round(min(c.position_x for c in b.children) - page.content_box_x()))
    assert starts == {"quarto-float-tbl": [0, 0], "quarto-float-fig": [0, 0]}, starts
