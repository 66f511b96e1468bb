"""alsreport.study.validation.plausibility: CSF albumin above CSF total protein in one sample is a warning naming
both rows (reader 12a item 4: the example had four such samples, P09 at Month 0 40.0 mg/dL against 29)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from alsreport.study.example import example_study_path
from alsreport.study.validation import validate_study


def _example_with(tmp_path: Path, changes: dict[tuple[str, str, str, str], str], unit: str | None = None) -> Path:
    """A copy of the example with values of (participant, visit, compartment, analyte) replaced."""
    folder = tmp_path / "study"
    shutil.copytree(example_study_path(), folder)
    path = folder / "measurements.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for (pid, visit, compartment, analyte), value in changes.items():
        at = ((frame["participant_id"] == pid) & (frame["visit"] == visit) & (frame["compartment"] == compartment)
              & (frame["analyte"] == analyte))
        assert at.sum() == 1
        frame.loc[at, "value"] = value
        if unit is not None and analyte == "total-protein":
            frame.loc[at, "unit"] = unit
    frame.to_csv(path, index=False, lineterminator="\n")
    return folder


def _line(folder: Path, pid: str, visit: str, analyte: str) -> int:
    """The spreadsheet row (header = 1) of one CSF value."""
    frame = pd.read_csv(folder / "measurements.csv", dtype=str, keep_default_na=False)
    at = (frame["participant_id"] == pid) & (frame["visit"] == visit) & (frame["compartment"] == "CSF") & (
        frame["analyte"] == analyte)
    return int(frame.index[at][0]) + 2


def test_the_example_has_no_csf_albumin_above_total_protein() -> None:
    report = validate_study(example_study_path())
    assert not [p for p in report.problems if p.code == "albumin-above-protein"]


def test_csf_albumin_above_total_protein_is_a_warning_naming_both_rows(tmp_path: Path) -> None:
    folder = _example_with(tmp_path, {("P09", "M0", "CSF", "total-protein"): "29"})
    report = validate_study(folder)
    found = [p for p in report.problems if p.code == "albumin-above-protein"]
    assert len(found) == 1 and report.ok           # a warning: the analysis still runs
    p = found[0]
    row, partner = _line(folder, "P09", "M0", "albumin"), _line(folder, "P09", "M0", "total-protein")
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", "measurements.csv", row, "value", "40.0")
    assert p.message == (f"CSF albumin 40.0 mg/dL of P09 at M0 is above the same sample's CSF total-protein "
                         f"(29 mg/dL, row {partner}); albumin is part of the total protein, so it must be below it: "
                         "check both values and their units")


def test_units_are_converted_and_uncomparable_pairs_skipped(tmp_path: Path) -> None:
    # 0.52 g/L is 52 mg/dL: above P09's albumin of 40.0 mg/dL; 0.29 g/L is 29 mg/dL: below it
    assert not [p for p in validate_study(_example_with(tmp_path / "a", {("P09", "M0", "CSF", "total-protein"): "0.52"},
                                                        unit="g/L")).problems if p.code == "albumin-above-protein"]
    low = validate_study(_example_with(tmp_path / "b", {("P09", "M0", "CSF", "total-protein"): "0.29"}, unit="g/L"))
    assert [p.value for p in low.problems if p.code == "albumin-above-protein"] == ["40.0"]
    # a unit the rule cannot convert, or an albumin below the limit of detection: no comparison
    odd = validate_study(_example_with(tmp_path / "c", {("P09", "M0", "CSF", "total-protein"): "29"}, unit="U/L"))
    assert not [p for p in odd.problems if p.code == "albumin-above-protein"]
    censored = validate_study(_example_with(tmp_path / "d", {("P09", "M0", "CSF", "total-protein"): "29",
                                                            ("P09", "M0", "CSF", "albumin"): "<50"}))
    assert not [p for p in censored.problems if p.code == "albumin-above-protein"]
