"""templates/manuscript-print.css: the supplementary section's heading and sentence go with Table S1 (issue #10,
second reader: they were alone on a portrait page, 73 % blank, before a landscape Table S1). Small documents laid out
by WeasyPrint with the bundled print stylesheets (well under a second each)."""

from __future__ import annotations

from pathlib import Path

import pytest

weasyprint = pytest.importorskip("weasyprint")

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def _pages(landscape: bool) -> list[tuple[bool, str]]:
    """(landscape?, text) of each page of a references list and a supplementary section with one table."""
    rows = "".join(f"<tr><td>Series {k}</td><td>{k}</td></tr>" for k in range(12))
    html = ("<html><body><main><section id='sec-references' class='level2 unnumbered'><h2>References</h2>"
            + "<p>1. A reference of the manuscript.</p>" * 3 + "</section>"
            "<section id='sec-supplement' class='level2 unnumbered'><h2 class='unnumbered'>Supplementary material</h2>"
            "<p>Table S1 gives the change from Month 0.</p>"
            f"<div class='alsr-table alsr-supplement{' alsr-landscape' if landscape else ''}'>"
            "<p class='alsr-supplement-caption'>Table S1. Change.</p>"
            f"<table class='gt_table'><tbody>{rows}</tbody></table></div></section></main></body></html>")
    document = weasyprint.HTML(string=html).render(stylesheets=[
        weasyprint.CSS(filename=str(TEMPLATES / "print.css")),
        weasyprint.CSS(filename=str(TEMPLATES / "manuscript-print.css"))])
    return [(page.width > page.height,
             " ".join(b.text for b in page._page_box.descendants() if getattr(b, "text", None)))
            for page in document.pages]


def test_the_supplement_heading_and_sentence_go_with_a_landscape_table_s1():
    pages = _pages(landscape=True)
    assert [turned for turned, _ in pages] == [False, True], pages
    assert "References" in pages[0][1] and "Supplementary material" not in pages[0][1]
    assert "Supplementary material" in pages[1][1] and "Table S1 gives" in pages[1][1] and "Series 11" in pages[1][1]


def test_the_supplement_heading_stays_with_a_portrait_table_s1():
    pages = _pages(landscape=False)
    assert [turned for turned, _ in pages] == [False]
    assert "Supplementary material" in pages[0][1] and "Series 11" in pages[0][1]
