"""templates/screen.css on Quarto's page at 1280 px: a wide table (printed landscape) may take the empty room Quarto's grid
keeps left of the text column (page-start to body-content-start), as the embedded page's wide tables take theirs; a table
that fits the column stays aligned with the text. The six-visit AE-by-SOC table was held to the 802 px column beside the
TOC and wrapped its system organ classes onto four lines (issue #10, the 1280 px check)."""

from __future__ import annotations

import pytest

from alsreport.present.tables.exposure import exposure_table
from tables_fixtures import example_results
from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe
from test_templates_screen_ranges import _six_visit_results

#: Quarto 1.11's article grid (#quarto-content.page-columns) at 1280 px, its flexible tracks as Quarto writes them (5fr):
#: the text column 802 px wide, beside the TOC's track
GRID = ("[screen-start] 1.5em [screen-start-inset] 5fr [page-start page-start-inset] 35px [body-start-outset] 35px "
        "[body-start] 1.5em [body-content-start] 802px [body-content-end] 1.5em [body-end] 35px [body-end-outset] "
        "215px [page-end-inset] 35px [page-end] 5fr [screen-end-inset] 1.5em [screen-end]")

_PROBE = """<script>window.addEventListener("load", () => {
  const main = document.querySelector("#quarto-document-content").getBoundingClientRect();
  const [wide, narrow] = [...document.querySelectorAll(".gt_table")].map(t => t.getBoundingClientRect());
  const box = document.querySelector("#wide .alsr-table > div[id]");
  document.title = [main.left, main.right, wide.left, wide.right, narrow.left, box.scrollWidth - box.clientWidth]
    .map(Math.round).join(" ");
});</script>"""


def _float(ident: str, classes: str, table_html: str) -> str:
    return (f"<div id='{ident}' class='quarto-float {classes}'><figure><figcaption>Table 5. X.</figcaption>"
            f"<div class='alsr-table alsr-table-captioned'>{table_html}</div></figure></div>")


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_a_wide_table_takes_the_room_left_of_quartos_column_and_a_narrow_one_keeps_to_it(tmp_path):
    from alsreport.present.tables.biomarkers import biomarker_table

    wide = biomarker_table(_six_visit_results()).html   # 6 visits: wider than the column at the screen's type
    narrow = exposure_table(example_results()).html
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + f"body {{ margin: 0; }} figure {{ margin: 0 0 1rem; }} #quarto-content {{ display: grid; grid-template-columns: {GRID}; }}"
            "#quarto-document-content { grid-column: body-content-start / body-content-end; }"
            "</style></head><body><div id='quarto-content' class='page-columns'><main id='quarto-document-content'>"
            "<p>Text before.</p>" + _float("wide", "alsr-landscape", wide) + _float("narrow", "", narrow)
            + "<p>Text after.</p></main></div>" + _PROBE + "</body></html>")
    left, right, wide_left, wide_right, narrow_left, scroll = map(int, _layout_probe(html, tmp_path, 1280).split())
    room = 35 + 35 + 16 * 1.5
    assert right - left == 802 and left > room      # the grid has the room
    # wider than the column: it reaches into the room (as far as it needs, no further) and ends with the column
    assert left - room - 1 <= wide_left < left - 20 and abs(wide_right - right) <= 1 and scroll == 0
    assert narrow_left == left


_CAPTION = """<script>window.addEventListener("load", () => {
  const main = document.querySelector("#quarto-document-content").getBoundingClientRect();
  const caption = document.querySelector(".alsr-supplement-caption").getBoundingClientRect();
  const table = document.querySelector(".gt_table").getBoundingClientRect();
  document.title = [main.left, caption.left, table.left].map(Math.round).join(" ");
});</script>"""


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_a_supplementary_tables_caption_keeps_to_quartos_column(tmp_path):
    """Session 36 HTML reader: on Quarto's page the captions of Tables S1-S4, inside their .alsr-table, started 95 px
    left of the text column and of a table that fits it."""
    narrow = exposure_table(example_results()).html
    block = ("<div class='alsr-table alsr-table-captioned alsr-supplement'><p class='alsr-supplement-caption' "
             f"id='tbl-table-s1'>Table S1. X.</p>{narrow}</div>")
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + f"body {{ margin: 0; }} #quarto-content {{ display: grid; grid-template-columns: {GRID}; }}"
            "#quarto-document-content { grid-column: body-content-start / body-content-end; }"
            "</style></head><body><div id='quarto-content' class='page-columns'><main id='quarto-document-content'>"
            "<p>Text before.</p>" + block + "</main></div>" + _CAPTION + "</body></html>")
    left, caption, table = map(int, _layout_probe(html, tmp_path, 1280).split())
    assert caption == left == table


