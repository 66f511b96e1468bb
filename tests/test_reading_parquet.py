"""Parquet tables instead of CSV files: same study, same results, messages with meaningful rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from analysis_helpers import EXAMPLE, example_results

from alsreport.analysis.run import analyze
from alsreport.study.loading import load_study
from alsreport.study.validation import validate_study

TABLE_NAMES = ("participants", "infusions", "measurements", "adverse_events")


def _to_parquet(src: Path, dest: Path, typed: bool) -> Path:
    """Copy the study with its tables as Parquet: all text, or with numbers and flags typed as pandas reads them."""
    dest.mkdir(parents=True)
    shutil.copy(src / "study.yml", dest / "study.yml")
    shutil.copy(src / "references.bib", dest / "references.bib")   # study.yml's reporting.references
    for name in TABLE_NAMES:
        if typed:
            frame = pd.read_csv(src / f"{name}.csv")
        else:
            frame = pd.read_csv(src / f"{name}.csv", dtype=str, keep_default_na=False)
        frame.to_parquet(dest / f"{name}.parquet", index=False)
    return dest


@pytest.mark.parametrize("typed", [False, True], ids=["text", "typed"])
def test_parquet_study_gives_the_csv_results(tmp_path: Path, typed: bool) -> None:
    study = load_study(_to_parquet(EXAMPLE, tmp_path / "pq", typed))
    assert sorted(study.input_hashes) == sorted(["study.yml", "references.bib",
                                                 *(f"{n}.parquet" for n in TABLE_NAMES)])
    results = analyze(study)
    expected = example_results()
    pd.testing.assert_frame_equal(results.comparisons_frame(), expected.comparisons_frame())
    pd.testing.assert_frame_equal(results.descriptives_frame(), expected.descriptives_frame())
    pd.testing.assert_frame_equal(results.analysis_data, expected.analysis_data)
    assert results.flow == expected.flow and results.safety == expected.safety


def test_a_bad_value_names_the_parquet_file_and_row(tmp_path: Path) -> None:
    folder = _to_parquet(EXAMPLE, tmp_path / "pq", typed=False)
    frame = pd.read_parquet(folder / "measurements.parquet")
    frame.loc[5, "value"] = "12,5"
    frame.to_parquet(folder / "measurements.parquet", index=False)
    report = validate_study(folder)
    bad = [p for p in report.problems if p.severity == "error"]
    assert [(p.file, p.row, p.column, p.value) for p in bad] == [("measurements.parquet", 7, "value", "12,5")]


def test_typed_numbers_read_back_exactly(tmp_path: Path) -> None:
    folder = _to_parquet(EXAMPLE, tmp_path / "pq", typed=True)
    frame = pd.read_parquet(folder / "measurements.parquet")
    tricky = 0.1 + 0.2  # 0.30000000000000004: the text must round-trip
    row = int(np.flatnonzero(frame["analyte"].eq("TNF-alpha") & frame["compartment"].eq("CSF"))[0])
    frame["value"] = frame["value"].astype(object)
    frame.loc[row, "value"] = str(tricky)
    frame.to_parquet(folder / "measurements.parquet", index=False)
    data = analyze(load_study(folder)).analysis_data
    pid, visit = frame.loc[row, "participant_id"], frame.loc[row, "visit"]
    got = data[(data.participant_id == pid) & (data.visit == visit) & (data.analyte == "TNF-alpha")
               & (data.compartment == "CSF")]["value"]
    assert got.tolist() == [tricky]


def test_csv_and_parquet_of_one_table_is_ambiguous(tmp_path: Path) -> None:
    folder = tmp_path / "both"
    shutil.copytree(EXAMPLE, folder)
    pd.read_csv(folder / "infusions.csv", dtype=str).to_parquet(folder / "infusions.parquet")
    report = validate_study(folder)
    assert not report.ok
    assert any(p.file == "infusions.parquet" and "keep only one" in p.message for p in report.problems)


def test_a_file_that_is_not_parquet_is_named(tmp_path: Path) -> None:
    folder = _to_parquet(EXAMPLE, tmp_path / "pq", typed=False)
    (folder / "adverse_events.parquet").write_bytes(b"participant_id,term\nP01,x\n")
    report = validate_study(folder)
    p = next(p for p in report.problems if p.file == "adverse_events.parquet")
    assert "not readable as Parquet" in p.message and "CSV" in p.message
