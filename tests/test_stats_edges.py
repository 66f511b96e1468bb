"""The edge cases of issue 12, each as R 4.2.2 answers it (kernel level and through analyze()).

Before the fix: a single complete pair gave an empty Wilcoxon row and left the Holm/BH
family (so a neighbour's p_holm was too small); all-zero differences left V, the t
estimate and conf_level empty; the median of two values whose sum overflows was Inf;
df was filled where R stops with an error; a single series' mean was summed pairwise.
"""

from __future__ import annotations

import copy
import math

import numpy as np
from conftest import BASE_CONFIG, BASE_TABLES, write_study

from alsreport import stats
from alsreport.analysis.run import analyze
from alsreport.study.loading import load_study

nan = math.nan


def test_single_pair_is_tested_and_stays_in_its_family() -> None:
    # R: r1 <- wilcox.test(c(2, 3, 4, 5, 6, 7), rep(1, 6), paired = TRUE, conf.int = TRUE)   # p = 0.03125
    #    r2 <- wilcox.test(7, 5, paired = TRUE, conf.int = TRUE)
    #    -> V = 1, p = 1, estimate 2, CI [2, 2], conf.level 0, warning "requested conf.level not achievable"
    #    sprintf("%.17g", p.adjust(c(r1$p.value, r2$p.value), "holm"))  -> 0.062500000000000028, 1
    #    sprintf("%.17g", p.adjust(c(r1$p.value, r2$p.value), "BH"))    -> 0.062500000000000028, 1
    later = np.array([[2, 3, 4, 5, 6, 7], [7, nan, nan, nan, nan, nan]])
    base = np.array([[1.0] * 6, [5, nan, nan, nan, nan, nan]])
    w = stats.signed_rank(later, base)
    assert (w.statistic[1], w.pvalue[1], w.estimate[1], w.ci_low[1], w.ci_high[1], w.conf_level[1]) == (
        1.0, 1.0, 2.0, 2.0, 2.0, 0.0)
    assert w.warnings[1] == ("requested conf.level not achievable",) and w.reason[1] is None
    assert list(stats.p_adjust(w.pvalue, "holm")) == [0.062500000000000028, 1.0]
    assert list(stats.p_adjust(w.pvalue, "BH")) == [0.062500000000000028, 1.0]
    # R: wilcox.test(5, 7, paired = TRUE, conf.int = TRUE) -> V = 0, p = 1, estimate -2, CI [-2, -2]
    w = stats.signed_rank([5.0], [7.0])
    assert (w.statistic[0], w.pvalue[0], w.estimate[0], w.ci_low[0], w.conf_level[0]) == (0.0, 1.0, -2.0, -2.0, 0.0)


