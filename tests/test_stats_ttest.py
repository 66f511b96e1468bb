"""alsreport.stats.ttest.paired_t against R's t.test(paired = TRUE) (R 4.2.2).

References printed in R with sprintf('%.17g'); the R call is beside each value. Mean,
sd, t and the interval agree bit for bit; p-values come from SciPy's Student t CDF,
within ~1e-15 of R's pt(), hence the relative 1e-9 tolerance.
"""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.stats import TTestArrays, paired_t

REL = 1e-9
nan = np.nan
HW_X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
HW_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
# R's datasets::sleep, extra for group 1 (ID 1..10) and group 2
SLEEP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def one(later: object, baseline: object, **kw: float) -> dict[str, object]:
    r = paired_t(np.asarray(later, float), np.asarray(baseline, float), **kw)
    return {f: getattr(r, f)[0] for f in TTestArrays.__dataclass_fields__}


def test_hollander_wolfe_paired_t() -> None:
    # R: t.test(y, x, paired = TRUE)   (x, y: ?wilcox.test depression data); d <- y - x
    r = one(HW_Y, HW_X)
    assert r["statistic"] == pytest.approx(-3.0353754156485913, rel=REL)
    assert r["df"] == 8
    assert r["pvalue"] == pytest.approx(0.016176627434908095, rel=REL)
    assert r["estimate"] == pytest.approx(-0.43188888888888888, rel=REL)
    assert r["ci_low"] == pytest.approx(-0.75999906550560925, rel=REL)
    assert r["ci_high"] == pytest.approx(-0.10377871227216852, rel=REL)
    assert r["stderr"] == pytest.approx(0.14228516402364152, rel=REL)
    assert r["sd"] == pytest.approx(0.4268554920709246, rel=REL)  # R: sd(d)
    assert r["effect_size"] == pytest.approx(-1.0117918052161969, rel=REL)  # R: mean(d) / sd(d)
    assert r["n"] == 9 and r["method"] == "Paired t-test" and r["reason"] is None


def test_conf_level() -> None:
    # R: t.test(y, x, paired = TRUE, conf.level = 0.9)$conf.int
    r = one(HW_Y, HW_X, conf_level=0.9)
    assert r["ci_low"] == pytest.approx(-0.69647498641881322, rel=REL)
    assert r["ci_high"] == pytest.approx(-0.16730279135896456, rel=REL)


def test_sleep_example() -> None:
    # R: t.test(sleep$extra[11:20], sleep$extra[1:10], paired = TRUE)   (?t.test)
    r = one(SLEEP2, SLEEP1)
    assert r["statistic"] == pytest.approx(4.0621276833820366, rel=REL)
    assert r["df"] == 9
    assert r["pvalue"] == pytest.approx(0.0028328901973842702, rel=REL)
    assert r["estimate"] == pytest.approx(1.5800000000000001, rel=REL)
    assert r["ci_low"] == pytest.approx(0.70011423672301754, rel=REL)
    assert r["ci_high"] == pytest.approx(2.4598857632769824, rel=REL)
    assert r["stderr"] == pytest.approx(0.3889587238883952, rel=REL)
    assert r["effect_size"] == pytest.approx(1.2845575625910546, rel=REL)


def test_missing_pairs_dropped() -> None:
    # R: xa <- c(1.83, NA, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30, 2.2)
    #    ya <- c(0.878, 0.647, 0.598, 2.05, NA, 1.29, 1.06, 3.14, 1.29, NA); t.test(ya, xa, paired = TRUE)
    xa = [1.83, nan, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30, 2.2]
    ya = [0.878, 0.647, 0.598, 2.05, nan, 1.29, 1.06, 3.14, 1.29, nan]
    r = one(ya, xa)
    assert r["n"] == 7 and r["df"] == 6
    assert r["statistic"] == pytest.approx(-3.0623001261674117, rel=REL)
    assert r["pvalue"] == pytest.approx(0.022159572305143174, rel=REL)
    assert r["estimate"] == pytest.approx(-0.48771428571428577, rel=REL)
    assert r["ci_low"] == pytest.approx(-0.87741934939808885, rel=REL)
    assert r["ci_high"] == pytest.approx(-0.098009222030482734, rel=REL)


def test_n60_formula() -> None:
    # R: i <- 1:60; b <- ((i * 7919) %% 10007) / 1000; a <- b + (((i * 4073) %% 2003) - 800) / 1000
    #    t.test(a, b, paired = TRUE)
    i = np.arange(1, 61)
    b = ((i * 7919) % 10007) / 1000
    a = b + (((i * 4073) % 2003) - 800) / 1000
    r = one(a, b)
    assert r["statistic"] == pytest.approx(2.3225372855068858, rel=REL)
    assert r["pvalue"] == pytest.approx(0.023673089949327864, rel=REL)
    assert r["estimate"] == pytest.approx(0.17523333333333332, rel=REL)
    assert r["ci_low"] == pytest.approx(0.02426004550924811, rel=REL)
    assert r["ci_high"] == pytest.approx(0.3262066211574185, rel=REL)


def test_degenerate_and_batch() -> None:
    later = np.array([HW_Y + [nan], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
                      [1.0] + [nan] * 9, SLEEP2])
    base = np.array([HW_X + [nan], [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5],
                     [0.0] * 10, SLEEP1])
    r = paired_t(later, base)
    assert list(r.reason) == [None, "paired differences are constant (standard deviation 0)",
                              "fewer than 2 complete pairs", None]
    assert np.isnan(r.statistic[1:3]).all() and np.isnan(r.pvalue[1:3]).all()
    # R stops with an error on both ("data are essentially constant", "not enough 'x' observations"): no df
    assert np.isnan(r.df[1:3]).all() and np.isnan(r.conf_level[1:3]).all()
    assert list(r.method) == ["Paired t-test", "", "", "Paired t-test"]
    # rows of the batch equal the same series tested alone
    for k, (a, b) in enumerate([(HW_Y, HW_X), (SLEEP2, SLEEP1)]):
        alone = paired_t(a, b)
        row = [0, 3][k]
        for f in ["statistic", "pvalue", "estimate", "ci_low", "ci_high", "effect_size"]:
            assert getattr(r, f)[row] == getattr(alone, f)[0], f


def test_shape_mismatch() -> None:
    with pytest.raises(ValueError):
        paired_t(np.zeros((2, 3)), np.zeros((3, 3)))


def test_all_zero_differences_give_r_nan_not_error() -> None:
    # R: t.test(c(1, 2, 3), c(1, 2, 3), paired = TRUE) -> t = NaN, df = 2, p NaN,
    #    mean difference 0, stderr 0, conf.int (NaN, NaN) with conf.level 0.95 (no error: 0 < 0 is false)
    r = paired_t([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    assert r.reason[0] == "all paired differences are zero" and r.method[0] == "Paired t-test"
    assert (r.estimate[0], r.stderr[0], r.df[0], r.conf_level[0]) == (0.0, 0.0, 2.0, 0.95)
    assert np.isnan([r.statistic[0], r.pvalue[0], r.ci_low[0], r.ci_high[0], r.effect_size[0]]).all()
