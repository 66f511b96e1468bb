"""Reading study folders: encodings, line ends, whitespace, workbooks, and unreadable files."""

from __future__ import annotations

import codecs
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alsreport.study.reading import (
    ReadError,
    parse_flags,
    parse_measurements,
    parse_numbers,
    read_csv_table,
    read_study,
    read_yaml,
)
from alsreport.study.validation import Problem, ValidationReport, validate_study
from conftest import BASE_TABLES, base_tables, to_csv, write_workbook


def only(report: ValidationReport, **match: object) -> Problem:
    found = [p for p in report.problems if all(getattr(p, k) == v for k, v in match.items())]
    assert len(found) == 1, report.format()
    return found[0]


def csv_text(table: str) -> str:
    header, rows = BASE_TABLES[table]
    return to_csv(header, rows)


# Accepted variations -------------------------------------------------------------------------


def test_bom_crlf_and_whitespace_are_accepted(make_study) -> None:
    messy = {}
    for name in BASE_TABLES:
        header, rows = base_tables()[name]
        lines = [", ".join(f" {h} " for h in header)] + [",".join(f"  {c}\t" for c in r) for r in rows]
        messy[f"{name}.csv"] = codecs.BOM_UTF8 + "\r\n".join(lines).encode("utf-8") + b"\r\n"
    report = validate_study(make_study(files=messy))
    assert report.ok and report.problems == (), report.format()


def test_cells_are_stripped_and_row_numbers_kept(tmp_path: Path) -> None:
    path = tmp_path / "measurements.csv"
    path.write_bytes(b"\xef\xbb\xbf participant_id , value\r\n P01 , 12.5 \r\n\r\n\"P02\",\"multi\nline\"\r\nP03,1\r\n")
    table, errors = read_csv_table(path, "measurements")
    assert errors == []
    assert table.header == ("participant_id", "value")
    assert table.frame.index.tolist() == [2, 4, 5]  # the empty row 3 is dropped, numbering kept
    assert table.frame["participant_id"].tolist() == ["P01", "P02", "P03"]
    assert table.frame["value"].tolist() == ["12.5", "multi\nline", "1"]
    assert all(isinstance(d, pd.CategoricalDtype) for d in table.frame.dtypes)


def test_trailing_empty_columns_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text("participant_id,eligible,,\nP01,yes,,\n", encoding="utf-8")
    table, _ = read_csv_table(path, "participants")
    assert table.header == ("participant_id", "eligible")


def test_a_column_without_header_but_with_values_is_reported(make_study) -> None:
    text = csv_text("adverse_events").replace("outcome\n", "outcome,\n", 1).replace("recovered\n", "recovered,x\n")
    report = validate_study(make_study(files={"adverse_events.csv": text}))
    p = only(report, code="unknown-column")
    assert "(column 10, no header)" in p.message


def test_other_files_are_ignored(make_study) -> None:
    study = make_study(files={"notes.txt": "hello", "~$data.xlsx": b"lock", ".hidden.csv": "x"})
    assert validate_study(study).problems == ()


# Unreadable files ---------------------------------------------------------------------------------


def test_latin1_names_file_and_byte_position(make_study) -> None:
    raw = "participant_id,eligible\nS01,Sjögren\n".encode("latin-1")
    report = validate_study(make_study(files={"participants.csv": raw}))
    p = only(report, file="participants.csv")
    position = raw.index(b"\xf6")
    assert p.severity == "error" and p.row == 2
    assert f"not UTF-8 text: byte 0xF6 at byte position {position}" in p.message
    assert "'S01,Sjögren'" in p.message
    assert "save it as UTF-8 CSV" in p.message


def test_utf16_is_named(make_study) -> None:
    report = validate_study(make_study(files={"infusions.csv": csv_text("infusions").encode("utf-16")}))
    p = only(report, file="infusions.csv")
    assert "saved as UTF-16 ('Unicode Text'), not UTF-8" in p.message


def test_utf16_without_bom_is_named(make_study) -> None:
    report = validate_study(make_study(files={"infusions.csv": csv_text("infusions").encode("utf-16-le")}))
    assert "UTF-16" in only(report, file="infusions.csv").message


@pytest.mark.parametrize("raw", [b"", b"   \r\n\n", codecs.BOM_UTF8])
def test_empty_file(make_study, raw: bytes) -> None:
    p = only(validate_study(make_study(files={"measurements.csv": raw})), file="measurements.csv")
    assert p.message.startswith("the file is empty; expected a header row: participant_id,visit,compartment")


