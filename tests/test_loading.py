"""load_study: typed tables (dtypes as documented in alsreport.study.model), censoring, hashes, warnings."""

from __future__ import annotations

import copy
import hashlib
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alsreport.errors import StudyInvalid
from alsreport.study.loading import load_study
from alsreport.study.example import example_study_path
from alsreport.study.model import CENSORING, Study
from conftest import BASE_CONFIG, BASE_TABLES, row_of, write_study

STR = pd.StringDtype(na_value=np.nan)

DATE = np.dtype("datetime64[ns]")
DTYPES = {
    "participants": {
        "participant_id": STR, "eligible": np.dtype(bool), "exclusion_reason": STR, "enrolled": np.dtype(bool),
        "sex": STR, "age_years": np.dtype(float), "onset_site": STR, "symptom_duration_months": np.dtype(float),
        "alsfrs_r_baseline": np.dtype(float), "weight_kg": np.dtype(float), "completed": pd.BooleanDtype(),
        "discontinuation_reason": STR, **{c: DATE for c in ("consent_date", "enrolment_date",
                                                            "discontinuation_date", "death_date",
                                                            "last_contact_date")},
    },
    "infusions": {
        "participant_id": STR, "infusion_no": np.dtype(np.int64), "visit": STR, "route": STR,
        "cells_per_kg": np.dtype(float), "given": np.dtype(bool), "reason_not_given": STR,
        "infusion_date": DATE,
    },
    "measurements": {  # text as categoricals of str (millions of rows: one code each, no text per row)
        "participant_id": "category", "visit": "category", "compartment": "category", "analyte": "category",
        "value": np.dtype(float), "censoring": "category", "limit": np.dtype(float), "unit": "category",
        "lod": np.dtype(float),
        "ref_low": np.dtype(float), "ref_high": np.dtype(float), "sample_date": DATE,
    },
    "adverse_events": {
        "participant_id": STR, "term": STR, "system_organ_class": STR, "grade": np.dtype(np.int64),
        "serious": np.dtype(bool), "seriousness": STR, "relatedness": STR, "infusion_no": pd.Int64Dtype(), "onset_day": pd.Int64Dtype(),
        "outcome": STR, "attribution": STR, "procedure": STR, "action_taken": STR, "onset_date": DATE,
        "resolution_date": DATE,
    },
}


@pytest.fixture
def study(make_study) -> Study:
    return load_study(make_study())


@pytest.mark.parametrize("table", list(DTYPES))
def test_dtypes_are_as_documented(study: Study, table: str) -> None:
    frame = getattr(study, table)
    assert dict(frame.dtypes) == DTYPES[table]
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.CategoricalDtype):
            cats = frame[name].cat.categories
            assert cats.dtype == STR and not frame[name].cat.ordered
            assert sorted(set(frame[name].cat.codes.tolist()) - {-1}) == list(range(len(cats)))  # no unused category
    assert isinstance(frame.index, pd.RangeIndex)
    assert len(frame) == len(BASE_TABLES[table][1])


def test_participants_values(study: Study) -> None:
    p = study.participants.set_index("participant_id")
    assert p.loc["P01", "age_years"] == 42.0 and p.loc["P01", "weight_kg"] == 75.7
    assert not p.loc["P04", "completed"] and p.loc["P01", "completed"]
    assert pd.isna(p.loc["S01", "completed"]) and pd.isna(p.loc["S01", "sex"])
    assert pd.isna(p.loc["P01", "exclusion_reason"])
    assert p.loc["S01", "exclusion_reason"] == "Did not meet inclusion criteria"
    assert list(study.enrolled["participant_id"]) == ["P01", "P02", "P03", "P04"]


def test_censoring_is_parsed(study: Study) -> None:
    m = study.measurements
    assert set(m["censoring"]) <= set(CENSORING)
    below = m[m["censoring"] == "below"]
    assert len(below) == 1 and below["limit"].iloc[0] == 0.5 and np.isnan(below["value"].iloc[0])
    missing = m[m["censoring"] == "missing"]
    assert len(missing) == 1 and missing["value"].isna().all() and missing["limit"].isna().all()
    observed = m[m["censoring"] == "observed"]
    assert observed["value"].notna().all() and observed["limit"].isna().all()
    assert (observed["value"] > 0).all()


