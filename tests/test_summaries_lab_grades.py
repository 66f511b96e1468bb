"""CTCAE grades by visit (alsreport.analysis.summaries.lab_grades): the baseline value is graded against its
reference range, later values of a participant with an abnormal baseline against that baseline (CTCAE v5)."""

from __future__ import annotations

import pandas as pd

from alsreport.analysis.summaries.lab_grades import graded_data, graded_values, grade_shifts

VISITS = ("M0", "M1", "M2")


def _alt(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame([{"participant_id": p, "visit": v, "compartment": "serum", "analyte": "ALT",
                          "label": "ALT", "value": x, "unit": "U/L", "ref_low": 7.0, "ref_high": 40.0}
                         for p, v, x in rows])


def test_an_abnormal_baseline_is_graded_against_the_upper_limit() -> None:
    # P1: baseline 60 U/L = 1.5 x ULN 40 -> grade 1 (> ULN - 3.0 x ULN); later 100 = 1.67 x baseline -> grade 1,
    # 85 = 1.42 x baseline -> grade 0 (CTCAE v5 "if baseline was abnormal": grade 1 from 1.5 x baseline).
    # P2: normal baseline 25; 130 = 3.25 x ULN -> grade 2. P3: baseline 150 = 3.75 x ULN -> grade 2; no later value.
    data = _alt([("P1", "M0", 60.0), ("P1", "M1", 100.0), ("P1", "M2", 85.0),
                 ("P2", "M0", 25.0), ("P2", "M1", 130.0), ("P2", "M2", 30.0),
                 ("P3", "M0", 150.0)])
    graded = graded_data(data, VISITS)
    assert list(zip(graded["participant_id"], graded["visit"], graded["grade"], strict=True)) == [
        ("P1", "M0", 1), ("P1", "M1", 1), ("P1", "M2", 0), ("P2", "M0", 0), ("P2", "M1", 2), ("P2", "M2", 0),
        ("P3", "M0", 2)]
    ids = pd.Index(["P1", "P2", "P3"])
    shifts = {(s.baseline, s.worst): s.n for s in grade_shifts(graded, VISITS, ids) if s.n}
    assert shifts == {(1, 1): 1, (0, 2): 1, (2, -1): 1}
    assert [(v.participant_id, v.visit, v.grade) for v in graded_values(graded, VISITS, ids)] == [
        ("P1", "M0", 1), ("P1", "M1", 1), ("P2", "M1", 2), ("P3", "M0", 2)]


def test_a_series_with_no_value_graded_has_no_shift_rows() -> None:
    """Session 33 user: creatine kinase without an upper limit of normal (CTCAE's "CPK increased" is graded against
    it) gave a shift table of every participant under "No value", beside a safety report that graded nothing."""
    ck = pd.DataFrame([{"participant_id": p, "visit": v, "compartment": "serum", "analyte": "CK", "label": "CK",
                        "value": x, "unit": "U/L", "ref_low": float("nan"), "ref_high": float("nan")}
                       for p, v, x in [("P1", "M0", 150.0), ("P1", "M1", 900.0), ("P2", "M0", 120.0)]])
    data = pd.concat([ck, _alt([("P1", "M0", 25.0), ("P1", "M1", 130.0)])], ignore_index=True)
    graded = graded_data(data, VISITS)
    assert set(graded.loc[graded["analyte"] == "CK", "grade"]) == {-1}   # not gradable without the limit
    shifts = grade_shifts(graded, VISITS, pd.Index(["P1", "P2"]))
    assert {s.analyte for s in shifts} == {"ALT"}
    assert {(s.baseline, s.worst): s.n for s in shifts if s.n} == {(0, 2): 1, (-1, -1): 1}
