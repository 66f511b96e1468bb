"""Geometric mean ratio: the paired t-test on log values, back-transformed, vectorised across series.

R equivalent, for every row ``i``::

    r <- t.test(log(later[i, ]), log(baseline[i, ]), paired = TRUE, conf.level = conf_level)
    exp(r$estimate); exp(r$conf.int)      # geometric mean ratio later / baseline and its CI

The t statistic, df and p-value are those of :func:`alsreport.stats.paired_t` on the
natural logarithms (the C library's ``log`` and ``exp``, as R calls them). A series
with a value <= 0 in a complete pair cannot be log-transformed: its statistics are NaN
and ``reason`` says so (R would give ``-Inf``/``NaN`` and stop).

References: Kirkwood, T. B. L. (1979) Geometric means and measures of dispersion,
*Biometrics* 35, 908-909; R Core Team, ``?t.test``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from alsreport.stats._arrays import as_2d
from alsreport.stats._rmath import libm_exp, libm_log
from alsreport.stats.ttest import TTestArrays, paired_t

__all__ = ["METHOD", "RatioArrays", "geometric_mean_ratio"]

METHOD = "Paired t-test on log values"
R_NONPOSITIVE = "log transform needs positive values: a value in a complete pair is zero or negative"


@dataclass(frozen=True)
class RatioArrays:
    """Results of :func:`geometric_mean_ratio`, one element per series.

    Attributes:
        t: the paired t-test of the log values (:class:`TTestArrays`; its ``estimate``
            and limits are on the log scale).
        ratio: geometric mean ratio later / baseline, ``exp(mean(log later - log baseline))``.
        ci_low, ci_high: ``exp`` of the t-test's confidence limits.
        reason: None, or why the series could not be tested.
    """

    t: TTestArrays
    ratio: NDArray[np.float64]
    ci_low: NDArray[np.float64]
    ci_high: NDArray[np.float64]
    reason: NDArray[np.object_]


def geometric_mean_ratio(later: ArrayLike, baseline: ArrayLike, conf_level: float = 0.95) -> RatioArrays:
    """Paired t-test of ``log(later) - log(baseline)`` per row, with the ratio and CI back-transformed."""
    y = as_2d(later, "later")
    x = as_2d(baseline, "baseline")
    if y.shape != x.shape:
        raise ValueError(f"later and baseline must have the same shape, got {y.shape} and {x.shape}")
    complete = ~(np.isnan(y) | np.isnan(x))
    nonpos = (complete & ((y <= 0) | (x <= 0))).any(axis=1)
    ly = libm_log(np.where(complete & ~nonpos[:, None], y, np.nan))
    lx = libm_log(np.where(complete & ~nonpos[:, None], x, np.nan))
    t = paired_t(ly, lx, conf_level)
    reason = np.array(t.reason, dtype=object)
    reason[nonpos] = R_NONPOSITIVE
    ok = ~nonpos
    return RatioArrays(
        t=t,
        ratio=np.where(ok, libm_exp(t.estimate), np.nan),
        ci_low=np.where(ok, libm_exp(t.ci_low), np.nan),
        ci_high=np.where(ok, libm_exp(t.ci_high), np.nan),
        reason=reason,
    )
