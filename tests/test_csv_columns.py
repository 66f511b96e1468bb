"""Column-wise CSV writing gives the bytes of the old cell-by-cell writer (kept here as the reference)."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from analysis_helpers import example_results
from reports_helpers import write_second_study

import alsreport.results.csv_columns as csv_columns
from alsreport.analysis.run import analyze
from alsreport.results.csv_columns import frame_csv_bytes
from alsreport.results.model import ANALYSIS_COLUMNS, COMPARISON_COLUMNS, DESCRIPTIVE_COLUMNS
from alsreport.results.writer import csv_text, format_cell, write_results
from alsreport.study.loading import load_study


# The writer before the column-wise one (alsreport 0.1.0, results/writer.py), one format_cell call per cell.
def _old_column_texts(col: pd.Series) -> list[str]:
    if pd.api.types.is_bool_dtype(col.dtype) and not col.isna().any():
        return ["true" if v else "false" for v in col.to_numpy(dtype=bool)]
    if pd.api.types.is_float_dtype(col.dtype):
        return [format_cell(v) for v in col.to_numpy(dtype=np.float64, na_value=np.nan)]
    return [format_cell(v) for v in col.astype(object).where(col.notna(), None)]


def old_frame_csv_text(frame: pd.DataFrame, columns: Sequence[str]) -> str:
    texts = [_old_column_texts(frame[c]) for c in columns]
    buf = io.StringIO()  # the cells are formatted already: written as they are (format_cell is not idempotent)
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    writer.writerows(zip(*texts, strict=True) if texts else ())
    return buf.getvalue()


def old_files(results) -> dict[str, bytes]:
    data = results.analysis_data
    cols = [c for c in ANALYSIS_COLUMNS if c in data.columns] + [c for c in data.columns if c not in ANALYSIS_COLUMNS]
    comparisons = ([r[k] for k in COMPARISON_COLUMNS] for r in (c.to_record() for c in results.comparisons))
    descriptives = ([r[k] for k in DESCRIPTIVE_COLUMNS] for r in (d.to_record() for d in results.descriptives))
    return {
        "analysis_data.csv": old_frame_csv_text(data, cols).encode("utf-8"),
        "comparisons.csv": csv_text(COMPARISON_COLUMNS, comparisons).encode("utf-8"),
        "descriptives.csv": csv_text(DESCRIPTIVE_COLUMNS, descriptives).encode("utf-8"),
    }


@pytest.fixture(scope="module")
def second_results(tmp_path_factory):
    return analyze(load_study(write_second_study(tmp_path_factory.mktemp("second") / "study")))


@pytest.mark.parametrize("which", ["example", "second"])
def test_written_csv_files_equal_the_cell_by_cell_writer(which, second_results, tmp_path: Path) -> None:
    results = example_results() if which == "example" else second_results
    write_results(results, tmp_path / "out")
    expected = old_files(results)
    for name, data in expected.items():
        assert (tmp_path / "out" / name).read_bytes() == data, name
    assert expected["analysis_data.csv"].count(b"\n") == len(results.analysis_data) + 1


def test_columns_given_as_codes_are_written_from_them(second_results) -> None:
    data = second_results.analysis_data
    columns = list(data.columns)
    coded = {c: tuple(reversed(pd.factorize(data[c], use_na_sentinel=True))) for c in ("participant_id", "unit")}
    coded = {c: (codes, list(values)) for c, (values, codes) in coded.items()}
    assert frame_csv_bytes(data, columns, format_cell) == \
        _coded_bytes(data, columns, coded)
    frame = pd.DataFrame({"a": pd.Series(["x", None, "y"], dtype="str"), "b": [1.5, 2.0, math.nan]})
    # the codes are taken as they are, not the frame's column: "=q" neutralised, -1 empty, "p,q" quoted
    out = _coded_bytes(frame, ["a", "b"], {"a": (np.array([1, -1, 0]), ["p,q", "=q"])})
    assert out == b"a,b\n'=q,1.5\n,2.0\n\"p,q\",\n"


def _coded_bytes(frame: pd.DataFrame, columns: list[str], coded: dict) -> bytes:
    buf = io.BytesIO()
    csv_columns.write_frame_csv(frame, columns, buf, format_cell, coded=coded)
    return buf.getvalue()


def test_awkward_cells_equal_the_cell_by_cell_writer(monkeypatch) -> None:
    monkeypatch.setattr(csv_columns, "BLOCK_ROWS", 3)  # several blocks
    obj = np.empty(8, dtype=object)
    obj[:] = [True, 1, 1.0, None, "x", np.int64(1), math.nan, False]
    frame = pd.DataFrame({
        "f": [0.1, -0.0, 0.0, math.nan, math.inf, -math.inf, 1e16, 1e-5],
        "s": ["a,b", 'say "hi"', "line\nbreak", "", None, "é ü", " lead", "cr\r"],
        "mixed": obj,
        "i": np.arange(8, dtype=np.int64) - 3,
        "b": [True, False] * 4,
        "nb": pd.array([True, None, False, True, None, False, True, False], dtype="boolean"),
        "cat": pd.Categorical(["u", "v", None, "u", "w,x", "v", "u", "u"]),
        "F": pd.array([1.5, None, 2.0, 3.25, None, 0.0, -1.0, 7.0], dtype="Float64"),
    })
    cols = list(frame.columns)
    assert frame_csv_bytes(frame, cols, format_cell) == old_frame_csv_text(frame, cols).encode("utf-8")
    lines = frame_csv_bytes(frame, cols, format_cell).decode().split("\n")
    assert lines[1].startswith('0.1,"a,b",true,-3,true,true,u,1.5')
    assert lines[2].startswith('-0.0,"say ""hi""",1,-2,')


