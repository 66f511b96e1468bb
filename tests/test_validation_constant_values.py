"""alsreport/study/validation/constant_values.py: one participant's value of a series equal at every visit, a value
copied from visit to visit? (session 32 reviewer: a participant of the six-visit study had the same value at all six
visits for four analytes). The base study (tests/conftest.py) validates with no warnings."""

from __future__ import annotations

import pytest

from alsreport.study.validation import validate_study
from conftest import row_of

CODE = "same-value-every-visit"


def _rows() -> list[int]:
    return [row_of("measurements", participant_id="P01", visit=v, compartment="CSF") for v in ("M0", "M1", "M2")]


def _with_values(make_study, values: list[str]):
    return make_study(cells={("measurements", r, "value"): v for r, v in zip(_rows(), values, strict=True)})


def test_the_same_value_at_every_visit_is_a_warning_naming_the_rows(make_study):
    report = validate_study(_with_values(make_study, ["7.25", "7.25", "7.250"]))
    [p] = [p for p in report.problems if p.code == CODE]
    rows = _rows()
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", "measurements.csv", rows[0], "value", "7.25")
    assert p.message == (f"P01's CSF TNF-alpha is 7.25 pg/mL at every one of their 3 visits with a value (rows "
                         f"{rows[0]}, {rows[1]}, {rows[2]}); biomarker values vary from sample to sample, so check "
                         "whether a value was copied from one visit to the next")
    assert report.ok     # a warning: the analysis goes on


@pytest.mark.parametrize("values", [["7", "7", "7"], ["7.2", "7.2", "7.2"],        # whole units, one decimal
                                    ["7.25", "7.25", "7.26"], ["<0.5", "<0.5", "<0.5"]])
def test_coarse_values_a_change_or_values_below_the_limit_are_not(make_study, values):
    assert not [p for p in validate_study(_with_values(make_study, values)).problems if p.code == CODE]


def test_two_visits_with_a_value_are_not_enough(make_study):
    assert not [p for p in validate_study(_with_values(make_study, ["7.25", "7.25", ""])).problems if p.code == CODE]
