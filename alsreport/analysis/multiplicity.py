"""``analysis.adjust_scope``: the families within which ``p_holm`` and ``p_bh`` are adjusted.

``family`` (default): R's ``p.adjust`` within each (family, compartment, contrast, test),
as :func:`alsreport.analysis.run.compare_series` computes them -- nothing to redo.
``all``: within each test only, across every family, compartment and contrast, i.e. R's
``ave(p, test, FUN = function(q) p.adjust(q, "holm"))`` over ``comparisons.csv``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from alsreport import stats
from alsreport.results.model import Comparison

__all__ = ["ADJUST_BY", "readjust"]

#: The comparisons.csv columns that define one family, per scope (verify.R uses the same).
ADJUST_BY = {"family": ("family", "compartment", "contrast", "test"), "all": ("test",)}


def readjust(comparisons: tuple[Comparison, ...], scope: str) -> tuple[Comparison, ...]:
    """The comparisons with ``p_holm`` / ``p_bh`` adjusted over ``scope``'s families (one vectorised call)."""
    if scope == "family":
        return comparisons
    if scope not in ADJUST_BY:
        raise ValueError(f"adjust_scope must be one of {', '.join(ADJUST_BY)}, got {scope!r}")
    p = np.array([c.pvalue for c in comparisons], dtype=np.float64)
    groups = np.array(["\r".join(getattr(c, k) for k in ADJUST_BY[scope]) for c in comparisons], dtype=object)
    holm = stats.p_adjust_grouped(p, groups.astype(str), "holm")
    bh = stats.p_adjust_grouped(p, groups.astype(str), "BH")
    return tuple(replace(c, p_holm=float(h), p_bh=float(b)) for c, h, b in zip(comparisons, holm, bh, strict=True))
