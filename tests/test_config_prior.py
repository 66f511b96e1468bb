"""``reporting.prior_report`` (alsreport/study/config_prior.py and study/validation/prior_report.py): each finding of
the earlier report is checked up front against the study's analytes, visits and measured compartments, with messages
that say where and list what is allowed."""

from __future__ import annotations

import pytest

from alsreport.study.validation import validate_study
from manuscript_studies import Variant, write_variant

TNF = {"analyte": "TNF-alpha", "compartment": "CSF", "visit": "M3", "finding": "decrease"}


def _errors(tmp_path, reporting: dict) -> list:
    study = write_variant(tmp_path / "s", Variant(extra_config={"reporting": reporting}))
    return [p for p in validate_study(study).problems if p.severity == "error"]


def test_the_structured_findings_of_a_valid_study_raise_nothing(tmp_path):
    assert _errors(tmp_path, {"prior_report": {"findings": [dict(TNF, p="< 0.01")], "others": "no change"}}) == []


@pytest.mark.parametrize("change, column, value, message", [
    ({"analyte": "TNF"}, "reporting.prior_report.findings[0].analyte", "TNF",
     "reporting.prior_report.findings[0].analyte 'TNF' is not among the analytes; allowed: TNF-alpha, IL-6, CRP"),
    ({"visit": "M0"}, "reporting.prior_report.findings[0].visit", "M0",
     "reporting.prior_report.findings[0].visit 'M0' is not a visit after the baseline (each finding compares one "
     "later visit with the baseline); allowed: M1, M2, M3"),
    ({"finding": "decreased"}, "reporting.prior_report.findings[0].finding", "decreased",
     "must be one of: decrease, increase or no change"),
    ({"compartment": "csf"}, "reporting.prior_report.findings[0].compartment", "csf",
     "must be one of: CSF, serum, plasma or blood"),
    ({"p": "p<0.01"}, "reporting.prior_report.findings[0].p", None,
     "p 'p<0.01' must be a p-value as the earlier report printed it: a number from 0 to 1, optionally after <, >, "
     "≤ or ≥ (e.g. '< 0.01', 0.003)"),
])
def test_an_unknown_name_is_located_and_the_allowed_values_listed(tmp_path, change, column, value, message):
    [e] = _errors(tmp_path, {"prior_report": {"findings": [dict(TNF, **change)]}})
    assert (e.file, e.column, e.message) == ("study.yml", column, message)
    if value is not None:
        assert e.value == value
    assert e.row is not None


def test_a_finding_in_a_compartment_the_data_do_not_measure_is_an_error(tmp_path):
    [e] = _errors(tmp_path, {"prior_report": {"findings": [dict(TNF, compartment="serum")]}})
    assert e.message == ("the earlier report's finding for TNF-alpha in serum cannot be compared: TNF-alpha has no "
                         "serum rows in measurements.csv; it is measured in CSF")
    assert (e.column, e.value, e.code) == ("reporting.prior_report.findings[0].compartment", "serum",
                                           "prior-report-not-measured")


def test_free_text_and_structured_findings_together_are_refused(tmp_path):
    [e] = _errors(tmp_path, {"prior_report": {"findings": [TNF]}, "prior_report_findings": "a decrease in TNF"})
    assert "prior_report (structured, compared in the Discussion) or prior_report_findings (free text), not both" in (
        e.message)


def test_a_finding_given_twice_is_refused(tmp_path):
    [e] = _errors(tmp_path, {"prior_report": {"findings": [TNF, dict(TNF, finding="increase")]}})
    assert e.message.endswith("repeated: TNF-alpha in CSF at M3")


def test_free_text_alone_is_still_accepted(tmp_path):
    assert _errors(tmp_path, {"prior_report_findings": "a decrease in CSF TNF-α from Month 0 to Month 3"}) == []


def test_others_families_must_name_families_and_come_with_others(tmp_path):
    """Reader 12a item 6: ``others_families`` scopes "others: no change" to the families the earlier report covered."""
    ok = {"prior_report": {"findings": [TNF], "others": "no change", "others_families": ["immunological"]}}
    assert _errors(tmp_path / "ok", ok) == []
    [e] = _errors(tmp_path / "bad", {"prior_report": {"findings": [TNF], "others": "no change",
                                                      "others_families": ["immunology"]}})
    assert (e.column, e.message) == ("reporting.prior_report.others_families[0]",
                                     "reporting.prior_report.others_families[0] 'immunology' is not an analyte family; "
                                     "allowed: immunological, biochemical, haematological")
    [e] = _errors(tmp_path / "alone", {"prior_report": {"findings": [TNF], "others_families": ["immunological"]}})
    assert "give others: no change with it" in e.message


def test_others_visits_comes_with_others(tmp_path):
    ok = {"prior_report": {"findings": [TNF], "others": "no change", "others_visits": "all"}}
    assert _errors(tmp_path / "ok", ok) == []
    [e] = _errors(tmp_path / "alone", {"prior_report": {"findings": [TNF], "others_visits": "all"}})
    assert "others_visits says which visits others: no change covers; give others: no change with it" in e.message
    [e] = _errors(tmp_path / "bad", {"prior_report": {"findings": [TNF], "others": "no change",
                                                      "others_visits": "every"}})
    assert (e.column, e.value, e.message) == ("reporting.prior_report.others_visits", "every",
                                             "must be one of: compared or all")