def test_above_limit_and_optional_columns_absent(make_study) -> None:
    header, rows = BASE_TABLES["measurements"]
    keep = header.index("unit") + 1
    rows = [r[:keep] for r in rows]
    rows[0][4] = ">250"
    loaded = load_study(make_study(tables={"measurements": (header[:keep], rows)}))
    m = loaded.measurements
    assert (m["censoring"].iloc[0], m["limit"].iloc[0]) == ("above", 250.0)
    for column in ("lod", "ref_low", "ref_high"):
        assert m[column].dtype == np.dtype(float) and m[column].isna().all()


def test_adverse_event_integers(study: Study) -> None:
    ae = study.adverse_events
    assert ae["grade"].tolist() == [2, 1]
    assert ae["infusion_no"].tolist() == [1, 2]


def test_nullable_integer_na(make_study) -> None:
    loaded = load_study(make_study(cells={("adverse_events", 2, "infusion_no"): "",
                                          ("adverse_events", 2, "onset_day"): ""}))
    assert loaded.adverse_events["infusion_no"].isna().tolist() == [True, False]
    assert loaded.adverse_events["onset_day"].dtype == pd.Int64Dtype()


def test_unknown_columns_are_dropped_and_warned(make_study) -> None:
    loaded = load_study(make_study(columns={"participants": {"name": "Jane Doe", "date_of_birth": "1970-01-01"}}))
    assert "name" not in loaded.participants.columns and "date_of_birth" not in loaded.participants.columns
    assert not loaded.participants.isin(["Jane Doe", "1970-01-01"]).any().any()
    assert len(loaded.warnings) == 1
    assert loaded.warnings[0].startswith("participants.csv, row 1: ignored columns name, date_of_birth")


def test_input_hashes_are_sha256_of_the_files(make_study) -> None:
    folder = make_study()
    loaded = load_study(folder)
    names = ["adverse_events.csv", "infusions.csv", "measurements.csv", "participants.csv", "study.yml"]
    assert sorted(loaded.input_hashes) == names
    for name in names:
        assert loaded.input_hashes[name] == hashlib.sha256((folder / name).read_bytes()).hexdigest()
    assert len(loaded.fingerprint) == 12


def test_input_hashes_cover_the_bibliography_and_style(make_study) -> None:
    """Issue #10 item 4: the bibliography and CSL style study.yml names are inputs of the documents, hashed (keyed
    by the path as study.yml gives it) with the data files; so they change the fingerprint."""
    cfg = copy.deepcopy(BASE_CONFIG)
    cfg["reporting"] = {"references": "refs/study.bib", "csl": "nature.csl"}
    folder = make_study(config=cfg, files={"nature.csl": "<style/>\n"})
    (folder / "refs").mkdir()
    (folder / "refs" / "study.bib").write_text("@misc{x, title={x}}\n", encoding="utf-8")
    loaded = load_study(folder)
    for name in ("refs/study.bib", "nature.csl"):
        assert loaded.input_hashes[name] == hashlib.sha256((folder / name).read_bytes()).hexdigest()
    (folder / "nature.csl").write_text("<style>changed</style>\n", encoding="utf-8")
    assert load_study(folder).fingerprint != loaded.fingerprint


def test_default_references_bib_is_hashed(make_study) -> None:
    """Without reporting.references the documents read the folder's references.bib: it is an input too."""
    folder = make_study(files={"references.bib": "@misc{x, title={x}}\n"})
    assert load_study(folder).input_hashes["references.bib"] == hashlib.sha256(
        (folder / "references.bib").read_bytes()).hexdigest()


def test_invalid_study_raises_with_the_report(make_study) -> None:
    row = row_of("measurements", participant_id="P01", visit="M0", compartment="CSF", analyte="TNF-alpha")
    with pytest.raises(StudyInvalid) as info:
        load_study(make_study(cells={("measurements", row, "value"): "12,5"}))
    report = info.value.report
    assert not report.ok and report.errors[0].value == "12,5"
    assert "measurements.csv" in str(info.value) and "use a decimal point: 12.5" in str(info.value)


