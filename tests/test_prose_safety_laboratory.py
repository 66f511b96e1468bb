"""The safety report's laboratory section says what its CTCAE tables show, and whether each value of grade 2 or
higher was recorded as an adverse event, in §6 and in the summary's bullet (reader 12a item 5: §6 only described its
tables, and the manuscript said "None of these laboratory abnormalities was recorded as an adverse event" where the
safety report said nothing). A study built here: the example's data change."""

from __future__ import annotations

import dataclasses

import pytest
from safety_fixtures import write_harms_study

from alsreport.analysis.run import analyze
from alsreport.present.prose.board_summary import laboratory_item
from alsreport.present.prose.laboratory_harms import laboratory_harms_sentence
from alsreport.present.prose.safety_report import laboratory_safety_text
from alsreport.analysis.lab_worst import graded_after_baseline
from alsreport.study.loading import load_study

#: the harms study's values of grade 2 or higher after baseline (safety_fixtures: none of them an adverse event)
SEVERE = {("H07", "Neutrophil count decreased", 3), ("H12", "Alanine aminotransferase increased", 3),
          ("H05", "Platelet count decreased", 2), ("H06", "Alanine aminotransferase increased", 2),
          ("H01", "Creatinine increased", 2)}


@pytest.fixture(scope="module")
def harms(tmp_path_factory):
    return analyze(load_study(write_harms_study(tmp_path_factory.mktemp("laboratory") / "harms")))


def _with_event(res, participant: str, term: str):
    """``res`` with one more adverse event: ``participant``'s ``term``."""
    ev = dataclasses.replace(res.safety.events[0], participant_id=participant, term=term)
    return dataclasses.replace(res, safety=dataclasses.replace(res.safety, events=res.safety.events + (ev,)))


def test_section_6_counts_per_term_and_says_none_was_an_adverse_event(harms) -> None:
    assert {(w.participant_id, w.ctcae_term, w.worst_grade) for w in graded_after_baseline(harms)} == SEVERE
    text = laboratory_safety_text(harms)
    findings = text.split("\n\n")[1]
    # the manuscript's sentence, pointing to this report's shift table
    assert findings == laboratory_harms_sentence(harms, where=" (@tbl-grade-shifts)")
    assert "were worse than at baseline in 5 participants (@tbl-grade-shifts); by CTCAE term: alanine aminotransferase " \
           "increased (2), creatinine increased (1), neutrophil count decreased (1), platelet count decreased (1)." in findings
    assert findings.endswith("None of these laboratory abnormalities was recorded as an adverse event.")
    assert laboratory_item(harms).endswith("; and 2 more; none recorded as an adverse event")


def test_a_grade_2_value_recorded_as_an_adverse_event_is_told_apart(harms) -> None:
    res = _with_event(harms, "H12", "Alanine aminotransferase increased")
    findings = laboratory_safety_text(res).split("\n\n")[1]
    assert findings.endswith(
        "Of these 5 abnormalities, one was also recorded as an adverse event with the same term. Of the values of "
        "grade 2 or higher, that of H12 (alanine aminotransferase increased) was also recorded as an adverse event "
        "with the same term; those of H07 (neutrophil count decreased), H05 (platelet count decreased), H06 (alanine "
        "aminotransferase increased), and H01 (creatinine increased) were not.")
    assert laboratory_item(res).endswith("; recorded as an adverse event: H12 (alanine aminotransferase increased); "
                                         "not recorded: H07 (neutrophil count decreased), H05 (platelet count "
                                         "decreased), H06 (alanine aminotransferase increased), and H01 (creatinine "
                                         "increased)")


def test_without_graded_values_the_section_says_only_what_it_has(harms) -> None:
    none = dataclasses.replace(harms, dsmb=dataclasses.replace(harms.dsmb, grade_counts=(), grade_shifts=(),
                                                               graded_values=()))
    assert "\n\n" not in laboratory_safety_text(none) and "adverse event" not in laboratory_safety_text(none)
    assert laboratory_item(none).endswith(
        "not assessed, as the data hold no safety laboratory test with CTCAE criteria (such as blood counts, liver or "
        "kidney function); to be explained by the investigators")
