"""Sensitivity analyses of ``analysis.sensitivity`` as extra comparison rows (none unless chosen).

``transform: log``
    test ``paired_t_log``, for each later visit vs baseline: R's
    ``t.test(log(later), log(baseline), paired = TRUE)``; ``estimate`` is the geometric
    mean ratio later / baseline and ``ci`` its back-transformed interval; ``statistic``
    t with ``parameter`` df; ``effect_size`` d_z of the log differences.
``mixed_model: true``
    test ``mixed_model``, for each later visit vs baseline: the coefficient of
    ``lmer(log(value) ~ visit + (1 | participant), REML = TRUE)`` back-transformed to a
    ratio of geometric means, with its Wald interval; ``statistic`` is Wald z; ``n``
    counts the participants with any value (every available value is used);
    non-convergence and singular fits are in ``warnings``.

``p_holm`` / ``p_bh`` are adjusted within (family, compartment, contrast, test), as for
the main tests.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from alsreport import stats
from alsreport.analysis.dataset import SeriesArray
from alsreport.results.model import Comparison, ConfidenceInterval
from alsreport.stats import ratio as ratio_mod
from alsreport.stats.mixed import METHOD as MIXED_METHOD
from alsreport.stats.mixed import mixed_model_log
from alsreport.study.config_analysis import SensitivityOptions

__all__ = ["sensitivity_comparisons"]

GMR = "geometric mean ratio"


def _family_codes(arr: SeriesArray) -> np.ndarray:
    keys = [f"{s.family}\r{s.compartment}" for s in arr.series]
    return np.unique(np.array(keys, dtype=object), return_inverse=True)[1].ravel()


def _common(s, contrast: str) -> dict:  # noqa: ANN001
    return dict(family=s.family, compartment=s.compartment, analyte=s.analyte, label=s.label, unit=s.unit,
                contrast=contrast)


def _only_sampled(arr: SeriesArray) -> SeriesArray:
    """``arr`` without values at visits its compartment does not sample (``compartments:``), as the main tests."""
    if arr.sampled is None:
        return arr
    return dataclasses.replace(arr, values=np.where(arr.sampled[:, None, :], arr.values, np.nan))


def _unsampled(arr: SeriesArray, i: int, j: int) -> str | None:
    """The reason of a comparison with a visit the series' compartment does not sample, else None."""
    if arr.sampled_at(j)[i]:
        return None
    return f"{arr.visits[j]} is not a sampling visit for {arr.series[i].compartment} in the study's settings"


def _log_t(arr: SeriesArray, conf_level: float, family: np.ndarray) -> list[list[Comparison]]:
    vals = arr.values
    out: list[list[Comparison]] = [[] for _ in arr.series]
    b0 = arr.baseline
    for j in range(b0 + 1, len(arr.visits)):
        contrast = f"{arr.visits[j]}-{arr.visits[b0]}"
        r = ratio_mod.geometric_mean_ratio(vals[:, :, j], vals[:, :, b0], conf_level)
        p = np.where([x is None or x == stats.ttest.R_ALL_ZERO for x in r.reason], r.t.pvalue, np.nan)
        holm, bh = stats.p_adjust_grouped(p, family, "holm"), stats.p_adjust_grouped(p, family, "BH")
        for i, s in enumerate(arr.series):
            ran = r.t.method[i] != "" and r.reason[i] != ratio_mod.R_NONPOSITIVE
            out[i].append(Comparison(
                test="paired_t_log", n=int(r.t.n[i]), statistic=float(r.t.statistic[i]), statistic_name="t",
                pvalue=float(p[i]), p_holm=float(holm[i]), p_bh=float(bh[i]),
                method=ratio_mod.METHOD if ran else "", parameter=float(r.t.df[i]) if ran else math.nan,
                estimate=float(r.ratio[i]), estimate_name=GMR,
                ci=ConfidenceInterval(float(r.ci_low[i]), float(r.ci_high[i]), float(r.t.conf_level[i]))
                if ran else None,
                effect_size=float(r.t.effect_size[i]) if ran else math.nan, effect_size_name="Cohen's dz (log)",
                reason=_unsampled(arr, i, j) or r.reason[i], **_common(s, contrast)))
    return out


def _mixed(arr: SeriesArray, conf_level: float, family: np.ndarray) -> list[list[Comparison]]:
    b0 = arr.baseline  # the model uses the baseline and later visits
    fits = [mixed_model_log(arr.values[i, :, b0:], conf_level) for i in range(len(arr.series))]  # one fit per series
    out: list[list[Comparison]] = [[] for _ in arr.series]
    for j in range(b0 + 1, len(arr.visits)):
        contrast = f"{arr.visits[j]}-{arr.visits[b0]}"
        p = np.array([f.pvalue[j - b0 - 1] for f in fits])
        holm, bh = stats.p_adjust_grouped(p, family, "holm"), stats.p_adjust_grouped(p, family, "BH")
        for i, (s, f) in enumerate(zip(arr.series, fits, strict=True)):
            est = float(f.estimate[j - b0 - 1])
            reason = _unsampled(arr, i, j) or f.reason or (
                None if math.isfinite(est) else f"no values at {arr.visits[j]}")
            out[i].append(Comparison(
                test="mixed_model", n=f.n_participants, statistic=float(f.statistic[j - b0 - 1]), statistic_name="z",
                pvalue=float(p[i]), p_holm=float(holm[i]), p_bh=float(bh[i]),
                method=MIXED_METHOD if reason is None else "", estimate=math.exp(est) if reason is None else math.nan,
                estimate_name="ratio of geometric means",
                ci=ConfidenceInterval(math.exp(f.ci_low[j - b0 - 1]), math.exp(f.ci_high[j - b0 - 1]), conf_level)
                if reason is None else None,
                reason=reason, warnings=f.warnings, **_common(s, contrast)))
    return out


def sensitivity_comparisons(arr: SeriesArray, options: SensitivityOptions,
                            conf_level: float = 0.95) -> tuple[Comparison, ...]:
    """The chosen sensitivity analyses, ordered by series, contrast, then test (log t, mixed model)."""
    if not options.any or not arr.series:
        return ()
    family = _family_codes(arr)
    arr = _only_sampled(arr)  # compartments: only the compartment's sampling visits are compared
    parts = []
    if options.transform == "log":
        parts.append(_log_t(arr, conf_level, family))
    if options.mixed_model:
        parts.append(_mixed(arr, conf_level, family))
    rows: list[Comparison] = []
    for i in range(len(arr.series)):
        for j in range(len(arr.visits) - 1 - arr.baseline):
            rows += [part[i][j] for part in parts]
    return tuple(rows)
