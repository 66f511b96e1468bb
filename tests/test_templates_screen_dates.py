"""templates/screen.css: a date in a listing stays on one line at any width (session 36 HTML reader: the ongoing
study's death listing broke "2024-" / "02-12" at 1280 px, and every onset date at 390 px, where the narrow screens'
rules let the cells wrap)."""

from __future__ import annotations

import pytest

from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe

_PROBE = r"""<script>window.addEventListener("load", () => {
  const cells = [...document.querySelectorAll('td[headers*="-onset_date"], td[headers*="-death_date"]')]
    .filter(td => /\d{4}-\d{2}-\d{2}/.test(td.textContent));
  /* the line boxes of the date's own text (a footnote mark beside it sits higher) */
  const lines = cells.map(td => {
    const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    let node; while ((node = walk.nextNode()) && !/\d{4}-\d{2}/.test(node.textContent)) {}
    const r = document.createRange(); r.selectNodeContents(node);
    return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; });
  document.title = [cells.length, Math.max(...lines)].join(" ");
});</script>"""


@pytest.fixture(scope="module")
def listing_html(tmp_path_factory) -> str:
    from alsreport import analyze, load_study
    from alsreport.present.tables.safety import all_event_listing, death_listing
    from safety_fixtures import write_harms_study

    harms = analyze(load_study(write_harms_study(tmp_path_factory.mktemp("harms") / "harms")))
    return all_event_listing(harms).html + death_listing(harms).html


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
@pytest.mark.parametrize("window", [390, 1280])
def test_a_listings_dates_stay_on_one_line(tmp_path, listing_html, window):
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width, initial-scale=1'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + "</style></head><body><main><div class='alsr-table'>" + listing_html + "</div></main>" + _PROBE
            + "</body></html>")
    dated, most_lines = map(int, _layout_probe(html, tmp_path, window).split())
    assert dated > 10 and most_lines == 1
