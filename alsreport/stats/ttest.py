"""Paired t-test, vectorised across series.

R equivalent, for every row ``i``::

    t.test(later[i, ], baseline[i, ], paired = TRUE, conf.level = conf_level)

(two-sided, ``mu = 0``), following ``stats:::t.test.default`` in R 4.x: on the
complete pairs, ``d = later - baseline``; ``estimate = mean(d)``;
``stderr = sqrt(var(d) / n)``; ``t = mean(d) / stderr``; ``df = n - 1``;
``p = 2 * pt(-|t|, df)``; ``conf.int = (t -/+ qt(1 - alpha/2, df)) * stderr``.
The mean and variance reproduce R's long-double two-pass accumulation. ``pt`` and
``qt`` come from SciPy (``scipy.special.stdtr`` / ``stdtrit``), which agree with R's
to about 1e-15 relative. The effect size is Cohen's d_z = mean(d) / sd(d).

References: Student (1908); Cohen, J. (1988) *Statistical Power Analysis for the
Behavioral Sciences*, 2nd ed., p. 48 (d_z); R Core Team, ``?t.test``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from alsreport.stats._arrays import as_2d
from alsreport.stats._rmath import DBL_EPSILON, r_var

__all__ = ["TTestArrays", "paired_t"]

METHOD = "Paired t-test"
R_FEWER_THAN_2 = "fewer than 2 complete pairs"
R_CONSTANT = "paired differences are constant (standard deviation 0)"
R_ALL_ZERO = "all paired differences are zero"
R_NONFINITE = "infinite paired difference"


@dataclass(frozen=True)
class TTestArrays:
    """Results of :func:`paired_t`, one element per series (row).

    Attributes:
        statistic: t (R's ``statistic``).
        df: degrees of freedom, ``n - 1`` (R's ``parameter``).
        pvalue: two-sided p-value (R's ``p.value``).
        estimate: mean of the differences (R's ``estimate``, "mean difference").
        ci_low, ci_high: confidence interval for the mean difference (R's ``conf.int``).
        stderr: standard error of the mean difference (R's ``stderr``).
        conf_level: level of the interval (R's ``attr(conf.int, "conf.level")``); NaN
            where R stops with an error.
        sd: standard deviation of the differences (n - 1 denominator).
        effect_size: Cohen's d_z = mean(d) / sd(d).
        n: number of complete pairs.
        method: ``"Paired t-test"``, or ``""`` for degenerate series.
        reason: None, or why the series could not be tested (statistics then NaN).
    """

    statistic: NDArray[np.float64]
    df: NDArray[np.float64]
    pvalue: NDArray[np.float64]
    estimate: NDArray[np.float64]
    ci_low: NDArray[np.float64]
    ci_high: NDArray[np.float64]
    stderr: NDArray[np.float64]
    conf_level: NDArray[np.float64]
    sd: NDArray[np.float64]
    effect_size: NDArray[np.float64]
    n: NDArray[np.int64]
    method: NDArray[np.object_]
    reason: NDArray[np.object_]


def paired_t(later: ArrayLike, baseline: ArrayLike, conf_level: float = 0.95) -> TTestArrays:
    """Two-sided paired t-test of ``later - baseline`` for every row.

    R equivalent (per row): ``t.test(later, baseline, paired = TRUE, conf.level = conf_level)``.

    Args:
        later, baseline: arrays of equal shape ``(series, participants)`` (1-D = one
            series); NaN = missing; only complete pairs are used (as R does).
        conf_level: confidence level, strictly between 0 and 1.

    Returns:
        :class:`TTestArrays`. Where R stops with an error -- fewer than 2 complete
        pairs ("not enough 'x' observations"), constant non-zero differences ("data are
        essentially constant"), an infinite difference -- every statistic, ``df``
        included, is NaN and ``reason`` says why. All differences zero is R's
        ``0 / 0``: estimate, stderr and sd 0, df n - 1, conf_level as requested, and
        t, p, interval and d_z NaN (``reason`` says why).
    """
    if not (np.isscalar(conf_level) and 0 < float(conf_level) < 1):
        raise ValueError("'conf_level' must be a single number between 0 and 1")
    y = as_2d(later, "later")
    x = as_2d(baseline, "baseline")
    if y.shape != x.shape:
        raise ValueError(f"later and baseline must have the same shape, got {y.shape} and {x.shape}")
    complete = ~(np.isnan(y) | np.isnan(x))
    with np.errstate(invalid="ignore"):
        d = np.where(complete, y - x, 0.0)
    n = complete.sum(axis=1).astype(np.int64)
    nonfinite = ~np.isfinite(d).all(axis=1)
    d = np.where(np.isfinite(d), d, 0.0)

    mx, vx = r_var(d, complete)
    nf = n.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        stderr = np.sqrt(vx / nf)
        sd = np.sqrt(vx)
        # R stops ("data are essentially constant") when stderr < 10 eps |mean|; all
        # differences 0 pass that check (0 < 0 is false) and give t = 0 / 0
        all_zero = (vx == 0) & (mx == 0)
        constant = ~(stderr >= 10 * DBL_EPSILON * np.abs(mx)) & ~all_zero
        tstat = mx / stderr
        df = nf - 1
        pval = 2 * special.stdtr(df, -np.abs(tstat))
        alpha = 1 - float(conf_level)
        q = special.stdtrit(df, 1 - alpha / 2)
        lo = (tstat - q) * stderr
        hi = (tstat + q) * stderr
        dz = mx / sd

    reason = np.full(n.shape, None, dtype=object)
    reason[(n >= 2) & all_zero] = R_ALL_ZERO
    reason[(n >= 2) & constant] = R_CONSTANT
    reason[(n >= 2) & nonfinite] = R_NONFINITE
    reason[n < 2] = R_FEWER_THAN_2
    stopped = np.array([r is not None for r in reason], dtype=bool) & ~((n >= 2) & all_zero & ~nonfinite)
    nan = np.nan

    def clean(a: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.where(stopped, nan, a)

    method = np.where(stopped, "", METHOD).astype(object)
    return TTestArrays(
        statistic=clean(tstat), df=clean(df), pvalue=clean(pval), estimate=clean(mx),
        ci_low=clean(lo), ci_high=clean(hi), stderr=clean(stderr),
        conf_level=np.where(stopped, nan, float(conf_level)), sd=clean(sd), effect_size=clean(dz),
        n=n, method=method, reason=reason,
    )
