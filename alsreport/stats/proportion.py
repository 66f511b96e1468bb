"""Exact (Clopper–Pearson) confidence intervals for binomial proportions, as R's ``binom.test``.

``binom.test(x, n, conf.level = 0.95)$conf.int`` is ``qbeta(a/2, x, n - x + 1)`` and
``qbeta(1 - a/2, x + 1, n - x)`` with ``a = 1 - conf.level``; the lower bound is 0 when
``x = 0`` and the upper bound 1 when ``x = n``. Vectorised over ``x`` and ``n``; a
denominator of 0 gives NaN bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import betaincinv

__all__ = ["ProportionArrays", "clopper_pearson"]


@dataclass(frozen=True)
class ProportionArrays:
    """``x`` successes of ``n``; ``statistic = x / n``; ``low``/``high`` the exact interval."""

    x: np.ndarray
    n: np.ndarray
    statistic: np.ndarray
    low: np.ndarray
    high: np.ndarray
    conf_level: float
    method: str = "Exact binomial (Clopper-Pearson) interval, as R binom.test"


def clopper_pearson(x: np.ndarray | int, n: np.ndarray | int, conf_level: float = 0.95) -> ProportionArrays:
    """Exact interval of ``x / n`` (R: ``binom.test(x, n, conf.level = conf_level)$conf.int``)."""
    xs = np.atleast_1d(np.asarray(x, dtype=np.float64))
    ns = np.atleast_1d(np.asarray(n, dtype=np.float64))
    xs, ns = np.broadcast_arrays(xs, ns)
    if np.any((xs < 0) | (xs > ns)):
        raise ValueError("x must lie between 0 and n")
    alpha = 1.0 - conf_level
    ok = ns > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(xs > 0, betaincinv(np.maximum(xs, 1), ns - xs + 1, alpha / 2), 0.0)
        high = np.where(xs < ns, betaincinv(xs + 1, np.maximum(ns - xs, 1), 1 - alpha / 2), 1.0)
        stat = np.where(ok, xs / np.where(ok, ns, 1), np.nan)
    low = np.where(ok, low, np.nan)
    high = np.where(ok, high, np.nan)
    return ProportionArrays(x=xs, n=ns, statistic=stat, low=low, high=high, conf_level=conf_level)
