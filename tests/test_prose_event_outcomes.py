"""How the adverse events ended, in the manuscript's harms section (CONSORT Harms 2022; session 30 reviewer: the
example's one unresolved event, P15's muscle cramps, was only in Table S3)."""

from __future__ import annotations

import dataclasses

import pytest

from alsreport.present.prose.event_outcomes import event_outcomes


@pytest.fixture(scope="module")
def example():
    from analysis_helpers import example_results
    return example_results()


def _with_outcomes(results, outcomes):
    events = tuple(dataclasses.replace(e, outcome=o) for e, o in zip(results.safety.events, outcomes, strict=True))
    return dataclasses.replace(results, safety=dataclasses.replace(results.safety, events=events))


def test_the_example_names_its_one_unresolved_event_by_term_not_participant(example):
    # adverse_events.csv: 15 events, 14 "recovered", P15's muscle cramps (grade 1) "recovering"
    assert [e.outcome for e in example.safety.events].count("recovered") == 14
    text = event_outcomes(example)
    assert text == ("As of the data cut-off (31 January 2024), 14 of the 15 events had resolved and 1 had not: "
                    "muscle cramps (grade 1, recovering).")
    assert "P15" not in text   # the manuscript never names participants


def test_every_event_resolved_some_with_sequelae(example):
    n = len(example.safety.events)
    every = _with_outcomes(example, ["recovered"] * (n - 2) + ["recovered with sequelae"] * 2)
    assert event_outcomes(every) == (f"As of the data cut-off (31 January 2024), all {n} events had resolved "
                                     "(2 with sequelae).")


def test_fatal_and_unrecorded_outcomes_and_more_than_three_open(example):
    n = len(example.safety.events)
    outcomes = ["fatal"] + [None, "unknown", "not recovered", "recovering"] + ["recovered"] * (n - 5)
    text = event_outcomes(_with_outcomes(example, outcomes))
    first = example.safety.events[1]
    assert text.startswith(f"As of the data cut-off (31 January 2024), {n - 5} of the {n} events had resolved, 1 was "
                           "fatal, and 4 had not: ")
    assert f"{first.term.lower()} (grade {first.grade}, outcome not recorded)" in text
    assert text.endswith(" and 1 more.")


def test_no_events_no_sentence(example):
    assert event_outcomes(dataclasses.replace(example, safety=dataclasses.replace(example.safety, events=()))) == ""


def test_two_events_both_resolved_and_one_event(example):
    # the tester's IV study: two events, both recovered, read "all 2 events had resolved"
    two = dataclasses.replace(example, safety=dataclasses.replace(
        example.safety, events=tuple(dataclasses.replace(e, outcome="recovered") for e in example.safety.events[:2])))
    assert event_outcomes(two) == "As of the data cut-off (31 January 2024), both events had resolved."
    one = dataclasses.replace(two, safety=dataclasses.replace(two.safety, events=two.safety.events[:1]))
    assert event_outcomes(one) == "As of the data cut-off (31 January 2024), the event had resolved."
