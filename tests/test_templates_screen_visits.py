"""Visit labels in tables on a 390 px phone (issue #10, outside readers): in the safety report's HTML the laboratory
table's rows and the other tables' cells broke "Month" / "0", "Infusion 3 (Month" / "2)".

The real table builders' HTML goes in a page with templates/screen.css, in a box as wide as each page's column at
390 px (the embedded engine's 346 px, Quarto's 327 px with 17 px type), and headless Chromium lays it out; a script
finds every "Month 0" and "Infusion 3" in the table (cells, headers, notes) and asks whether its word and its number
sit on one line (skipped without chromium). In the PDF the same no-break space holds them together
(format.table_visit_label; tests/test_present_format.py)."""

from __future__ import annotations

import pytest

from alsreport.present.tables.biomarkers import biomarker_table
from alsreport.present.tables.dsmb import completeness_table, deviation_listing, lab_grade_table
from alsreport.present.tables.exposure import exposure_table
from alsreport.present.tables.harms import adverse_event_overview_table

from tables_fixtures import example_results
from test_templates_screen_names import _six_visit_results
from test_templates_screen_phone import _PROBE as PHONE_PROBE
from test_templates_screen_phone import GT_BOX, PAGES, _float, _page
from test_templates_screen_print import _chromium, _layout_probe

pytestmark = pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")

#: how many "Month 0" / "Infusion 3" the table holds, and which of them break between the word and the number
_PROBE = r"""<script>window.addEventListener("load", () => {
  const broken = []; let seen = 0;
  const walk = document.createTreeWalker(document.querySelector(".alsr-table"), NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode());) {
    for (const m of node.textContent.matchAll(/(Month|Infusion)\s\d+/g)) {
      seen++;
      const r = document.createRange();
      r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      if (new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size > 1)
        broken.push(m[0]);
    }
  }
  document.title = seen + " " + broken.length;
});</script>"""


TABLES = {
    "lab-grades": lambda: lab_grade_table(example_results()),
    "deviations": lambda: deviation_listing(example_results()),
    "ae-overview": lambda: adverse_event_overview_table(example_results()),
    "exposure": lambda: exposure_table(example_results()),
    "completeness": lambda: completeness_table(example_results()),
    "six-visit biomarkers": lambda: biomarker_table(_six_visit_results()),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("table", TABLES)
def test_a_visit_label_never_breaks_between_its_word_and_its_number(tmp_path, page, table):
    html = _page(_float(TABLES[table]().html), page, GT_BOX).replace(PHONE_PROBE % GT_BOX, _PROBE)
    seen, broken = map(int, _layout_probe(html, tmp_path, 500).split())
    assert seen >= 4 and broken == 0
