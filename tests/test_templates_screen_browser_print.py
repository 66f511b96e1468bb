"""A browser's print of the safety report (templates/screen.css print rules): every page has the running header and
footer and "Page N of M", as the PDF (issue #10, session 25 HTML reader: Chromium's print showed "Confidential" on
page 1 only, in the loose block of running text at its top, and no page numbers). The embedded engine's real page,
printed by headless Chromium; skipped without chromium or poppler's pdftotext."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from alsreport.documents.reports import render_reports
from alsreport.study.example import example_study_path

from analysis_helpers import example_results
from test_templates_screen_print import _chromium

pytestmark = pytest.mark.skipif(_chromium() is None or not shutil.which("pdftotext"),
                                reason="needs headless chromium and poppler's pdftotext")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("ethics-browser-print")
    render_reports(example_study_path(), reports=["ethics"], formats=["html"], engine="embedded", out_dir=out)
    pdf = out / "ethics.pdf"
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={out / 'profile'}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                    (out / "ethics.html").as_uri()], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_every_page_is_numbered_n_of_m(pages):
    assert len(pages) > 5
    assert all(f"Page {k} of {len(pages)}" in page for k, page in enumerate(pages, 1))


def test_every_page_says_confidential_and_the_pages_after_the_cover_carry_the_running_header(pages):
    short = example_results().config.short_title
    assert all("confidential" in page.lower() for page in pages)
    assert all(page.count(short) == 1 and page.lstrip().startswith(short) for page in pages[1:])
    assert all(page.count("SYNTHETIC DATA") == 1 for page in pages)      # the footer, once a page


def test_the_running_text_is_not_printed_loose_at_the_top_of_page_one(pages):
    short = example_results().config.short_title
    assert short not in pages[0]
    assert pages[0].lstrip().startswith("Safety report for the ethics committee")
