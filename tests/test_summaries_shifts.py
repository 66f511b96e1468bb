"""Shift tables (baseline → worst post-baseline) and the out-of-range listing."""

from __future__ import annotations

import numpy as np
from analysis_helpers import example_results

from alsreport.analysis.summaries import SHIFT_LEVELS
from alsreport.analysis.summaries.shifts import classify, worst_post_baseline

nan = np.nan


def grid(analyte: str, compartment: str = "serum") -> dict[tuple[str, str], int]:
    return {(s.baseline, s.worst): s.n for s in example_results().shifts
            if (s.analyte, s.compartment) == (analyte, compartment)}


def test_creatinine_by_hand() -> None:
    # serum creatinine, reference 0.6-1.2 mg/dL; every baseline value is 0.62-0.90 (normal).
    # Below 0.6 after baseline: P01 M1 0.59, P03 M2 0.54, P05 M3 0.56, P07 M1 0.58 / M3 0.56, P11 M2 0.58.
    # (P05 M1 0.60 is on the limit: normal.) Nobody above 1.2 (P08 M3 1.10 is the highest).
    g = grid("creatinine")
    assert len(g) == 16  # full 4 × 4 grid
    assert g[("normal", "low")] == 5
    assert g[("normal", "normal")] == 10
    assert sum(g.values()) == 15 and sum(n for k, n in g.items() if k not in {("normal", "low"),
                                                                              ("normal", "normal")}) == 0


def test_crp_one_high() -> None:
    g = grid("CRP")  # reference 0-5 mg/L: P15 5.2 at M1 and 5.8 at M3
    assert g[("normal", "high")] == 1 and g[("normal", "normal")] == 14


def test_only_series_with_reference_ranges() -> None:
    res = example_results()
    with_range = {(s.analyte, s.compartment) for s in res.series if s.ref_low == s.ref_low or s.ref_high == s.ref_high}
    shifted = {(s.analyte, s.compartment) for s in res.shifts}
    assert shifted == with_range
    assert ("TNF-alpha", "CSF") not in shifted
    first = res.shifts[:16]
    assert [(s.baseline, s.worst) for s in first] == [(b, w) for b in SHIFT_LEVELS for w in SHIFT_LEVELS]
    assert first[0].family == "biochemical"


def test_worst_is_farthest_relative_to_range_width() -> None:
    # range 10-20 (width 10): 9 is 0.1 widths low, 23 is 0.3 widths high -> high wins
    v = np.array([[[15, 9, 23], [15, 9, 11], [15, 8, 22], [nan, nan, nan], [15, 12, 14], [21, 25, 4]]], float)
    lo = np.full(v.shape, 10.0)
    hi = np.full(v.shape, 20.0)
    code, dist = classify(v, lo, hi)
    worst = worst_post_baseline(code[:, :, 1:], dist[:, :, 1:])
    names = [SHIFT_LEVELS[c] for c in worst[0]]
    # 8 (0.2 low) and 22 (0.2 high) tie: earliest visit wins
    assert names == ["high", "low", "low", "missing", "normal", "low"]
    assert [SHIFT_LEVELS[c] for c in code[0, :, 0]] == ["normal"] * 3 + ["missing", "normal", "high"]


def test_one_sided_range() -> None:
    v = np.array([[3.0, 6.0, nan, 6.0]])
    code, _ = classify(v, np.array([[nan, nan, nan, nan]]), np.array([[5.0, 5.0, 5.0, nan]]))
    assert [SHIFT_LEVELS[c] for c in code[0]] == ["normal", "high", "missing", "missing"]


def test_out_of_range_listing() -> None:
    rows = [(o.participant_id, o.visit, o.value, o.direction) for o in example_results().out_of_range
            if o.analyte == "creatinine"]
    assert rows == [("P01", "M1", 0.59, "low"), ("P03", "M2", 0.54, "low"), ("P05", "M3", 0.56, "low"),
                    ("P07", "M1", 0.58, "low"), ("P07", "M3", 0.56, "low"), ("P11", "M2", 0.58, "low")]
    crp = [o for o in example_results().out_of_range if o.analyte == "CRP"]
    assert [(o.participant_id, o.visit, o.direction, o.ref_high, o.censoring) for o in crp] == [
        ("P15", "M1", "high", 5.0, "observed"), ("P15", "M3", "high", 5.0, "observed")]
