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
consume. Series are ordered by family (study.yml's ``families``, by default immunological, biochemical,
haematological),
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

from alsreport.analysis.codes import distinct, lookup, text_codes, text_column
from alsreport.study.config import StudyConfig
from alsreport.study.contract import BELOW_LOD_RULES, COMPARTMENTS
from alsreport.results.model import ANALYSIS_COLUMNS, Series
from alsreport.study.model import Study

__all__ = [
    "ANALYSIS_COLUMNS",
    "BELOW_LOD_FACTORS",
    "SeriesArray",
    "substitute_censored",
    "build_analysis_data",
    "analysis_data_with_codes",
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
    return _substitute(np.asarray(value, dtype=np.float64), cens == "observed", cens == "below", cens == "above",
                       np.asarray(limit, dtype=np.float64), rule)


def _substitute(value: NDArray[np.float64], observed: NDArray[np.bool_], below: NDArray[np.bool_],
                above: NDArray[np.bool_], limit: NDArray[np.float64], rule: str) -> NDArray[np.float64]:
    """:func:`substitute_censored` given the masks of observed, ``"<x"`` and ``">x"`` values."""
    if rule == "half_lod":
        sub = limit / 2.0
    elif rule == "lod":
        sub = limit
    elif rule == "lod_sqrt2":
        sub = limit / math.sqrt(2.0)
    else:
        sub = np.full(limit.shape, np.nan)
    out = np.where(observed, value, np.nan)
    out = np.where(below, sub, out)
    return np.where(above, limit, out)


def participant_order(study: Study) -> tuple[str, ...]:
    """Enrolled participants in the order of participants.csv."""
    return tuple(study.enrolled["participant_id"].astype(str))


def _series_table(config: StudyConfig, data: pd.DataFrame) -> pd.DataFrame:
    """Distinct (compartment, analyte) with family, label and unit, in series order."""
    fam_rank = {f: i for i, f in enumerate(config.family_names)}
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


def _series_codes(config: StudyConfig, compartment: NDArray[np.int64], comp_values: list[str],
                  analyte: NDArray[np.int64], analyte_values: list[str]) -> tuple[pd.DataFrame, NDArray[np.int64]]:
    """The series table of these rows and each row's position in it (from text codes, no object per row)."""
    pair = (compartment.astype(np.int64) + 1) * (len(analyte_values) + 1) + (analyte + 1)
    inverse, uniq, _ = distinct(pair)  # distinct pairs in order of first appearance
    comp_of = np.append(np.array(comp_values, dtype=object), None)[uniq // (len(analyte_values) + 1) - 1]
    analyte_of = np.append(np.array(analyte_values, dtype=object), None)[uniq % (len(analyte_values) + 1) - 1]
    keys = pd.DataFrame({"compartment": comp_of, "analyte": analyte_of}, dtype=object)
    table = _series_table(config, keys)
    pos = pd.MultiIndex.from_frame(table[["compartment", "analyte"]].astype(object)).get_indexer(
        pd.MultiIndex.from_frame(keys))
    return table, pos.astype(np.int64)[inverse]


#: Text codes of analysis-data columns: column name -> (code per row, distinct values).
RowCodes = dict[str, tuple[NDArray[np.integer], list[str]]]


def build_analysis_data(study: Study) -> pd.DataFrame:
    """One row per recorded (participant, visit, compartment, analyte) of enrolled participants.

    Columns :data:`ANALYSIS_COLUMNS`; ``value`` is the analysed value (see the module
    docstring); rows sorted by series, participant (participants.csv order), visit.
    Text columns travel as integer codes (:mod:`alsreport.analysis.codes`).
    """
    return analysis_data_with_codes(study)[0]


def analysis_data_with_codes(study: Study, series: bool = True) -> tuple[pd.DataFrame, RowCodes]:
    """:func:`build_analysis_data` and the text codes its columns were built from (for
    :func:`build_series_array`, which then need not encode millions of texts again).

    ``series``: with them each row's series (the codes of ``family`` and ``label``), from which
    :func:`build_series_array` takes its series table; without (8 bytes a row fewer while the series
    array is built: 96 MB at 12 million rows), it builds the table again."""
    config = study.config
    m = study.measurements
    pid, pid_values = text_codes(m["participant_id"])
    people = participant_order(study)
    p_all = lookup(pid_values, people)[pid]
    keep = np.flatnonzero(p_all >= 0)
    comp, comp_values = text_codes(m["compartment"])
    analyte, analyte_values = text_codes(m["analyte"])
    visit, visit_values = text_codes(m["visit"])
    table, s_code = _series_codes(config, comp[keep], comp_values, analyte[keep], analyte_values)
    v_code = lookup(visit_values, config.visit_codes)[visit[keep]]
    n_v = len(config.visit_codes) + 1  # one spare slot: a visit not in study.yml (-1) sorts first, as in lexsort
    key = (s_code * (len(people) + 1) + p_all[keep]) * n_v + (v_code + 1)
    del p_all, v_code
    order = np.argsort(key, kind="stable")  # = np.lexsort((v_code, p_code, s_code)), one key instead of three
    del key
    rows = keep[order]
    del keep
    cens, cens_values = text_codes(m["censoring"])
    unit, unit_values = text_codes(m["unit"])
    codes: RowCodes = {"participant_id": (pid[rows], pid_values), "visit": (visit[rows], visit_values),
                       "compartment": (comp[rows], comp_values), "analyte": (analyte[rows], analyte_values),
                       "unit": (unit[rows], unit_values), "censoring": (cens[rows], cens_values)}
    del pid, visit, comp, analyte, unit, cens  # the full-length codes: freed before millions of texts are built
    floats = {c: m[c].to_numpy(dtype=np.float64)[rows] for c in ("value", "limit", "lod", "ref_low", "ref_high")}
    del rows
    is_cens = {c: lookup(cens_values, [c])[codes["censoring"][0]] == 0 for c in ("observed", "below", "above")}
    rule = config.analysis.below_lod
    if rule not in BELOW_LOD_FACTORS:
        raise ValueError(f"below_lod must be one of {', '.join(BELOW_LOD_RULES)}, got {rule!r}")
    value = _substitute(floats.pop("value"), is_cens["observed"], is_cens["below"], is_cens["above"],
                        floats["limit"], rule)
    del is_cens
    s_sorted = s_code[order]
    del s_code, order
    # each row's series: its position in the series table, through which family and label are coded
    family, label = (s_sorted, list(table["family"])), (s_sorted, list(table["label"]))
    if series:
        codes["family"], codes["label"] = family, label
    return pd.DataFrame({
        "participant_id": text_column(*codes["participant_id"]),
        "visit": text_column(*codes["visit"]),
        "family": text_column(*family),
        "compartment": text_column(*codes["compartment"]),
        "analyte": text_column(*codes["analyte"]),
        "label": text_column(*label),
        "unit": text_column(*codes["unit"]),
        "value": value,
        "censoring": text_column(*codes["censoring"]),
        "limit": floats["limit"],
        "lod": floats["lod"],
        "ref_low": floats["ref_low"],
        "ref_high": floats["ref_high"],
    }, copy=False), codes  # copy=False: no stacking of the float columns into one block (millions of rows)


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
    baseline: int = 0
    """Index of the baseline visit (``analysis.baseline``); earlier visits are not tested."""
    sampled: NDArray[np.bool_] | None = None
    """``(series, visits)``: the visit is a sampling visit of the series' compartment
    (``compartments:`` in study.yml); None = every visit."""
    members: NDArray[np.bool_] | None = None
    """``(series, participants)``: in the analysis set (``analysis.analysis_set``,
    :mod:`alsreport.analysis.sets`); None = every participant."""

    def sampled_at(self, visit: int) -> NDArray[np.bool_]:
        """Per series: ``visit`` (index) is one of its compartment's sampling visits."""
        if self.sampled is None:
            return np.ones(len(self.series), dtype=bool)
        return self.sampled[:, visit]

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


def _sampled(config: StudyConfig, series: tuple[Series, ...], visits: tuple[str, ...]) -> NDArray[np.bool_] | None:
    """Each series' sampling visits (``compartments:``), or None when no compartment declares any."""
    if not any(c.visits is not None for c in config.compartments):
        return None
    return np.array([[v in config.sampled_visits(s.compartment) for v in visits] for s in series], dtype=bool)


def _series_of(table: pd.DataFrame, s_code: NDArray[np.int64], data: pd.DataFrame,
               unit_codes: tuple[NDArray[np.integer], list[str]]) -> tuple[Series, ...]:
    """The :class:`Series` of each row of ``table``: unit of its first row with one, constant limits."""
    n_s = len(table)
    unit_code, unit_values = unit_codes
    has_unit = np.flatnonzero(unit_code >= 0)
    first_s, first_at = np.unique(s_code[has_unit], return_index=True)
    unit = dict(zip(first_s.tolist(), (unit_values[k] for k in unit_code[has_unit[first_at]]), strict=True))
    lo = _constant(data["ref_low"], s_code, n_s)
    hi = _constant(data["ref_high"], s_code, n_s)
    lod = _constant(data["lod"], s_code, n_s)
    return tuple(
        Series(family=str(r.family), compartment=str(r.compartment), analyte=str(r.analyte), label=str(r.label),
               unit=str(unit.get(i, "")), ref_low=float(lo[i]), ref_high=float(hi[i]), lod=float(lod[i]))
        for i, r in enumerate(table.itertuples(index=False))
    )


def _series_of_rows(codes: RowCodes) -> pd.DataFrame:
    """The series table (as :func:`_series_codes` makes it) from the codes of :func:`analysis_data_with_codes`,
    whose rows are sorted by series: each series' compartment and analyte are those of its first row."""
    s_code, families = codes["family"]
    first = np.flatnonzero(np.diff(s_code, prepend=-1))

    def texts(name: str) -> NDArray[np.object_]:
        code, values = codes[name]
        return np.append(np.array(values, dtype=object), None)[code[first]]  # code -1: None, as _series_codes

    return pd.DataFrame({"compartment": texts("compartment"), "analyte": texts("analyte"),
                         "family": list(families), "label": list(codes["label"][1])})


def build_series_array(study: Study, data: pd.DataFrame, codes: RowCodes | None = None) -> SeriesArray:
    """Pivot :func:`build_analysis_data` rows into a :class:`SeriesArray` (vectorised).

    ``codes``: the text codes of ``data`` (:func:`analysis_data_with_codes`); encoded from ``data`` if None.
    """
    def coded(name: str) -> tuple[NDArray[np.integer], list[str]]:
        return codes[name] if codes is not None else text_codes(data[name])

    config = study.config
    people = participant_order(study)
    visits = config.visit_codes
    comp, comp_values = coded("compartment")
    analyte, analyte_values = coded("analyte")
    if codes is not None and "family" in codes and "label" in codes:  # the series of the analysis dataset's build
        table, s_code = _series_of_rows(codes), codes["family"][0]
    else:
        table, s_code = _series_codes(config, comp, comp_values, analyte, analyte_values)
    series = _series_of(table, s_code, data, coded("unit"))  # before the arrays: its work memory is freed by then
    # one flat cell index per row instead of three index arrays (millions of rows: two fewer 8-byte arrays);
    # a code of -1 wraps to the last position, as it did as a negative index
    pid, pid_values = coded("participant_id")
    flat = s_code * len(people) + lookup(pid_values, people)[pid] % len(people)
    del s_code
    visit, visit_values = coded("visit")
    flat *= len(visits)
    flat += lookup(visit_values, visits)[visit] % len(visits)
    shape = (len(table), len(people), len(visits))
    values = np.full(shape, np.nan)
    ref_low = np.full(shape, np.nan)
    ref_high = np.full(shape, np.nan)
    below = np.zeros(shape, dtype=bool)
    above = np.zeros(shape, dtype=bool)
    recorded = np.zeros(shape, dtype=bool)
    value = data["value"].to_numpy(dtype=np.float64)
    cens, cens_values = coded("censoring")
    present = ~np.isnan(value)
    values.reshape(-1)[flat] = value  # reshape of a new C-contiguous array: a view
    ref_low.reshape(-1)[flat] = data["ref_low"].to_numpy(dtype=np.float64)
    ref_high.reshape(-1)[flat] = data["ref_high"].to_numpy(dtype=np.float64)
    below.reshape(-1)[flat] = (lookup(cens_values, ["below"])[cens] == 0) & present
    above.reshape(-1)[flat] = (lookup(cens_values, ["above"])[cens] == 0) & present
    recorded.reshape(-1)[flat] = True
    return SeriesArray(series=series, participants=people, visits=visits, values=values, below=below,
                       above=above, ref_low=ref_low, ref_high=ref_high, recorded=recorded,
                       baseline=config.baseline_index, sampled=_sampled(config, series, visits))
