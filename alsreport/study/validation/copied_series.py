"""Rule for a participant whose values of one series repeat another series' values, visit by visit: a column pasted
into another?

Two biomarkers of one participant do not share their measured values at every visit: the same values, to two
decimals or more, at three or more visits of both is more often one series' cells copied into the other's than two
measurements (session 35 leftover: the six-visit study's P11 had 17.909 pg/mL as CSF IL-6 and as serum IL-10 at all
six visits; each series was flagged as constant, the copy across them by nothing). Only values above the limit of
detection and recorded to two decimals or more count, as for :mod:`~alsreport.study.validation.constant_values`.
It warns once per participant and pair of series, on the later series' first row; it does not stop the analysis.

Vectorised: the pairs of series sharing a value at a visit come from the rows whose (participant, visit, value) is
not unique, merged with themselves; the visits the pair both have are counted for those candidates alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.study.validation.constant_values import MIN_VISITS, fine_values
from alsreport.study.validation.context import Context
from alsreport.study.validation.measurements import measurements_view
from alsreport.study.validation.wording import rows_text

__all__ = ["check_copied_series"]


def check_copied_series(ctx: Context) -> None:
    """One warning per participant and pair of series whose values (above the LOD, two decimals or more) are equal at
    every visit both have, and at least :data:`~alsreport.study.validation.constant_values.MIN_VISITS` of them."""
    view = measurements_view(ctx)
    if view is None or not view.has("value", "visit") or not len(view):
        return
    value, _ = view.measured("value")
    usable = view.censoring_is("value", "observed") & np.isfinite(value)
    usable &= fine_values(np.where(usable, value, 0.0))
    if usable.sum() < 2 * MIN_VISITS:
        return
    person, _ = view.key_codes(["participant_id"])
    series, _ = view.key_codes(["compartment", "analyte"])
    visit, _ = view.key_codes(["visit"])
    at = np.flatnonzero(usable)
    frame = pd.DataFrame({"person": person[at], "series": series[at], "visit": visit[at], "value": value[at],
                          "row": at})
    # only values another series of the participant has at the visit (few): the merge is of those alone
    key = ["person", "visit", "value"]
    shared_values = frame[frame.duplicated(key, keep=False)]
    same = shared_values.merge(shared_values, on=key, suffixes=("", "_other"))
    same = same[same["series"] < same["series_other"]]
    if not len(same):
        return
    keys = ["person", "series", "series_other"]
    shared = same.groupby(keys, sort=False).size()
    candidates = shared[shared >= MIN_VISITS]
    if not len(candidates):
        return
    # the visits each candidate pair both have a usable value at: all of them must be shared
    pairs = candidates.reset_index()[keys]
    both = (frame.merge(pairs, on=["person", "series"])
            .merge(frame.rename(columns={"series": "series_other", "value": "value_other", "row": "row_other"}),
                   on=["person", "series_other", "visit"]))
    common = both.groupby(keys, sort=False).size()
    copied = candidates[candidates.to_numpy() == common.reindex(candidates.index).to_numpy()]
    if not len(copied):
        return
    rows = both.set_index(keys).loc[copied.index].groupby(level=list(range(len(keys))), sort=False)
    later: dict[int, tuple[np.ndarray, int]] = {}
    for _, group in rows:   # a flagged pair each (rare): the series whose first row comes later is reported
        a, b = group["row"].to_numpy(), group["row_other"].to_numpy()
        mine, theirs = (b, a) if b.min() > a.min() else (a, b)
        later[int(mine.min())] = (np.sort(mine), int(theirs.min()))
    mask = np.zeros(len(view), dtype=bool)
    mask[list(later)] = True

    def message(i: int, text: str) -> str:
        own, other = later[i]
        return (f"{view.text('participant_id', i)}'s {view.text('compartment', i)} {view.text('analyte', i)} has the "
                f"same values as their {view.text('compartment', other)} {view.text('analyte', other)} (row "
                f"{int(view.lines[other])}) at every one of the {len(own)} visits with both "
                f"({rows_text(view.lines[own])}); two biomarkers do not measure alike, so check whether one series "
                "was copied from the other")

    ctx.out.rows("warning", "same-values-as-another-series", view, "value", mask, message)
