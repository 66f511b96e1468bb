"""Which participant had a sample at which visit: one rule for the flow, the tables' n and the analysis sets.

A participant has a sample of a series at a visit when the series has a value there. A value
below the limit of detection counts, also when ``below_lod: exclude`` leaves it out of the
tests; a measurement row whose value is empty is no sample.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from alsreport.analysis.dataset import SeriesArray
from alsreport.study.model import Study

__all__ = ["below_excluded", "has_value"]


def below_excluded(study: Study, arr: SeriesArray) -> NDArray[np.bool_]:
    """``(series, participants, visits)``: a value below the LOD that the analysis left out (NaN)."""
    out = np.zeros(arr.values.shape, dtype=bool)
    if study.config.analysis.below_lod != "exclude":
        return out
    m = study.measurements
    m = m[m["censoring"].astype(str).to_numpy() == "below"]
    if m.empty:
        return out
    series = pd.MultiIndex.from_tuples([(s.compartment, s.analyte) for s in arr.series])
    s = series.get_indexer(pd.MultiIndex.from_arrays([m["compartment"].astype(str), m["analyte"].astype(str)]))
    p = pd.Index(arr.participants).get_indexer(m["participant_id"].astype(str))
    v = pd.Index(arr.visits).get_indexer(m["visit"].astype(str))
    ok = (s >= 0) & (p >= 0) & (v >= 0)
    out[s[ok], p[ok], v[ok]] = True
    return out & arr.recorded & np.isnan(arr.values)


def has_value(study: Study, arr: SeriesArray) -> NDArray[np.bool_]:
    """``(series, participants, visits)``: the series has a value there (see the module's rule)."""
    return ~np.isnan(arr.values) | below_excluded(study, arr)