def test_binary_file(make_study) -> None:
    raw = bytes(range(256)) * 4
    p = only(validate_study(make_study(files={"adverse_events.csv": raw})), file="adverse_events.csv")
    assert p.message.startswith("not a text file: binary byte 0x00 at byte position 0")


def test_workbook_saved_as_csv(make_study, tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "x.xlsx", {"participants": BASE_TABLES["participants"]})
    p = only(validate_study(make_study(files={"participants.csv": book.read_bytes()})), file="participants.csv")
    assert "zip file (probably an Excel workbook)" in p.message


def test_semicolon_separated(make_study) -> None:
    p = only(validate_study(make_study(files={"participants.csv": csv_text("participants").replace(",", ";")})),
             file="participants.csv")
    assert p.row == 1 and "separated by semicolons (;), not commas" in p.message


def test_row_with_too_many_cells_is_reported_and_the_rest_read(make_study) -> None:
    lines = csv_text("measurements").splitlines()
    fields = lines[4].split(",")
    fields[4] = "12,5"  # an unquoted decimal comma splits the cell
    lines[4] = ",".join(fields)
    other = lines[6].split(",")
    other[5] = "ng/L"  # an unrelated problem further down is still found
    lines[6] = ",".join(other)
    report = validate_study(make_study(files={"measurements.csv": "\n".join(lines) + "\n"}))
    p = only(report, file="measurements.csv", row=5)
    assert p.message.startswith("this row has 10 cells but the header has 9, so it was skipped")
    assert "use a decimal point (12.5, not 12,5)" in p.message
    assert only(report, code="mixed-units").row == 7


def test_what_was_read_travels_pickled_with_its_errors(make_study) -> None:
    """The command line reads the files in a forked child and sends them back pickled (alsreport.cli_ahead)."""
    lines = csv_text("measurements").splitlines()
    fields = lines[4].split(",")
    fields[4] = "12,5"
    lines[4] = ",".join(fields)
    raw = read_study(make_study(files={"measurements.csv": "\n".join(lines) + "\n"}))
    back = pickle.loads(pickle.dumps(raw, protocol=5))
    assert [(e.file, e.message, e.row, e.column, e.value, str(e)) for e in back.errors] == \
        [(e.file, e.message, e.row, e.column, e.value, str(e)) for e in raw.errors]
    assert [e.row for e in back.errors] == [5] and isinstance(back.errors[0], ReadError)
    assert back.tables.keys() == raw.tables.keys()
    assert all(back.tables[n].frame.equals(t.frame) for n, t in raw.tables.items())
    assert back.config.data == raw.config.data and back.config.line(("visits", 1)) == raw.config.line(("visits", 1))
    assert back.hashes == raw.hashes


def test_duplicate_header(make_study) -> None:
    text = csv_text("adverse_events").replace("onset_day", "grade", 1)
    p = only(validate_study(make_study(files={"adverse_events.csv": text})), file="adverse_events.csv")
    assert (p.row, p.column) == (1, "grade")
    assert "names column 'grade' twice (columns 4 and 8)" in p.message


def test_missing_study_yml_suggests_rename(make_study) -> None:
    study = make_study()
    (study / "study.yml").rename(study / "Study.yaml")
    p = only(validate_study(study), file="study.yml")
    assert "found Study.yaml: rename it to study.yml" in p.message


def test_no_tables_at_all_is_one_problem(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "data.xls").write_bytes(b"old")
    report = validate_study(folder)
    p = only(report, file="empty")
    assert p.message.startswith("no data tables found: expected participants.csv, infusions.csv")
    assert "found data.xls: save it as an Excel Workbook (.xlsx)" in p.message
    assert only(report, file="study.yml").message.startswith("the file is missing")


def test_misnamed_table_is_suggested(make_study) -> None:
    study = make_study()
    (study / "participants.csv").rename(study / "Participants.csv")
    p = only(validate_study(study), file="participants.csv")
    assert "found Participants.csv: rename it to participants.csv" in p.message


# YAML ----------------------------------------------------------------------------------------------


