"""alsreport.study.validation.cross_table: an adverse event whose term names a lumbar puncture in a study that records
none (no intrathecal infusion, no CSF sample) is a warning (DSMB reader: "Post lumbar puncture headache" in an
IV-only study with serum samples was accepted silently)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from manuscript_studies import Series, iv_one_analyte, write_variant

from alsreport.study.validation import validate_study

_CODE = "puncture-event-without-puncture"


def test_a_lumbar_puncture_event_in_a_study_without_punctures_is_a_warning(tmp_path: Path) -> None:
    report = validate_study(write_variant(tmp_path / "iv", iv_one_analyte()))
    assert report.ok                                   # a warning: the analysis still runs
    found = [p for p in report.problems if p.code == _CODE]
    assert [(p.severity, p.file, p.row, p.column, p.value) for p in found] == [
        ("warning", "adverse_events.csv", 2, "term", "Post lumbar puncture headache")]
    assert found[0].message == (
        "P01's event names a lumbar puncture, but the study records none: no infusion is intrathecal (no route IT in "
        "infusions.csv) and no sample is from the CSF (no compartment CSF in measurements.csv); check the term and "
        "the participant, or the routes and compartments recorded (a puncture outside the protocol belongs in the "
        "event's narrative)")
    # an intrathecal infusion or a CSF sample explains the puncture: no warning
    iv = iv_one_analyte()
    with_it = replace(iv, routes=("IV", "IT"))
    with_csf = replace(iv, series=iv.series + (Series("IL-6", "CSF", family="neurofilament"),))
    for name, variant in (("it", with_it), ("csf", with_csf)):
        report = validate_study(write_variant(tmp_path / name, variant))
        assert report.ok and not [p for p in report.problems if p.code == _CODE], name
