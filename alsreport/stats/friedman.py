"""Friedman rank-sum test with Kendall's W, vectorised across series.

R equivalent, for every series ``i`` (a participants x visits matrix)::

    friedman.test(values[i, , ])

following ``stats:::friedman.test.default`` in R 4.x: blocks (participants) with a
missing visit are dropped (``complete.cases``); values are ranked within each block
(average ranks for ties); with ``R_j`` the rank sum of visit ``j``, ``n`` blocks and
``k`` visits::

    chi2 = 12 * sum((R_j - n (k + 1) / 2)^2) / (n k (k + 1) - sum(t^3 - t) / (k - 1))

where the sum in the denominator runs over the tie groups of every block (R's tie
correction); ``df = k - 1``; ``p = pchisq(chi2, df, lower.tail = FALSE)`` (SciPy's
``chdtrc``, equal to R's to about 1e-15 relative). Kendall's coefficient of
concordance is reported as ``W = chi2 / (n (k - 1))`` (tie-corrected, since chi2 is).

References: Friedman, M. (1937) *JASA* 32, 675-701; Hollander & Wolfe (1999), ch. 7;
Kendall, M. G. & Babington Smith, B. (1939) *Ann. Math. Statist.* 10, 275-287;
R Core Team, ``?friedman.test``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

__all__ = ["FriedmanArrays", "friedman"]

METHOD = "Friedman rank sum test"
R_FEWER_THAN_2 = "fewer than 2 complete blocks (participants with every visit)"
R_ALL_TIED = "all values tied within every block"
R_NO_BLOCKS = "no complete blocks (no participant with every visit)"


@dataclass(frozen=True)
class FriedmanArrays:
    """Results of :func:`friedman`, one element per series.

    Attributes:
        statistic: Friedman chi-squared (R's ``statistic``).
        df: ``k - 1`` (R's ``parameter``); NaN with exactly one complete block, where R
            stops with an error (with none R returns chi-squared NaN on ``k - 1`` df).
        pvalue: upper-tail chi-squared p-value (R's ``p.value``).
        kendall_w: Kendall's W = chi2 / (n (k - 1)).
        n: number of complete blocks (participants with a value at every visit).
        k: number of visits (groups).
        method: ``"Friedman rank sum test"``, or ``""`` for degenerate series.
        reason: None, or why the series could not be tested (statistics then NaN).
    """

    statistic: NDArray[np.float64]
    df: NDArray[np.float64]
    pvalue: NDArray[np.float64]
    kendall_w: NDArray[np.float64]
    n: NDArray[np.int64]
    k: NDArray[np.int64]
    method: NDArray[np.object_]
    reason: NDArray[np.object_]


def friedman(values: ArrayLike) -> FriedmanArrays:
    """Friedman rank-sum test for every series of a ``(series, participants, visits)`` array.

    R equivalent (per series): ``friedman.test(y)`` with ``y`` the participants x visits
    matrix. NaN = missing; a participant (block) is used only if every visit is present.
    A 2-D array is taken as one series.

    Returns:
        :class:`FriedmanArrays`. Series with fewer than 2 complete blocks (R's matrix
        code fails there), or whose blocks are all entirely tied (chi2 = 0/0), get NaN
        statistics and a ``reason``.

    Raises:
        ValueError: if there are fewer than 2 visits.
    """
    y = np.asarray(values, dtype=np.float64)
    if y.ndim == 2:
        y = y[None]
    if y.ndim != 3:
        raise ValueError(f"values must be (series, participants, visits), got shape {y.shape}")
    s_count, n_part, k = y.shape
    if k < 2:
        raise ValueError("the Friedman test needs at least 2 visits")
    complete = ~np.isnan(y).any(axis=2)
    n = complete.sum(axis=1).astype(np.int64)

    # ranks within each block from pairwise comparisons of the k visits (k is small):
    # rank_j = #{l: y_l < y_j} + (#{l: y_l == y_j} + 1) / 2, the average rank R gives ties
    cols = [np.ascontiguousarray(y[:, :, j]) for j in range(k)]
    less_sum = np.zeros((s_count, k), dtype=np.int64)
    equal_sum = np.zeros((s_count, k), dtype=np.int64)
    tie_sum = np.zeros(s_count, dtype=np.int64)
    dtype = np.uint8 if k < 256 else np.int64
    for j in range(k):
        less = np.zeros((s_count, n_part), dtype=dtype)
        equal = np.ones((s_count, n_part), dtype=dtype)  # y_j == y_j
        for l in range(k):
            if l != j:
                less += cols[l] < cols[j]
                equal += cols[l] == cols[j]
        less_sum[:, j] = np.sum(less, axis=1, dtype=np.int64, where=complete)
        equal_sum[:, j] = np.sum(equal, axis=1, dtype=np.int64, where=complete)
        eq = equal.astype(np.int64)
        # sum over tie groups of t^3 - t  ==  sum over values of t^2 - 1
        tie_sum += np.sum(eq * eq - 1, axis=1, where=complete)
    rank_sum = less_sum + (equal_sum + n[:, None]) / 2.0  # exact: multiples of 1/2

    nf = n.astype(np.float64)
    kf = float(k)
    with np.errstate(invalid="ignore", divide="ignore"):
        ss = ((rank_sum - (nf * (kf + 1) / 2)[:, None]) ** 2).sum(axis=1)
        stat = 12 * ss / (nf * kf * (kf + 1) - tie_sum.astype(np.float64) / (kf - 1))
        pval = special.chdtrc(kf - 1, stat)
        w = stat / (nf * (kf - 1))

    reason = np.full(s_count, None, dtype=object)
    reason[(n >= 2) & ~np.isfinite(stat)] = R_ALL_TIED
    reason[n < 2] = R_FEWER_THAN_2
    reason[n == 0] = R_NO_BLOCKS
    bad = np.array([r is not None for r in reason], dtype=bool)
    return FriedmanArrays(
        statistic=np.where(bad, np.nan, stat),
        df=np.where(n == 1, np.nan, kf - 1),
        pvalue=np.where(bad, np.nan, pval),
        kendall_w=np.where(bad, np.nan, w),
        n=n,
        k=np.full(s_count, k, dtype=np.int64),
        method=np.where(bad, "", METHOD).astype(object),
        reason=reason,
    )
