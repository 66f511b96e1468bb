"""What R's signed-rank ``W(d)`` needs from ``rank(abs(x - d))``, for many rows at once.

Private to :mod:`alsreport.stats` (the Wilcoxon kernel calls :func:`rank_components` at every
step of its confidence-interval root search, so this is the hottest loop of ``analyze``).
Rows are independent, so they are processed in slices of about :data:`CHUNK_ELEMENTS` cells:
each slice's dozen full passes (subtract, key, sort, group starts, ...) then run in the core's
cache instead of streaming rows of 10,000 differences through memory once per pass. The
numbers are exact integers and halves, so the result does not depend on the slicing, nor on
the sort algorithm (the keys are integers: equal keys are indistinguishable).
"""

from __future__ import annotations

import sys

import numpy as np
from numpy.typing import NDArray

__all__ = ["CHUNK_ELEMENTS", "rank_components"]

#: Cells (8 bytes each) per slice of rows: 512 KiB, the L2 cache of one core of the CI machine.
CHUNK_ELEMENTS = 1 << 16
#: Rows this wide or wider are sorted by merging their two runs (:func:`_merge_sort`); narrower
#: ones by NumPy's default (SIMD) sort, faster there than a Python step per row.
_MERGE_WIDTH = 4096
_LOW_BYTE = 0 if sys.byteorder == "little" else 7  # the byte of a uint64 holding its lowest bit


def rank_components(
    xs: NDArray[np.float64],
    nvalid: NDArray[np.int64],
    d: NDArray[np.float64],
    rows: NDArray[np.intp] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.float64]]:
    """What R's ``W(d)`` needs from ``rank(abs(x - d))``, for many rows at once.

    ``xs`` rows hold the non-zero differences sorted ascending, padded with NaN after
    ``nvalid`` values; ``rows`` (optional) selects the rows of ``xs`` that ``d`` and
    ``nvalid`` refer to. Returns ``(tplus, nx, ties)``: the sum of the average ranks of
    the positive ``x - d`` (zeros dropped), the number of non-zero ``x - d`` and
    ``sum(t^3 - t)`` over the tie groups of ``|x - d|``.
    """
    m, w = d.shape[0], xs.shape[1]
    step = max(1, CHUNK_ELEMENTS // max(w, 1))
    if m <= step:
        return _components(xs, nvalid, d, rows)
    parts = [_components(xs if rows is not None else xs[i:i + step], nvalid[i:i + step], d[i:i + step],
                         None if rows is None else rows[i:i + step]) for i in range(0, m, step)]
    tplus, nx, ties = zip(*parts, strict=True)
    return np.concatenate(tplus), np.concatenate(nx), np.concatenate(ties)


def _components(
    xs: NDArray[np.float64], nvalid: NDArray[np.int64], d: NDArray[np.float64], rows: NDArray[np.intp] | None,
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.float64]]:
    """:func:`rank_components` of one slice of rows.

    ``|x - d|`` is computed in floating point exactly as R does, so the ties (including
    ``x_i - d == d - x_j``) are the ones R sees. The bit pattern of a non-negative double
    orders like its value, so each element becomes the integer key
    ``bits(|x - d|) << 1 | (x - d > 0)``: equal magnitudes stay adjacent after sorting and
    the sign rides along. Ranks are positions, corrected for the (few) tie groups only.
    """
    if rows is None:
        xd = xs - d[:, None]
    else:
        xd = np.take(xs, rows, axis=0)
        xd -= d[:, None]
    m, w = xd.shape
    if m == 0 or w == 0:
        return np.zeros(m), nvalid.copy(), np.zeros(m)
    positive = xd > 0
    negatives = np.count_nonzero(xd < 0, axis=1).tolist() if w >= _MERGE_WIDTH else None
    np.abs(xd, out=xd)
    key = xd.view(np.uint64)  # NaN padding: largest keys, sign bit 0
    np.add(key, key, out=key)  # key << 1 (an add has a vector loop; the shift by a scalar had none)
    key |= positive
    del positive
    if negatives is None:
        key.sort(axis=1)
    else:
        _merge_sort(key, negatives)
    flat = key.ravel()
    xr = np.bitwise_xor(flat[1:], flat[:-1])
    start = np.empty(flat.size, dtype=bool)  # first element of a group of equal |x - d|
    start[0] = True
    np.greater(xr, np.uint64(1), out=start[1:])
    start[::w] = True
    gs = np.flatnonzero(start)
    del start
    # inside a tie group the negatives sort before the positives: where the keys differ
    # only in the sign bit is the first positive of a group holding both signs
    switch = np.flatnonzero(xr == np.uint64(1)) + 1
    del xr
    gs_end = np.append(gs, flat.size)
    row_start = np.arange(m, dtype=np.int64) * w
    has_zero = key[:, 0] == 0  # zeros sort first: the row's first group
    first = np.searchsorted(gs, row_start)  # each row's first group
    nzero = np.where(has_zero, gs_end[first + 1] - row_start, 0)
    # untied ranks: position + 1 - nzero, summed over the positives (the sign bit read as a byte:
    # converting uint64 to float64 has no vector loop)
    posf = np.bitwise_and(flat.view(np.uint8)[_LOW_BYTE::8], 1).astype(np.float64).reshape(m, w)
    npos = posf.sum(axis=1)
    tplus = posf @ np.arange(w, dtype=np.float64) + npos * (1 - nzero)
    del posf
    tplus, ties = _tie_corrections(flat, w, gs, gs_end, first, switch, tplus)
    return tplus, nvalid - nzero, ties


