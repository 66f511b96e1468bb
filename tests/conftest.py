"""Shared fixtures: a small, valid study folder that a test can corrupt one cell or file at a time.

``make_study(**overrides)`` (fixture) writes the study into a fresh folder under
``tmp_path`` and returns its path. The base study (``BASE_CONFIG`` and
``BASE_TABLES``) validates with no errors and no warnings:

* participants.csv: S01 (not eligible), S02 (eligible, declined), P01-P03
  (completed), P04 (discontinued: infusion 2 given by no route);
* infusions.csv: infusions 1 (M0) and 2 (M1), an IV and an IT row each;
* measurements.csv: TNF-alpha in CSF and serum, CRP in serum, at M0, M1, M2
  (P04 only at M0 and M1); one ``<0.5`` below the limit of detection and one
  missing value;
* adverse_events.csv: two events.

Rows are numbered as in a spreadsheet (header = row 1): ``row_of(table, **match)``
returns the row of the first base row matching ``match``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

BASE_CONFIG: dict[str, Any] = {
    "title": "Test study",
    "synthetic": True,
    "visits": [
        {"code": "M0", "label": "Month 0", "month": 0},
        {"code": "M1", "label": "Month 1", "month": 1},
        {"code": "M2", "label": "Month 2", "month": 2},
    ],
    "analytes": [
        {"name": "TNF-alpha", "label": "TNF-α", "family": "immunological"},
        {"name": "CRP", "family": "biochemical"},
    ],
    "analysis": {"below_lod": "half_lod", "primary": {"analyte": "TNF-alpha", "compartment": "CSF"}},
}

_P_COLS = ["participant_id", "eligible", "exclusion_reason", "enrolled", "sex", "age_years", "onset_site",
           "symptom_duration_months", "alsfrs_r_baseline", "weight_kg", "completed", "discontinuation_reason"]
_PARTICIPANTS = [
    ["S01", "no", "Did not meet inclusion criteria", "no", "", "", "", "", "", "", "", ""],
    ["S02", "yes", "Declined to participate", "no", "", "", "", "", "", "", "", ""],
    ["P01", "yes", "", "yes", "male", "42", "bulbar", "41", "38", "75.7", "yes", ""],
    ["P02", "yes", "", "yes", "female", "47", "spinal", "11", "31", "57.8", "yes", ""],
    ["P03", "yes", "", "yes", "male", "49", "spinal", "27", "24", "68.1", "yes", ""],
    ["P04", "yes", "", "yes", "female", "59", "bulbar", "10", "26", "69.2", "no", "Withdrew consent"],
]

_I_COLS = ["participant_id", "infusion_no", "visit", "route", "cells_per_kg", "given", "reason_not_given"]


def _infusions() -> list[list[str]]:
    rows = []
    for p in ("P01", "P02", "P03", "P04"):
        for no, visit in ((1, "M0"), (2, "M1")):
            for route in ("IV", "IT"):
                if p == "P04" and no == 2:
                    rows.append([p, str(no), visit, route, "", "no", "Withdrew consent"])
                else:
                    rows.append([p, str(no), visit, route, "500000", "yes", ""])
    return rows


_M_COLS = ["participant_id", "visit", "compartment", "analyte", "value", "unit", "lod", "ref_low", "ref_high"]
_SERIES = [("CSF", "TNF-alpha", "pg/mL", "0.5", "", ""), ("serum", "TNF-alpha", "pg/mL", "0.5", "", ""),
           ("serum", "CRP", "mg/L", "0.3", "0", "5")]


def _measurements() -> list[list[str]]:
    rows = []
    k = 0
    for p in ("P01", "P02", "P03", "P04"):
        for visit in ("M0", "M1", "M2"):
            if p == "P04" and visit == "M2":
                continue
            for compartment, analyte, unit, lod, low, high in _SERIES:
                k += 1
                value = f"{5 + k * 0.37:.2f}"
                rows.append([p, visit, compartment, analyte, value, unit, lod, low, high])
    rows[4][4] = "<0.5"   # P01 M1 serum TNF-alpha: below the limit of detection
    rows[10][4] = ""      # P02 M1 serum TNF-alpha: missing
    return rows


_A_COLS = ["participant_id", "term", "system_organ_class", "grade", "serious", "relatedness", "infusion_no",
           "onset_day", "outcome"]
_ADVERSE_EVENTS = [
    ["P01", "Post lumbar puncture headache", "Nervous system disorders", "2", "no", "probable", "1", "1",
     "recovered"],
    ["P03", "Back pain", "Musculoskeletal and connective tissue disorders", "1", "no", "possible", "2", "1",
     "recovering"],
]

BASE_TABLES: dict[str, tuple[list[str], list[list[str]]]] = {
    "participants": (_P_COLS, _PARTICIPANTS),
    "infusions": (_I_COLS, _infusions()),
    "measurements": (_M_COLS, _measurements()),
    "adverse_events": (_A_COLS, _ADVERSE_EVENTS),
}


def base_tables() -> dict[str, tuple[list[str], list[list[str]]]]:
    """A deep copy of the base tables: {name: (header, rows)}."""
    return copy.deepcopy(BASE_TABLES)


def row_of(table: str, **match: str) -> int:
    """Spreadsheet row (header = 1) of the first base row of ``table`` matching ``match``."""
    header, rows = BASE_TABLES[table]
    for k, row in enumerate(rows):
        if all(row[header.index(c)] == v for c, v in match.items()):
            return k + 2
    raise KeyError(f"no row in {table} matches {match}")


def _csv_cell(text: str) -> str:
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    """CSV text (LF line ends), quoting cells as a spreadsheet would."""
    return "".join(",".join(_csv_cell(c) for c in line) + "\n" for line in [header, *rows])


def _set_cells(data: dict, cells: Mapping[tuple[str, int, str], str]) -> None:
    """Set single cells (row as in a spreadsheet, header = 1; row 1 renames the column)."""
    for (table, row, column), text in cells.items():
        header, rows = data[table]
        j = header.index(column)
        if row == 1:
            header[j] = text
        else:
            rows[row - 2][j] = text


def _set_columns(data: dict, columns: Mapping[str, Mapping[str, str | list[str]]]) -> None:
    """Add (or overwrite) whole columns: one text for every row, or a list of texts."""
    for table, extra in columns.items():
        header, rows = data[table]
        for column, values in extra.items():
            values = values if isinstance(values, list) else [values] * len(rows)
            if column in header:
                j = header.index(column)
                for r, v in zip(rows, values, strict=False):
                    r[j] = v
            else:  # a shorter list leaves the last rows without the new cell (ragged rows)
                header.append(column)
                for r, v in zip(rows, values, strict=False):
                    r.append(v)


def write_study(
    folder: Path,
    *,
    config: Mapping[str, Any] | None = None,
    tables: Mapping[str, tuple[list[str], list[list[str]]]] | None = None,
    cells: Mapping[tuple[str, int, str], str] | None = None,
    columns: Mapping[str, Mapping[str, str | list[str]]] | None = None,
    files: Mapping[str, bytes | str | None] | None = None,
    xlsx: str | None = None,
) -> Path:
    """Write a study folder; each keyword corrupts or changes one part of the base study.

    config: the study.yml mapping (default ``BASE_CONFIG``), written with yaml.safe_dump.
    tables: replacements for whole tables, {name: (header, rows)}.
    cells: {(table, row, column): text}: set one cell (row as in a spreadsheet, header = 1;
        row 1 renames the column).
    columns: {table: {column: text or list of texts}}: add (or overwrite) a column.
    files: {file name: bytes/text, or None to delete}, applied last (raw bytes are written as is).
    xlsx: write the four tables as sheets of this workbook instead of CSV files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    data = base_tables()
    data.update(copy.deepcopy(dict(tables or {})))
    _set_cells(data, cells or {})
    _set_columns(data, columns or {})
    cfg = BASE_CONFIG if config is None else config
    (folder / "study.yml").write_text(yaml.safe_dump(dict(cfg), sort_keys=False, allow_unicode=True),
                                      encoding="utf-8")
    if xlsx is None:
        for name, (header, rows) in data.items():
            (folder / f"{name}.csv").write_text(to_csv(header, rows), encoding="utf-8", newline="")
    else:
        write_workbook(folder / xlsx, data)
    for name, content in (files or {}).items():
        target = folder / name
        if content is None:
            target.unlink(missing_ok=True)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")
    return folder