def test_merged_neighbour_columns_equal_the_cell_by_cell_writer(monkeypatch) -> None:
    monkeypatch.setattr(csv_columns, "BLOCK_ROWS", 700)  # several blocks
    monkeypatch.setattr(csv_columns, "_ALL_PAIRS", 64)  # both ways of merging: every pair, and hashed pairs
    rng = np.random.default_rng(7)
    n = 2000
    who = rng.integers(0, 40, n)
    frame = pd.DataFrame({
        "participant_id": pd.Categorical([f"P{i:02d}" for i in who]),
        "visit": rng.choice(["M0", "M1", "M,2", None], n),
        "analyte": [f'A "{i % 30}"' for i in who],  # one analyte per participant: 40 pairs of 40 x 30
        "label": [f"label\n{i % 30}" for i in who],
        "value": np.where(rng.random(n) < 0.1, np.nan, np.round(rng.normal(size=n), 2)),
        "flag": rng.random(n) < 0.5,
        "n": rng.integers(-3, 3, n),
    })
    cols = list(frame.columns)
    parts = [csv_columns.column_codes(frame[c], format_cell) for c in cols]
    assert len(csv_columns.merge_columns(parts, n)) < len(cols)  # something was merged
    assert frame_csv_bytes(frame, cols, format_cell) == old_frame_csv_text(frame, cols).encode("utf-8")


@pytest.mark.parametrize("values", [["", "a", ""], [math.nan, 1.0, math.nan]])
def test_one_column_and_empty_frames(values) -> None:
    frame = pd.DataFrame({"only": values})
    assert frame_csv_bytes(frame, ["only"], format_cell) == old_frame_csv_text(frame, ["only"]).encode()
    empty = frame.iloc[:0]
    assert frame_csv_bytes(empty, ["only"], format_cell) == b"only\n"


# results.json before the one-pass conversion (alsreport 0.1.0, results/model.py): asdict, then NaN -> None.
def _old_json_safe(obj):
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, dict):
        return {str(k): _old_json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_old_json_safe(v) for v in obj]
    if hasattr(obj, "item") and callable(obj.item):
        return _old_json_safe(obj.item())
    return obj


def old_to_dict(results) -> dict:
    from dataclasses import asdict, fields, replace

    from alsreport.results.model import SCHEMA_VERSION

    out = {"schema_version": SCHEMA_VERSION}
    for f in fields(results):
        if f.name == "analysis_data":
            continue
        value = getattr(results, f.name)
        if f.name == "dsmb" and value is not None:  # the deviations were a tuple of Deviation objects
            value = replace(value, deviations=tuple(value.deviations))
        if f.name == "config":
            out[f.name] = value.model_dump(mode="json")
        elif isinstance(value, tuple):
            out[f.name] = [asdict(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
        elif hasattr(value, "__dataclass_fields__"):
            out[f.name] = asdict(value)
        else:
            out[f.name] = value
    return _old_json_safe(out)


@pytest.mark.parametrize("which", ["example", "second"])
def test_results_json_equals_the_asdict_conversion(which, second_results) -> None:
    import json

    from alsreport.results.writer import results_json

    results = example_results() if which == "example" else second_results
    old = json.dumps(old_to_dict(results), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    assert results_json(results) == old


def test_merge_gives_up_on_a_first_slice_with_too_many_combinations() -> None:
    n = 4000  # limit n // 8 = 500 combinations; 300 x 7 texts: hashed; the probe hashes the first 1,000 rows
    i = np.arange(n)
    left_texts, right_texts = [f"a{k}" for k in range(300)], [f"b{k}" for k in range(7)]
    many = [((i % 300).astype(np.int32), left_texts), ((i % 7).astype(np.int32), right_texts)]
    assert len(csv_columns.merge_columns(many, n)) == 2  # 1,000 combinations in the first slice: kept apart
    few = [((i // 40).astype(np.int32), left_texts), (((i // 40) % 7).astype(np.int32), right_texts)]
    merged = csv_columns.merge_columns(few, n)  # 100 combinations: one column
    assert len(merged) == 1
    codes, texts = merged[0]
    assert [texts[c] for c in codes[[0, 40, 80, 3999]]] == ["a0,b0", "a1,b1", "a2,b2", "a99,b1"]
