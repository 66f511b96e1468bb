"""The printed ethics report of the six-visit study (tests/test_manuscript_layout.py's WIDE: grades 1 to 5, a death):
no page is left half empty by the adverse-event section's new page or by the last of its landscape pages (issue #10,
reader 8: the exposure table alone on a page 36 % full, the serious-event and death listings on a landscape page
49 % full). Rendered once for the module (HTML and PDF), read with ``pdftotext -bbox``."""

from __future__ import annotations

import shutil

import pytest

from manuscript_render import page_fill, sparse_pages, word_boxes
from manuscript_studies import write_variant
from test_manuscript_layout import WIDE

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


@pytest.fixture(scope="module")
def ethics(tmp_path_factory):
    from alsreport.documents.reports import render_reports

    root = tmp_path_factory.mktemp("ethics-wide")
    study = write_variant(root / "study", WIDE)
    render_reports(study, reports=["ethics"], formats=["html", "pdf"], engine="embedded", out_dir=root / "out")
    return (root / "out" / "ethics.html").read_text(encoding="utf-8"), root / "out" / "ethics.pdf"


def test_no_page_is_under_60_percent_full_but_the_contents_before_a_turn_or_the_end(ethics):
    from alsreport.render.float_flow import MIN_FILL

    html, pdf = ethics
    assert 'id="sec-adverse-events" class="level1 alsr-soft-break"' in html      # a new page, unless ...
    words = word_boxes(pdf)
    contents = {w["page"] for w in words if w["text"] == "Contents"}
    assert contents and [(p, fill) for p, fill in sparse_pages(pdf, MIN_FILL) if p not in contents] == []


def test_every_landscape_page_is_at_least_60_percent_full(ethics):
    from alsreport.render.float_flow import MIN_FILL

    fill = page_fill(word_boxes(ethics[1]))
    landscape = {p: round(share, 2) for p, (share, wide) in fill.items() if wide}
    assert len(landscape) >= 3, fill
    assert {p: share for p, share in landscape.items() if share < MIN_FILL} == {}
