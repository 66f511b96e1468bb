"""The safety report's data-completeness section in its own words (issue #10): missing samples by visit, then
compartment, with whose and why, and no manuscript sentence on comparisons; the disposition paragraph points there."""

from __future__ import annotations

import pytest

from alsreport import analyze, load_study
from alsreport.present.prose.data_completeness import data_completeness_text, safety_report_flow
from alsreport.present.prose.missing_samples import missing_by_visit
from analysis_helpers import example_results
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant


@pytest.fixture(scope="module")
def six(tmp_path_factory):
    # P03 missed Month 2 (CSF and serum); P05 died after infusion 3, so their 6 later samples are not "missing"
    root = tmp_path_factory.mktemp("completeness")
    return analyze(load_study(write_variant(root / "six", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5,
                                                                  missed_visit=("P03", "M2")))))


def test_the_example_lists_its_four_missing_samples_by_visit_then_compartment():
    # the example's missing samples (tests/test_analysis_missing_sample_deviations.py): P12 CSF M1, P09 CSF M2
    # (lumbar puncture unsuccessful), P07 serum M2, P04 blood M3
    res = example_results()
    assert [(v, [c for c, _ in cells]) for v, cells in missing_by_visit(res)] == [
        ("M1", ["CSF"]), ("M2", ["CSF", "serum"]), ("M3", ["blood"])]
    assert data_completeness_text(res) == (
        "In all, 4 samples were missing from participants still in the study, each a protocol deviation "
        "(@tbl-deviations); by visit and compartment:\n\n"
        "- Month 1: CSF, 1 participant (P12)\n"
        "- Month 2: CSF, 1 participant (P09; lumbar puncture unsuccessful); serum, 1 participant (P07)\n"
        "- Month 3: blood, 1 participant (P04)\n\n"
        "@tbl-completeness counts the analyte values recorded at each visit against those expected from the "
        "participants still in the study.\n")


def test_the_safety_reports_words_are_not_the_manuscripts():
    res = example_results()
    flow = safety_report_flow(res)
    assert "comparisons" not in flow + data_completeness_text(res)
    assert "Samples were missing" not in flow
    assert flow.endswith("(CSF TNF\\-α, Month 3 vs Month 0). Missing samples are listed by visit in @sec-completeness.")
    # the reasons of those not included are the section's own list, not said twice within a page (session 33)
    assert flow.startswith("Of 21 people assessed for eligibility, 15 were included and 6 were not (reasons in "
                           "@sec-not-enrolled). ")


def test_samples_after_a_death_are_counted_apart(six):
    text = data_completeness_text(six)
    assert "- Month 2: CSF, 1 participant (P03); serum, 1 participant (P03)\n" in text
    # P05 died after infusion 3: CSF and serum at Months 3, 6 and 12
    # the section holds the discontinuations, not the samples (session 25 reader)
    assert ("Samples scheduled after a participant had died (6: CSF 3, serum 3) are not counted as missing "
            "(participant flow: @sec-disposition).") in text


def test_one_missing_sample_is_a_deviation_not_each(tmp_path):
    """Session 33 DSMB reader: "In all, 1 sample was missing …, each a protocol deviation"."""
    one = Variant(series=(Variant().series[0],), missed_visit=("P03", "M2"))
    text = data_completeness_text(analyze(load_study(write_variant(tmp_path / "one", one))))
    assert text.startswith("In all, 1 sample was missing from participants still in the study, a protocol deviation "
                           "(@tbl-deviations); by visit and compartment:\n\n- Month 2: CSF, 1 participant (P03)\n")


def test_one_sample_after_a_death_is_said_in_the_singular(iv_one_analyte_results):
    """Session 33 reader (IV-only, one analyte): "Samples scheduled after a participant had left the study (1 serum
    sample) are not counted" and, in Table 2's note, "(not protocol deviations; … accounts for them)"."""
    from alsreport.present.tables.deviation_words import after_discontinuation_note

    r = iv_one_analyte_results
    assert ("The one serum sample scheduled after a participant had died is not counted as missing (participant flow: "
            "@sec-disposition).") in data_completeness_text(r)
    assert after_discontinuation_note(r) == (" Not listed: 1 scheduled sample not collected because the participant "
                                             "had died (not a protocol deviation; the participant flow accounts for it).")


def test_the_sensitivity_tables_are_named_for_what_they_hold(iv_one_analyte_results):
    """Session 33 reader: "The paired t-test for every marker is in Table 3" with one marker."""
    from alsreport.present.prose.methods import sensitivity_tables_words

    assert sensitivity_tables_words(iv_one_analyte_results) == "The paired t-test is in"
    assert sensitivity_tables_words(example_results()) == ("The paired t-test and the Friedman test for every marker "
                                                           "are in")
