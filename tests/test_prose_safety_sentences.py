"""The safety sentences read as sentences (issue #10, reader 8's defects 7 and 11): "One participant (8.3%)
died.", not "Deaths: 1 event in 1 participant (8.3%)"; "(grade 5, unrelated, fatal)", not "relatedness
unrelated, outcome fatal"; no "against these rules" without rules; no empty enrolment table without dates."""

from __future__ import annotations

import dataclasses

import pytest

from alsreport import analyze, load_study
from alsreport.present.prose.enrolment_dates import enrolment_has_dates, enrolment_without_dates
from alsreport.present.prose.safety import safety_sentence, serious_events_sentence, serious_events_summary
from alsreport.present.prose.safety_report import stopping_rule_counts
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant


@pytest.fixture(scope="module")
def six(tmp_path_factory):
    # 12 participants, events of grades 1 to 5: three serious (P03 aseptic meningitis grade 3 probable, P04
    # pulmonary embolism grade 4 unlikely, P05 respiratory failure grade 5 unrelated, fatal); no enrolment dates
    root = tmp_path_factory.mktemp("six")
    return analyze(load_study(write_variant(root / "six", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))))


def test_counts_are_sentences_not_a_pasted_list(six):
    text = safety_sentence(six)
    assert "Three participants (25.0%) had a serious adverse event." in text
    assert "Three participants (25.0%) had an event of grade 3 or higher." in text
    assert "One participant (8.3%) died." in text
    assert "Deaths:" not in text and "Serious adverse events:" not in text and " events in " not in text


def test_the_events_are_counted_only_when_they_differ_from_the_participants(six):
    ov = {e.category: e for e in six.safety.overview}
    two = dataclasses.replace(ov["serious"], n_events=5)
    res = dataclasses.replace(six, safety=dataclasses.replace(
        six.safety, overview=tuple(two if e.category == "serious" else e for e in six.safety.overview)))
    assert "Three participants (25.0%) had a serious adverse event (5 events)." in safety_sentence(res)


def test_the_serious_events_name_grade_relatedness_and_outcome_as_words(six):
    text = serious_events_summary(six)
    assert "respiratory failure (grade 5, unrelated, fatal)" in text
    assert "aseptic meningitis (grade 3, probably related, recovered)" in text
    assert "pulmonary embolism (grade 4, unlikely to be related, recovered)" in text
    assert "relatedness" not in text and "outcome" not in text
    assert "(participant P05, grade 5, unrelated, fatal)" in serious_events_sentence(six)


def test_no_rules_to_assess_against_is_said_once(six):
    assert not six.config.safety.stopping_rules
    text = stopping_rule_counts(six)
    assert text.startswith("The study files record no stopping rules. For the board: ")
    assert "against these rules" not in text
    ruled = dataclasses.replace(six, config=six.config.model_copy(update={"safety": six.config.safety.model_copy(
        update={"stopping_rules": ["Two related grade 4 events."]})}))
    assert stopping_rule_counts(ruled).startswith("For the board's assessment against these rules: ")


def test_without_enrolment_dates_one_sentence_replaces_the_empty_table(six):
    assert not enrolment_has_dates(six)
    assert enrolment_without_dates(six) == (
        "12 participants were enrolled (no target recorded in the study files); the study files record no "
        "enrolment dates, so enrolment over time cannot be shown.")


def test_with_enrolment_dates_the_table_stays(six):
    from alsreport.results.dsmb import EnrolmentMonth
    e = six.dsmb.enrolment
    dated = dataclasses.replace(six, dsmb=dataclasses.replace(six.dsmb, enrolment=dataclasses.replace(
        e, by_month=(EnrolmentMonth("2025-01", 12, 12),))))
    assert enrolment_has_dates(dated) and enrolment_without_dates(dated) == ""
