"""alsreport.stats.wilcoxon.signed_rank against R's wilcox.test (R 4.2.2).

Every reference value was produced by the R call in the comment beside it and printed
with sprintf('%.17g'). On x86-64 Linux the kernel reproduces them bit for bit; the
tests allow a relative 1e-9 so that another C library's last-ulp rounding of exp()
cannot fail them.
Data sets marked "formula" are generated identically in R and here from integer
arithmetic (e.g. ``i <- 1:60; b <- ((i * 7919) %% 10007) / 1000``).
"""

from __future__ import annotations

import numpy as np
import pytest

from alsreport.stats import WilcoxonArrays, signed_rank
from alsreport.stats.wilcoxon import METHOD_APPROX, METHOD_EXACT

REL = 1e-9
nan = np.nan

# Hollander & Wolfe (1999) p. 29, depression scale at first (x) and second (y) visit (?wilcox.test)
HW_X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
HW_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]


def one(later: list[float] | np.ndarray, baseline: list[float] | np.ndarray, **kw: object) -> dict[str, object]:
    r = signed_rank(np.asarray(later, float), np.asarray(baseline, float), **kw)  # type: ignore[arg-type]
    return {f: getattr(r, f)[0] for f in WilcoxonArrays.__dataclass_fields__}


def check(res: dict[str, object], V: float, p: float, est: float, lo: float, hi: float, level: float) -> None:
    got = [res["statistic"], res["pvalue"], res["estimate"], res["ci_low"], res["ci_high"], res["conf_level"]]
    want = [V, p, est, lo, hi, level]
    for name, g, w in zip(["V", "p", "estimate", "ci_low", "ci_high", "conf_level"], got, want, strict=False):
        if np.isnan(w):
            assert np.isnan(g), name
        else:
            assert g == pytest.approx(w, rel=REL, abs=1e-300), name


def formula(n: int, kind: str) -> tuple[np.ndarray, np.ndarray]:
    i = np.arange(1, n + 1)
    if kind == "D1":  # i <- 1:60; b <- ((i * 7919) %% 10007) / 1000; a <- b + (((i * 4073) %% 2003) - 800) / 1000
        b = ((i * 7919) % 10007) / 1000
        return b + (((i * 4073) % 2003) - 800) / 1000, b
    if kind == "D2":  # i <- 1:80; b <- ((i * 17) %% 53) / 10 + 5; a <- b + (((i * 29) %% 23) - 9) / 10
        b = ((i * 17) % 53) / 10 + 5
        return b + (((i * 29) % 23) - 9) / 10, b
    if kind == "D3":  # i <- 1:2000; b <- ((i*7919) %% 10007)/100; a <- b + (((i*104729) %% 1009) - 450)/100
        b = ((i * 7919) % 10007) / 100
        a = b + (((i * 104729) % 1009) - 450) / 100
        b[i % 13 == 0] = nan  # b[i %% 13 == 0] <- NA
        a[i % 17 == 0] = nan  # a[i %% 17 == 0] <- NA
        return a, b
    if kind == "D5":  # i <- 1:30; b <- ((i * 7919) %% 10007) / 1000; a <- b + (((i * 4073) %% 2003) - 900) / 1000
        b = ((i * 7919) % 10007) / 1000
        return b + (((i * 4073) % 2003) - 900) / 1000, b
    raise ValueError(kind)


def test_exact_no_ties_hollander_wolfe() -> None:
    # R: wilcox.test(x, y, paired = TRUE, conf.int = TRUE)   (Hollander & Wolfe depression data, ?wilcox.test)
    r = one(HW_X, HW_Y)
    check(r, 40, 0.0390625, 0.46000000000000008, 0.010000000000000009, 0.78600000000000003, 0.95)
    assert r["exact"] and r["method"] == METHOD_EXACT
    assert r["n"] == 9 and r["n_zeros"] == 0 and r["reason"] is None and r["warnings"] == ()
    # rank-biserial r = (T+ - T-) / (T+ + T-) = (40 - 5) / 45   (Kerby 2014)
    assert r["effect_size"] == pytest.approx(35 / 45, rel=1e-15)


