"""alsreport.stats.descriptive.describe against R's mean/sd/median/quantile (R 4.2.2)."""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.stats import describe

REL = 1e-12
nan = np.nan
V = [2.5, nan, 1.1, 7.3, 4.4, 4.4, 0.9, 12.25, 3.3, nan, 5.05]


def test_describe_matches_r() -> None:
    # R: v <- c(2.5, NA, 1.1, 7.3, 4.4, 4.4, 0.9, 12.25, 3.3, NA, 5.05)
    #    c(sum(!is.na(v)), mean(v, na.rm=TRUE), sd(v, na.rm=TRUE), median(v, na.rm=TRUE),
    #      quantile(v, c(.25, .75), na.rm=TRUE), min(v, na.rm=TRUE), max(v, na.rm=TRUE),
    #      exp(mean(log(v), na.rm=TRUE)))
    d = describe(V)
    assert d.n[0] == 9 and d.n_missing[0] == 2
    assert d.mean[0] == pytest.approx(4.5777777777777775, rel=REL)
    assert d.sd[0] == pytest.approx(3.5023305732675269, rel=REL)
    assert d.median[0] == pytest.approx(4.4000000000000004, rel=REL)
    assert d.q1[0] == pytest.approx(2.5, rel=REL)
    assert d.q3[0] == pytest.approx(5.0499999999999998, rel=REL)
    assert d.min[0] == 0.9 and d.max[0] == 12.25
    assert d.geometric_mean[0] == pytest.approx(3.461823967156143, rel=REL)
    assert d.reason[0] is None and d.geometric_mean_reason[0] is None


def test_quantile_type7_interpolation() -> None:
    # R: quantile(c(0.1, 0.2, 0.7), c(0.25, 0.75))           -> 0.15000000000000002, 0.44999999999999996
    # R: quantile(c(3.3, 1.1, 2.2, 10.01, 5.5), c(.25, .75)) -> 2.2000000000000002, 5.5
    # R: v2 <- c(1, 2, 3, 4); c(mean, sd, median, quantile(v2, c(.25, .75)))
    d = describe(np.array([[0.1, 0.2, 0.7, nan, nan], [3.3, 1.1, 2.2, 10.01, 5.5], [1, 2, 3, 4, nan]]))
    assert list(d.q1) == pytest.approx([0.15000000000000002, 2.2000000000000002, 1.75], rel=REL)
    assert list(d.q3) == pytest.approx([0.44999999999999996, 5.5, 3.25], rel=REL)
    assert d.median[2] == 2.5 and d.sd[2] == pytest.approx(1.2909944487358056, rel=REL)


def test_nonpositive_values_have_no_geometric_mean() -> None:
    # R: v3 <- c(-1.5, 0.2, 3.1, 0); mean, sd, median, quantile(v3, c(.25, .75))
    d = describe([-1.5, 0.2, 3.1, 0.0])
    assert d.mean[0] == pytest.approx(0.45000000000000001, rel=REL)
    assert d.sd[0] == pytest.approx(1.9226717521892984, rel=REL)
    assert d.median[0] == pytest.approx(0.10000000000000001, rel=REL)
    assert d.q1[0] == pytest.approx(-0.375, rel=REL) and d.q3[0] == pytest.approx(0.92500000000000004, rel=REL)
    assert np.isnan(d.geometric_mean[0])
    assert d.geometric_mean_reason[0] == "geometric mean undefined: a value is zero or negative"


def test_empty_and_single_rows() -> None:
    d = describe(np.array([[nan, nan, nan], [4.0, nan, nan], V[:3]]))
    assert list(d.n) == [0, 1, 2] and list(d.n_missing) == [3, 2, 1]
    assert d.reason[0] == "no non-missing values" and np.isnan(d.mean[0]) and np.isnan(d.median[0])
    assert d.reason[1] == "fewer than 2 non-missing values: standard deviation undefined"
    assert d.mean[1] == 4.0 and np.isnan(d.sd[1]) and d.q1[1] == 4.0 and d.q3[1] == 4.0
    assert d.geometric_mean[1] == pytest.approx(4.0, rel=REL)
    assert d.reason[2] is None and d.geometric_mean_reason[0] == "no non-missing values"


def test_rows_independent_of_batch() -> None:
    rng = np.random.default_rng(5)
    x = rng.lognormal(size=(6, 40))
    x[rng.random(x.shape) < 0.2] = nan
    batch = describe(x)
    for k in range(6):
        alone = describe(x[k])
        for f in ["mean", "sd", "median", "q1", "q3", "min", "max", "geometric_mean"]:
            assert getattr(batch, f)[k] == getattr(alone, f)[0], f
