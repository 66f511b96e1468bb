"""The printed ethics report of the six-visit study (tests/test_manuscript_layout.py's WIDE: grades 1 to 5, a death):
no page is left half empty by the adverse-event section's new page or by the last of its landscape pages (issue #10,
reader 8: the exposure table alone on a page 36 % full, the serious-event and death listings on a landscape page
49 % full). Rendered once for the module (HTML and PDF), read with ``pdftotext -bbox``."""

from __future__ import annotations

import shutil

import pytest

from manuscript_render import ink_fill, page_fill, sparse_pages, starts_section, word_boxes
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
    assert 'id="sec-adverse-events" class="level2 alsr-soft-break"' in html      # a new page, unless ...
    words = word_boxes(pdf)
    contents = {w["page"] for w in words if w["text"] == "Contents"}
    # ... the last page of a section before one that starts a new page (the exposure page before "5 Adverse events",
    # whose introduction does not stay alone at its foot: test below)
    assert contents and [(p, fill) for p, fill in sparse_pages(pdf, MIN_FILL)
                         if p not in contents and not starts_section(words, p + 1)] == []


def test_no_page_is_more_than_30_percent_blank_but_the_last_of_a_section_or_before_a_turn(ethics):
    """Issue #10, reader 12b item 6: "5 Adverse events" and its introduction followed at the foot of the exposure
    page, their Table 4 on the next page, which left the exposure page 31 % blank under the lone introduction. The
    section now starts its page with its table (the exposure page is the last of its section, as the contents page is;
    so is a page before a change of orientation, or the last page)."""
    words = word_boxes(ethics[1])
    fill = page_fill(words)
    # the ink, not the lowest word: the Summary's recommendation box ends in write-in lines with no text (its page
    # measured 34% blank by its last word, 20% by its ink)
    ink = ink_fill(ethics[1])
    pages = sorted(fill)
    blank = {p: round(1 - ink[p], 2) for p in pages[:-1]
             if fill[p + 1][1] == fill[p][1] and not starts_section(words, p + 1)}
    assert len(blank) >= 6, blank
    assert {p: b for p, b in blank.items() if b > 0.30} == {}, blank
    adverse = [p for p in pages if starts_section(words, p)
               and " ".join(w["text"] for w in words if w["page"] == p)[:200].count("Adverse events")]
    table = {w["page"] for w in words if w["text"] == "Participants"}     # Table 4's first row: "Participants with"
    assert adverse and adverse[0] in table, (adverse, table)


def test_every_landscape_page_is_at_least_60_percent_full(ethics):
    from alsreport.render.float_flow import MIN_FILL

    fill = page_fill(word_boxes(ethics[1]))
    landscape = {p: round(share, 2) for p, (share, wide) in fill.items() if wide}
    assert landscape, fill       # Table 5 (by SOC, every grade): the only table too wide for the portrait column
    assert {p: share for p, share in landscape.items() if share < MIN_FILL} == {}


def _last_page_of(words: list[dict], first: str, second: str) -> int:
    """The page of the last place where the word ``first`` is followed by ``second`` (after the contents)."""
    return max(a["page"] for a, b in zip(words, words[1:], strict=False) if a["text"] == first and b["text"] == second)


def test_a_subsection_s_heading_lead_and_placeholder_stay_with_its_first_table(ethics):
    """Reader 13b item 1: "5.5 Serious adverse events" and its paragraph were the last lines of a landscape page, the
    placeholder asking for the narratives and Table 8 started the next."""
    words = word_boxes(ethics[1])
    heading = _last_page_of(words, "5.5", "Serious")
    assert heading == _last_page_of(words, "added", "by") == _last_page_of(words, "Table", "8."), (
        heading, _last_page_of(words, "added", "by"), _last_page_of(words, "Table", "8."))
