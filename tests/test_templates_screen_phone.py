"""templates/screen.css on a 390 px phone in both pages (issue #10, reader 8's item 10): the embedded engine's page
has a 346 px column there, Quarto's Bootstrap page a 327 px one with 17 px root type; in Quarto's, the CONSORT
checklist was 43 px wider than its column and the exposure table 14 px, so both scrolled in their boxes.

The real table builders' HTML (and the real checklist, through pandoc) goes in a page with templates/screen.css and
headless Chromium lays it out in a box as wide as each page's column (headless windows are at least 500 px wide,
under the 40rem phone breakpoint); skipped without chromium."""

from __future__ import annotations

import re

import pytest

from alsreport.documents.checklist import checklist_markdown
from alsreport.documents.checklist_study import study_checklist
from alsreport.present.tables.exposure import exposure_table
from alsreport.present.tables.safety import out_of_range_listing
from alsreport.present.signoff import signoff_table_html
from alsreport.present.tables.supplementary import supplementary_table
from alsreport.study.config_safety import DsmbMember
from alsreport.render.pandoc import run_pandoc

from tables_fixtures import example_results
from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe

pytestmark = pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")

#: (root type, column width) of the two pages at 390 px: the embedded engine's, Quarto's (Bootstrap: 17 px type,
#: 0.5 rem cell padding in a .table, the grid's 1.5 em gutters); in both, a float's figure has no side margins
PAGES = {"embedded": ("16px", 346), "quarto": ("17px", 327)}

_PROBE = """<script>window.addEventListener("load", () => {
  const box = document.querySelector("%s"), n = document.querySelector("#n-cell");
  let lines = 0;
  if (n) { const r = document.createRange(); r.selectNodeContents(n);
           lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size; }
  document.title = [box.scrollWidth - box.clientWidth, lines].join(" ");
});</script>"""

#: The box that scrolls: great-tables' own (its inline overflow-x: auto), or a text table (a block on phones).
GT_BOX, TEXT_BOX = ".alsr-table > div[id]", "#consort-checklist table"


def _page(inner: str, page: str, box: str) -> str:
    root, width = PAGES[page]
    bootstrap = (".table > :not(caption) > * > * { padding: 0.5rem 0.5rem; } .table { width: 100%; }"
                 if page == "quarto" else "")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + bootstrap
            + SCREEN_CSS.read_text(encoding="utf-8") + f"html {{ font-size: {root}; }} figure {{ margin: 0 0 1rem; }}"
            "</style></head><body>"
            f"<main><p>Text before.</p><div style='width: {width}px'>{inner}</div><p>Text after.</p></main>"
            + _PROBE % box + "</body></html>")


def _float(table_html: str) -> str:
    return (f"<div class='quarto-float'><figure><figcaption>Table 5. X.</figcaption><div class='alsr-table "
            f"alsr-table-captioned'>{table_html}</div></figure></div>")


@pytest.mark.parametrize("page", PAGES)
def test_the_exposure_table_fits_either_pages_column(tmp_path, page):
    html = _page(_float(exposure_table(example_results()).html), page, GT_BOX)
    overflow, _ = map(int, _layout_probe(html, tmp_path, 500).split())
    assert overflow <= 0


@pytest.mark.parametrize("page", PAGES)
def test_the_consort_checklist_fits_either_pages_column(tmp_path, page):
    """The example's real checklist, converted by pandoc as both engines do (a Bootstrap 'table' in Quarto's)."""
    markdown = checklist_markdown(study_checklist(example_results()), unnumbered={"sec-abstract": "Abstract"})
    # the cross-references as both engines number them ("Section 2.10", "Table 2"), not their ids: pandoc alone
    # left "@tbl-immunological", a word no page prints, 1 px too wide in Quarto's column (item 26, session 26)
    for kind, words in (("sec", "Section 2.10"), ("tbl", "Table 2"), ("fig", "Figure 1")):
        markdown = re.sub(rf"@{kind}-[\w-]+", words, markdown)
    table = run_pandoc(["--from", "markdown", "--to", "html"], markdown)
    if page == "quarto":
        table = table.replace("<table>", "<table class='caption-top table'>", 1)
    html = _page(f"<div id='consort-checklist' class='alsr-checklist'>{table}</div>", page, TEXT_BOX)
    overflow, _ = map(int, _layout_probe(html, tmp_path, 500).split())
    assert overflow <= 0


def test_table_s1s_n_stays_on_one_line_in_its_scrolling_box(tmp_path):
    """"12 / 11 / 11" wrapped onto five lines at 390 px (reader 8): the three counts are one no-break value."""
    table = supplementary_table(example_results()).html
    first_n = table.index("15\u00a0/\u00a0")
    start = table.rindex("<td", 0, first_n)
    table = table[:start] + "<td id='n-cell'" + table[start + 3:]
    overflow, lines = map(int, _layout_probe(_page(_float(table), "quarto", GT_BOX), tmp_path, 500).split())
    assert lines == 1 and overflow > 0          # the wide table scrolls in its box; its n cells stay whole


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("dsmb", [False, True], ids=["example", "dsmb-member"])
def test_the_ethics_sign_off_fits_either_pages_column(tmp_path, page, dsmb):
    """Six cells side by side (role, name, Signature, line, Date, line) were 38-151 px wider than 390 px (words7; the
    example's ethics HTML by 130 px in Chromium, from its nowrap 'Reviewed for the ethics committee / DSMB'; a DSMB
    member's name and affiliation): on phones each person takes three lines."""
    cfg = example_results().config
    if dsmb:
        members = [DsmbMember(name="Professor Alexandra Montgomery-Whitfield", role="Chair",
                              affiliation="Department of Clinical Neurosciences, University Hospital")]
        cfg = cfg.model_copy(update={"safety": cfg.safety.model_copy(update={"dsmb_members": members})})
    html = _page(signoff_table_html(cfg), page, "table.alsr-signoff")
    overflow, _ = map(int, _layout_probe(html, tmp_path, 500).split())
    assert overflow <= 0