_SCROLL = """<script>window.addEventListener("load", () => {
  const box = document.querySelector("#narrow .alsr-table > div[id]");
  document.title = String(box.scrollWidth - box.clientWidth);
});</script>"""


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
@pytest.mark.parametrize("window", [1199, 1280, 1440, 1920])
def test_a_table_printed_portrait_in_the_normal_type_fits_beside_quartos_column(tmp_path, window):
    """Reader 13a, item 5: the example's Table 3 (biochemical and haematological markers, printed portrait in the normal
    type, so not a wide table) was 807 px in Quarto's 802 px column at every width from 1199 px and scrolled sideways;
    it now takes the room left of the column, as the wide tables do (Quarto 1.11's grid: the 802 px column from 1199 px,
    the room from 992 px)."""
    from alsreport.present.tables.biomarkers import biomarker_table

    table = biomarker_table(example_results(), ("biochemical", "haematological"), stacked=True).html
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + f"body {{ margin: 0; }} figure {{ margin: 0 0 1rem; }} #quarto-content {{ display: grid; grid-template-columns: {GRID}; }}"
            "#quarto-document-content { grid-column: body-content-start / body-content-end; }"
            "</style></head><body><div id='quarto-content' class='page-columns'><main id='quarto-document-content'>"
            "<p>Text before.</p>" + _float("narrow", "", table)
            + "<p>Text after.</p></main></div>" + _SCROLL + "</body></html>")
    assert int(_layout_probe(html, tmp_path, window)) <= 0


#: Quarto 1.11's article grid from 992 px (``body .page-columns`` in its Bootstrap CSS, as it writes it): the text column
#: minmax(500px, 802px) and the margin's minmax(75px, 145px) share what the fixed tracks leave; at 992 px (977 px
#: beside the scrollbar) the column is 596 px, the TOC 24 px right of it (body-end to page-end)
QUARTO_GRID = ("[screen-start] 1.5em [screen-start-inset] 5fr [page-start page-start-inset] 35px [body-start-outset] 35px "
               "[body-start] 1.5em [body-content-start] minmax(500px, calc(850px - 3em)) [body-content-end] 1.5em "
               "[body-end] 35px [body-end-outset] minmax(75px, 145px) [page-end-inset] 35px [page-end] 5fr "
               "[screen-end-inset] 1.5em [screen-end]")

_ROOM = """<script>window.addEventListener("load", () => {
  const d = document.documentElement, toc = document.querySelector("nav#TOC").getBoundingClientRect();
  const out = [d.scrollWidth - d.clientWidth];
  document.querySelectorAll(".alsr-table > div[id]").forEach(box => {
    const t = box.querySelector(".gt_table").getBoundingClientRect();
    out.push(box.id + ":" + (box.scrollWidth - box.clientWidth) + ":" + Math.round(t.left) + ":" + Math.round(toc.left - t.right));
  });
  document.title = out.join(" ");
});</script>"""


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
@pytest.mark.parametrize("window", [992, 1024, 1100, 1199])
def test_from_992_to_1199_px_every_table_fits_quartos_column_and_room_without_a_sideways_scroll(tmp_path, window):
    """Issue #10 (typography, HTML): in Quarto's page from 992 to 1199 px the column is 596 to 802 px and the room left
    of it 96 px; the example's Table 3 (stacked, printed portrait in the normal type) scrolled 112 px in its box at
    992 px and 80 px at 1024 px, the six-visit Tables 2 and 3 (printed small) 96 and 82 px at 992 px (measured in
    Chromium on real Quarto output). Each table here is as the reports print it, beside a TOC in Quarto's margin; no
    table scrolls, none reaches the window's edge or the TOC, and the page does not scroll sideways."""
    from alsreport.present.tables.biomarkers import biomarker_table

    six = _six_visit_results()
    tables = [("", biomarker_table(example_results(), ("biochemical", "haematological"), stacked=True, id="ex3").html),
              ("alsr-small", biomarker_table(six, stacked=True, id="six-small").html),
              ("alsr-landscape", biomarker_table(six, id="six-landscape").html)]
    floats = "".join(_float(f"tbl-{k}", cls, html) + "<p>Text between.</p>" for k, (cls, html) in enumerate(tables))
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + f"html {{ font-size: 17px; }} body {{ margin: 0; }} figure {{ margin: 0 0 1rem; }}"
            f" #quarto-content {{ display: grid; grid-template-columns: {QUARTO_GRID}; }}"
            "#quarto-document-content { grid-column: body-content-start / body-content-end; }"
            "nav#TOC { grid-column: body-end / page-end; grid-row: 1; }"
            "</style></head><body><div id='quarto-content' class='page-columns'><main id='quarto-document-content'>"
            "<p>Text before.</p>" + floats + "<p style='height: 2000px'>Text after.</p></main>"
            "<nav id='TOC'><h2 id='toc-title'>Contents</h2></nav></div>" + _ROOM + "</body></html>")
    page, *boxes = _layout_probe(html, tmp_path, window).split()
    assert int(page) <= 0 and len(boxes) == 3, boxes
    for box in boxes:
        ident, scroll, left, before_toc = box.split(":")
        assert int(scroll) <= 0 and int(left) >= 8 and int(before_toc) >= 8, box
