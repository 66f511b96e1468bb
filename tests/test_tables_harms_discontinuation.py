"""A death ends participation: the harms tables count a fatal event of a participant who left the study
as leading to discontinuation, even when the data record no action taken (issue #10, CONSORT Harms 2022)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from alsreport import analyze, load_study
from alsreport.present.tables import adverse_event_overview_table, adverse_event_table
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r'<span class="gt_footnote_marks"[^>]*>.*?</span>', "", html, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    # six visits, events of grades 1 to 5 and no action_taken column: P05's respiratory failure (grade 5,
    # fatal) ended their participation (completed = no, "Died")
    root = tmp_path_factory.mktemp("death")
    return analyze(load_study(write_variant(root / "six", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))))


def test_the_fatal_event_of_a_participant_who_left_is_leading_to_discontinuation(results):
    s = results.safety
    assert not s.action_recorded
    fatal = [e for e in s.events if e.outcome == "fatal"]
    assert [(e.term, e.grade) for e in fatal] == [("Respiratory failure", 5)]
    assert [e.leading_to_discontinuation for e in s.events] == [e.outcome == "fatal" for e in s.events]
    ov = {e.category: (e.n_events, e.n_participants) for e in s.overview}
    assert ov["discontinuation"] == ov["death"] == (1, 1)


def test_overview_counts_it_and_says_how(results):
    text = _text(adverse_event_overview_table(results).gt.as_raw_html())
    n = results.safety.n_enrolled
    assert re.search(rf"Adverse event leading to discontinuation 1 \({100 / n:.1f}\)", text), text
    assert "Not recorded" not in text
    assert "a fatal event of a participant who did not complete the study (a death ends participation)" in text
    assert "only fatal events of participants who did not complete the study are counted" in text


def test_table_by_term_shows_the_column_with_the_death(results):
    text = _text(adverse_event_table(results).gt.as_raw_html())
    assert "Led to discont." in text and "are not shown" not in text
    assert "only fatal events of participants who did not complete the study are counted" in text