_STUB_PROBE = """<script>window.addEventListener("load", () => {
  const box = document.querySelector("%s"), stub = document.querySelector("tbody .gt_stub");
  const first = document.querySelector("tbody td.gt_row");
  const right = box.getBoundingClientRect().right;
  document.title = [Math.round(stub.getBoundingClientRect().width), Math.round(box.clientWidth),
                    Math.round(first.getBoundingClientRect().right - right)].join(" ");
});</script>"""


@pytest.mark.parametrize("page", PAGES)
def test_the_adverse_events_by_soc_show_their_counts_on_a_phone(tmp_path, page):
    """The AE-by-SOC table (landscape in print) scrolls in its box at 390 px; its names wrap in at most ~45 % of the
    column so that the first count column ("n (%)") is on screen (it showed only the names: readers 11a and 11b)."""
    from alsreport.present.tables.harms import adverse_event_table

    inner = _float(adverse_event_table(example_results()).html).replace("class='quarto-float'",
                                                                        "class='quarto-float alsr-landscape'")
    html = _page(inner, page, GT_BOX).replace(_PROBE % GT_BOX, _STUB_PROBE % GT_BOX)
    stub, column, beyond = map(int, _layout_probe(html, tmp_path, 500).split())
    assert stub <= 0.55 * column and beyond <= 0     # the names' column at most 55 %, the first counts in view


@pytest.mark.parametrize("page", PAGES)
def test_the_out_of_range_listing_fits_either_pages_column(tmp_path, page):
    """Session 29 HTML reader: the safety report's Table 13 (laboratory values outside the reference range: six
    columns, "Participant" and "Direction" labels) was 5 px wider than the embedded page's 346 px column at 390 px and
    24 px wider than Quarto's 327 px one; a phone's cells keep 0.2 em on each side and the column labels are 12 px."""
    html = _page(_float(out_of_range_listing(example_results()).html), page, GT_BOX)
    overflow, _ = map(int, _layout_probe(html, tmp_path, 500).split())
    assert overflow <= 0


@pytest.mark.parametrize("page", PAGES)
def test_the_provenance_hashes_fit_either_pages_column(tmp_path, page):
    """The Provenance's input files with their whole SHA-256 (64 characters) were 520-553 px wide in a 342-361 px
    column, the table its own scroll box, which a keyboard cannot scroll (session 30 HTML reader): the hash wraps."""
    import analysis_helpers
    from alsreport.documents import context as rc

    rc.clear_cache()
    ctx = rc.use_results(analysis_helpers.example_study(), example_results())
    markdown = ctx.provenance_block().split("| Input file |", 1)[1]
    table = run_pandoc(["--from", "markdown", "--to", "html"], "| Input file |" + markdown)
    assert table.count('class="alsr-hash"') == len(example_results().provenance.inputs) >= 4
    html = _page(f"<div id='consort-checklist'>{table}</div>", page, TEXT_BOX)   # the probe's text-table box
    overflow, _ = map(int, _layout_probe(html, tmp_path, 500).split())
    assert overflow <= 0


_TAP = """<script>window.addEventListener("load", () => {
  const svg = document.querySelector("#svg-fig-x").getBoundingClientRect();
  const hit = document.elementFromPoint(svg.left + svg.width / 2, svg.top + svg.height / 2);
  const open = document.querySelector(".alsr-zoom-open").getBoundingClientRect();
  document.title = [hit.className, hit.getAttribute("href"), Math.round(open.height)].join(" ");
});</script>"""


@pytest.mark.parametrize("page", PAGES)
def test_on_a_phone_tapping_a_figure_opens_its_enlarged_view_and_enlarge_is_a_24_px_target(page, tmp_path):
    """Session 32 HTML reader: at 390 px the figures' text is about 6 px; tapping the figure did nothing, and "Enlarge
    figure", the only way in, was 21 px tall (WCAG 2.2 asks 24 px)."""
    from alsreport.documents.figure_zoom import zoomable_figure

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 212" role="img" aria-label="A chart">'
           '<rect width="480" height="212" fill="#ddd"/></svg>')
    figure = f"<div class='alsr-figure'>{zoomable_figure('fig-x', svg)}</div>"
    html = _page(figure, page, "main").replace(_PROBE % "main", _TAP)
    tapped, target, height = _layout_probe(html, tmp_path, 500).split()
    assert (tapped, target) == ("alsr-zoom-tap", "#zoom-fig-x")
    assert int(height) >= 24
