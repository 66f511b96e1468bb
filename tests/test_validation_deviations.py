"""deviations.csv (optional, issue 11): checked like the other tables, located messages that list what is
allowed, merged with the deviations derived from the data."""

from __future__ import annotations

from pathlib import Path

from conftest import write_study

from alsreport.analysis.summaries.dsmb import derived_deviations
from alsreport.study.contract import DEVIATION_CATEGORIES, DEVIATIONS, OPTIONAL_TABLES
from alsreport.study.loading import load_study
from alsreport.study.validation import validate_study

HEADER = ["participant_id", "category", "description", "date", "day", "visit", "action_taken"]


def _csv(rows: list[list[str]]) -> str:
    return "".join(",".join(r) + "\n" for r in [HEADER, *rows])


def test_the_file_is_optional(tmp_path: Path) -> None:
    assert OPTIONAL_TABLES == ("deviations",) and DEVIATIONS.optional
    report = validate_study(write_study(tmp_path / "s"))
    assert report.ok and not [p for p in report.problems if "deviations" in p.file]
    assert load_study(tmp_path / "s").deviations is None


def test_bad_rows_give_located_messages(tmp_path: Path) -> None:
    folder = write_study(tmp_path / "s", files={"deviations.csv": _csv([
        ["P01", "other", "Visit by telephone", "", "12", "", ""],
        ["P01", "forgotten", "Something", "2024-02-30", "", "M9", ""],
        ["X99", "other", "", "", "-1", "", ""],
    ])})
    report = validate_study(folder)
    found = {(p.row, p.column, p.value): p.message for p in report.errors if p.file == "deviations.csv"}
    cat = found[(3, "category", "forgotten")]
    assert "allowed" in cat and all(c in cat for c in DEVIATION_CATEGORIES)
    assert "not a day of the calendar" in found[(3, "date", "2024-02-30")]
    assert "M9" in str(found) and any(k[:2] == (3, "visit") for k in found)
    assert "not in participants.csv" in found[(4, "participant_id", "X99")]
    assert any(k[:2] == (4, "description") for k in found)  # required
    assert any(k[:2] == (4, "day") for k in found)  # days from enrolment are not negative
    assert not [k for k in found if k[0] == 2]  # the good row has no problem
    described = [p.describe() for p in report.errors if p.file == "deviations.csv"]
    assert any("deviations.csv" in d and "row 3" in d for d in described)


def test_reported_deviations_join_the_derived_ones(tmp_path: Path) -> None:
    folder = write_study(tmp_path / "s")
    without = derived_deviations(load_study(folder))
    (folder / "deviations.csv").write_text(_csv([
        ["P02", "procedure", "Second operator", "", "", "M1", "Retrained"],
        ["P01", "informed consent", "Late re-consent", "2024-03-01", "", "", ""],
    ]), encoding="utf-8")
    merged = derived_deviations(load_study(folder))
    site = [(d.participant_id, d.kind, d.where, d.detail) for d in merged if d.source == "site"]
    assert site == [("P01", "informed consent", "2024-03-01", "Late re-consent"),
                    ("P02", "procedure", "M1", "Second operator (action: Retrained)")]
    assert [d for d in merged if d.source == "data"] == list(without)
