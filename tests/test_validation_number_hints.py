"""Hints for values that are not numbers never suggest a wrong number (issue 14: 1_000, 0x10, 5.2<NUL>)."""

from __future__ import annotations

import pandas as pd
import pytest

from alsreport.study.validation import validate_study
from alsreport.study.validation.columns import _classify_invalid
from conftest import row_of

M = "measurements.csv"


def _problem(make_study, text: str):  # type: ignore[no-untyped-def]
    row = row_of("measurements", participant_id="P02", visit="M2", compartment="serum", analyte="CRP")
    report = validate_study(make_study(cells={("measurements", row, "value"): text}))
    found = [p for p in report.problems if p.file == M and p.row == row and p.column == "value"]
    assert len(found) == 1, report.format()
    return found[0]


@pytest.mark.parametrize("text, wrong", [
    ("1_000", ": 1"),           # Python would read 1000; the hint said "only the number here: 1"
    ("0x10", ": 0"),            # hexadecimal 16; the hint said 0
    ("٣٫٥", ": ٣"),             # Arabic-Indic digits are not a number followed by a unit
])
def test_no_wrong_number_is_suggested(make_study, text: str, wrong: str) -> None:
    p = _problem(make_study, text)
    assert p.severity == "error"
    assert not p.message.endswith(wrong) and f"{wrong} " not in p.message + " ", p.message
    assert "put the unit in the unit column" not in p.message


def test_a_control_character_is_not_a_unit():
    # A NUL cannot reach a CSV cell (the file is refused as binary); from a workbook cell it is not a unit.
    assert _classify_invalid(pd.Index(["5.2\x00", "5.2 mg"]), measurement=True).tolist() == \
        ["not-a-number", "unit-in-value"]


@pytest.mark.parametrize("text, number", [("12 pg/mL", "12"), ("12,5pg/mL", "12.5"), ("3.1 %", "3.1"),
                                          ("7µg/L", "7")])
def test_a_real_unit_suffix_still_gets_the_number(make_study, text: str, number: str) -> None:
    p = _problem(make_study, text)
    assert p.message.endswith(f"only the number here: {number}"), p.message
