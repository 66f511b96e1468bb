"""The safety report's headings (issue #10, outside readers): its HTML title was a ``<p>`` under a document-type
``h1``, while the manuscript's study title is the page's ``h1`` (issue item 7). The study title is the page's one
``h1`` now, the sections ``h2`` and the subsections ``h3``, in the embedded engine and in real Quarto (skipped without
quarto on PATH); the page's ``<title>`` names the study (present.title.safety_report_title), and the PDF's outline
(its bookmarks) is the sections as before (tests/test_reports.py)."""

from __future__ import annotations

import re
from html import escape as html_escape
from pathlib import Path

import pytest

from alsreport.present.title import safety_report_title

from analysis_helpers import example_results
from quarto_helpers import needs_quarto
from reports_helpers import without_nobr
from render_helpers import example_ethics_html

TITLE = "Repeated autologous BM-MSC transplantation in ALS"


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Path:
    return example_ethics_html(tmp_path_factory, "embedded")


@pytest.fixture(scope="module")
def quarto(tmp_path_factory) -> Path:
    return example_ethics_html(tmp_path_factory, "quarto")


@pytest.mark.parametrize("engine", ["embedded", pytest.param("quarto", marks=needs_quarto)])
def test_the_study_title_is_the_pages_one_h1_above_h2_sections_and_h3_subsections(request, engine):
    html = request.getfixturevalue(engine).read_text(encoding="utf-8")
    main = html[html.index("<main"):]
    h1 = re.findall(r"<h1\b[^>]*>(.*?)</h1>", without_nobr(html), re.S)
    assert len(h1) == 1 and h1[0].startswith(TITLE)
    assert re.search(r'<p class="alsr-kicker">Safety report for the ethics committee</p>\s*<h1', main)
    title = html_escape(safety_report_title(example_results().config), quote=False)
    assert re.search(rf"<title>\s*{re.escape(title)}\s*</title>", html)
    sections = re.findall(r'<section id="(sec-[\w-]+)" class="level(\d)', main)
    assert ("sec-summary", "2") in sections and ("sec-adverse-events", "2") in sections
    assert ("sec-ae-overview", "3") in sections and ("sec-baseline", "3") in sections
    assert {level for _, level in sections} == {"2", "3"}
    # numbered as before: "1 Summary", "5.1 Overview"
    assert re.search(r'<h2[^>]*data-number="1"[^>]*>.*?Summary</h2>', main, re.S)
    assert re.search(r'<h3[^>]*data-number="5.1"[^>]*>.*?Overview</h3>', main, re.S)
