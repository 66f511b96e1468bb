"""Multiplicity adjustment of p-values exactly as R's ``p.adjust``.

R equivalent: ``p.adjust(p, method)`` for ``method`` in ``"holm"``, ``"BH"`` (alias
``"fdr"``) and ``"bonferroni"``, with R's default ``n = length(p)`` -- which R evaluates
lazily, *after* dropping the NA entries, so ``n`` is the number of non-missing p-values.
NaN entries are ignored and stay NaN. With ``n <= 1`` the p-values are returned
unchanged (as R does).

* Holm (1979): sorted ascending, ``pmin(1, cummax((n + 1 - i) * p[o]))``.
* Benjamini & Hochberg (1995): sorted descending, ``pmin(1, cummin(n / i * p[o]))``.
* Bonferroni: ``pmin(1, n * p)``.

:func:`p_adjust_grouped` applies the adjustment separately within each family (for
example each visit contrast, or each analyte family) in one vectorised call.

References: Holm, S. (1979) A simple sequentially rejective multiple test procedure,
*Scand. J. Statist.* 6, 65-70; Benjamini, Y. & Hochberg, Y. (1995) Controlling the
false discovery rate, *JRSS B* 57, 289-300; R Core Team, ``?p.adjust``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["METHODS", "p_adjust", "p_adjust_grouped"]

METHODS = ("holm", "BH", "fdr", "bonferroni")


def _check_method(method: str) -> str:
    """Validate ``method``; map R's alias ``"fdr"`` to ``"BH"``."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    return "BH" if method == "fdr" else method


def p_adjust(p: ArrayLike, method: str) -> NDArray[np.float64]:
    """Adjust a family of p-values as R's ``p.adjust(p, method)``.

    Args:
        p: p-values of any shape, treated as one family; NaN = missing (ignored, kept NaN).
        method: ``"holm"``, ``"BH"`` (or its R alias ``"fdr"``) or ``"bonferroni"``.

    Returns:
        Adjusted p-values, same shape as ``p``.
    """
    arr = np.asarray(p, dtype=np.float64)
    return p_adjust_grouped(arr.ravel(), np.zeros(arr.size, dtype=np.int64), method).reshape(arr.shape)


def p_adjust_grouped(p: ArrayLike, group_codes: ArrayLike, method: str) -> NDArray[np.float64]:
    """Adjust p-values separately within each group, as ``ave(p, group, FUN = function(q) p.adjust(q, method))``.

    Args:
        p: 1-D p-values; NaN = missing (ignored within its group, kept NaN).
        group_codes: 1-D labels of the same length (any sortable values: integers,
            strings); each distinct label is one family with its own ``n``.
        method: ``"holm"``, ``"BH"`` (``"fdr"``) or ``"bonferroni"``.

    Returns:
        Adjusted p-values in the original order.
    """
    method = _check_method(method)
    pv = np.asarray(p, dtype=np.float64)
    codes = np.asarray(group_codes)
    if pv.ndim != 1 or codes.shape != pv.shape:
        raise ValueError("p and group_codes must be 1-D arrays of the same length")
    out = pv.copy()
    valid = np.flatnonzero(~np.isnan(pv))
    if valid.size == 0:
        return out
    _, gid = np.unique(codes[valid], return_inverse=True)
    gid = gid.ravel()
    pval = pv[valid]
    order = np.lexsort((pval, gid))  # by group, then p ascending (stable, like R's order)
    g_sorted = gid[order]
    p_sorted = pval[order]
    starts = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1]])
    sizes = np.diff(np.r_[starts, g_sorted.size])
    adj_sorted = p_sorted.copy()
    for m in np.unique(sizes):  # one 2-D block per distinct family size
        m = int(m)
        if m <= 1:
            continue  # R: if (n <= 1) return(p0)
        st = starts[sizes == m]
        idx = st[:, None] + np.arange(m)[None, :]
        block = p_sorted[idx]  # rows: families; columns: ascending p
        nf = float(m)
        if method == "holm":
            i = np.arange(1, m + 1)
            vals = np.maximum.accumulate((m + 1 - i) * block, axis=1)
        elif method == "BH":
            i = np.arange(1, m + 1, dtype=np.float64)  # ascending position = R's i in decreasing order
            vals = (nf / i) * block
            vals = np.minimum.accumulate(vals[:, ::-1], axis=1)[:, ::-1]
        else:  # bonferroni
            vals = nf * block
        adj_sorted[idx] = np.minimum(1.0, vals)
    adj = np.empty_like(pval)
    adj[order] = adj_sorted
    out[valid] = adj
    return out
