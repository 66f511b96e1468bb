"""Analyte names in the supplementary tables on a 390 px phone (issue #10, reader 9's item E): Tables S1 and S2 broke
their row names at the hyphen ("CSF IL-" / "6 (pg/mL)", "CSF TNF-" / "α", "Serum IL-" / "10") in both pages.

The real table builders' HTML goes in a page with templates/screen.css, in a box as wide as each page's column at
390 px (the embedded engine's 346 px, Quarto's 327 px with 17 px type), and headless Chromium lays it out; a script
asks whether each hyphenated name of a row sits on one line, whether find-in-page still finds the name as typed
("IL-6", with U+002D) and how far the table's box scrolls (skipped without chromium)."""

from __future__ import annotations

import pytest

from alsreport.present.tables.supplementary import supplementary_table
from alsreport.present.tables.supplementary_ttest import ttest_every_visit_table

from tables_fixtures import HandSeries, example_results, hand_results
from test_templates_screen_phone import _PROBE as PHONE_PROBE
from test_templates_screen_phone import GT_BOX, PAGES, _float, _page
from test_templates_screen_print import _chromium, _layout_probe

pytestmark = pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")

#: the row names broken across lines at a hyphen, whether ``window.find`` (find-in-page) finds "IL-6" and "TNF-α"
#: as typed, and the scroll box's sideways overflow
_PROBE = """<script>window.addEventListener("load", () => {
  const broken = [];
  for (const cell of document.querySelectorAll("tbody .gt_stub")) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walk.nextNode());) {
      for (const m of node.textContent.matchAll(/\\w-\\u2060?\\w/g)) {
        const r = document.createRange();
        r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        if (new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size > 1)
          broken.push(node.textContent);
      }
    }
  }
  const found = ["IL-6", "TNF-α"].map(w => { window.getSelection().removeAllRanges(); return window.find(w) ? 1 : 0; });
  const box = document.querySelector("%s");
  document.title = [broken.length, found.join(""), box.scrollWidth - box.clientWidth].join(" ");
});</script>"""


def _six_visit_results():
    visits = [(f"M{m}", f"Month {m}", m) for m in (0, 1, 2, 3, 6, 12)]
    series = [HandSeries(a, label, "immunological", comp, "pg/mL", (19.8, 13.1, 12.9, 12.8, 13.0, 13.2))
              for a, label, comp in (("TNF-alpha", "TNF-α", "CSF"), ("IL-6", "IL-6", "CSF"), ("IL-10", "IL-10", "serum"))]
    return hand_results(series, visits=visits)


def _probe(table_html: str, page: str, tmp_path) -> tuple[int, str, int]:
    html = _page(_float(table_html), page, GT_BOX).replace(PHONE_PROBE % GT_BOX, _PROBE % GT_BOX)
    broken, found, overflow = _layout_probe(html, tmp_path, 500).split()
    return int(broken), found, int(overflow)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("build", [supplementary_table, ttest_every_visit_table], ids=["S1", "S2"])
def test_a_supplementary_rows_name_never_breaks_at_its_hyphen_and_is_found_as_typed(tmp_path, page, build):
    broken, found, _ = _probe(build(_six_visit_results()).html, page, tmp_path)
    assert (broken, found) == (0, "11")


@pytest.mark.parametrize("page", PAGES)
def test_the_examples_table_s2_fits_either_pages_column(tmp_path, page):
    """Reader 9: the example's Table S2 scrolled in its box by 17 px (346 -> 363) in the embedded engine's page."""
    broken, found, overflow = _probe(ttest_every_visit_table(example_results()).html, page, tmp_path)
    assert (broken, found) == (0, "11") and overflow <= 0
