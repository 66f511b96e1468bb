"""Laboratory shift tables and the out-of-range listing.

Each analysed value is classified against **its own row's** reference range
(``ref_low``/``ref_high`` of measurements.csv; either limit may be absent):
``low`` below ``ref_low``, ``high`` above ``ref_high``, ``normal`` otherwise,
``missing`` when there is no value or no limit. Values substituted for ``"<x"`` /
``">x"`` (see :mod:`alsreport.analysis.dataset`) are classified like any other value.

The shift table crosses the baseline category with the **worst post-baseline**
category: the post-baseline value farthest outside its range, the distance measured
in units of the range width (``(ref_low - x) / (ref_high - ref_low)`` or
``(x - ref_high) / (ref_high - ref_low)``; relative to the limit itself when only one
limit is given or the width is zero); earliest visit on ties; ``normal`` if every
post-baseline value is in range; ``missing`` if there is none. Every series with a
reference range gets the full 4 × 4 grid (zeros included) over all enrolled
participants, so each series' counts add up to the number enrolled.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from alsreport.analysis.dataset import SeriesArray
from alsreport.results.model import OutOfRange, ShiftCount

__all__ = ["SHIFT_LEVELS", "classify", "worst_post_baseline", "shift_counts", "out_of_range"]

#: Categories, in table order; codes are positions in this tuple.
SHIFT_LEVELS = ("low", "normal", "high", "missing")
_LOW, _NORMAL, _HIGH, _MISSING = range(4)


def classify(values: NDArray[np.float64], ref_low: NDArray[np.float64],
             ref_high: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Category codes (:data:`SHIFT_LEVELS` positions) and distance outside the range (0 inside, NaN missing)."""
    width = ref_high - ref_low
    with np.errstate(invalid="ignore", divide="ignore"):
        usable = np.isfinite(width) & (width > 0)
        scale_low = np.where(usable, width, np.where(ref_low != 0, np.abs(ref_low), 1.0))
        scale_high = np.where(usable, width, np.where(ref_high != 0, np.abs(ref_high), 1.0))
        dev_low = (ref_low - values) / scale_low
        dev_high = (values - ref_high) / scale_high
    low = dev_low > 0
    high = dev_high > 0
    missing = np.isnan(values) | (np.isnan(ref_low) & np.isnan(ref_high))
    code = np.full(values.shape, _NORMAL, dtype=np.int64)
    code[low] = _LOW
    code[high] = _HIGH
    code[missing] = _MISSING
    dist = np.where(low, dev_low, np.where(high, dev_high, 0.0))
    dist = np.where(missing, np.nan, dist)
    return code, dist


def worst_post_baseline(code: NDArray[np.int64], dist: NDArray[np.float64]) -> NDArray[np.int64]:
    """Worst category over the last axis (visits after baseline), see the module docstring."""
    if code.shape[-1] == 0:
        return np.full(code.shape[:-1], _MISSING, dtype=np.int64)
    out_of_range = (code == _LOW) | (code == _HIGH)
    score = np.where(out_of_range, dist, -np.inf)
    pick = np.argmax(score, axis=-1)
    worst = np.take_along_axis(code, pick[..., None], axis=-1)[..., 0]
    any_out = out_of_range.any(axis=-1)
    any_value = (code != _MISSING).any(axis=-1)
    return np.where(any_out, worst, np.where(any_value, _NORMAL, _MISSING))


def shift_counts(arr: SeriesArray) -> tuple[ShiftCount, ...]:
    """Baseline × worst post-baseline counts, full 4 × 4 grid, for every series with a reference range."""
    has_range = ~(np.isnan(arr.ref_low) & np.isnan(arr.ref_high)).all(axis=(1, 2))
    rows = np.flatnonzero(has_range)
    if rows.size == 0:
        return ()
    code, dist = classify(arr.values[rows], arr.ref_low[rows], arr.ref_high[rows])
    b0 = arr.baseline  # visits before the baseline (screening) are neither baseline nor post-baseline
    base = code[:, :, b0]
    worst = worst_post_baseline(code[:, :, b0 + 1:], dist[:, :, b0 + 1:])
    k = len(SHIFT_LEVELS)
    cell = np.arange(rows.size)[:, None] * k * k + base * k + worst
    counts = np.bincount(cell.ravel(), minlength=rows.size * k * k).reshape(rows.size, k, k)
    out: list[ShiftCount] = []
    for r, i in enumerate(rows):
        s = arr.series[i]
        for b in range(k):
            for w in range(k):
                out.append(ShiftCount(compartment=s.compartment, analyte=s.analyte, label=s.label, unit=s.unit,
                                      baseline=SHIFT_LEVELS[b], worst=SHIFT_LEVELS[w],  # type: ignore[arg-type]
                                      n=int(counts[r, b, w]), family=s.family))
    return tuple(out)


def out_of_range(data: pd.DataFrame) -> tuple[OutOfRange, ...]:
    """Every analysed value outside its reference range, in the analysis data's order."""
    v = data["value"].to_numpy(dtype=np.float64)
    lo = data["ref_low"].to_numpy(dtype=np.float64)
    hi = data["ref_high"].to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore"):
        low = v < lo
        high = v > hi
    sel = data[low | high]
    direction = np.where(low, "low", "high")[low | high]
    return tuple(
        OutOfRange(participant_id=str(r.participant_id), visit=str(r.visit), compartment=str(r.compartment),
                   analyte=str(r.analyte), label=str(r.label), value=float(r.value), unit=str(r.unit),
                   ref_low=float(r.ref_low), ref_high=float(r.ref_high), direction=str(d),  # type: ignore[arg-type]
                   censoring=str(r.censoring))
        for r, d in zip(sel.itertuples(index=False), direction, strict=True))
