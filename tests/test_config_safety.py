"""study.yml: the safety section, and impossible dates reported at their key (issue 11)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from alsreport.study.example import example_study_path
from alsreport.study.validation import validate_study


def _copy(tmp_path: Path, extra: str = "", replace: tuple[str, str] | None = None) -> Path:
    folder = tmp_path / "s"
    shutil.copytree(example_study_path(), folder)
    yml = folder / "study.yml"
    text = yml.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    yml.write_text(text + extra, encoding="utf-8")
    return folder


def test_impossible_data_cutoff_is_a_located_error_not_a_traceback(tmp_path: Path) -> None:
    folder = _copy(tmp_path, replace=("data_cutoff: 2024-01-31", "data_cutoff: 2025-02-30"))
    report = validate_study(folder)  # used to raise ValueError("day is out of range for month")
    errors = [p for p in report.errors if p.column == "data_cutoff"]
    assert len(errors) == 1, report.format()
    e = errors[0]
    assert e.file == "study.yml" and e.value == "2025-02-30" and e.row is not None
    assert "YYYY-MM-DD" in e.message


def test_safety_section(tmp_path: Path) -> None:
    from alsreport.study.loading import load_study

    extra = """
safety:
  protocol_number: ALS-MSC-01
  ethics_approval: EC-2023-117
  ctcae_version: '5.0'
  meddra_version: '26.1'
  target_enrolment: 20
  previous_report_cutoff: 2023-10-31
  meeting_date: 2024-02-15
  stopping_rules: [Two or more related grade 4 events]
  dsmb_members:
    - {name: Dr A Chair, role: Chair}
    - {name: Dr B Member}
"""
    cfg = load_study(_copy(tmp_path, extra)).config.safety
    assert cfg.protocol_number == "ALS-MSC-01" and cfg.target_enrolment == 20
    assert cfg.previous_report_cutoff == dt.date(2023, 10, 31)
    assert [(m.name, m.role) for m in cfg.dsmb_members] == [("Dr A Chair", "Chair"), ("Dr B Member", "Member")]
    assert cfg.pdf_standard == "pdf/a-3u" and cfg.listing_max_rows == 200


@pytest.mark.parametrize(("extra", "column", "words"), [
    ("\nsafety:\n  meeting_date: 2024-13-01\n", "safety.meeting_date", "YYYY-MM-DD"),
    ("\nsafety:\n  target_enrolment: 0\n", "safety.target_enrolment", "greater than 0"),
    ("\nsafety:\n  dsmb: [x]\n", "safety.dsmb", "allowed keys there"),
])
def test_safety_section_errors_are_located(tmp_path: Path, extra: str, column: str, words: str) -> None:
    report = validate_study(_copy(tmp_path, extra))
    hits = [p for p in report.errors if p.column == column]
    assert hits and words in hits[0].message, report.format()