def test_workbook_gives_the_same_study_as_csv(tmp_path: Path) -> None:
    from_csv = load_study(write_study(tmp_path / "csv"))
    from_xlsx = load_study(write_study(tmp_path / "xlsx", xlsx="data.xlsx"))
    for table in DTYPES:
        pd.testing.assert_frame_equal(getattr(from_csv, table), getattr(from_xlsx, table))
    assert from_csv.config == from_xlsx.config
    assert sorted(from_xlsx.input_hashes) == ["data.xlsx", "study.yml"]


def test_messy_csv_gives_the_same_study(tmp_path: Path) -> None:
    clean = load_study(write_study(tmp_path / "clean"))
    messy_files = {}
    for name, (header, rows) in BASE_TABLES.items():
        lines = [",".join(f" {h}" for h in header)] + [",".join(f"{c}  " for c in r) for r in rows]
        messy_files[f"{name}.csv"] = b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n"
    messy = load_study(write_study(tmp_path / "messy", files=messy_files))
    for table in DTYPES:
        pd.testing.assert_frame_equal(getattr(clean, table), getattr(messy, table))


def test_bundled_example_loads_with_15_enrolled() -> None:
    loaded = load_study(example_study_path())
    assert len(loaded.enrolled) == 15
    assert loaded.config.analysis.primary is not None
    for table in DTYPES:
        assert dict(getattr(loaded, table).dtypes) == DTYPES[table]
    assert set(loaded.measurements["censoring"]) == {"observed", "below", "missing"}


def test_large_measurement_table_loads_quickly(tmp_path: Path) -> None:
    """200 participants x 150 series x 4 visits = 120,000 rows; vectorised loading takes about a second."""
    import yaml

    folder = tmp_path / "large"
    folder.mkdir()
    visits = ["M0", "M1", "M2", "M3"]
    analytes = [f"A{i:03d}" for i in range(75)]
    cfg = {"title": "large", "visits": [{"code": v, "label": v, "month": i} for i, v in enumerate(visits)],
           "analytes": [{"name": a, "family": "biochemical"} for a in analytes]}
    (folder / "study.yml").write_text(yaml.safe_dump(cfg), encoding="utf-8")
    people = [f"P{i:04d}" for i in range(200)]
    (folder / "participants.csv").write_text(
        "participant_id,eligible,exclusion_reason,enrolled,sex,age_years,onset_site,symptom_duration_months,"
        "alsfrs_r_baseline,weight_kg,completed,discontinuation_reason\n"
        + "".join(f"{p},yes,,yes,male,50,spinal,12,30,70,yes,\n" for p in people), encoding="utf-8")
    (folder / "infusions.csv").write_text(
        "participant_id,infusion_no,visit,route,cells_per_kg,given,reason_not_given\n"
        + "".join(f"{p},1,M0,{r},500000,yes,\n" for p in people for r in ("IV", "IT")), encoding="utf-8")
    (folder / "adverse_events.csv").write_text(
        "participant_id,term,system_organ_class,grade,serious,relatedness,infusion_no,onset_day,outcome\n",
        encoding="utf-8")
    rng = np.random.default_rng(1)
    values = iter(np.round(rng.lognormal(1, 0.4, 200 * 150 * 4) + 1, 2).tolist())
    (folder / "measurements.csv").write_text(
        "participant_id,visit,compartment,analyte,value,unit,lod\n"
        + "".join(f"{p},{v},{c},{a},{next(values)},pg/mL,0.5\n"
                  for p in people for v in visits for a in analytes for c in ("CSF", "serum")), encoding="utf-8")
    start = time.perf_counter()
    loaded = load_study(folder)
    elapsed = time.perf_counter() - start
    assert len(loaded.measurements) == 120_000 and loaded.warnings == ()
    assert elapsed < 15, f"loading 120,000 rows took {elapsed:.1f} s"