def test_exact_direction_and_conf_level() -> None:
    # R: wilcox.test(y, x, paired = TRUE, conf.int = TRUE)
    r = one(HW_Y, HW_X)
    check(r, 5, 0.0390625, -0.46000000000000008, -0.78600000000000003, -0.010000000000000009, 0.95)
    assert r["effect_size"] == pytest.approx(-35 / 45, rel=1e-15)
    # R: wilcox.test(x, y, paired = TRUE, conf.int = TRUE, conf.level = 0.9)
    r = one(HW_X, HW_Y, conf_level=0.9)
    check(r, 40, 0.0390625, 0.46000000000000008, 0.17500000000000004, 0.7260000000000002, 0.9)


def test_exact_n30_formula() -> None:
    # R: wilcox.test(a, b, paired = TRUE, conf.int = TRUE)   (formula D5, n = 30, no ties)
    a, b = formula(30, "D5")
    r = one(a, b)
    check(r, 269, 0.46454504504799848, 0.071499999999999897, -0.16299999999999992, 0.30600000000000005, 0.95)
    assert r["exact"]


def test_exact_conf_level_not_achievable() -> None:
    # R: wilcox.test(c(1.1, 2.3, 3.2, 4.9), c(0.5, 1.0, 1.5, 2.0), paired = TRUE, conf.int = TRUE)
    # -> warning "requested conf.level not achievable", conf.level 1 - signif(0.125, 2) = 0.88
    r = one([1.1, 2.3, 3.2, 4.9], [0.5, 1.0, 1.5, 2.0])
    check(r, 10, 0.125, 1.6000000000000001, 0.60000000000000009, 2.9000000000000004, 0.88)
    assert r["warnings"] == ("requested conf.level not achievable",)


def test_ties_use_normal_approximation() -> None:
    # R: a <- c(12, 15, 11, 14, 13, 16, 12, 18, 15, 14); b <- c(10, 13, 12, 11, 13, 13, 10, 14, 12, 15)
    #    wilcox.test(a, b, paired = TRUE, conf.int = TRUE)   (ties and one zero)
    r = one([12, 15, 11, 14, 13, 16, 12, 18, 15, 14], [10, 13, 12, 11, 13, 13, 10, 14, 12, 15])
    check(r, 42, 0.023273832983571448, 2.0000176790726254, 0.49996297918074606, 3.0000188079876904, 0.95)
    assert not r["exact"] and r["method"] == METHOD_APPROX
    assert r["n"] == 10 and r["n_zeros"] == 1
    assert r["warnings"] == (
        "cannot compute exact p-value with ties",
        "cannot compute exact confidence interval with ties",
        "cannot compute exact p-value with zeroes",
        "cannot compute exact confidence interval with zeroes",
    )


def test_without_conf_int() -> None:
    # R: wilcox.test(a, b, paired = TRUE)   (a, b as in test_ties_use_normal_approximation; conf.int = FALSE)
    r = one([12, 15, 11, 14, 13, 16, 12, 18, 15, 14], [10, 13, 12, 11, 13, 13, 10, 14, 12, 15], conf_int=False)
    assert r["statistic"] == 42
    assert r["pvalue"] == pytest.approx(0.023273832983571448, rel=REL)
    assert np.isnan([r["estimate"], r["ci_low"], r["ci_high"], r["conf_level"]]).all()
    assert r["warnings"] == ("cannot compute exact p-value with ties", "cannot compute exact p-value with zeroes")
    # R: wilcox.test(x, y, paired = TRUE)$p.value   (exact)
    r = one(HW_X, HW_Y, conf_int=False)
    assert r["pvalue"] == 0.0390625 and np.isnan(r["estimate"])


def test_zeros_alpha_doubling() -> None:
    # R: wilcox.test(c(5.1, 4.8, 6.2, 5.9, 7.3, 4.4, 5.5, 6.8), c(4.6, 4.8, 5.1, 6.3, 5.6, 4.4, 4.1, 5.0),
    #                paired = TRUE, conf.int = TRUE)   (two zeros; R doubles alpha -> conf.level 0.9)
    r = one([5.1, 4.8, 6.2, 5.9, 7.3, 4.4, 5.5, 6.8], [4.6, 4.8, 5.1, 6.3, 5.6, 4.4, 4.1, 5.0])
    check(r, 20, 0.059172067825859431, 1.1000259566574255, 0.3499968753127255, 1.7000365625594605,
          0.89999999999999991)
    assert r["n"] == 8 and r["n_zeros"] == 2 and not r["exact"]
    assert r["warnings"] == (
        "requested conf.level not achievable",
        "cannot compute exact p-value with zeroes",
        "cannot compute exact confidence interval with zeroes",
    )
    # zeros are dropped before the effect size: 6 non-zero differences, T+ = 20, T- = 1
    assert r["effect_size"] == pytest.approx((20 - 1) / 21, rel=1e-15)


