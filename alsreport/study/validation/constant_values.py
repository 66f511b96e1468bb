"""Rule for a participant whose value of one analyte is the same at every visit: a value copied from visit to visit?

Biomarker values vary between samples: the same value of a cytokine at three or more visits in a row of one
participant is more often a value pasted into the following visits' cells than a measurement (session 32 reviewer:
one participant of the six-visit study had the same value at all six visits for four analytes, and the tests' "zero
differences" came from them). Only values above the limit of detection count (a value reported as "<0.6" at every
visit is what an undetectable analyte gives), and only values recorded to two decimals or more: a routine laboratory
value rounded to whole units or one decimal (urea 18 mg/dL, albumin 4.2 g/dL) may well repeat (the example has one
participant's urea at 18 mg/dL at all four visits). It warns, once per participant and series; it does not stop the
analysis.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.study.validation.context import Context
from alsreport.study.validation.measurements import measurements_view
from alsreport.study.validation.wording import rows_text

__all__ = ["MIN_VISITS", "check_constant_values", "fine_values"]

#: The fewest visits with a value, all equal, that the rule warns about (two equal values happen by chance).
MIN_VISITS = 3


def fine_values(values: np.ndarray) -> np.ndarray:
    """Whether each value is recorded to two decimals or more (not a whole number of tenths): a value that may repeat
    by chance, rounded to whole units or one decimal, is not one."""
    tenths = np.asarray(values, dtype=float) * 10
    return np.abs(tenths - np.round(tenths)) > 1e-6 * np.clip(np.abs(tenths), 1.0, None)


def check_constant_values(ctx: Context) -> None:
    """One warning per participant × compartment × analyte whose values (above the LOD) are equal at every one of
    at least :data:`MIN_VISITS` visits."""
    view = measurements_view(ctx)
    if view is None or not view.has("value") or not len(view):
        return
    value, _ = view.measured("value")
    usable = view.censoring_is("value", "observed") & np.isfinite(value)
    if usable.sum() < MIN_VISITS:
        return
    group, _ = view.key_codes(["participant_id", "compartment", "analyte"])
    at = np.flatnonzero(usable)
    frame = pd.DataFrame({"group": group[at], "value": value[at], "row": at})
    stats = frame.groupby("group", sort=False)["value"].agg(["min", "max", "size"])
    fine = fine_values(stats["min"].to_numpy())
    constant = stats.index[(stats["size"] >= MIN_VISITS) & (stats["min"] == stats["max"]) & fine]
    if not len(constant):
        return
    flagged = frame[frame["group"].isin(constant)]
    rows = flagged.groupby("group", sort=False)["row"].agg(list)
    first = {int(r[0]): r for r in rows.tolist()}
    mask = np.zeros(len(view), dtype=bool)
    mask[list(first)] = True

    def message(i: int, text: str) -> str:
        unit = f" {view.text('unit', i)}" if view.has("unit") and view.text("unit", i) else ""
        lines = rows_text(view.lines[np.asarray(first[i], dtype=np.int64)])
        return (f"{view.text('participant_id', i)}'s {view.text('compartment', i)} {view.text('analyte', i)} is "
                f"{text}{unit} at every one of their {len(first[i])} visits with a value ({lines}); biomarker values "
                "vary from sample to sample, so check whether a value was copied from one visit to the next")

    ctx.out.rows("warning", "same-value-every-visit", view, "value", mask, message)
