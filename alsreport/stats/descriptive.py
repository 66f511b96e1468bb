"""Descriptive statistics per series, vectorised across series.

For each row (NaN = missing, dropped as R's ``na.rm = TRUE``), the R equivalents are::

    n = sum(!is.na(x)); n_missing = sum(is.na(x))
    mean(x); sd(x)                       # n - 1 denominator
    median(x)
    quantile(x, c(0.25, 0.75))           # type = 7, R's default
    min(x); max(x)
    exp(mean(log(x)))                    # geometric mean, only if all x > 0

Means and variances reproduce R's long-double two-pass accumulation, so results agree
with R to the last digit (the geometric mean up to NumPy's ``log`` rounding, ~1e-16).

References: Hyndman, R. J. & Fan, Y. (1996) Sample quantiles in statistical packages,
*The American Statistician* 50, 361-365 (type 7); R Core Team, ``?quantile``, ``?sd``,
``?median``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

from alsreport.stats._blocks import map_blocks
from alsreport.stats._rmath import libm_exp, r_mean, r_median_sorted, r_quantile7_sorted, r_var

__all__ = ["DescriptiveArrays", "describe"]

R_EMPTY = "no non-missing values"
R_SINGLE = "fewer than 2 non-missing values: standard deviation undefined"
R_NONPOSITIVE = "geometric mean undefined: a value is zero or negative"

#: Cells per block of rows (bounds the work arrays; blocks run on the cores, :mod:`._blocks`).
_BLOCK_CELLS = 1 << 20


@dataclass(frozen=True)
class DescriptiveArrays:
    """Results of :func:`describe`, one element per series (row).

    Attributes:
        n, n_missing: counts of present and missing (NaN) values.
        mean, sd, median, q1, q3, min, max: as R's ``mean``, ``sd``, ``median``,
            ``quantile(type = 7)`` at 0.25 / 0.75, ``min``, ``max`` of the present values;
            NaN when undefined (``sd`` needs 2 values).
        geometric_mean: ``exp(mean(log(x)))``; NaN if any present value is <= 0.
        reason: None, or what is undefined for the row (no values / a single value).
        geometric_mean_reason: None, or why the geometric mean is NaN.
    """

    n: NDArray[np.int64]
    n_missing: NDArray[np.int64]
    mean: NDArray[np.float64]
    sd: NDArray[np.float64]
    median: NDArray[np.float64]
    q1: NDArray[np.float64]
    q3: NDArray[np.float64]
    min: NDArray[np.float64]
    max: NDArray[np.float64]
    geometric_mean: NDArray[np.float64]
    reason: NDArray[np.object_]
    geometric_mean_reason: NDArray[np.object_]


def describe(values: ArrayLike, *, threads: int | None = None) -> DescriptiveArrays:
    """Per-row n, missing count, mean, sd, median, quartiles (type 7), range and geometric mean.

    Args:
        values: ``(series, participants)`` array (1-D = one series); NaN = missing.
        threads: threads for large inputs (default: the cores this process may use, at most two);
            the results are the same on any number of threads.

    Returns:
        :class:`DescriptiveArrays`.
    """
    x = np.asarray(values, dtype=np.float64)
    if x.ndim == 1:
        x = x[None, :]
    if x.ndim != 2:
        raise ValueError(f"values must be 1-D or 2-D (series x participants), got shape {x.shape}")
    step = max(1, _BLOCK_CELLS // max(x.shape[1], 1))
    if x.shape[0] <= step:
        return _describe_rows(x)
    # every statistic is one row's own: blocks of rows (smaller work arrays) on the cores, joined in order
    parts = map_blocks(_describe_rows, [x[i:i + step] for i in range(0, x.shape[0], step)], threads)
    return DescriptiveArrays(**{f.name: np.concatenate([getattr(p, f.name) for p in parts])
                                for f in fields(DescriptiveArrays)})


def _describe_rows(x: NDArray[np.float64]) -> DescriptiveArrays:
    """:func:`describe` of a 2-D array."""
    valid = ~np.isnan(x)
    n = valid.sum(axis=1).astype(np.int64)
    n_missing = (x.shape[1] - n).astype(np.int64)
    xz = np.where(valid, x, 0.0)
    mean, var = r_var(xz, valid)
    mean = np.where(n > 0, mean, np.nan)
    with np.errstate(invalid="ignore"):
        sd = np.sqrt(var)
    xs = np.sort(x, axis=1)  # NaN last
    median = r_median_sorted(xs, n)
    q1 = r_quantile7_sorted(xs, n, 0.25)
    q3 = r_quantile7_sorted(xs, n, 0.75)
    has = n > 0
    lo = np.where(has, xs[:, 0], np.nan)
    hi = np.full(n.shape, np.nan)
    hi[has] = xs[np.flatnonzero(has), n[has] - 1]

    nonpos = (valid & (x <= 0)).any(axis=1)
    gm_ok = has & ~nonpos
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(np.where(valid & (x > 0), x, 1.0))
    gm = libm_exp(r_mean(logs, valid))
    gm = np.where(gm_ok, gm, np.nan)

    reason = np.full(n.shape, None, dtype=object)
    reason[n == 1] = R_SINGLE
    reason[n == 0] = R_EMPTY
    gm_reason = np.full(n.shape, None, dtype=object)
    gm_reason[has & nonpos] = R_NONPOSITIVE
    gm_reason[~has] = R_EMPTY
    return DescriptiveArrays(
        n=n, n_missing=n_missing, mean=mean, sd=sd, median=median, q1=q1, q3=q3, min=lo, max=hi,
        geometric_mean=gm, reason=reason, geometric_mean_reason=gm_reason,
    )
