"""Table cells on screen wrap only where a reader expects (issue #10, reader 7): a wide table at 1280 px broke its
"Median [IQR]" cells inside the range ("18.5–" / "20.8]"), and at 390 px the exposure table scrolled sideways.

The real table builders' HTML goes in a page with templates/screen.css and headless Chromium lays it out; a script
finds every en dash and every "to" of an interval in the body cells and asks whether the characters around it sit on
one line (skipped without chromium)."""

from __future__ import annotations

import pytest

from alsreport.present.tables.biomarkers import biomarker_table
from alsreport.present.tables.exposure import exposure_table

from tables_fixtures import HandSeries, example_results, hand_results
from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe

pytestmark = pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")

#: the body cells' ranges broken across lines (``–`` of an IQR, `` to `` of a CI) and the box's sideways overflow
_PROBE = """<script>window.addEventListener("load", () => {
  const broken = [];
  for (const cell of document.querySelectorAll("tbody td")) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walk.nextNode());) {
      const s = node.textContent;
      for (const m of s.matchAll(/\\S\\u2013\\u2060?\\S|\\S\\u00a0?to\\u00a0?\\S|\\S to \\S/g)) {
        const r = document.createRange();
        r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
        if (tops.size > 1) broken.push(s);
      }
    }
  }
  const box = document.querySelector(".alsr-table > div[id]");
  document.title = [broken.length, box.scrollWidth - box.clientWidth].join(" ");
});</script>"""


def _page(table_html: str, *, float_class: str, box_style: str = "") -> str:
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>"
            + SCREEN_CSS.read_text(encoding="utf-8") + "</style></head><body><main><p>Text before.</p>"
            f"<div id='tbl-x' class='quarto-float {float_class}'><figure><figcaption>Table 2. X.</figcaption>"
            f"<div style='{box_style}'><div class='alsr-table alsr-table-captioned'>{table_html}</div></div>"
            "</figure></div><p>Text after.</p></main>" + _PROBE + "</body></html>")


def _six_visit_results():
    visits = [(f"M{m}", f"Month {m}", m) for m in (0, 1, 2, 3, 6, 12)]
    series = [HandSeries(a, label, "immunological", comp, "pg/mL", (19.8, 13.1, 12.9, 12.8, 13.0, 13.2))
              for a, label, comp in (("TNF-alpha", "TNF-α", "CSF"), ("IL-6", "IL-6", "CSF"), ("IL-10", "IL-10", "serum"))]
    return hand_results(series, visits=visits)


#: the printed forms of a wide biomarker table (documents.table_fit): landscape, or a short table's stacked form in
#: a smaller type on a portrait page (aeb1edb); on screen both are wider than the text column (reader 10b: the
#: six-visit Tables 2 and 3, compact, scrolled their Holm p out of sight at 1280 px, by 18 px here, 48 px in Quarto's)
WIDE_FORMS = {"landscape": ("alsr-landscape", False), "compact": ("alsr-compact", True),
              "small": ("alsr-small", True)}       # 8 pt where that fits the portrait column (the six-visit Tables 2, 3)


@pytest.mark.parametrize("form", WIDE_FORMS)
def test_a_wide_biomarker_table_at_1280_px_wraps_between_median_and_iqr_never_inside_a_range(tmp_path, form):
    """Six visits: the wide table wraps its cells to fit beside the TOC; "19.8 [18.5–20.8]" may go to two
    lines before its bracket, the CI before its parenthesis, never after the en dash or around "to"."""
    float_class, stacked = WIDE_FORMS[form]
    table = biomarker_table(_six_visit_results(), stacked=stacked)
    html = _page(table.html, float_class=float_class)
    broken, overflow = map(int, _layout_probe(html, tmp_path, 1280).split())
    assert broken == 0 and overflow <= 0


def test_the_exposure_table_fits_a_390_px_phone(tmp_path):
    """Five columns (route, given/planned, mean (SD), median [IQR], range): at 390 px (a 346 px box) the numbers
    wrap before their bracket and the column label after its slash; the table no longer scrolls sideways."""
    table = exposure_table(example_results())
    # headless Chromium's narrowest window is 500 px (under the 40rem phone breakpoint); the box is a phone's column
    html = _page(table.html, float_class="", box_style="width: 346px")
    broken, overflow = map(int, _layout_probe(html, tmp_path, 500).split())
    assert broken == 0 and overflow <= 0


_QUARTO_PROBE = """<script>window.addEventListener("load", () => {
  const main = document.querySelector("main"), box = document.querySelector(".alsr-table > div[id]");
  document.title = [Math.round(main.getBoundingClientRect().width), box.scrollWidth - box.clientWidth].join(" ");
});</script>"""


@pytest.mark.parametrize("form", WIDE_FORMS)
def test_quarto_pages_keep_their_grid_and_wide_tables_wrap_to_its_column(tmp_path, form):
    """Quarto's Bootstrap page (its grid: #quarto-content > main#quarto-document-content, TOC in the margin): the
    embedded engine's page rules squeezed it into 52rem, so its column was 511 px at 1280 px and the six-visit Tables 2
    and 3 scrolled; the column keeps Quarto's width (802 px here, as Quarto 1.11's article grid at 1280 px) and a wide
    table wraps its cells to fit it (reader 7)."""
    float_class, stacked = WIDE_FORMS[form]
    table = biomarker_table(_six_visit_results(), stacked=stacked)
    page = (_page(table.html, float_class=float_class)
            .replace("</head>", "<style>figure { margin: 0 0 1rem; }</style></head>")  # as Bootstrap's reboot
            .replace("<body><main>", "<body class='quarto-light'><div id='quarto-content' class='page-columns' "
                     "style='display: grid; grid-template-columns: 1fr minmax(500px, 802px) 300px'>"
                     "<main id='quarto-document-content' class='content' style='grid-column: 2'>")
            .replace("</main>", "</main><div id='quarto-margin-sidebar'><nav id='TOC'>Contents</nav></div></div>")
            .replace(_PROBE, _QUARTO_PROBE))
    column, overflow = map(int, _layout_probe(page, tmp_path, 1280).split())
    assert column == 802 and overflow <= 0


@pytest.mark.parametrize("where", ["six-visit table at 1280 px", "exposure table at 390 px"])
def test_the_pages_keep_ranges_whole_with_markup_not_joiners(tmp_path, where):
    """The HTML writers turn the formatting module's joined runs into nowrap spans and U+200B into <wbr>
    (render/unbroken.py): the page's text has neither character (a copied "47.0–55.5" or "IL-6" carried a U+2060,
    "Given/planned" a U+200B: readers 11a and 11b), and the ranges stay whole at 1280 and 390 px without them, with
    no sideways scroll (the two tests above, on the pages as written)."""
    from alsreport.render.unbroken import unbroken_markup

    if where.startswith("six"):
        table, width, page = biomarker_table(_six_visit_results(), stacked=True), 1280, {"float_class": "alsr-compact"}
    else:   # a phone's 346 px column in headless Chromium's narrowest (500 px) window
        table, width, page = exposure_table(example_results()), 500, {"float_class": "", "box_style": "width: 346px"}
    assert "\u2060" in table.html                       # the builders join the runs; the page must not keep it
    html = unbroken_markup(_page(table.html, **page))
    assert "\u2060" not in html and "\u200b" not in html and 'class="alsr-nobr"' in html
    broken, overflow = map(int, _layout_probe(html, tmp_path, width).split())
    assert broken == 0 and overflow <= 0
