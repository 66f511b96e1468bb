"""alsreport/study/validation/copied_series.py: one participant's values of a series equal to another series' at
every visit both have, a column pasted into another? (session 35 leftover: the six-visit study's P11 had 17.909 as
CSF IL-6 and as serum IL-10 at all six visits). The base study (tests/conftest.py) validates with no warnings."""

from __future__ import annotations

import pytest

from alsreport.study.validation import validate_study
from conftest import row_of

CODE = "same-values-as-another-series"
VISITS = ("M0", "M1", "M2")


def _rows(compartment: str, analyte: str) -> list[int]:
    return [row_of("measurements", participant_id="P01", visit=v, compartment=compartment, analyte=analyte)
            for v in VISITS]


def _with(make_study, csf: list[str], crp: list[str]):
    cells = {("measurements", r, "value"): v for r, v in zip(_rows("CSF", "TNF-alpha"), csf, strict=True)}
    cells |= {("measurements", r, "value"): v for r, v in zip(_rows("serum", "CRP"), crp, strict=True)}
    return make_study(cells=cells)


def test_a_series_equal_to_another_at_every_visit_is_a_warning_on_the_later_one(make_study):
    values = ["5.37", "6.48", "7.59"]    # P01's CSF TNF-alpha, pasted as their serum CRP
    report = validate_study(_with(make_study, values, values))
    [p] = [p for p in report.problems if p.code == CODE]
    csf, crp = _rows("CSF", "TNF-alpha"), _rows("serum", "CRP")
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", "measurements.csv", crp[0], "value", "5.37")
    assert p.message == (f"P01's serum CRP has the same values as their CSF TNF-alpha (row {csf[0]}) at every one of "
                         f"the 3 visits with both (rows {crp[0]}, {crp[1]}, {crp[2]}); two biomarkers do not measure "
                         "alike, so check whether one series was copied from the other")
    assert report.ok     # a warning: the analysis goes on
    # the values differ from visit to visit: the rule on one series' constant value says nothing
    assert not [p for p in report.problems if p.code == "same-value-every-visit"]


@pytest.mark.parametrize("crp", [
    ["5.37", "6.48", "7.60"],      # one visit differs
    ["5.37", "6.48", ""],          # two visits shared: not enough
    ["5.3", "6.4", "7.5"],         # one decimal: not the CSF values (5.37 …), and coarse values may repeat
])
def test_a_difference_or_too_few_visits_are_not(make_study, crp):
    csf = ["5.37", "6.48", "7.59"] if crp[0] != "5.3" else ["5.3", "6.4", "7.5"]
    assert not [p for p in validate_study(_with(make_study, csf, crp)).problems if p.code == CODE]
