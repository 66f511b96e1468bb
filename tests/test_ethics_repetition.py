"""The safety report says each thing once (issue #10, wording): its Summary listed the counts of all, related and
serious events and deaths, and a paragraph above the list said the same counts, word for word Section 5's lead
(outside reader of the six-visit study, session 24). The example's report is rendered once (HTML, embedded)."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

import pytest

from alsreport.study.example import example_study_path


@pytest.fixture(scope="module")
def ethics(tmp_path_factory) -> str:
    from alsreport.documents.reports import render_reports

    out = tmp_path_factory.mktemp("ethics-repetition")
    render_reports(example_study_path(), reports=["ethics"], formats=["html"], engine="embedded", out_dir=out)
    return (out / "ethics.html").read_text(encoding="utf-8")


def _paragraphs(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", p))).strip()
            for p in re.findall(r"(?s)<p[^>]*>(.*?)</p>", html)]


def test_no_paragraph_of_text_is_printed_twice(ethics):
    # the two recommendation boxes (the investigators' and the board's) offer the same choices, by design
    repeated = {p: n for p, n in Counter(_paragraphs(ethics)).items()
                if n > 1 and len(p) > 60 and not p.startswith("\u25a1")}
    assert repeated == {}


def test_the_summary_gives_the_counts_once_in_its_list(ethics):
    summary = ethics[ethics.index('id="sec-summary"'):ethics.index('id="sec-overview"')]
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", summary)))
    # the example (comparisons of adverse_events.csv): 15 events in 14 of 15 participants, 12 related in 11
    assert text.count("14 of 15") + text.count("14 participants") == 1
    assert "At least one adverse event was recorded" not in text
