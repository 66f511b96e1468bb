"""analyze(): paired tests, Friedman, p-value adjustment and descriptives against R.

Reference values come from R 4.2.2 (``Rscript``) on the example study with the
default ``below_lod: half_lod`` ("<x" read as x / 2); each test shows the R call.
The data were put in wide form with one row per participant (P01-P15), columns
``v.M0`` ... ``v.M3``, as in::

    m <- read.csv("alsreport/example_study/measurements.csv")
    s <- m[m$compartment == "CSF" & m$analyte == "TNF-alpha", ]
    cen <- grepl("^<", s$value); s$v <- as.numeric(sub("^[<>]", "", s$value)); s$v[cen] <- s$v[cen] / 2
    w <- reshape(s[, c("participant_id", "visit", "v")], idvar = "participant_id",
                 timevar = "visit", direction = "wide")
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from analysis_helpers import example_results, example_study, with_options
from conftest import BASE_TABLES, write_study

import alsreport.stats as stats_pkg
from alsreport.analysis.run import analyze, compare_series
from alsreport.analysis.dataset import build_analysis_data, build_series_array
from alsreport.results.model import ConfidenceInterval
from alsreport.study.config import StudyConfig
from alsreport.study.loading import load_study
from alsreport.study.model import Study

REL = 1e-6


def approx(x: float) -> object:
    return pytest.approx(x, rel=REL, abs=1e-12)


def test_tnf_csf_m3_wilcoxon_matches_r() -> None:
    c = example_results().comparison("TNF-alpha", "CSF", "M3-M0", "wilcoxon")
    # R: wilcox.test(w$v.M3, w$v.M0, paired = TRUE, conf.int = TRUE)
    #    V = 7, p-value = 0.0011596679687500004, (pseudo)median -1.9099999999999993,
    #    95 percent CI -2.5099999999999998 -1.1100000000000001; "Wilcoxon signed rank exact test"
    assert c.statistic == 7
    assert c.pvalue == approx(0.001159668)
    assert c.pvalue == approx(0.0011596679687500004)
    assert c.estimate == approx(-1.9099999999999993)
    assert c.ci is not None
    assert (c.ci.low, c.ci.high, c.ci.level) == (approx(-2.5099999999999998), approx(-1.1100000000000001), 0.95)
    assert (c.n, c.n_zeros, c.exact, c.correction) == (15, 0, True, None)
    assert c.method == "Wilcoxon signed rank exact test"
    assert (c.statistic_name, c.estimate_name, c.effect_size_name) == ("V", "(pseudo)median", "rank-biserial")
    assert c.effect_size == approx((7 - (120 - 7)) / 120)  # (T+ - T-) / (T+ + T-), n(n+1)/2 = 120
    assert c.reason is None and c.warnings == ()


def test_tnf_csf_m3_paired_t_matches_r() -> None:
    c = example_results().comparison("TNF-alpha", "CSF", "M3-M0", "paired_t")
    # R: t.test(w$v.M3, w$v.M0, paired = TRUE)
    #    t = -4.7057320177883755, df = 14, p-value = 0.00033751206487412819,
    #    mean difference -1.8246666666666667, 95 percent CI -2.656316399749707 -0.9930169335836263
    assert c.statistic == approx(-4.7057320177883755)
    assert c.parameter == 14
    assert c.pvalue == approx(0.00033751206487412819)
    assert c.estimate == approx(-1.8246666666666667)
    assert c.ci is not None and (c.ci.low, c.ci.high) == (approx(-2.656316399749707), approx(-0.9930169335836263))
    assert (c.statistic_name, c.estimate_name, c.effect_size_name, c.method) == (
        "t", "mean difference", "Cohen's dz", "Paired t-test")


def test_tnf_csf_friedman_matches_r() -> None:
    c = example_results().comparison("TNF-alpha", "CSF", "M0,M1,M2,M3", "friedman")
    # R: friedman.test(as.matrix(w[complete.cases(w), c("v.M0", "v.M1", "v.M2", "v.M3")]))
    #    Friedman chi-squared = 22.569230769230771, df = 3, p-value = 4.9653944882892402e-05 (R 4.2)
    assert c.n == 13  # P12 has no M1 value, P09 no M2 value (lumbar puncture unsuccessful)
    assert c.statistic == approx(22.569230769230771)
    assert c.parameter == 3
    assert c.pvalue == approx(4.9653944882892402e-05)
    assert c.effect_size == approx(22.569230769230771 / (13 * 3))  # Kendall's W = chi2 / (n (k - 1))
    assert (c.statistic_name, c.effect_size_name, c.method) == (
        "Friedman chi-squared", "Kendall's W", "Friedman rank sum test")


def test_holm_and_bh_within_family_compartment_contrast_test() -> None:
    res = example_results()
    names = ["TNF-alpha", "IL-6", "IL-10", "IL-17A", "IFN-gamma", "TGF-beta1"]
    got = [res.comparison(a, "CSF", "M3-M0", "wilcoxon") for a in names]
    # R: pv <- sapply(names, function(a) wilcox.test(M3, M0, paired = TRUE, conf.int = TRUE)$p.value)  (CSF)
    #    p.adjust(pv, "holm"); p.adjust(pv, "BH")
    r_p = [0.0011596679687500004, 0.97733550788785506, 0.39415050825096182, 0.72110309676176731,
           0.85061840362529728, 0.47764493425058641]
    r_holm = [0.0069580078125000026, 1, 1, 1, 1, 1]
    r_bh = [0.0069580078125000026, 0.97733550788785506, 0.95528986850117281, 0.97733550788785506,
            0.97733550788785506, 0.95528986850117281]
    assert [c.pvalue for c in got] == [approx(p) for p in r_p]
    assert [c.p_holm for c in got] == [approx(p) for p in r_holm]
    assert [c.p_bh for c in got] == [approx(p) for p in r_bh]
    # each test, contrast and compartment is its own family
    for test, compartment, contrast in (("paired_t", "CSF", "M3-M0"), ("wilcoxon", "serum", "M3-M0"),
                                        ("wilcoxon", "CSF", "M1-M0")):
        fam = [res.comparison(a, compartment, contrast, test) for a in names]
        p = np.array([c.pvalue for c in fam])
        assert [c.p_holm for c in fam] == list(stats_pkg.p_adjust(p, "holm"))
        assert [c.p_bh for c in fam] == list(stats_pkg.p_adjust(p, "BH"))


# CSF IFN-gamma, M3 vs M0; "<0.8" values substituted by each rule.
# R: wilcox.test(w$v.M3, w$v.M0, paired = TRUE, conf.int = TRUE) with s$v[cen] <- 0.8 * factor
R_IFN = {
    "half_lod": (49, 0.85061840362529728, -0.01498213451122889, -0.17497105869298751, 0.16003708068316699, 15, 4),
    "lod": (57.5, 0.77751125256557296, 0.019909472073885565, -0.10497090136744405, 0.17498561171104005, 15, 4),
    "lod_sqrt2": (49, 0.85061840362529728, -0.0099787384827280026, -0.15499562952266455, 0.1749071470135975,
                  15, 4),
    # exclude: s$v[cen] <- NA  -> 12 complete pairs, exact test
    "exclude": (47, 0.56933593750000022, 0.037499999999999978, -0.10999999999999988, 0.22500000000000003, 12, 0),
}


@pytest.mark.parametrize("rule", list(R_IFN))
def test_below_lod_rule_reaches_the_tests(rule: str) -> None:
    study = with_options(example_study(), below_lod=rule)
    arr = build_series_array(study, build_analysis_data(study))
    sub = replace(arr, series=arr.series[arr.index("IFN-gamma", "CSF"):][:1],
                  values=arr.values[[arr.index("IFN-gamma", "CSF")]],
                  below=arr.below[[arr.index("IFN-gamma", "CSF")]], above=arr.above[[arr.index("IFN-gamma", "CSF")]])
    c = next(x for x in compare_series(sub) if x.contrast == "M3-M0" and x.test == "wilcoxon")
    v, p, est, lo, hi, n, n_below = R_IFN[rule]
    assert c.statistic == v
    assert c.pvalue == approx(p)
    assert c.estimate == approx(est)
    assert c.ci is not None and (c.ci.low, c.ci.high) == (approx(lo), approx(hi))
    assert (c.n, c.n_below_lod) == (n, n_below)
    if rule == "exclude":
        assert c.exact and c.method == "Wilcoxon signed rank exact test"
    else:
        assert not c.exact and c.correction == "continuity"
        assert c.method == "Wilcoxon signed rank test with continuity correction"
        assert any(w.startswith("cannot compute exact p-value with") for w in c.warnings)


def test_descriptives_match_r_quantile() -> None:
    d = next(x for x in example_results().descriptives
             if (x.analyte, x.compartment, x.visit) == ("TNF-alpha", "CSF", "M1"))
    # R: quantile(w$v.M1, c(.25, .5, .75), na.rm = TRUE); mean(w$v.M1, na.rm = TRUE); sd(w$v.M1, na.rm = TRUE)
    #    6.5325000000000006 8.995000000000001 10.1525 8.838571428571429 2.9945665080990556
    assert (d.n, d.n_missing, d.n_below_lod) == (14, 1, 0)
    assert d.q1 == approx(6.5325000000000006)
    assert d.median == approx(8.995000000000001)
    assert d.q3 == approx(10.1525)
    assert d.mean == approx(8.838571428571429)
    assert d.sd == approx(2.9945665080990556)
    assert (d.min, d.max) == (4.43, 14.51)


def test_descriptive_counts_censored_values() -> None:
    d = {x.visit: x for x in example_results().descriptives if (x.analyte, x.compartment) == ("IFN-gamma", "CSF")}
    assert [d[v].n_below_lod for v in ("M0", "M1", "M2", "M3")] == [1, 1, 2, 3]  # P09's M2 "<0.8" is gone
    assert [d[v].n for v in ("M0", "M1", "M2", "M3")] == [15, 14, 14, 15]


def test_comparison_rows_and_order() -> None:
    res = example_results()
    assert len(res.comparisons) == len(res.series) * (3 * 2 + 1)
    first = res.comparisons[:7]
    assert [(c.contrast, c.test) for c in first] == [
        ("M1-M0", "wilcoxon"), ("M1-M0", "paired_t"), ("M2-M0", "wilcoxon"), ("M2-M0", "paired_t"),
        ("M3-M0", "wilcoxon"), ("M3-M0", "paired_t"), ("M0,M1,M2,M3", "friedman")]
    assert {(c.analyte, c.compartment) for c in first} == {("TNF-alpha", "CSF")}
    assert len(res.descriptives) == len(res.series) * 4
    assert res.primary is not None and res.primary.analyte == "TNF-alpha"


# Degenerate series -----------------------------------------------------------------------------------

def _degenerate_tables() -> dict:
    header = BASE_TABLES["measurements"][0]
    rows = []
    csf = {("P01", "M0"): 5.0, ("P01", "M1"): 4.1, ("P01", "M2"): 3.9, ("P02", "M0"): 6.2, ("P02", "M1"): 5.0,
           ("P03", "M0"): 7.3, ("P03", "M1"): 6.9, ("P04", "M0"): 4.4, ("P04", "M1"): 4.0}
    for p in ("P01", "P02", "P03", "P04"):
        for v in ("M0", "M1", "M2"):
            if (p, v) in csf:  # CSF TNF-alpha: only P01 has M2 -> M2-M0 has n = 1
                rows.append([p, v, "CSF", "TNF-alpha", str(csf[(p, v)]), "pg/mL", "0.5", "", ""])
            if p != "P04" or v != "M2":  # serum TNF-alpha: constant 5 (all differences zero)
                rows.append([p, v, "serum", "TNF-alpha", "5", "pg/mL", "0.5", "", ""])
            if v == "M0":  # CRP only at baseline
                rows.append([p, v, "serum", "CRP", "1.2", "mg/L", "0.3", "0", "5"])
    return {"measurements": (header, rows)}


def test_degenerate_series_get_reasons_not_errors(tmp_path) -> None:
    study = load_study(write_study(tmp_path / "s", tables=_degenerate_tables()))
    res = analyze(study)
    assert len(res.comparisons) == 3 * (2 * 2 + 1)

    one_pair = res.comparison("TNF-alpha", "CSF", "M2-M0", "wilcoxon")
    # R: wilcox.test(3.9, 5.0, paired = TRUE, conf.int = TRUE) -> V = 0, p = 1, estimate = CI = 3.9 - 5,
    #    conf.level 0 ("requested conf.level not achievable"); kept in its Holm/BH family
    assert (one_pair.n, one_pair.statistic, one_pair.pvalue, one_pair.reason) == (1, 0.0, 1.0, None)
    assert one_pair.estimate == 3.9 - 5.0 and one_pair.ci == ConfidenceInterval(3.9 - 5.0, 3.9 - 5.0, 0.0)
    assert one_pair.exact is True and one_pair.p_holm == 1.0
    assert one_pair.warnings == ("requested conf.level not achievable",)
    t_one = res.comparison("TNF-alpha", "CSF", "M2-M0", "paired_t")  # R: "not enough 'x' observations"
    assert t_one.reason == "fewer than 2 complete pairs" and t_one.ci is None and math.isnan(t_one.parameter)

    # R: wilcox.test(rep(5, 4), rep(5, 4), paired = TRUE, conf.int = TRUE) -> V = 0, p NaN, CI NaN at level 0
    zero = res.comparison("TNF-alpha", "serum", "M1-M0", "wilcoxon")
    assert (zero.n, zero.n_zeros, zero.statistic) == (4, 4, 0.0)
    assert zero.reason == "all paired differences are zero" and math.isnan(zero.pvalue)
    assert zero.ci is not None and zero.ci.level == 0 and math.isnan(zero.ci.low)
    # R: t.test(rep(5, 4), rep(5, 4), paired = TRUE) -> mean difference 0, df 3, t/p/CI NaN, conf.level 0.95
    const = res.comparison("TNF-alpha", "serum", "M1-M0", "paired_t")
    assert const.reason == "all paired differences are zero" and math.isnan(const.pvalue)
    assert (const.estimate, const.parameter, const.ci.level) == (0.0, 3.0, 0.95)
    fr = res.comparison("TNF-alpha", "serum", "M0,M1,M2", "friedman")
    assert fr.reason is not None and math.isnan(fr.statistic)

    only_base = res.comparison("CRP", "serum", "M1-M0", "wilcoxon")
    assert only_base.n == 0 and only_base.reason == "no values at M1"
    assert res.comparison("CRP", "serum", "M1-M0", "paired_t").reason == "no values at M1"
    crp_fr = res.comparison("CRP", "serum", "M0,M1,M2", "friedman")
    assert crp_fr.n == 0 and crp_fr.reason is not None
    # NaN p-values are left out of the adjustment family, and stay NaN
    assert math.isnan(only_base.p_holm) and math.isnan(only_base.p_bh)
    ok = res.comparison("TNF-alpha", "CSF", "M1-M0", "wilcoxon")
    assert ok.reason is None and ok.p_holm == ok.pvalue  # the only p-value of its family
    d = next(x for x in res.descriptives if (x.analyte, x.visit) == ("CRP", "M1"))
    assert (d.n, d.n_missing) == (0, 4) and math.isnan(d.mean)


# Performance: one kernel call per contrast, whatever the number of series ------------------------------

def _large_study(n_analytes: int = 150, n_people: int = 40, seed: int = 1) -> Study:
    rng = np.random.default_rng(seed)
    visits = [{"code": f"M{k}", "label": f"Month {k}", "month": k} for k in range(4)]
    fams = ["immunological", "biochemical", "haematological"]
    analytes = [{"name": f"A{i:03d}", "family": fams[i % 3]} for i in range(n_analytes)]
    config = StudyConfig.model_validate({"title": "large", "visits": visits, "analytes": analytes})
    people = [f"P{i:03d}" for i in range(n_people)]
    participants = pd.DataFrame({
        "participant_id": pd.array(people, dtype="str"), "eligible": True, "exclusion_reason": pd.NA,
        "enrolled": True, "sex": "female", "age_years": 50.0, "onset_site": "spinal",
        "symptom_duration_months": 12.0, "alsfrs_r_baseline": 36.0, "weight_kg": 70.0,
        "completed": pd.array([True] * n_people, dtype="boolean"), "discontinuation_reason": pd.NA})
    infusions = pd.DataFrame({"participant_id": people, "infusion_no": 1, "visit": "M0", "route": "IV",
                              "cells_per_kg": 1e6, "given": True, "reason_not_given": pd.NA})
    grid = pd.MultiIndex.from_product([people, [v["code"] for v in visits], ["CSF", "serum", "plasma", "blood"],
                                       [a["name"] for a in analytes]],
                                      names=["participant_id", "visit", "compartment", "analyte"]).to_frame(index=False)
    n = len(grid)
    value = rng.lognormal(1.0, 0.5, n).round(2)
    censoring = np.where(value < 1.0, "below", "observed")
    measurements = grid.assign(
        value=np.where(censoring == "below", np.nan, value), censoring=censoring,
        limit=np.where(censoring == "below", 1.0, np.nan), unit="pg/mL", lod=1.0,
        ref_low=np.where(grid["compartment"] == "blood", 1.0, np.nan), ref_high=np.where(
            grid["compartment"] == "blood", 5.0, np.nan))
    ae = pd.DataFrame({"participant_id": [people[0]], "term": ["Headache"], "system_organ_class": ["Nervous"],
                       "grade": [1], "serious": [False], "relatedness": ["possible"],
                       "infusion_no": pd.array([1], dtype="Int64"), "onset_day": pd.array([1], dtype="Int64"),
                       "outcome": ["recovered"]})
    from pathlib import Path
    return Study(path=Path("."), config=config, participants=participants, infusions=infusions,
                 measurements=measurements, adverse_events=ae, input_hashes={"x.csv": "0" * 64})


def test_many_series_one_kernel_call_per_contrast(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: dict[str, int] = {}
    for name in ("signed_rank", "paired_t", "friedman"):
        real = getattr(stats_pkg, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            calls[_name] = calls.get(_name, 0) + 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(stats_pkg, name, counting)
    study = _large_study()
    import time
    t0 = time.perf_counter()
    res = analyze(study)
    elapsed = time.perf_counter() - t0
    n_series = 150 * 4
    assert len(res.series) == n_series
    assert len(res.comparisons) == n_series * 7
    assert calls == {"signed_rank": 3, "paired_t": 3, "friedman": 1}
    assert elapsed < 30, f"analyze took {elapsed:.1f} s for {n_series} series"
    assert sum(s.n for s in res.shifts if s.compartment == "blood" and s.analyte == "A000") == 40


def test_lookups() -> None:
    res = example_results()
    assert res.comparison("TNF-alpha", "CSF").contrast == "M3-M0"
    assert res.comparison("TNF-alpha", "CSF", test="friedman").contrast == "M0,M1,M2,M3"
    with pytest.raises(KeyError, match="no wilcoxon comparison for TNF-alpha in plasma"):
        res.comparison("TNF-alpha", "plasma")
    assert analyze(with_options(example_study(), primary=None)).primary is None
