"""write_results(): file contents, full-precision floats, byte-identical reruns, all-or-nothing writing."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest
from analysis_helpers import EXAMPLE, example_results, example_study

import alsreport.results.writer as output
from alsreport.analysis.run import analyze
from alsreport.analysis.dataset import ANALYSIS_COLUMNS
from alsreport.results.model import COMPARISON_COLUMNS, DESCRIPTIVE_COLUMNS, SCHEMA_VERSION
from alsreport.results.writer import OUTPUT_FILES, csv_text, format_cell, write_results


def read_csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("w") / "results"
    paths = write_results(example_results(), out)
    assert paths == [out / name for name in OUTPUT_FILES]
    return out


def test_format_cell() -> None:
    assert format_cell(0.1) == "0.1"
    assert format_cell(0.0011596679687500004) == "0.0011596679687500004"
    assert format_cell(1 / 3) == repr(1 / 3) and float(format_cell(1 / 3)) == 1 / 3
    assert format_cell(math.nan) == "" and format_cell(None) == "" and format_cell(pd.NA) == ""
    assert format_cell(True) == "true" and format_cell(False) == "false"
    assert format_cell(15) == "15" and format_cell(14.0) == "14.0"
    assert format_cell(math.inf) == "Inf" and format_cell(-math.inf) == "-Inf"
    assert csv_text(["a", "b"], [["x,y", 'say "hi"']]) == 'a,b\n"x,y","say ""hi"""\n'


def test_comparisons_csv(written: Path) -> None:
    rows = read_csv_rows(written / "comparisons.csv")
    header, body = rows[0], rows[1:]
    assert tuple(header) == COMPARISON_COLUMNS
    assert header[:15] == ["family", "compartment", "analyte", "unit", "contrast", "test", "n", "statistic",
                           "p_value", "p_holm", "p_bh", "estimate", "ci_low", "ci_high", "effect_size"]
    n_series = len(example_results().series)
    assert n_series == 31 and len(body) == n_series * (3 * 2 + 1)
    frame = pd.read_csv(written / "comparisons.csv", keep_default_na=False, dtype=str)
    tnf = frame[(frame.analyte == "TNF-alpha") & (frame.compartment == "CSF") & (frame.contrast == "M3-M0")
                & (frame.test == "wilcoxon")].iloc[0]
    c = example_results().comparison("TNF-alpha", "CSF", "M3-M0")
    assert float(tnf.p_value) == c.pvalue  # exact round trip, not just 1e-6
    assert float(tnf.estimate) == c.estimate and float(tnf.ci_low) == c.ci.low
    assert (tnf.statistic, tnf.n, tnf.exact, tnf.correction, tnf.parameter) == ("7.0", "15", "true", "", "")
    assert set(frame.exact) <= {"true", "false", ""}
    assert set(frame[frame.test == "paired_t"].exact) == {""}


def test_descriptives_and_analysis_data_csv(written: Path) -> None:
    d = read_csv_rows(written / "descriptives.csv")
    assert tuple(d[0]) == DESCRIPTIVE_COLUMNS and len(d) - 1 == 31 * 4
    a = read_csv_rows(written / "analysis_data.csv")
    assert tuple(a[0]) == ANALYSIS_COLUMNS and len(a) - 1 == 1860
    frame = pd.read_csv(written / "analysis_data.csv")
    below = frame[frame.censoring == "below"]
    assert len(below) == 19 and (below["value"] == below["limit"] / 2).all()  # P09 has no CSF at Month 2


def test_results_json_round_trip_schema_and_hashes(written: Path) -> None:
    text = (written / "results.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc == json.loads(json.dumps(example_results().to_dict()))
    assert doc["schema_version"] == SCHEMA_VERSION == doc["provenance"]["schema_version"]
    # the data files, and the bibliography the documents cite (study.yml reporting.references; schema 1.9)
    files = sorted(p.name for p in EXAMPLE.iterdir() if p.suffix in {".csv", ".yml", ".bib"})
    assert "references.bib" in files
    assert doc["provenance"]["inputs"] == {
        name: hashlib.sha256((EXAMPLE / name).read_bytes()).hexdigest() for name in files}
    assert "NaN" not in text and "Infinity" not in text
    primary = next(c for c in doc["comparisons"] if (c["analyte"], c["compartment"], c["contrast"], c["test"])
                   == ("TNF-alpha", "CSF", "M3-M0", "wilcoxon"))
    assert primary["statistic"] == 7 and primary["ci"]["low"] == example_results().primary.ci.low
    assert primary["parameter"] is None
    assert doc["flow"]["enrolled"] == 15 and len(doc["safety"]["events"]) == 15


def test_byte_identical_reruns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706659200")
    first = write_results(analyze(example_study()), tmp_path / "a")
    second = write_results(analyze(example_study()), tmp_path / "b")
    for p, q in zip(first, second, strict=False):
        assert p.read_bytes() == q.read_bytes(), p.name
    assert json.loads(first[0].read_text())["provenance"]["generated_at"] == "2024-01-31T00:00:00Z"


def test_failure_leaves_earlier_output_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "results"
    write_results(example_results(), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(results, path, *progress):
        raise RuntimeError("disk full")

    monkeypatch.setattr(output, "write_descriptives", boom)  # fails after results.json and comparisons.csv
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # a run whose results.json would differ
    with pytest.raises(RuntimeError, match="disk full"):
        write_results(analyze(example_study()), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]  # no temporary folder left behind

    fresh = tmp_path / "never"
    with pytest.raises(RuntimeError):
        write_results(example_results(), fresh)
    assert not fresh.exists()
