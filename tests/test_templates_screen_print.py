"""templates/screen.css, ``@media print``: the HTML preview printed from a browser (issue #10, fifth reader: Chromium
cut wide tables off at the A4 portrait margin and printed great-tables' scrollbar under them). A wide table
(``alsr-landscape``, from documents.table_fit) gets an A4 landscape page and no scrolling box, as in the PDF.

The rules are read from the stylesheet (always); a table as wide as the six-visit Table 7 is printed through headless
Chromium and every column header is looked for in ``pdftotext`` (skipped without chromium or pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import tinycss2

from alsreport.present.tables.style import base_gt

SCREEN_CSS = Path(__file__).resolve().parents[1] / "templates" / "screen.css"
HEADERS = [f"Heading {k:02d}" for k in range(1, 13)]


def _print_rules() -> dict[str, str]:
    """selector -> declarations (serialized) of the qualified rules in screen.css's ``@media print``."""
    sheet = tinycss2.parse_stylesheet(SCREEN_CSS.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    rules: dict[str, str] = {}
    for media in (r for r in sheet if r.type == "at-rule" and r.lower_at_keyword == "media"
                  and tinycss2.serialize(r.prelude).strip() == "print"):
        for rule in tinycss2.parse_rule_list(media.content, skip_comments=True, skip_whitespace=True):
            key = (f"@{rule.lower_at_keyword} " if rule.type == "at-rule" else "") + tinycss2.serialize(rule.prelude).strip()
            rules[key] = " ".join(tinycss2.serialize(rule.content).split())
    return rules


def test_printed_wide_tables_turn_to_a_landscape_page_without_a_scrolling_box():
    rules = _print_rules()
    assert rules["@page alsr-wide"] == "size: A4 landscape;"
    assert rules[".alsr-landscape"] == "page: alsr-wide;"
    # great-tables' box has an inline overflow-x:auto: only !important overrides it
    assert rules[".alsr-table, .alsr-table > div[id]"] == "overflow: visible !important;"
    # the compact type of the PDF (print.css), not below 7 pt
    assert rules[".alsr-compact .gt_table"] == "font-size: 10px !important;"


def _wide_table_html() -> str:
    """A manuscript page with one table in a landscape float: 12 columns of about 80 px at the printed 11 px, wider
    than A4 portrait (170 mm, 643 px) and narrower than A4 landscape (257 mm, 971 px)."""
    frame = pd.DataFrame({h: [f"{k} (8.3)"] * 3 for k, h in enumerate(HEADERS)})
    gt, _ = base_gt(frame, id="alsreport-wide", title="Wide")
    table = gt.as_raw_html()
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>"
            + SCREEN_CSS.read_text(encoding="utf-8") + "</style></head><body><main><p>Text before.</p>"
            "<div id='tbl-wide' class='quarto-float alsr-landscape'><figure><figcaption>Table 1. Wide.</figcaption>"
            f"<div class='alsr-table alsr-table-captioned'>{table}</div></figure></div>"
            "<p>Text after.</p></main></body></html>")


def _chromium() -> str | None:
    return next((path for name in ("chromium", "chromium-browser", "google-chrome")
                 if (path := shutil.which(name))), None)


@pytest.mark.skipif(_chromium() is None or not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
                    reason="needs headless chromium and poppler's pdftotext")
def test_chromium_prints_every_column_header_of_a_wide_table(tmp_path):
    page = tmp_path / "wide.html"
    page.write_text(_wide_table_html(), encoding="utf-8")
    pdf = tmp_path / "wide.pdf"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                    page.as_uri()], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout
    missing = [h for h in HEADERS if h not in text]
    assert not missing, text
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "9", str(pdf)], check=True, capture_output=True,
                           text=True, timeout=120).stdout
    landscape = [line for line in sizes.splitlines() if line.startswith("Page") and "size:" in line
                 and float(line.split()[3]) > float(line.split()[5])]
    assert len(landscape) == 1, sizes