def write_workbook(path: Path, data: Mapping[str, tuple[list[str], list[list[str]]]]) -> Path:
    """Write tables as sheets of one workbook; cells that look like numbers are stored as numbers."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (header, rows) in data.items():
        ws = wb.create_sheet(name)
        ws.append(header)
        for row in rows:
            ws.append([_excel_value(c) for c in row])
    wb.save(path)
    return path


def _excel_value(text: str) -> Any:
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


@pytest.fixture
def make_study(tmp_path: Path) -> Callable[..., Path]:
    """``make_study(name="study", **overrides) -> Path``: write a study folder (see :func:`write_study`)."""
    counter = iter(range(1_000_000))

    def make(name: str | None = None, **overrides: Any) -> Path:
        return write_study(tmp_path / (name or f"study{next(counter)}"), **overrides)

    return make


@pytest.fixture(scope="session")
def example_analysis():
    """The bundled example's results, analysed once per session (``analysis_helpers.example_results``;
    helper modules that need it outside a fixture call that function: one cache for all)."""
    from analysis_helpers import example_results

    return example_results()


@pytest.fixture(scope="session")
def iv_one_analyte_results(tmp_path_factory):
    """The outside tester's shape (session 33), analysed once per session: one IV infusion, Baseline and Month 6,
    serum NfL alone in the family "Neurofilament" (``manuscript_studies.iv_one_analyte``)."""
    import alsreport
    from manuscript_studies import iv_one_analyte, write_variant

    folder = write_variant(tmp_path_factory.mktemp("iv") / "study", iv_one_analyte())
    return alsreport.analyze(alsreport.load_study(folder))
