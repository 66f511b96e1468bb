"""The input files' SHA-256 in the provenance table on screen (issue #10, outside readers): at 1280 px each hash
wrapped onto two lines (a 64-character value in a half-width column).

The example's real provenance block (documents.context), converted by pandoc as both engines do, goes in a page with
templates/screen.css in a column as wide as each page's at 1280 px (the embedded engine's 832 px, Quarto's 802 px) and
at 390 px (346 px, 327 px); headless Chromium lays it out and a script asks, for every hash, on how many lines it
sits, whether its text and title are the whole value, and whether the table scrolls sideways (skipped without
chromium). The PDF prints each hash whole on one line (print.css: white-space: nowrap)."""

from __future__ import annotations

import re

import pytest

from alsreport.documents import context as rc
from alsreport.render.pandoc import run_pandoc

from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe

pytestmark = pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")

_PROBE = """<script>window.addEventListener("load", () => {
  const rows = [];
  for (const h of document.querySelectorAll(".alsr-hash")) {
    const r = document.createRange(); r.selectNodeContents(h);
    const lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size;
    const whole = /^[0-9a-f]{64}$/.test(h.textContent) && h.title === h.textContent;
    rows.push(lines + (whole ? "w" : "-"));
  }
  const box = document.querySelector("#column");
  const short = Math.max(...[...box.querySelectorAll("table")].map(
    t => t.getBoundingClientRect().width - t.querySelector("tbody tr").getBoundingClientRect().width));
  document.title = [rows.join(","), box.scrollWidth - box.clientWidth, Math.round(short)].join(" ");
});</script>"""

#: (root type, column width) of each page's text column at 1280 px and at 390 px
COLUMNS = {"embedded-1280": ("16px", 832), "quarto-1280": ("17px", 802),
           "embedded-390": ("16px", 346), "quarto-390": ("17px", 327)}


@pytest.mark.parametrize("column", COLUMNS)
def test_every_input_hash_is_whole_in_text_and_title_on_one_line_or_two_on_a_phone(tmp_path, column):
    root, width = COLUMNS[column]
    block = rc.report_context().provenance_block()
    table = run_pandoc(["--from", "markdown", "--to", "html"], block[block.index("| Input file |"):])
    # and the other provenance tables (software, options), measured for their rows' width
    table += run_pandoc(["--from", "markdown", "--to", "html"], block[:block.index("| Input file |")])
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + f"html {{ font-size: {root}; }}</style></head><body><main id='quarto-document-content'>"
            f"<section id='sec-provenance'><div id='column' style='width: {width}px'>{table}</div></section></main>"
            + _PROBE + "</body></html>")
    hashes, overflow, short = _layout_probe(html, tmp_path, 1280 if column.endswith("1280") else 500).split()
    n = len(re.findall(r"\.alsr-hash", block))
    # on a phone a hash wraps (two lines) rather than make the table scroll in a box no keyboard can scroll, its end
    # cut off (session 30 HTML reader; test_templates_screen_phone.py measures the table)
    rows = hashes.split(",")
    most = 1 if column.endswith("1280") else 3   # 22-26 characters a line beside the file names' column
    assert n >= 5 and len(rows) == n and int(overflow) <= 0
    # its rows as wide as the table, so are their rules (session 32 HTML reader: on a phone the table was a scrolling
    # block and its rows, 292 of 342 px, left the rules short of its full-width borders)
    assert int(short) <= 1, short
    assert all(r.endswith("w") and 1 <= int(r[:-1]) <= most for r in rows), rows
