"""templates/screen.css between phone and desktop, on the example's real pages in headless Chromium (session 34 HTML
reader):

* the embedded page's wide tables started 5-21 px left of a 992-1034 px window (Quarto's 62rem rule, meant for its
  grid, matched the embedded page's main, which carries the same id), their row labels cut ("NF-α");
* in Quarto's page, the provenance table's one-line SHA-256 hashes held it wider than the text column, under the
  sidebar's contents from 641 to 940 px;
* Quarto's sidebar narrows the text column at 768 px, a figure's text fell to 8.5 px and "Enlarge figure" showed only
  below 640 px;
* a browser's print split short tables (Table 1's "Generalised 0" under a repeated header on the next page).

Skipped without chromium (Quarto's page also without quarto)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from quarto_helpers import needs_quarto
from render_helpers import example_manuscript_html
from test_templates_screen_print import _chromium, _layout_probe

pytestmark = pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")

_PROBE = """<script>window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth, main = document.querySelector("main").getBoundingClientRect();
  /* a table's box (a wider table scrolls inside it) outside the window, or the page scrolling sideways */
  const out = [...document.querySelectorAll(".alsr-table")].map(t => t.getBoundingClientRect())
    .filter(r => r.left < 0 || r.right > width + 0.5).length
    + (document.documentElement.scrollWidth > width ? 1 : 0);
  const prov = document.querySelector("#sec-provenance table").getBoundingClientRect();
  const zoom = document.querySelector(".alsr-zoom-open");
  document.title = [out, Math.round(prov.right - main.right), getComputedStyle(zoom).display].join(" ");
});</script>"""


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Path:
    return example_manuscript_html(tmp_path_factory, "embedded")


@pytest.fixture(scope="module")
def quarto(tmp_path_factory) -> Path:
    return example_manuscript_html(tmp_path_factory, "quarto")


def _measure(page: Path, width: int) -> tuple[int, int, str]:
    html = page.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>")
    # the probe page beside the page (its figures and styles resolve), a profile of this test's own
    outside, over, zoom = _layout_probe(html, page.parent, width).split()
    return int(outside), int(over), zoom


@pytest.mark.parametrize("width", [992, 1024, 1280])
def test_the_embedded_page_keeps_every_table_inside_the_window(embedded, width):
    outside, over, _ = _measure(embedded, width)
    assert outside == 0 and over <= 0


@needs_quarto
@pytest.mark.parametrize("width", [768, 900, 1024])
def test_quartos_page_keeps_the_provenance_hashes_in_the_text_column(quarto, width):
    outside, over, _ = _measure(quarto, width)
    assert over <= 0 and outside == 0


@pytest.mark.parametrize(("width", "shown"), [(768, "block"), (991, "block"), (1280, "none")])
def test_enlarge_figure_is_offered_below_62rem(embedded, width, shown):
    assert _measure(embedded, width)[2] == shown


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
def test_a_browsers_print_keeps_short_tables_on_one_page(embedded, tmp_path):
    pdf = tmp_path / "printed.pdf"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                    embedded.as_uri()], check=True, capture_output=True, timeout=300)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                           timeout=120).stdout.split("\f")
    starts, ends = {}, {}
    for n, page in enumerate(pages):
        for line in page.splitlines():
            if m := re.match(r"\s*(Table \d+)\. ", line):
                starts.setdefault(m.group(1), n)
                current = m.group(1)
            if "Synthetic example data: not real patients" in line and starts:
                ends.setdefault(current, n)
    # Tables 1, 2, 4, 5 and 6 are short (kept whole in the PDF); Table 3, of 19 rows, and Table 7 may continue
    short = ["Table 1", "Table 2", "Table 4", "Table 5", "Table 6"]
    assert {t: (starts[t], ends[t]) for t in short} == {t: (starts[t], starts[t]) for t in short}


_NOTES_PROBE = """<script>window.addEventListener("load", () => {
  /* the tables that scroll in their box, and those of them whose notes are wider than the box */
  const boxes = [...document.querySelectorAll(".alsr-table > div[id]")].filter(b => b.scrollWidth > b.clientWidth + 1);
  const wide = boxes.filter(b => { const f = b.querySelector("tfoot");
    return f && f.getBoundingClientRect().width > b.clientWidth + 1; });
  document.title = [boxes.length, wide.length].join(" ");
});</script>"""


@pytest.mark.parametrize("width", [390, 700, 768])
def test_a_scrolling_tables_notes_wrap_to_its_box(embedded, width):
    """Session 35 HTML reader: from 641 to about 990 px a table that scrolled in its box had notes as wide as the
    table, every line running out of view (the rule that wraps them applied below 640 px only)."""
    html = embedded.read_text(encoding="utf-8").replace("</body>", _NOTES_PROBE + "</body>")
    scrolling, wide = map(int, _layout_probe(html, embedded.parent, width).split())
    assert scrolling >= 1 and wide == 0


_INDENT_PROBE = """<script>window.addEventListener("load", () => {
  /* indented row labels that wrap, and those of them whose later lines start left of their first */
  let wrapped = 0, outdented = 0;
  for (const cell of document.querySelectorAll(".gt_table .gt_stub.gt_indent_1")) {
    const range = document.createRange(); range.selectNodeContents(cell);
    const lefts = [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.left));
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (lines.size > 1) { wrapped += 1; if (Math.min(...lefts) < lefts[0] - 1) outdented += 1; }
  }
  document.title = [wrapped, outdented].join(" ");
});</script>"""


def test_an_indented_row_label_that_wraps_keeps_its_indent(embedded):
    """Session 35 HTML reader: at 390 px a wrapped term of the adverse-event tables ("Post lumbar puncture /
    headache") had its second line back under the organ class (great-tables indents with text-indent)."""
    html = embedded.read_text(encoding="utf-8").replace("</body>", _INDENT_PROBE + "</body>")
    wrapped, outdented = map(int, _layout_probe(html, embedded.parent, 390).split())
    assert wrapped >= 1 and outdented == 0


_COLUMN_PROBE = """<script>window.addEventListener("load", () => {
  const main = document.querySelector("main").getBoundingClientRect();
  const side = document.querySelector("#quarto-margin-sidebar"), toc = document.querySelector("nav.alsr-toc-body");
  document.title = [Math.round(main.width), getComputedStyle(side).display, getComputedStyle(toc).display].join(" ");
});</script>"""


@needs_quarto
@pytest.mark.parametrize("width", [768, 900])
def test_quartos_page_below_62rem_gives_the_text_the_width_and_its_contents_the_body(quarto, width):
    """Session 35 HTML reader: from 768 to 991 px Quarto's right-hand contents left the text a 506 px column (the
    embedded page's is 705 px at 768 px) and most tables scrolled; there, as below 768 px, the contents follow the
    abstract and the text takes the width less Quarto's gutters."""
    html = quarto.read_text(encoding="utf-8").replace("</body>", _COLUMN_PROBE + "</body>")
    column, sidebar, contents = _layout_probe(html, quarto.parent, width).split()
    assert (sidebar, contents) == ("none", "block")
    assert int(column) >= width - 70


_INSET_PROBE = """<script>window.addEventListener("load", () => {
  /* the smallest inset of an indented row label's text from its cell's left edge, in px */
  const insets = [...document.querySelectorAll(".gt_table .gt_stub.gt_indent_1")].map(cell => {
    const range = document.createRange(); range.selectNodeContents(cell);
    const first = [...range.getClientRects()].find(r => r.width > 0);
    return first ? first.left - cell.getBoundingClientRect().left : 99; });
  document.title = [insets.length, Math.round(Math.min(...insets))].join(" ");
});</script>"""


@pytest.mark.parametrize("width", [768, 1024, 1280])
def test_indented_row_labels_stay_indented(embedded, width):
    """Session 35 second HTML reader: the indent moved from text-indent to padding was overridden by screen.css's
    !important cell paddings, so terms and baseline rows stood level with their group labels from 641 px up."""
    html = embedded.read_text(encoding="utf-8").replace("</body>", _INSET_PROBE + "</body>")
    cells, inset = map(int, _layout_probe(html, embedded.parent, width).split())
    assert cells > 10 and inset >= 12


@needs_quarto
@pytest.mark.parametrize("width", [1024, 1280])
def test_indented_row_labels_stay_indented_in_quartos_page(quarto, width):
    html = quarto.read_text(encoding="utf-8").replace("</body>", _INSET_PROBE + "</body>")
    cells, inset = map(int, _layout_probe(html, quarto.parent, width).split())
    assert cells > 10 and inset >= 12
