"""The safety report counts deaths plainly (issue #10, ethics report): "No deaths", "1 death (not related)",
"2 deaths (1 related)" in the summary's list, the serious-event and death sections and the stopping-rule counts,
not "Deaths: none" or "1 participant (8.3%), 1 event" or "1 death (0 related)"."""

from __future__ import annotations

import dataclasses

import pytest

from alsreport import analyze, load_study
from alsreport.present.prose.deaths import deaths_count, deaths_count_sentence, deaths_tally
from alsreport.present.prose.safety import safety_key_facts
from alsreport.present.prose.safety_report import stopping_rule_counts
from analysis_helpers import example_results
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant


@pytest.fixture(scope="module")
def six(tmp_path_factory):
    # manuscript_studies.GRADES_1_TO_5: P05's respiratory failure, grade 5, unrelated, fatal -- the one death
    root = tmp_path_factory.mktemp("deaths")
    return analyze(load_study(write_variant(root / "six", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))))


def _deaths(res, *events):
    return dataclasses.replace(res, safety=dataclasses.replace(res.safety, deaths=tuple(events)))


def test_the_example_has_no_deaths_and_says_so():
    res = example_results()   # the example's 15 events are of grade 1 or 2, none fatal
    assert deaths_count(res) == "No deaths"
    assert deaths_count_sentence(res) == "No deaths were reported."
    assert "- Deaths: none\n" in safety_key_facts(res)   # a label first, as the key facts above it
    assert "Deaths: 0" not in safety_key_facts(res)
    # nothing to count: one sentence, not a list of "none"
    assert stopping_rule_counts(res) == (
        "No stopping rules are recorded for this study. As of the data cut-off (31 January 2024): no "
        "related adverse event of grade 3 or higher, no related serious adverse event and no deaths.\n")


def test_one_unrelated_death(six):
    assert [(e.participant_id, e.relatedness) for e in six.safety.deaths] == [("P05", "unrelated")]
    assert deaths_count(six) == "1 death (not related)"
    assert deaths_count_sentence(six) == "There was 1 death (not related; @tbl-deaths)."
    # session 26 six-visit reader: the item "1 death (not related)" started with a numeral
    # with its share, as the bullets beside it (session 31 DSMB reader): P05 of the 12 enrolled
    assert "- Deaths: 1 participant (8.3%), not related\n" in safety_key_facts(six)
    assert deaths_tally(six) == "1 participant (8.3%), not related"
    assert "\n- Deaths: 1 participant (8.3%), not related\n" in stopping_rule_counts(six)


def test_several_deaths_count_people_and_the_related_ones(six):
    fatal = six.safety.deaths[0]
    related = dataclasses.replace(fatal, participant_id="P06", relatedness="possible", related=True)
    second_event = dataclasses.replace(fatal, term="Sepsis")   # P05 again: still one death
    assert deaths_count(_deaths(six, fatal, related)) == "2 deaths (1 related)"
    # (the overview, unchanged here, counts one: no share rather than the wrong one)
    assert deaths_tally(_deaths(six, fatal, related)) == "2 participants, 1 related"
    assert deaths_count(_deaths(six, fatal, second_event)) == "1 death (not related)"
    assert deaths_count(_deaths(six, fatal, dataclasses.replace(fatal, participant_id="P07"))) == \
        "2 deaths (none related)"
    assert deaths_count(_deaths(six, related)) == "1 death (related)"
    assert deaths_count_sentence(_deaths(six, fatal, related)) == "There were 2 deaths (1 related; @tbl-deaths)."
