"""Paired Wilcoxon signed-rank test with Hodges-Lehmann estimate and CI, vectorised across series.

R equivalent, for every row ``i``::

    wilcox.test(later[i, ], baseline[i, ], paired = TRUE, conf.int = TRUE,
                conf.level = conf_level)

with all other arguments at R's defaults (two-sided, ``mu = 0``, ``exact = NULL``,
``correct = TRUE``, ``tol.root = 1e-4``, ``digits.rank = Inf``). The behaviour follows
the R 4.x source of ``stats:::wilcox.test.default`` line by line:

* complete pairs only; differences ``d = later - baseline``; zero differences are
  dropped before ranking (``n_zeros`` reports how many);
* ``statistic`` is V, the sum of the ranks of ``|d|`` (average ranks for ties) over
  the positive differences;
* the p-value is exact (the null distribution of V, R's ``psignrank``) when fewer than
  50 non-zero differences remain and there are neither ties nor zeros; otherwise it
  is the normal approximation with continuity correction and tie correction;
* exact case: the confidence interval is given by order statistics of the Walsh
  averages at R's ``qsignrank`` positions (Bauer 1972) and the estimate is the median
  of the Walsh averages (the Hodges-Lehmann pseudo-median);
* approximate case: the interval limits and the estimate are the roots of R's
  asymptotic function ``W(d)`` found with ``uniroot(..., tol = 1e-4)``; R's ``zeroin``
  is replicated exactly (see ``alsreport.stats._zeroin``), including R's doubling of
  ``alpha`` when the requested level is not reachable and its ``midrange`` / NaN
  fall-backs when ``W`` cannot be evaluated (all non-zero differences tied).

The approximate path never forms the n^2 Walsh averages: each evaluation of ``W``
ranks ``|d - mu|`` for every active series at once (one stable sort of a V-shaped
row of pre-sorted differences), so memory stays linear in the number of participants.

References: Hollander, M. & Wolfe, D. A. (1999) *Nonparametric Statistical Methods*,
2nd ed., Wiley, ch. 3; Bauer, D. F. (1972) Constructing confidence sets using rank
statistics, *JASA* 67, 687-690; Kerby, D. S. (2014) The simple difference formula: an
approach to teaching nonparametric correlation, *Comprehensive Psychology* 3:11.IT.3.1;
R Core Team, ``?wilcox.test``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from alsreport.stats._arrays import as_2d
from alsreport.stats._blocks import block_threads, map_blocks
from alsreport.stats._rmath import (
    pnorm_two_sided,
    psignrank,
    qnorm,
    qsignrank,
    r_mean_pair,
    r_median_sorted,
    signif,
    signrank_table,
)
from alsreport.stats._signed_ranks import rank_components as _rank_components
from alsreport.stats._zeroin import fcn2_map, zeroin2

__all__ = ["METHOD_APPROX", "METHOD_EXACT", "WilcoxonArrays", "signed_rank"]

METHOD_EXACT = "Wilcoxon signed rank exact test"
METHOD_APPROX = "Wilcoxon signed rank test with continuity correction"

TOL_ROOT = 1e-4  # R's default tol.root
_EXACT_LIMIT = 50  # R: exact <- (n < 50)
_CHUNK_ELEMENTS = 1 << 20  # cells of sorted differences per block of rows (bounds memory)
_FLOAT_OUTPUTS = ("statistic", "pvalue", "estimate", "ci_low", "ci_high", "conf_level", "effect_size")
_WARNING_FLAGS = ("w_sigma0", "w_conf", "w_notconv", "w_ties", "w_zeroes")

W_TIES = "cannot compute exact p-value with ties"
W_TIES_CI = "cannot compute exact confidence interval with ties"
W_ZEROES = "cannot compute exact p-value with zeroes"
W_ZEROES_CI = "cannot compute exact confidence interval with zeroes"
W_CONF = "requested conf.level not achievable"
W_SIGMA0 = "cannot compute confidence interval when all observations are zero or tied"
W_NOTCONV = "_NOT_ converged in 1000 iterations"

R_NO_PAIRS = "no complete pairs"
R_ALL_ZERO = "all paired differences are zero"
R_NONFINITE = "infinite paired difference"


@dataclass(frozen=True)
class WilcoxonArrays:
    """Results of :func:`signed_rank`, one element per series (row).

    Attributes:
        statistic: V, sum of the ranks of the positive differences (R's ``statistic``).
        pvalue: two-sided p-value (R's ``p.value``).
        estimate: Hodges-Lehmann pseudo-median of the differences (R's ``estimate``;
            R names it ``midrange`` when it falls back to ``(min + max) / 2``).
        ci_low, ci_high: confidence limits (R's ``conf.int``); NaN where R gives NaN.
        conf_level: confidence level actually attained (R's ``attr(conf.int, "conf.level")``:
            the requested level unless R lowered it with "requested conf.level not
            achievable", 0 when R could not compute an interval).
        effect_size: matched-pairs rank-biserial correlation
            ``r = (T+ - T-) / (T+ + T-)`` over the non-zero differences (Kerby 2014).
        n: number of complete pairs, zero differences included.
        n_zeros: number of zero differences (dropped before ranking, as R does).
        exact: True where the exact null distribution was used.
        method: R's ``method`` string (:data:`METHOD_EXACT` or :data:`METHOD_APPROX`);
            ``""`` for degenerate series.
        reason: None, or why the series could not be tested (then every statistic
            field is NaN).
        warnings: tuple of R's warning messages for that series (possibly empty).
    """

    statistic: NDArray[np.float64]
    pvalue: NDArray[np.float64]
    estimate: NDArray[np.float64]
    ci_low: NDArray[np.float64]
    ci_high: NDArray[np.float64]
    conf_level: NDArray[np.float64]
    effect_size: NDArray[np.float64]
    n: NDArray[np.int64]
    n_zeros: NDArray[np.int64]
    exact: NDArray[np.bool_]
    method: NDArray[np.object_]
    reason: NDArray[np.object_]
    warnings: NDArray[np.object_]


def _w_parts(
    tplus: NDArray[np.float64], nx: NDArray[np.int64], ties: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """R's ``zd`` and ``SIGMA.CI`` (same operation order as ``wilcox.test.default``)."""
    nxf = nx.astype(np.float64)
    zd = tplus - nxf * (nxf + 1) / 4
    with np.errstate(invalid="ignore"):
        sigma = np.sqrt(nxf * (nxf + 1) * (2 * nxf + 1) / 24 - ties / 48)
    return zd, sigma


def _w_value(zd: NDArray[np.float64], sigma: NDArray[np.float64], correct: NDArray[np.bool_] | bool) -> NDArray[np.float64]:
    """R's ``W(d) = (zd - CORRECTION.CI) / SIGMA.CI`` (two-sided correction ``sign(zd) * 0.5``)."""
    corr = np.where(correct, np.sign(zd) * 0.5, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (zd - corr) / sigma


def _psignrank_rows(x: NDArray[np.float64], n: int, lower_tail: bool) -> NDArray[np.float64]:
    """Vectorised :func:`psignrank` for one ``n`` (R's ``psignrank``)."""
    cum, _ = signrank_table(n)
    u = n * (n + 1) / 2
    x = np.rint(x + 1e-7)  # R_forceint(x + 1e-7)
    low = x <= n * (n + 1) / 4
    xi = np.clip(x, 0, u).astype(np.int64)
    p_low = cum[np.clip(xi, 0, len(cum) - 1)]
    up_idx = (u - xi - 1).astype(np.int64)
    p_up = np.where(up_idx >= 0, cum[np.clip(up_idx, 0, len(cum) - 1)], 0.0)
    p = np.where(low, p_low, p_up)
    lt = np.where(low, lower_tail, not lower_tail)
    out = np.where(lt, p, 0.5 - p + 0.5)
    out = np.where(x < 0, 0.0 if lower_tail else 1.0, out)
    out = np.where(x >= u, 1.0 if lower_tail else 0.0, out)
    return out


def _exact_part(
    xs: NDArray[np.float64], nnz: NDArray[np.int64], v: NDArray[np.float64], alpha: float, conf_level: float,
    conf_int: bool = True,
) -> tuple[NDArray[np.float64], ...]:
    """Exact p-value and (if ``conf_int``) Walsh-average CI and pseudo-median.

    Loops over the distinct numbers of non-zero differences (fewer than 50 values).
    """
    m = xs.shape[0]
    pval = np.empty(m)
    est = np.full(m, np.nan)
    lo = np.full(m, np.nan)
    hi = np.full(m, np.nan)
    level = np.full(m, conf_level if conf_int else np.nan)
    warn = np.zeros(m, dtype=bool)
    for n in np.unique(nnz):
        n = int(n)
        rows = np.flatnonzero(nnz == n)
        vr = v[rows]
        upper = vr > n * (n + 1) / 4
        p = np.where(upper, _psignrank_rows(vr - 1, n, False), _psignrank_rows(vr, n, True))
        pval[rows] = np.minimum(2 * p, 1.0)
        if not conf_int:
            continue
        x = xs[rows, :n]
        iu, ju = np.triu_indices(n)
        walsh = np.sort(x[:, iu] + x[:, ju], axis=1) / 2
        u = n * (n + 1) // 2
        qu = qsignrank(alpha / 2, n)
        if qu == 0:
            qu = 1
        ql = u - qu
        achieved = 2 * psignrank(qu - 1, n)
        lo[rows] = walsh[:, qu - 1]
        hi[rows] = walsh[:, ql]
        if achieved - alpha > alpha / 2:
            warn[rows] = True
            level[rows] = 1 - signif(achieved, 2)
        if u % 2:
            est[rows] = walsh[:, u // 2]
        else:  # R: median(diffs), a long-double mean of the middle two
            est[rows] = r_mean_pair(walsh[:, u // 2 - 1], walsh[:, u // 2])
    return pval, est, lo, hi, level, warn


def _approx_ci(
    xs: NDArray[np.float64], nnz: NDArray[np.int64], conf_level: float, threads: int | None = None
) -> tuple[NDArray[np.float64], ...]:
    """R's asymptotic CI and estimate (``uniroot`` on ``W``) for rows of sorted non-zero differences.

    Rows are processed in blocks of similar length; inside a block the lower limit, the
    upper limit and the estimate of every row are searched for in lock-step, on ``threads``
    threads (default :func:`~alsreport.stats._blocks.block_threads`).
    Returns ``est, lo, hi, level, w_sigma0, w_conf, w_notconv``, one element per row.
    """
    m = xs.shape[0]
    outs = (np.full(m, np.nan), np.full(m, np.nan), np.full(m, np.nan), np.zeros(m),
            np.zeros(m, dtype=bool), np.zeros(m, dtype=bool), np.zeros(m, dtype=bool))
    threads = block_threads() if threads is None else threads

    def solve(block: NDArray[np.intp]) -> tuple[NDArray[Any], ...]:
        nv = nnz[block]
        return _approx_block(np.ascontiguousarray(xs[block, :int(nv.max())]), nv, conf_level)

    blocks = _row_blocks(nnz, threads)
    for block, parts in zip(blocks, map_blocks(solve, blocks, threads), strict=True):
        for out, part in zip(outs, parts, strict=True):
            out[block] = part
    return outs


def _row_blocks(nnz: NDArray[np.int64], threads: int) -> list[NDArray[np.intp]]:
    """Rows in blocks of similar length (at most :data:`_CHUNK_ELEMENTS` cells each), each block
    split into ``threads`` parts so that the threads get equal work. Every row is solved on its own
    (the lock-step search gives each row R's iterates), so the blocks do not change any result."""
    m = nnz.shape[0]
    order = np.argsort(nnz, kind="stable")
    blocks: list[NDArray[np.intp]] = []
    start = 0
    while start < m:
        width = int(nnz[order[min(m - 1, start)]])
        block = order[start:start + max(1, _CHUNK_ELEMENTS // max(width, 1))]
        start += block.size
        blocks.extend(part for part in np.array_split(block, min(threads, block.size)) if part.size)
    return blocks


def _lowered_alpha(wmin: NDArray[np.float64], wmax: NDArray[np.float64], fin: NDArray[np.bool_],
                   alpha0: float) -> NDArray[np.float64]:
    """R's ``repeat`` loop: double alpha until both ends of the search interval bracket the quantiles."""
    alpha = np.full(wmin.shape[0], alpha0)
    for _ in range(64):
        zu = _qnorm_map(alpha / 2, lower_tail=False)
        zl = _qnorm_map(alpha / 2, lower_tail=True)
        need = fin & (((wmin - zu) < 0) | ((wmax - zl) > 0))
        if not need.any():
            break
        alpha = np.where(need, alpha * 2, alpha)
    return alpha


def _approx_block(xc: NDArray[np.float64], nv: NDArray[np.int64], conf_level: float) -> tuple[NDArray[Any], ...]:
    """:func:`_approx_ci` for one block of rows (``xc``: their sorted differences, ``nv``: their counts)."""
    k = xc.shape[0]
    est, lo, hi, level = np.full(k, np.nan), np.full(k, np.nan), np.full(k, np.nan), np.zeros(k)
    w_notconv = np.zeros(k, dtype=bool)
    mumin = xc[:, 0].copy()
    mumax = xc[np.arange(k), nv - 1].copy()
    zmin, smin = _w_parts(*_rank_components(xc, nv, mumin))
    zmax, smax = _w_parts(*_rank_components(xc, nv, mumax))
    wmin = _w_value(zmin, smin, True)
    wmax = _w_value(zmax, smax, True)
    fin_min = np.isfinite(wmin)
    w_sigma0 = (smin == 0) | (fin_min & (smax == 0))
    fin = fin_min & np.isfinite(wmax)
    # R: if (n == 0 || !is.finite(Wmumax)) -> NaN interval, midrange estimate
    est[~fin] = (mumin[~fin] + mumax[~fin]) / 2
    if not fin.any():
        return est, lo, hi, level, w_sigma0, np.zeros(k, dtype=bool), w_notconv

    alpha = _lowered_alpha(wmin, wmax, fin, 1 - conf_level)
    w_conf = fin & ((alpha >= 1) | (1 - conf_level < alpha * 0.75))
    level[fin] = np.where(w_conf, 1 - np.minimum(1.0, alpha), conf_level)[fin]
    ci_rows = np.flatnonzero(fin & (alpha < 1))
    med_rows = np.flatnonzero(fin & (alpha >= 1))
    if med_rows.size:
        lo[med_rows] = hi[med_rows] = r_median_sorted(xc[med_rows], nv[med_rows])
    est_rows = np.flatnonzero(fin)

    zq_l = _qnorm_map(alpha[ci_rows] / 2, lower_tail=False)
    zq_u = _qnorm_map(alpha[ci_rows] / 2, lower_tail=True)
    prow = np.concatenate([ci_rows, ci_rows, est_rows])
    zq = np.concatenate([zq_l, zq_u, np.zeros(est_rows.size)])
    correct = np.concatenate([np.ones(2 * ci_rows.size, dtype=bool), np.zeros(est_rows.size, dtype=bool)])
    fa = np.concatenate([wmin[ci_rows] - zq_l, wmin[ci_rows] - zq_u, _w_value(zmin, smin, False)[est_rows]])
    fb = np.concatenate([wmax[ci_rows] - zq_l, wmax[ci_rows] - zq_u, _w_value(zmax, smax, False)[est_rows]])

    def f(idx: NDArray[np.intp], at: NDArray[np.float64]) -> NDArray[np.float64]:
        """``W(at) - zq`` for problems ``idx``, mapped as R's ``fcn2`` maps it."""
        r = prow[idx]
        zd, sg = _w_parts(*_rank_components(xc, nv[r], at, rows=r))
        return fcn2_map(_w_value(zd, sg, correct[idx]) - zq[idx])

    res = zeroin2(f, mumin[prow], mumax[prow], fa, fb, TOL_ROOT)
    nci = ci_rows.size
    lo[ci_rows] = res.root[:nci]
    hi[ci_rows] = res.root[nci:2 * nci]
    est[est_rows] = res.root[2 * nci:]
    w_notconv[prow[res.iterations < 0]] = True
    return est, lo, hi, level, w_sigma0, w_conf, w_notconv


def _qnorm_map(p: NDArray[np.float64], lower_tail: bool) -> NDArray[np.float64]:
    """:func:`qnorm` of each element, computed once per distinct value."""
    uniq, inv = np.unique(p, return_inverse=True)
    vals = np.array([qnorm(float(u), lower_tail) for u in uniq])
    return vals[inv].reshape(p.shape)


def _warning_tuples(s_count: int, conf_int: bool, **flags: NDArray[np.bool_]) -> NDArray[np.object_]:
    """R's warnings of each series, in R's order, from the per-series flags."""
    messages = {
        "w_sigma0": (W_SIGMA0,), "w_conf": (W_CONF,), "w_notconv": (W_NOTCONV,),
        "w_ties": (W_TIES, W_TIES_CI) if conf_int else (W_TIES,),
        "w_zeroes": (W_ZEROES, W_ZEROES_CI) if conf_int else (W_ZEROES,),
    }
    warnings = np.empty(s_count, dtype=object)
    warnings[:] = [()] * s_count
    any_w = np.logical_or.reduce([flags[k] for k in messages])
    for i in np.flatnonzero(any_w):  # only series that have a warning
        warnings[i] = tuple(m for k, msgs in messages.items() if flags[k][i] for m in msgs)
    return warnings


def signed_rank(
    later: ArrayLike, baseline: ArrayLike, conf_level: float = 0.95, conf_int: bool = True, *,
    threads: int | None = None
) -> WilcoxonArrays:
    """Paired two-sided Wilcoxon signed-rank test of ``later - baseline`` for every row.

    R equivalent (per row): ``wilcox.test(later, baseline, paired = TRUE, conf.int = TRUE,
    conf.level = conf_level)`` with R's defaults (``exact = NULL``, ``correct = TRUE``,
    ``tol.root = 1e-4``). See the module docstring for the details reproduced.

    Args:
        later, baseline: arrays of equal shape, ``(series, participants)`` (a 1-D array
            is one series). NaN marks a missing value; a pair is used only when both
            values are present (R's ``complete.cases``).
        conf_level: confidence level of the interval, strictly between 0 and 1.
        conf_int: compute the estimate and interval (R's ``conf.int``; default True).
            With False, ``estimate``, ``ci_low``, ``ci_high`` and ``conf_level`` are NaN
            and R's interval-only warnings are not reported.
        threads: threads for the interval search (default: the cores this process may use, at most
            two); the results are the same on any number of threads.

    Returns:
        :class:`WilcoxonArrays`, with R's values at the edges: a single complete
        pair is tested (exact: V = 1 or 0, p = 1, estimate and both limits equal to
        the difference, ``conf_level`` 0 with "requested conf.level not achievable");
        all differences zero give V = 0 with p, estimate and limits NaN and
        ``conf_level`` 0 (R's warnings about zeroes; ``reason`` says why p is NaN).
        Series without a complete pair (R stops) or with an infinite difference get
        NaN statistics and a ``reason``.

    References: Hollander & Wolfe (1999), ch. 3; Bauer (1972); Kerby (2014);
    R Core ``?wilcox.test``.
    """
    conf_level = _checked_level(conf_level)
    y, x0 = as_2d(later, "later"), as_2d(baseline, "baseline")
    if y.shape != x0.shape:
        raise ValueError(f"later and baseline must have the same shape, got {y.shape} and {x0.shape}")
    s_count = y.shape[0]
    complete = ~(np.isnan(y) | np.isnan(x0))
    with np.errstate(invalid="ignore"):
        diff = y - x0
    n = complete.sum(axis=1).astype(np.int64)
    zero = complete & (diff == 0)
    n_zeros = zero.sum(axis=1).astype(np.int64)
    nnz = n - n_zeros
    reason = np.full(s_count, None, dtype=object)
    reason[n == 0] = R_NO_PAIRS
    all_zero = (n >= 1) & (nnz == 0)
    reason[all_zero] = R_ALL_ZERO
    reason[(nnz > 0) & (complete & ~np.isfinite(diff)).any(axis=1)] = R_NONFINITE

    out = {name: np.full(s_count, np.nan) for name in _FLOAT_OUTPUTS}
    out["exact"] = np.zeros(s_count, dtype=bool)
    out["method"] = np.full(s_count, "", dtype=object)
    flags = {name: np.zeros(s_count, dtype=bool) for name in _WARNING_FLAGS}
    # R on all-zero differences: V = 0, the normal approximation (method with continuity
    # correction) of an empty sample, p NaN, interval (NaN, NaN) at conf.level 0
    out["statistic"][all_zero] = 0.0
    out["method"][all_zero] = METHOD_APPROX
    flags["w_zeroes"][all_zero] = True
    if conf_int:
        out["conf_level"][all_zero] = 0.0

    rows = np.flatnonzero(np.array([r is None for r in reason], dtype=bool))
    if rows.size:
        nz = nnz[rows]
        xs = np.where(complete[rows] & ~zero[rows], diff[rows], np.nan)
        del diff
        xs.sort(axis=1)
        xs = np.ascontiguousarray(xs[:, :int(nz.max())])
        _test_rows(out, flags, rows, xs, nz, n_zeros[rows] > 0, conf_level, conf_int, threads)

    return WilcoxonArrays(**out, n=n, n_zeros=n_zeros, reason=reason,
                          warnings=_warning_tuples(s_count, conf_int, **flags))


def _checked_level(conf_level: float) -> float:
    if not (np.isscalar(conf_level) and 0 < float(conf_level) < 1):
        raise ValueError("'conf_level' must be a single number between 0 and 1")
    return float(conf_level)


def _statistic_and_ties(xs: NDArray[np.float64], nz: NDArray[np.int64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """V and the ties' sum of each row: the ranks of |x| are W's ranks at d = 0 (in blocks of rows)."""
    v = np.empty(xs.shape[0])
    tie_sum = np.empty(xs.shape[0])
    step = max(1, _CHUNK_ELEMENTS // max(xs.shape[1], 1))
    for b0 in range(0, xs.shape[0], step):
        sl = slice(b0, b0 + step)
        tp, _, ts = _rank_components(xs[sl], nz[sl], np.zeros(xs[sl].shape[0]))
        v[sl] = tp
        tie_sum[sl] = ts
    return v, tie_sum


def _test_rows(out: dict[str, NDArray[Any]], flags: dict[str, NDArray[np.bool_]], rows: NDArray[np.intp],
               xs: NDArray[np.float64], nz: NDArray[np.int64], has_zeros: NDArray[np.bool_],
               conf_level: float, conf_int: bool, threads: int | None = None) -> None:
    """Fill ``out`` and ``flags`` at ``rows`` (the testable series; ``xs`` their sorted non-zero differences)."""
    v, tie_sum = _statistic_and_ties(xs, nz)
    has_ties = tie_sum > 0
    small = nz < _EXACT_LIMIT
    is_exact = small & ~has_ties & ~has_zeros
    out["statistic"][rows] = v
    total = nz * (nz + 1) / 2
    out["effect_size"][rows] = (v - (total - v)) / total
    out["exact"][rows] = is_exact
    out["method"][rows] = np.where(is_exact, METHOD_EXACT, METHOD_APPROX)
    flags["w_ties"][rows] = small & has_ties
    flags["w_zeroes"][rows] = small & has_zeros

    ex = np.flatnonzero(is_exact)
    if ex.size:
        g = rows[ex]
        p, est, lo, hi, lev, wc = _exact_part(xs[ex], nz[ex], v[ex], 1 - conf_level, conf_level, conf_int)
        out["pvalue"][g], out["estimate"][g], out["ci_low"][g], out["ci_high"][g], out["conf_level"][g] = \
            p, est, lo, hi, lev
        flags["w_conf"][g] = wc

    ap = np.flatnonzero(~is_exact)
    if ap.size:
        g = rows[ap]
        zstat, sigma = _w_parts(v[ap], nz[ap], tie_sum[ap])
        with np.errstate(invalid="ignore", divide="ignore"):
            z = (zstat - np.sign(zstat) * 0.5) / sigma
        out["pvalue"][g] = pnorm_two_sided(z)
        if conf_int:
            est, lo, hi, lev, ws0, wc, wnc = _approx_ci(xs[ap], nz[ap], conf_level, threads)
            out["estimate"][g], out["ci_low"][g], out["ci_high"][g], out["conf_level"][g] = est, lo, hi, lev
            flags["w_sigma0"][g], flags["w_conf"][g], flags["w_notconv"][g] = ws0, wc, wnc
