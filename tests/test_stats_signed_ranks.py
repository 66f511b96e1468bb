"""alsreport.stats._signed_ranks: T+, the non-zero count and the tie sum of |x - d|, row by row as R ranks them.

The reference is scipy.stats.rankdata (average ranks, R's ``rank``) on each row alone, so
the sliced, sorted-key kernel is checked against a plain per-row definition, on narrow rows
(NumPy's default sort) and wide ones (the merge sort), with ties of both signs, zeros and
NaN padding.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import rankdata

from alsreport.stats import _signed_ranks


def _reference(xs: np.ndarray, nvalid: np.ndarray, d: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    tplus, nx, ties = [], [], []
    for r, dr in zip(rows, d, strict=True):
        v = xs[r, :nvalid[r]] - dr
        v = v[v != 0]
        ranks = rankdata(np.abs(v))
        tplus.append(ranks[v > 0].sum())
        nx.append(v.size)
        _, counts = np.unique(np.abs(v), return_counts=True)
        ties.append(float((counts ** 3 - counts).sum()))
    return np.array(tplus), np.array(nx), np.array(ties)


def _rows(rng: np.random.Generator, m: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    nvalid = rng.integers(w // 2, w + 1, size=m)
    xs = np.full((m, w), np.nan)
    for i in range(m):  # one decimal: many ties, and x - d == d - x' ties across signs
        xs[i, :nvalid[i]] = np.sort(np.round(rng.normal(size=nvalid[i]) * 3, 1))
    return xs, nvalid


@pytest.mark.parametrize(("m", "w"), [(40, 30), (12, 300), (3, 5000)])
def test_rank_components_match_per_row_average_ranks(m: int, w: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(w)
    xs, nvalid = _rows(rng, m, w)
    rows = rng.integers(0, m, size=2 * m)
    d = np.round(rng.normal(size=2 * m), 2)
    d[::3] = 0.0
    d[1::4] = xs[rows[1::4], 0]  # d on a data point: zero differences
    monkeypatch.setattr(_signed_ranks, "CHUNK_ELEMENTS", 3 * w)  # several slices of rows
    tplus, nx, ties = _signed_ranks.rank_components(xs, nvalid[rows], d, rows=rows)
    ref_tplus, ref_nx, ref_ties = _reference(xs, nvalid, d, rows)
    np.testing.assert_array_equal(tplus, ref_tplus)
    np.testing.assert_array_equal(nx, ref_nx)
    np.testing.assert_array_equal(ties, ref_ties)
    assert (ties > 0).any() and (nx < nvalid[rows]).any()  # the data had ties and zeros


def test_slicing_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    xs, nvalid = _rows(rng, 25, 60)
    d = np.round(rng.normal(size=25), 1)
    whole = _signed_ranks.rank_components(xs, nvalid, d)
    monkeypatch.setattr(_signed_ranks, "CHUNK_ELEMENTS", 1)  # one row per slice
    for a, b in zip(whole, _signed_ranks.rank_components(xs, nvalid, d), strict=True):
        np.testing.assert_array_equal(a, b)
        assert a.dtype == b.dtype
