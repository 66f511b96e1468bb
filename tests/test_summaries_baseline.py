"""Baseline characteristics of the enrolled participants (example study), against R."""

from __future__ import annotations

import math

import pytest
from analysis_helpers import example_study

from alsreport.analysis.summaries import baseline_characteristics


def rows():
    return baseline_characteristics(example_study())


def test_first_row_is_the_number_enrolled() -> None:
    first = rows()[0]
    assert (first.variable, first.n, first.count, first.percent) == ("n", 15, 15, 100.0)


def test_continuous_match_r() -> None:
    by_var = {r.variable: r for r in rows() if r.kind == "continuous"}
    assert list(by_var) == ["age_years", "symptom_duration_months", "alsfrs_r_baseline", "weight_kg"]
    # R: x <- p$weight_kg[p$enrolled == "yes"]; mean(x); sd(x); quantile(x, c(.25, .5, .75)); min(x); max(x)
    w = by_var["weight_kg"]
    assert (w.n, w.n_missing, w.unit) == (15, 0, "kg")
    assert w.mean == pytest.approx(69.153333333333336, rel=1e-12)
    assert w.sd == pytest.approx(8.5111579425956805, rel=1e-12)
    assert (w.q1, w.median, w.q3) == (pytest.approx(64.2), pytest.approx(69.2), pytest.approx(76.35))
    assert (w.min, w.max) == (55.1, 84.0)
    a = by_var["age_years"]
    assert (a.mean, a.q1, a.median, a.q3, a.min, a.max) == (pytest.approx(50.4), 47, 49, 55.5, 42, 62)
    assert a.sd == pytest.approx(6.2996598547631351, rel=1e-12)


def test_categorical_levels_include_zero_counts() -> None:
    cat = [(r.variable, r.level, r.count, r.percent, r.n) for r in rows() if r.kind == "categorical" and r.level]
    assert cat[:2] == [("sex", "female", 6, 40.0, 15), ("sex", "male", 9, 60.0, 15)]
    site = {lvl: (n, pct) for v, lvl, n, pct, _ in cat if v == "onset_site"}
    assert list(site) == ["bulbar", "spinal", "respiratory", "generalised"]  # contract order
    assert site["bulbar"][0] == 4 and site["bulbar"][1] == pytest.approx(26.666666666666668)
    assert site["respiratory"] == (0, 0.0) and site["generalised"] == (0, 0.0)
    assert all(math.isnan(r.mean) for r in rows() if r.kind == "categorical")
