"""templates/screen.css on a phone: an empty listing (one "None reported" line, no column headings) takes the width,
so its notes do not wrap a word a line in the width of its one cell (session 36 HTML reader: 88 px at 390 px)."""

from __future__ import annotations

import pytest

from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe

_PROBE = """<script>window.addEventListener("load", () => {
  const box = document.querySelector(".alsr-table").getBoundingClientRect();
  const table = document.querySelector(".gt_table").getBoundingClientRect();
  document.title = [Math.round(box.width), Math.round(table.width)].join(" ");
});</script>"""


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_an_empty_listing_takes_the_width_on_a_phone(tmp_path):
    from alsreport.present.tables.safety import serious_event_listing
    from tables_fixtures import example_results

    table = serious_event_listing(example_results())   # the example has no serious event
    assert "None reported" in table.html
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width, initial-scale=1'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + "</style></head><body><main><div class='alsr-table'>" + table.html + "</div></main>" + _PROBE
            + "</body></html>")
    box, width = map(int, _layout_probe(html, tmp_path, 390).split())
    assert box > 300 and width >= box - 1
