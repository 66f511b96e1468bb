"""Hostile and oversized input is bounded and reported, never a hang, a crash or silent loss (issue 14).

Covers :mod:`alsreport.study.limits` and :mod:`alsreport.study.sheets` as used by
:mod:`alsreport.study.reading`: YAML nesting, NUL bytes and impossible dates in
study.yml, trailing empty CSV columns, a styled or filled cell at XFD1048576,
formulas without a cached value, XML entity bombs and external entities, cells
too long, and data files linked from outside the study folder.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from alsreport.study.limits import MAX_CELL_CHARS, trim_trailing_separators
from alsreport.study.reading import read_study, read_yaml, ReadError
from alsreport.study.validation import validate_study
from conftest import BASE_TABLES, base_tables, write_workbook


def _errors(study: Path) -> list[ReadError]:
    return list(read_study(study).errors)


# study.yml -----------------------------------------------------------------------------------------


def test_yaml_nested_20000_deep_is_a_located_error(tmp_path):
    p = tmp_path / "study.yml"
    p.write_text("title: x\nvisits: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(ReadError) as exc:
        read_yaml(p)
    assert exc.value.row == 2 and "nested more than" in exc.value.message


def test_nul_late_in_study_yml_is_a_located_error(make_study):
    study = make_study()
    raw = (study / "study.yml").read_bytes()
    (study / "study.yml").write_bytes(raw + b" " * 5000 + b"# x\x00y\n")
    [err] = [e for e in _errors(study) if e.file == "study.yml"]
    assert "U+0000" in err.message and err.row == raw.count(b"\n") + 1


def test_impossible_date_is_a_located_error(make_study):
    study = make_study()
    text = (study / "study.yml").read_text(encoding="utf-8")
    (study / "study.yml").write_text(text + "data_cutoff: 2024-02-30\n", encoding="utf-8")
    report = validate_study(study)
    bad = [p for p in report.problems if p.file == "study.yml" and "2024-02-30" in str(p.value) + p.message]
    assert not report.ok and bad and bad[0].row == text.count("\n") + 1, report.format()


# CSV ---------------------------------------------------------------------------------------------------


def test_16384_trailing_empty_columns_are_dropped_before_parsing(make_study):
    study = make_study()
    path = study / "adverse_events.csv"
    path.write_bytes(b"\n".join(line + b"," * 16_384 for line in path.read_bytes().splitlines()) + b"\n")
    raw = read_study(study)
    assert raw.errors == ()
    assert list(raw.tables["adverse_events"].frame.columns) == list(BASE_TABLES["adverse_events"][0])


def test_trim_keeps_columns_that_hold_a_value_anywhere():
    raw = b"a,b,,\n1,2,,\n3,4,5,\n"
    assert trim_trailing_separators(raw) == b"a,b,\n1,2,\n3,4,5\n"
    assert trim_trailing_separators(b'a,"x\n,",\n1,2,\n') == b'a,"x\n,",\n1,2,\n'  # a quoted line break: untouched


def test_a_cell_longer_than_the_limit_is_reported(make_study):
    study = make_study()
    path = study / "adverse_events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("headache", "x" * (MAX_CELL_CHARS + 1), 1) if "headache" in lines[1] else \
        lines[1].split(",", 2)[0] + "," + "x" * (MAX_CELL_CHARS + 1) + "," + lines[1].split(",", 2)[2]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [err] = _errors(study)
    assert err.row == 2 and f"{MAX_CELL_CHARS:,} are allowed" in err.message


def test_a_data_file_linked_from_outside_is_not_read(make_study, tmp_path):
    study = make_study()
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    os.unlink(study / "participants.csv")
    os.symlink(outside, study / "participants.csv")
    report = validate_study(study)
    text = report.format()
    assert "outside the study folder" in text and "root:x:0:0" not in text and not report.ok


# Workbooks ---------------------------------------------------------------------------------------------


def _book(make_study) -> Path:  # type: ignore[no-untyped-def]
    study = make_study(files={f"{n}.csv": None for n in BASE_TABLES})
    write_workbook(study / "data.xlsx", base_tables())
    return study


def _edit_book(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def test_styled_empty_cell_at_xfd1048576_reads_quickly(make_study):
    study = _book(make_study)
    _edit_book(study / "data.xlsx",
               lambda wb: setattr(wb["participants"].cell(1_048_576, 16_384), "number_format", "0.00"))
    started = time.process_time()
    raw = read_study(study)
    assert raw.errors == () and len(raw.tables["participants"].frame) == len(BASE_TABLES["participants"][1])
    assert time.process_time() - started < 60  # not a hang: it used to run out of memory at 3.9 GB


def test_a_value_at_xfd1048576_is_reported_not_padded(make_study):
    study = _book(make_study)
    _edit_book(study / "data.xlsx", lambda wb: setattr(wb["participants"].cell(1_048_576, 16_384), "value", "x"))
    errs = [e for e in _errors(study) if "participants" in e.file]
    assert len(errs) == 1 and "column 16,384" in errs[0].message


def test_formula_without_cached_value_is_an_error_naming_the_cell(make_study):
    study = _book(make_study)
    _edit_book(study / "data.xlsx", lambda wb: setattr(wb["measurements"]["E3"], "value", "=4.2*2"))
    errs = [e for e in _errors(study) if "formula" in e.message]
    assert [(e.file, e.row, e.column) for e in errs] == [("[data.xlsx]measurements", 3, "E")]
    assert not validate_study(study).ok


def _rewrite_member(path: Path, member: str, change) -> None:  # type: ignore[no-untyped-def]
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, change(data) if info.filename == member else data)
    shutil.move(tmp, path)


_BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
         + b"".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
                    for i in range(1, 10))
         + b"]>\n")
_XXE = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n'


@pytest.mark.parametrize("prolog, entity", [(_BOMB, b"&lol9;"), (_XXE, b"&xxe;")], ids=["bomb", "xxe"])
def test_entity_bomb_and_external_entity_are_read_errors(make_study, prolog, entity):
    study = _book(make_study)

    def poison(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return prolog + body.replace(b"<v>", b"<v>" + entity, 1)

    with zipfile.ZipFile(study / "data.xlsx") as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    _rewrite_member(study / "data.xlsx", sheet, poison)
    report = validate_study(study)
    assert not report.ok
    text = report.format()
    assert "lollollol" not in text and Path("/etc/hostname").read_text().strip() not in text.split("error")[-1]
