"""alsreport.stats.friedman.friedman against R's friedman.test (R 4.2.2).

Statistics agree bit for bit; p-values use SciPy's chi-squared survival function,
within ~1e-15 of R's pchisq(), hence the relative 1e-9 tolerance.
"""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.stats import friedman

REL = 1e-9
nan = np.nan

# ?friedman.test: Hollander & Wolfe (1999) p. 274, rounding first base (22 players x 3 methods)
ROUNDING_TIMES = np.array([
    5.40, 5.50, 5.55, 5.85, 5.70, 5.75, 5.20, 5.60, 5.50, 5.55, 5.50, 5.40, 5.90, 5.85, 5.70,
    5.45, 5.55, 5.60, 5.40, 5.40, 5.35, 5.45, 5.50, 5.35, 5.25, 5.15, 5.00, 5.85, 5.80, 5.70,
    5.25, 5.20, 5.10, 5.65, 5.55, 5.45, 5.60, 5.35, 5.45, 5.05, 5.00, 4.95, 5.50, 5.50, 5.40,
    5.45, 5.55, 5.50, 5.55, 5.55, 5.35, 5.45, 5.50, 5.55, 5.50, 5.45, 5.25, 5.65, 5.60, 5.40,
    5.70, 5.65, 5.55, 6.30, 6.30, 6.25]).reshape(22, 3)

# R: set.seed(5); m <- matrix(round(rnorm(15*4, rep(c(10, 10.5, 11, 11.2), each = 15), 1)), ncol = 4)
#    m[3, 2] <- NA; m[9, 4] <- NA          (printed row by row: t(m))
TIES_4 = np.array([
    9, 10, 11, 12, 11, 10, 12, 10, 9, nan, 13, 11, 10, 11, 12, 10, 12, 10, 12, 11, 9, 11, 12, 13,
    10, 11, 10, 11, 9, 12, 9, 12, 10, 11, 9, nan, 10, 11, 11, 11, 11, 10, 13, 10, 9, 12, 10, 12,
    9, 12, 11, 11, 10, 10, 13, 11, 9, 10, 11, 11]).reshape(15, 4)


def test_rounding_times() -> None:
    # R: friedman.test(RoundingTimes)   (?friedman.test) -> chi-squared = 11.143, df = 2, p = 0.003805
    r = friedman(ROUNDING_TIMES[None])
    assert r.statistic[0] == pytest.approx(11.142857142857142, rel=REL)
    assert r.df[0] == 2 and r.n[0] == 22 and r.k[0] == 3
    assert r.pvalue[0] == pytest.approx(0.003805040775511363, rel=REL)
    # Kendall's W = chi2 / (n (k - 1)); R: friedman.test(RoundingTimes)$statistic / (22 * 2)
    assert r.kendall_w[0] == pytest.approx(0.25324675324675322, rel=REL)
    assert r.method[0] == "Friedman rank sum test" and r.reason[0] is None


def test_ties_and_incomplete_blocks() -> None:
    # R: friedman.test(m); n <- sum(complete.cases(m))   (m as TIES_4; tie-corrected statistic)
    r = friedman(TIES_4)
    assert r.n[0] == 13 and r.df[0] == 3
    assert r.statistic[0] == pytest.approx(10.026315789473685, rel=REL)
    assert r.pvalue[0] == pytest.approx(0.018343761023113383, rel=REL)
    assert r.kendall_w[0] == pytest.approx(0.25708502024291502, rel=REL)  # R: statistic / (13 * 3)


def test_formula_500_blocks() -> None:
    # R: i <- 1:500; m <- cbind(((i * 7919) %% 10007) / 1000, ((i * 4073) %% 2003) / 200,
    #                           ((i * 31) %% 97) / 9.7, ((i * 13) %% 11)); friedman.test(m)
    i = np.arange(1, 501)
    m = np.column_stack([((i * 7919) % 10007) / 1000, ((i * 4073) % 2003) / 200, ((i * 31) % 97) / 9.7,
                         ((i * 13) % 11).astype(float)])
    r = friedman(m)
    assert r.statistic[0] == pytest.approx(0.39339339339339341, rel=REL)
    assert r.pvalue[0] == pytest.approx(0.94160385851740314, rel=REL)


def test_many_series_and_degenerate() -> None:
    width = 22
    vals = np.full((4, width, 3), nan)
    vals[0] = ROUNDING_TIMES
    vals[1, :15] = TIES_4[:, :3]  # 3 visits of the tie data (R: friedman.test(m[, 1:3]))
    vals[2, 0] = [1.0, 2.0, 3.0]  # a single complete block
    vals[3, :5] = 7.0  # every block entirely tied
    r = friedman(vals)
    assert list(r.reason) == [None, None, "fewer than 2 complete blocks (participants with every visit)",
                              "all values tied within every block"]
    assert r.statistic[0] == friedman(ROUNDING_TIMES).statistic[0]
    # R: friedman.test(m[, 1:3])  (m as TIES_4)
    assert r.statistic[1] == pytest.approx(8.1568627450980387, rel=REL)
    assert r.pvalue[1] == pytest.approx(0.01693400797952337, rel=REL)
    assert np.isnan(r.statistic[2:]).all() and np.isnan(r.pvalue[2:]).all() and np.isnan(r.kendall_w[2:]).all()
    assert list(r.n) == [22, 14, 1, 5]
    # R: friedman.test(matrix(c(1, 2, 3), 1)) stops ("dim(X) must have a positive length"): no df;
    # friedman.test(matrix(7, 5, 3)) -> chi-squared NaN, df = 2, p NA
    assert np.isnan(r.df[2]) and r.df[3] == 2


def test_no_complete_block_keeps_df_as_r() -> None:
    # R: friedman.test(matrix(c(NA, NA, 1, 2, NA, 2), 2, byrow = TRUE))
    #    -> Friedman chi-squared = NaN, df = 2, p-value = NA
    r = friedman([[nan, nan, 1.0], [2.0, nan, 2.0]])
    assert r.n[0] == 0 and r.df[0] == 2 and np.isnan(r.statistic[0]) and np.isnan(r.pvalue[0])
    assert r.reason[0] == "no complete blocks (no participant with every visit)"


def test_needs_two_visits() -> None:
    with pytest.raises(ValueError):
        friedman(np.zeros((2, 5, 1)))