def _merge_sort(key: NDArray[np.uint64], negatives: list[int]) -> None:
    """Sort each row of ``key`` in place by merging: a row holds the negatives' keys (magnitudes
    descending), then the zeros' and positives' (ascending). The negatives are reversed first, so the
    merge sort finds two ascending runs (a descending run with ties, which rounded data always have,
    falls apart into many short runs). The sorted keys are the same either way: they are integers."""
    for row, k in zip(key, negatives, strict=True):
        if k > 1:
            row[:k] = row[k - 1::-1].copy()
    key.sort(axis=1, kind="stable")


def _tie_corrections(flat: NDArray[np.uint64], w: int, gs: NDArray[np.intp], gs_end: NDArray[np.intp],
                     first: NDArray[np.intp], switch: NDArray[np.intp],
                     tplus: NDArray[np.float64]) -> tuple[NDArray[np.float64], ...]:
    """``(tplus, ties)``: T+ with the average ranks of tie groups holding both signs, and each row's
    ``sum(t^3 - t)`` over its tie groups (not the zeros, not the NaN padding). ``first``: the index in
    ``gs`` of each row's first group."""
    m = tplus.shape[0]
    glen = np.diff(gs_end)
    if not (glen > 1).any():
        return tplus, np.zeros(m)
    weight = glen * glen * glen - glen  # t^3 - t of every group: 0 for a group of one
    mag = flat[gs] >> np.uint64(1)  # the group's |x - d| bits
    # not the zeros, not the NaN padding (exponent bits all ones; data are finite)
    weight[(mag == 0) | (mag >= np.uint64(0x7FF0000000000000))] = 0
    ties = np.add.reduceat(weight, first).astype(np.float64)  # exact: integers far below 2**53
    # average ranks: a group with nneg negatives then npos positives moves T+ by -npos * nneg / 2
    switch = switch[switch % w != 0]
    if switch.size:
        gi = np.searchsorted(gs, switch, side="right") - 1
        nneg = switch - gs[gi]
        npg = gs_end[gi + 1] - switch
        tplus = tplus - np.bincount(switch // w, weights=npg * nneg, minlength=m) / 2
    return tplus, ties