def test_all_zero_differences() -> None:
    # R: wilcox.test(c(1, 2, 3), c(1, 2, 3), paired = TRUE, conf.int = TRUE)
    #    -> V = 0, p NaN, estimate NaN, CI [NaN, NaN] at conf.level 0,
    #       warnings "cannot compute exact p-value with zeroes", "... confidence interval with zeroes"
    w = stats.signed_rank([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    assert (w.statistic[0], w.conf_level[0]) == (0.0, 0.0) and np.isnan([w.pvalue[0], w.estimate[0]]).all()
    assert len(w.warnings[0]) == 2
    # R: t.test(c(1, 2, 3), c(1, 2, 3), paired = TRUE) -> mean difference 0, t/p/CI NaN, conf.level 0.95
    t = stats.paired_t([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    assert (t.estimate[0], t.df[0], t.conf_level[0]) == (0.0, 2.0, 0.95) and np.isnan(t.statistic[0])


def test_median_of_values_whose_sum_overflows() -> None:
    # R: sprintf("%.17g", median(c(1e308, 1.5e308)))  -> 1.25e+308 (R's mean accumulates in long double)
    d = stats.describe([1e308, 1.5e308])
    assert d.median[0] == 1.25e308 and d.mean[0] == 1.25e308
    # R: sprintf("%.17g", quantile(c(1e308, 1.5e308), c(0.25, 0.75)))  -> 1.125e+308, 1.375e+308
    assert (d.q1[0], d.q3[0]) == (1.125e308, 1.375e308)


def test_no_df_where_r_stops() -> None:
    # R: t.test(c(1, 2, 4), c(0, 1, 3), paired = TRUE)  -> Error: data are essentially constant
    # R: t.test(7, 5, paired = TRUE)                    -> Error: not enough 'x' observations
    t = stats.paired_t([[1.0, 2.0, 4.0], [7.0, nan, nan]], [[0.0, 1.0, 3.0], [5.0, nan, nan]])
    assert np.isnan(t.df).all() and np.isnan(t.conf_level).all() and list(t.method) == ["", ""]
    # R: friedman.test(matrix(c(1, 2, 3, NA, 1, 2), 2, byrow = TRUE))  -> Error (one complete block)
    f = stats.friedman([[1.0, 2.0, 3.0], [nan, 1.0, 2.0]])
    assert np.isnan(f.df[0]) and np.isnan(f.statistic[0])


def test_single_series_mean_is_summed_in_order() -> None:
    # R: x <- c(1e20, rep(1, 7), -1e20, rep(1, 7)); sprintf("%.17g", mean(x))  -> 0.68359375
    #    t.test(x, rep(0, 16), paired = TRUE)$estimate                          -> 0.68359375
    # (NumPy's pairwise np.mean gives 0.875)
    x = np.array([1e20] + [1.0] * 7 + [-1e20] + [1.0] * 7)
    assert stats.describe(x).mean[0] == 0.68359375
    assert stats.paired_t(x, np.zeros(16)).estimate[0] == 0.68359375


def _exclusion_leaves_one_pair(folder):
    """CSF TNF-alpha: 4 pairs all rising (p = 0.125); CSF IL-6: M1 is '<0.5' for all but P01."""
    config = copy.deepcopy(BASE_CONFIG)
    config["analytes"].append({"name": "IL-6", "family": "immunological"})
    config["analysis"]["below_lod"] = "exclude"
    header = BASE_TABLES["measurements"][0]
    rows = []
    for k, p in enumerate(("P01", "P02", "P03", "P04")):
        rows.append([p, "M0", "CSF", "TNF-alpha", "1", "pg/mL", "0.5", "", ""])
        rows.append([p, "M1", "CSF", "TNF-alpha", str(2 + k), "pg/mL", "0.5", "", ""])
        rows.append([p, "M0", "CSF", "IL-6", "5", "pg/mL", "0.5", "", ""])
        rows.append([p, "M1", "CSF", "IL-6", "7" if p == "P01" else "<0.5", "pg/mL", "0.5", "", ""])
    return write_study(folder, config=config, tables={"measurements": (header, rows)})


def test_exclusion_leaving_one_pair_keeps_it_in_the_family(tmp_path) -> None:
    res = analyze(load_study(_exclusion_leaves_one_pair(tmp_path / "s")))
    # R: wilcox.test(c(2, 3, 4, 5), rep(1, 4), paired = TRUE)$p.value  -> 0.125
    #    wilcox.test(7, 5, paired = TRUE, conf.int = TRUE)              -> V = 1, p = 1, CI [2, 2], conf.level 0
    #    p.adjust(c(0.125, 1), "holm")  -> 0.25, 1
    one = res.comparison("IL-6", "CSF", "M1-M0", "wilcoxon")
    assert (one.n, one.statistic, one.pvalue, one.estimate, one.p_holm) == (1, 1.0, 1.0, 2.0, 1.0)
    tnf = res.comparison("TNF-alpha", "CSF", "M1-M0", "wilcoxon")
    assert tnf.pvalue == 0.125 and tnf.p_holm == 0.25 and tnf.p_bh == 0.25
