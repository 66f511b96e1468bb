"""The safety report's list of abbreviations, rendered (issue #10): on the contents page, each listed abbreviation
occurs in the report's text, and every abbreviation the report uses (of the manuscript's list and the board's words)
is listed. The example's report is rendered once (HTML, embedded engine)."""

from __future__ import annotations

import re

import pytest

from alsreport.present.prose.abbreviations import SAFETY_REPORT_WORDS, abbreviation_used
from alsreport.study.example import example_study_path
from reports_helpers import html_text


@pytest.fixture(scope="module")
def ethics(tmp_path_factory) -> str:
    from alsreport.documents.reports import render_reports

    out = tmp_path_factory.mktemp("ethics-abbreviations")
    render_reports(example_study_path(), reports=["ethics"], formats=["html"], engine="embedded", out_dir=out)
    return (out / "ethics.html").read_text(encoding="utf-8")


def _listed(html: str) -> tuple[list[tuple[str, str]], str]:
    """The list's (abbreviation, long name) pairs, and the page's text without the list."""
    found = re.search(r'(?s)<dl class="alsr-abbreviations">(.*?)</dl>', html)
    assert found, "no list of abbreviations"
    pairs = [(html_text(a).strip(), html_text(b).strip())
             for a, b in re.findall(r"(?s)<dt>(.*?)</dt><dd>(.*?)</dd>", found.group(1))]
    return pairs, html_text(html[:found.start()] + html[found.end():])


def test_the_list_follows_the_contents_and_precedes_the_summary(ethics):
    assert ethics.index("List of tables") < ethics.index('class="alsr-abbreviations"') < ethics.index(
        'id="sec-summary"')


def test_every_listed_abbreviation_is_used_and_every_used_one_listed(ethics):
    pairs, text = _listed(ethics)
    names = [a for a, _ in pairs]
    assert names == sorted(names, key=str.lower)
    assert [a for a in names if not abbreviation_used(text, a, plurals=True)] == []
    assert [a for a in SAFETY_REPORT_WORDS if abbreviation_used(text, a, plurals=True) and a not in names] == []
    # the example's (looked at in the PDF, 3 December 2026): the analytes' ALP, ALT, AST, CPK, TNF (no GGT: the
    # example measures none, and the grade notes no longer name it, session 26); the provenance's SHA-256 and UTC;
    # the board's SUSAR; no DSMB (the example names no DSMB members: the report is for the ethics committee alone and
    # says DSMB nowhere, session 35 DSMB reader #21); no SAE or AE (the report spells them out), no SOC (Table 5
    # writes "System organ class" in full)
    assert names == ["ALP", "ALS", "ALSFRS-R", "ALT", "AST", "BM-MSC", "CI", "CPK", "CSF", "CTCAE",
                     "IQR", "IT", "IV", "LOD", "SD", "SHA-256", "SUSAR", "TNF", "UTC"]
    assert dict(pairs)["CTCAE"] == "Common Terminology Criteria for Adverse Events"
