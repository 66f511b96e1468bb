"""The analysis dataset: analysed values per participant, visit and series, and their array form.

:func:`build_analysis_data` turns ``Study.measurements`` into one row per
(participant, visit, compartment, analyte) for **enrolled** participants, with the
value that the statistics use:

``"<x"`` (below the limit of detection x), by ``analysis.below_lod``
    ``half_lod`` (default) x/2; ``lod`` x; ``lod_sqrt2`` x/√2; ``exclude`` missing.
    The row keeps ``censoring = "below"`` and ``limit = x``, so every table can
    say how many values were substituted (``n_below_lod`` counts the substituted
    values that were used; excluded ones are missing, not counted).
``">x"`` (above the upper limit of quantification x)
    x itself (a conservative lower bound of the true value), ``censoring = "above"``;
    counted as ``n_above_uloq``.

:func:`build_series_array` pivots those rows into a dense
``(series, participants, visits)`` array with NumPy fancy indexing (no Python loop
over rows or series), which is what the statistics kernels in :mod:`alsreport.stats`
consume. Series are ordered by family (immunological, biochemical, haematological),
then by the analyte order of study.yml, then by compartment (CSF, serum, plasma,
blood); participants by their order in participants.csv; visits as in study.yml.

References: Hornung, R. W. & Reed, L. D. (1990) Estimation of average concentration in
the presence of nondetectable values, *Appl. Occup. Environ. Hyg.* 5, 46-51 (LOD/2 and
LOD/√2 substitution).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from alsreport.study.config import StudyConfig
from alsreport.study.contract import BELOW_LOD_RULES, COMPARTMENTS, FAMILIES
from alsreport.results.model import ANALYSIS_COLUMNS, Series
from alsreport.study.model import Study

__all__ = [
    "ANALYSIS_COLUMNS",
    "BELOW_LOD_FACTORS",
    "SeriesArray",
    "substitute_censored",
    "build_analysis_data",
    "build_series_array",
    "participant_order",
]

#: Columns of the analysis dataset (``Results.analysis_data``), in this order.

#: Multiplier of the limit x for a ``"<x"`` value, per ``analysis.below_lod`` (``exclude``: missing).
BELOW_LOD_FACTORS: dict[str, float] = {
    "half_lod": 0.5,
    "lod": 1.0,
    "lod_sqrt2": 1.0 / math.sqrt(2.0),
    "exclude": math.nan,
}
assert set(BELOW_LOD_FACTORS) == set(BELOW_LOD_RULES)


def substitute_censored(value: NDArray[np.float64], censoring: NDArray[np.object_] | pd.Series,
                        limit: NDArray[np.float64], rule: str) -> NDArray[np.float64]:
    """Analysed values: observed as recorded, ``"<x"`` by ``rule``, ``">x"`` as x, missing as NaN.

    ``lod_sqrt2`` divides by √2 (``x / sqrt(2)`` in R), not multiplies by 1/√2, so the
    value is the correctly rounded double R computes.
    """
    if rule not in BELOW_LOD_FACTORS:
        raise ValueError(f"below_lod must be one of {', '.join(BELOW_LOD_RULES)}, got {rule!r}")
    cens = np.asarray(censoring, dtype=object)
    value = np.asarray(value, dtype=np.float64)
    limit = np.asarray(limit, dtype=np.float64)
    below = cens == "below"
    above = cens == "above"
    if rule == "half_lod":
        sub = limit / 2.0
    elif rule == "lod":
        sub = limit
    elif rule == "lod_sqrt2":
        sub = limit / math.sqrt(2.0)
    else:
        sub = np.full(limit.shape, np.nan)
    out = np.where(cens == "observed", value, np.nan)
    out = np.where(below, sub, out)
    return np.where(above, limit, out)


def participant_order(study: Study) -> tuple[str, ...]:
    """Enrolled participants in the order of participants.csv."""
    return tuple(study.enrolled["participant_id"].astype(str))


def _series_table(config: StudyConfig, data: pd.DataFrame) -> pd.DataFrame:
    """Distinct (compartment, analyte) with family, label and unit, in series order."""
    fam_rank = {f: i for i, f in enumerate(FAMILIES)}
    analyte_rank = {a.name: i for i, a in enumerate(config.analytes)}
    comp_rank = {c: i for i, c in enumerate(COMPARTMENTS)}
    keys = data[["compartment", "analyte"]].drop_duplicates()
    meta = {a.name: (a.family, a.display) for a in config.analytes}
    table = pd.DataFrame({
        "compartment": keys["compartment"].to_numpy(dtype=object),
        "analyte": keys["analyte"].to_numpy(dtype=object),
    })
    table["family"] = [meta[a][0] for a in table["analyte"]]
    table["label"] = [meta[a][1] for a in table["analyte"]]
    table["_f"] = table["family"].map(fam_rank)
    table["_a"] = table["analyte"].map(analyte_rank)
    table["_c"] = table["compartment"].map(comp_rank).fillna(len(COMPARTMENTS))
    table = table.sort_values(["_f", "_a", "_c", "compartment"], kind="stable").reset_index(drop=True)
    return table.drop(columns=["_f", "_a", "_c"])


def build_analysis_data(study: Study) -> pd.DataFrame:
    """One row per recorded (participant, visit, compartment, analyte) of enrolled participants.

    Columns :data:`ANALYSIS_COLUMNS`; ``value`` is the analysed value (see the module
    docstring); rows sorted by series, participant (participants.csv order), visit.
    """
    config = study.config
    m = study.measurements
    people = participant_order(study)
    m = m[m["participant_id"].isin(people)]
    series = _series_table(config, m)
    s_code = pd.MultiIndex.from_frame(series[["compartment", "analyte"]]).get_indexer(
        pd.MultiIndex.from_frame(m[["compartment", "analyte"]].astype(object)))
    p_code = pd.Index(people).get_indexer(m["participant_id"])
    v_code = pd.Index(config.visit_codes).get_indexer(m["visit"])
    value = substitute_censored(m["value"].to_numpy(dtype=np.float64), m["censoring"].to_numpy(dtype=object),
                                m["limit"].to_numpy(dtype=np.float64), config.analysis.below_lod)
    out = pd.DataFrame({
        "participant_id": m["participant_id"].to_numpy(dtype=object),
        "visit": m["visit"].to_numpy(dtype=object),
        "family": series["family"].to_numpy(dtype=object)[s_code],
        "compartment": m["compartment"].to_numpy(dtype=object),
        "analyte": m["analyte"].to_numpy(dtype=object),
        "label": series["label"].to_numpy(dtype=object)[s_code],
        "unit": m["unit"].to_numpy(dtype=object),
        "value": value,
        "censoring": m["censoring"].to_numpy(dtype=object),
        "limit": m["limit"].to_numpy(dtype=np.float64),
        "lod": m["lod"].to_numpy(dtype=np.float64),
        "ref_low": m["ref_low"].to_numpy(dtype=np.float64),
        "ref_high": m["ref_high"].to_numpy(dtype=np.float64),
    })
    order = np.lexsort((v_code, p_code, s_code))
    return out.iloc[order].reset_index(drop=True)


@dataclass(frozen=True)
class SeriesArray:
    """The analysis data as dense arrays, shape ``(series, participants, visits)``.

    ``values`` is NaN where there is no analysed value; ``below`` / ``above`` mark
    values substituted for ``"<x"`` / ``">x"`` that are present in ``values``;
    ``ref_low`` / ``ref_high`` hold each value's own reference limits (NaN if none).
    """

    series: tuple[Series, ...]
    participants: tuple[str, ...]
    visits: tuple[str, ...]
    values: NDArray[np.float64]
    below: NDArray[np.bool_]
    above: NDArray[np.bool_]
    ref_low: NDArray[np.float64]
    ref_high: NDArray[np.float64]
    recorded: NDArray[np.bool_]
    """A measurement row exists (even if its value is missing or excluded)."""

    @property
    def families(self) -> NDArray[np.object_]:
        return np.array([s.family for s in self.series], dtype=object)

    @property
    def compartments(self) -> NDArray[np.object_]:
        return np.array([s.compartment for s in self.series], dtype=object)

    def index(self, analyte: str, compartment: str) -> int:
        """Row of a series; KeyError if it is not in the data."""
        for i, s in enumerate(self.series):
            if (s.analyte, s.compartment) == (analyte, compartment):
                return i
        raise KeyError(f"{analyte} in {compartment} has no measurements")


def _constant(values: pd.Series, codes: NDArray[np.intp], n: int) -> NDArray[np.float64]:
    """Per series: the value if every non-missing row agrees, else NaN."""
    frame = pd.DataFrame({"s": codes, "v": values.to_numpy(dtype=np.float64)}).dropna()
    stats = frame.groupby("s")["v"].agg(["min", "max"])
    out = np.full(n, np.nan)
    same = stats[stats["min"] == stats["max"]]
    out[same.index.to_numpy(dtype=np.intp)] = same["min"].to_numpy()
    return out


def build_series_array(study: Study, data: pd.DataFrame) -> SeriesArray:
    """Pivot :func:`build_analysis_data` rows into a :class:`SeriesArray` (vectorised)."""
    config = study.config
    people = participant_order(study)
    visits = config.visit_codes
    table = _series_table(config, data)
    s_idx = pd.MultiIndex.from_frame(table[["compartment", "analyte"]])
    s_code = s_idx.get_indexer(pd.MultiIndex.from_frame(data[["compartment", "analyte"]].astype(object)))
    p_code = pd.Index(people).get_indexer(data["participant_id"])
    v_code = pd.Index(visits).get_indexer(data["visit"])
    n_s = len(table)
    shape = (n_s, len(people), len(visits))
    values = np.full(shape, np.nan)
    ref_low = np.full(shape, np.nan)
    ref_high = np.full(shape, np.nan)
    below = np.zeros(shape, dtype=bool)
    above = np.zeros(shape, dtype=bool)
    recorded = np.zeros(shape, dtype=bool)
    at = (s_code, p_code, v_code)
    value = data["value"].to_numpy(dtype=np.float64)
    cens = data["censoring"].to_numpy(dtype=object)
    present = ~np.isnan(value)
    values[at] = value
    ref_low[at] = data["ref_low"].to_numpy(dtype=np.float64)
    ref_high[at] = data["ref_high"].to_numpy(dtype=np.float64)
    below[at] = (cens == "below") & present
    above[at] = (cens == "above") & present
    recorded[at] = True

    unit = data.groupby(s_code)["unit"].first()
    lo = _constant(data["ref_low"], s_code, n_s)
    hi = _constant(data["ref_high"], s_code, n_s)
    lod = _constant(data["lod"], s_code, n_s)
    series = tuple(
        Series(family=str(r.family), compartment=str(r.compartment), analyte=str(r.analyte), label=str(r.label),
               unit=str(unit.get(i, "")), ref_low=float(lo[i]), ref_high=float(hi[i]), lod=float(lod[i]))
        for i, r in enumerate(table.itertuples(index=False))
    )
    return SeriesArray(series=series, participants=people, visits=visits, values=values, below=below,
                       above=above, ref_low=ref_low, ref_high=ref_high, recorded=recorded)