def test_alpha_reaches_one_gives_median_interval() -> None:
    # R: wilcox.test(c(2, 3, 4), c(1, 2, 3.5), paired = TRUE, conf.int = TRUE)  -> CI = median, conf.level 0
    r = one([2, 3, 4], [1, 2, 3.5])
    check(r, 6, 0.17356816655592155, 0.79289321881345254, 1, 1, 0)


def test_all_nonzero_differences_equal_gives_midrange() -> None:
    # R: wilcox.test(c(3, 4, 5, 6), c(1, 2, 3, 4), paired = TRUE, conf.int = TRUE)
    #    -> estimate "midrange" 2, conf.int NaN NaN, warning about all observations tied
    r = one([3, 4, 5, 6], [1, 2, 3, 4])
    check(r, 10, 0.071860638225851606, 2, nan, nan, 0)
    assert r["warnings"][0] == "cannot compute confidence interval when all observations are zero or tied"
    # R: wilcox.test(c(1, 2, 3, 4), c(1, 2, 3, 3.5), paired = TRUE, conf.int = TRUE)  (one non-zero difference)
    r = one([1, 2, 3, 4], [1, 2, 3, 3.5])
    check(r, 1, 1, 0.5, nan, nan, 0)
    assert r["n"] == 4 and r["n_zeros"] == 3


def test_missing_values_drop_incomplete_pairs() -> None:
    # R: xa <- c(1.83, NA, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30, 2.2)
    #    ya <- c(0.878, 0.647, 0.598, 2.05, NA, 1.29, 1.06, 3.14, 1.29, NA)
    #    wilcox.test(ya, xa, paired = TRUE, conf.int = TRUE)
    xa = [1.83, nan, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30, 2.2]
    ya = [0.878, 0.647, 0.598, 2.05, nan, 1.29, 1.06, 3.14, 1.29, nan]
    r = one(ya, xa)
    check(r, 2, 0.046875000000000014, -0.48550000000000004, -0.95200000000000007, -0.010000000000000009, 0.95)
    assert r["n"] == 7


def test_n60_approximate_formula() -> None:
    # R: (formula D1) wilcox.test(a, b, paired = TRUE, conf.int = TRUE)   (n >= 50: normal approximation)
    a, b = formula(60, "D1")
    r = one(a, b)
    check(r, 1218, 0.025954966739766692, 0.17507355478380929, 0.010917991541955049, 0.34248163123543607, 0.95)
    assert not r["exact"] and r["warnings"] == ()


def test_n80_ties_and_zeros_formula() -> None:
    # R: (formula D2) wilcox.test(a, b, paired = TRUE, conf.int = TRUE)   (1-decimal data, 3 zeros)
    a, b = formula(80, "D2")
    r = one(a, b)
    check(r, 2002, 0.011077506654193854, 0.20005291329383634, 0.049981172101307481, 0.35001094325715182, 0.95)
    assert r["n_zeros"] == 3 and r["warnings"] == ()  # n >= 50: R does not warn about ties


def test_n2000_with_missing_formula() -> None:
    # R: (formula D3, NAs at i %% 13 == 0 in b and i %% 17 == 0 in a)
    #    wilcox.test(a, b, paired = TRUE, conf.int = TRUE)
    a, b = formula(2000, "D3")
    r = one(a, b)
    check(r, 882331, 1.3907281703925772e-09, 0.42996770293558573, 0.29498926565692807, 0.5650205784301674, 0.95)
    assert r["n"] == 2000 - 153 - 117 + 9