def test_bad_yaml_has_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "study.yml"
    path.write_text("title: x\nvisits:\n\t- a\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_yaml(path)
    assert info.value.row == 3
    assert info.value.message == ("not valid YAML: found character '\\t' that cannot start any token, column 1; "
                                  "indent with spaces, not tabs")


def test_yaml_key_given_twice(tmp_path: Path) -> None:
    path = tmp_path / "study.yml"
    path.write_text("title: a\nsynthetic: true\ntitle: b\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_yaml(path)
    assert info.value.row == 3 and info.value.message == "key 'title' appears twice (lines 1 and 3); keep one"


def test_yaml_line_lookup(tmp_path: Path) -> None:
    path = tmp_path / "study.yml"
    path.write_text("title: x\nvisits:\n  - code: M0\n    month: 0\n  - code: M1\n    month: 1\n", encoding="utf-8")
    doc, _ = read_yaml(path)
    assert doc.line(("visits", 1, "month")) == 6
    assert doc.line(("visits", 1, "label")) == 5  # missing key: its mapping
    assert doc.line(("analysis",)) == 1


# Workbooks -------------------------------------------------------------------------------------------


def test_workbook_is_read_with_sheet_row_numbers(make_study) -> None:
    study = make_study(xlsx="data.xlsx")
    raw = read_study(study)
    assert raw.source == "xlsx" and raw.errors == ()
    assert set(raw.hashes) == {"study.yml", "data.xlsx"}
    table = raw.tables["participants"]
    assert table.file == "[data.xlsx]participants"
    assert table.frame.index[0] == 2
    p01 = table.frame[table.frame["participant_id"] == "P01"].iloc[0]
    assert (p01["weight_kg"], p01["age_years"], p01["completed"]) == ("75.7", "42", "yes")


def test_workbook_problems_name_the_sheet(make_study) -> None:
    data = base_tables()
    data["measurements"][1][3][4] = "12,5"
    study = make_study(files={f"{n}.csv": None for n in BASE_TABLES})
    write_workbook(study / "data.xlsx", data)
    p = only(validate_study(study), code="decimal-comma")
    assert (p.file, p.row, p.column, p.value) == ("[data.xlsx]measurements", 5, "value", "12,5")


def test_workbook_missing_a_sheet(make_study) -> None:
    data = base_tables()
    del data["infusions"]
    study = make_study(files={f"{n}.csv": None for n in BASE_TABLES})
    write_workbook(study / "data.xlsx", data)
    p = only(validate_study(study), file="data.xlsx")
    assert p.message.startswith("the workbook has no sheet named infusions")


def test_csv_and_workbook_together_are_ambiguous(make_study) -> None:
    study = make_study()
    write_workbook(study / "data.xlsx", base_tables())
    p = only(validate_study(study), file="data.xlsx")
    assert "both CSV files (participants.csv, infusions.csv, measurements.csv, adverse_events.csv)" in p.message
    assert "keep only one of them" in p.message


def test_two_workbooks_are_ambiguous(make_study) -> None:
    study = make_study(xlsx="a.xlsx")
    write_workbook(study / "b.xlsx", base_tables())
    assert "several workbooks hold study tables (a.xlsx, b.xlsx)" in only(validate_study(study)).message


def test_unrelated_workbook_is_ignored(make_study) -> None:
    study = make_study()
    write_workbook(study / "notes.xlsx", {"Sheet1": (["a"], [["1"]])})
    assert validate_study(study).problems == ()


def test_xlsx_that_is_not_a_workbook(make_study) -> None:
    study = make_study(files={**{f"{n}.csv": None for n in BASE_TABLES}, "data.xlsx": b"PK\x03\x04 not really"})
    p = only(validate_study(study), file="data.xlsx")
    assert p.message.startswith("not an Excel workbook (.xlsx) that can be read")


# Text to values ---------------------------------------------------------------------------------------


def test_parse_measurements() -> None:
    col = pd.Series(["1.5", "<0.5", "> 250", "", "abc", "1e2", "<x"], dtype="category")
    value, censoring, limit = parse_measurements(col)
    assert censoring.tolist() == ["observed", "below", "above", "missing", "invalid", "observed", "invalid"]
    np.testing.assert_array_equal(value, [1.5, np.nan, np.nan, np.nan, np.nan, 100.0, np.nan])
    np.testing.assert_array_equal(limit, [np.nan, 0.5, 250.0, np.nan, np.nan, np.nan, np.nan])


def test_parse_numbers_and_flags() -> None:
    np.testing.assert_array_equal(parse_numbers(pd.Series(["1", "", "2,5", "-3.5"])), [1.0, np.nan, np.nan, -3.5])
    flags = parse_flags(pd.Series(["yes", "NO", "Y", "false", "1", "", "maybe"]))
    assert flags.tolist() == [True, False, True, False, True, pd.NA, pd.NA]


def test_number_like_cells_keep_their_spelling(tmp_path: Path) -> None:
    path = tmp_path / "measurements.csv"
    path.write_text("participant_id,value\nP01,012\nP02,1.50\nP03,1e2\n", encoding="utf-8")
    table, _ = read_csv_table(path, "measurements")
    assert table.frame["value"].tolist() == ["012", "1.50", "1e2"]