def test_degenerate_series_follow_r() -> None:
    later = np.array([[1.0, nan, nan, nan], [2.0, 3.0, 4.0, 5.0], [nan, nan, nan, nan], [1.0, 2.0, nan, 3.0]])
    base = np.array([[0.5, 1.0, nan, 2.0], [2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0], [nan, nan, 7.0, 3.0]])
    r = signed_rank(later, base)
    assert list(r.reason) == [None, "all paired differences are zero", "no complete pairs",
                              "all paired differences are zero"]
    assert list(r.n) == [1, 4, 0, 1]
    assert r.n_zeros[1] == 4
    # R: wilcox.test(1, 0.5, paired = TRUE, conf.int = TRUE)
    #    -> V = 1, p = 1, (pseudo)median 0.5, CI [0.5, 0.5], conf.level 0, "requested conf.level not achievable"
    check({f: getattr(r, f)[0] for f in WilcoxonArrays.__dataclass_fields__}, 1, 1, 0.5, 0.5, 0.5, 0)
    assert r.warnings[0] == ("requested conf.level not achievable",) and r.exact[0]
    # R: wilcox.test(c(1, 2, NA, 3), c(NA, NA, 7, 3), paired = TRUE, conf.int = TRUE)
    #    -> V = 0, p NaN, estimate NaN, CI [NaN, NaN], conf.level 0 (warnings: zeroes)
    for row in (1, 3):
        check({f: getattr(r, f)[row] for f in WilcoxonArrays.__dataclass_fields__}, 0, nan, nan, nan, nan, 0)
        assert r.warnings[row] == ("cannot compute exact p-value with zeroes",
                                   "cannot compute exact confidence interval with zeroes")
    assert np.isnan(r.statistic[2]) and np.isnan(r.conf_level[2])  # R stops: no complete pair
    assert list(r.method) == [METHOD_EXACT, METHOD_APPROX, "", METHOD_APPROX]


def test_infinite_difference_is_degenerate() -> None:
    r = signed_rank([[1.0, np.inf, 3.0]], [[0.0, 1.0, 1.0]])
    assert r.reason[0] == "infinite paired difference" and np.isnan(r.pvalue[0])


def many_rows() -> list[tuple[object, object]]:
    return [(HW_X, HW_Y), (HW_Y, HW_X), formula(60, "D1"), formula(80, "D2"), formula(30, "D5"),
            ([12, 15, 11, 14, 13, 16, 12, 18, 15, 14], [10, 13, 12, 11, 13, 13, 10, 14, 12, 15]),
            ([3, 4, 5, 6], [1, 2, 3, 4]), ([2, 3, 4], [1, 2, 3.5]), ([1.0], [2.0]), formula(2000, "D3")]


def test_many_series_equal_one_at_a_time() -> None:
    rows = many_rows()
    width = max(len(a) for a, _ in rows)
    later = np.full((len(rows), width), nan)
    base = np.full((len(rows), width), nan)
    rng = np.random.default_rng(3)
    for k, (a, b) in enumerate(rows):
        cols = rng.permutation(width)[: len(a)]  # participants in any columns: order must not matter
        later[k, cols] = a
        base[k, cols] = b
    together = signed_rank(later, base)
    for k, (a, b) in enumerate(rows):
        alone = signed_rank(np.asarray(a, float), np.asarray(b, float))
        for f in WilcoxonArrays.__dataclass_fields__:
            g, w = getattr(together, f)[k], getattr(alone, f)[0]
            if isinstance(w, float) and np.isnan(w):
                assert np.isnan(g), (k, f)
            else:
                assert g == w, (k, f)


def test_small_blocks_give_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    # the root search and the ranking run over blocks of rows; block size must not matter
    from alsreport.stats import wilcoxon

    rows = many_rows() * 3
    width = max(len(a) for a, _ in rows)
    later = np.full((len(rows), width), nan)
    base = np.full((len(rows), width), nan)
    for k, (a, b) in enumerate(rows):
        later[k, : len(a)] = a
        base[k, : len(b)] = b
    big = signed_rank(later, base)
    monkeypatch.setattr(wilcoxon, "_CHUNK_ELEMENTS", 50)
    small = signed_rank(later, base)
    for f in ["statistic", "pvalue", "estimate", "ci_low", "ci_high", "conf_level", "effect_size"]:
        assert np.array_equal(getattr(big, f), getattr(small, f), equal_nan=True), f
    assert list(big.warnings) == list(small.warnings)


def test_shapes_and_arguments_validated() -> None:
    with pytest.raises(ValueError):
        signed_rank(np.zeros((2, 3)), np.zeros((2, 4)))
    with pytest.raises(ValueError):
        signed_rank(HW_X, HW_Y, conf_level=1.0)
    r = signed_rank(np.zeros((0, 5)), np.zeros((0, 5)))
    assert r.statistic.shape == (0,)
