"""``analysis.analysis_set``: the participants the biomarker statistics use, decided in this one place.

``all`` (default)
    every enrolled participant: each test uses the available pairs (today's behaviour).
``completers``
    per compartment, the participants with a sample (a value of at least one of the
    compartment's analytes: :mod:`alsreport.analysis.samples`, the rule of the flow and the
    tables' n) at every planned visit of the compartment: the baseline and every later
    visit it is sampled at (``compartments:``; default every visit). Someone who missed a
    CSF visit is left out of every CSF series but stays in the serum series.
``per_protocol``
    the participants who received every planned infusion by every planned route (each
    ``infusion_no`` x ``route`` of infusions.csv given), whatever the compartment; a missed
    intrathecal dose is a deviation even when the intravenous one was given.

:func:`apply_analysis_set` marks the analysis dataset (column ``analysis_set``, only when a
set other than ``all`` is chosen), masks the values of everyone outside the set in the
:class:`~alsreport.analysis.dataset.SeriesArray` the tests and descriptives use, and
counts, per compartment, who is in the set and who is left out and why (the flow).
Safety summaries (shifts, out-of-range values, DSMB) keep every enrolled participant.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from alsreport.analysis import samples
from alsreport.analysis.dataset import SeriesArray
from alsreport.results.model import AnalysisSetFlow, ReasonCount, SetCount
from alsreport.study.config import StudyConfig
from alsreport.study.config_analysis import ANALYSIS_SETS
from alsreport.study.model import Study

__all__ = ["SET_COLUMN", "SET_LABELS", "apply_analysis_set", "planned_visits", "set_membership"]

#: Column of the analysis dataset (analysis_data.csv) that marks the rows in the set.
SET_COLUMN = "analysis_set"

#: How the Methods and tables name each set.
SET_LABELS = {"all": "all available pairs", "completers": "completers", "per_protocol": "per-protocol set"}


def _compartments(arr: SeriesArray) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.compartment for s in arr.series))


def planned_visits(config: StudyConfig, compartment: str) -> list[str]:
    """The visits a completer of ``compartment`` has: the baseline and every later visit it is sampled at."""
    tested = config.tested_visit_codes
    return [v for v in config.sampled_visits(compartment) if v in tested]


def _completers(study: Study, arr: SeriesArray, compartment: str) -> tuple[NDArray[np.bool_], dict[str, str]]:
    visits = planned_visits(study.config, compartment)
    cols = [arr.visits.index(v) for v in visits]
    # a sample = a value (samples.has_value: the rule of the flow and the tables' n), not merely a row
    sampled = samples.has_value(study, arr)[arr.compartments == compartment][:, :, cols].any(axis=0)
    reasons = {}
    for p in np.flatnonzero(~sampled.all(axis=1)):
        missing = [study.config.visit(visits[j]).label for j in np.flatnonzero(~sampled[p])]
        reasons[arr.participants[p]] = f"no {compartment} sample at {', '.join(missing)}"
    return sampled.all(axis=1), reasons


def _per_protocol(study: Study, arr: SeriesArray) -> tuple[NDArray[np.bool_], dict[str, str]]:
    """Every planned administration (each infusion_no x route of infusions.csv) given."""
    inf = study.infusions
    inf = inf[inf["participant_id"].astype(str).isin(arr.participants)]
    given = (inf.assign(participant_id=inf["participant_id"].astype(str))
             .groupby(["participant_id", "infusion_no", "route"])["given"].any().unstack(["infusion_no", "route"]))
    given = given.reindex(index=list(arr.participants)).sort_index(axis=1).fillna(False).astype(bool)
    why = (inf[~inf["given"] & inf["reason_not_given"].notna()]
           .groupby(["participant_id", "infusion_no", "route"], sort=False)["reason_not_given"].first())
    part = study.participants.set_index(study.participants["participant_id"].astype(str))
    reasons = {}
    for person, row in given.iterrows():
        missed = [(int(no), str(route)) for no, route in given.columns[~row.to_numpy(dtype=bool)]]
        if not missed:
            continue
        text = "did not receive " + ", ".join(f"infusion {no} {route}" for no, route in missed)
        detail = why.get((person, *missed[0]))
        completed = part.at[person, "completed"]
        if detail is None and pd.notna(completed) and not completed:
            stopped = part.at[person, "discontinuation_reason"]
            detail = f"discontinued: {stopped}" if isinstance(stopped, str) and stopped.strip() else "discontinued"
        reasons[str(person)] = text + (f" ({detail})" if detail else "")
    members = given.all(axis=1).to_numpy(dtype=bool) if given.shape[1] else np.zeros(len(given), dtype=bool)
    return members, reasons


def _reasons(reasons: dict[str, str]) -> tuple[ReasonCount, ...]:
    groups: dict[str, list[str]] = {}
    for person, reason in reasons.items():
        groups.setdefault(reason, []).append(person)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return tuple(ReasonCount(reason=r, n=len(p), participants=tuple(p)) for r, p in ordered)


def set_membership(study: Study, arr: SeriesArray) -> tuple[NDArray[np.bool_], AnalysisSetFlow]:
    """``(series, participants)``: in the analysis set; and the per-compartment counts for the flow."""
    name = study.config.analysis.analysis_set
    if name not in ANALYSIS_SETS:
        raise ValueError(f"analysis_set must be one of {', '.join(ANALYSIS_SETS)}, got {name!r}")
    n_p = len(arr.participants)
    by_comp: dict[str, tuple[NDArray[np.bool_], dict[str, str]]] = {}
    pp = _per_protocol(study, arr) if name == "per_protocol" else None
    for c in _compartments(arr):
        if name == "completers":
            by_comp[c] = _completers(study, arr, c)
        else:
            by_comp[c] = pp if pp is not None else (np.ones(n_p, dtype=bool), {})
    members = np.array([by_comp[s.compartment][0] for s in arr.series], dtype=bool).reshape(len(arr.series), n_p)
    flow = AnalysisSetFlow(name=name, by_compartment=tuple(
        SetCount(compartment=c, n_in_set=int(m.sum()), left_out=_reasons(r)) for c, (m, r) in by_comp.items()))
    return members, flow


def _restrict(arr: SeriesArray, members: NDArray[np.bool_]) -> SeriesArray:
    keep = members[:, :, None]
    return dataclasses.replace(
        arr, values=np.where(keep, arr.values, np.nan), below=arr.below & keep, above=arr.above & keep,
        ref_low=np.where(keep, arr.ref_low, np.nan), ref_high=np.where(keep, arr.ref_high, np.nan),
        recorded=arr.recorded & keep, members=members)


def _mark(data: pd.DataFrame, arr: SeriesArray, members: NDArray[np.bool_]) -> pd.DataFrame:
    """``data`` with the boolean column :data:`SET_COLUMN` (vectorised look-up of each row's membership)."""
    series = {(s.compartment, s.analyte): i for i, s in enumerate(arr.series)}
    s_idx = pd.MultiIndex.from_tuples(list(series)).get_indexer(
        pd.MultiIndex.from_arrays([data["compartment"].astype(object), data["analyte"].astype(object)]))
    p_idx = pd.Index(arr.participants).get_indexer(data["participant_id"].astype(object))
    inside = np.zeros(len(data), dtype=bool)
    ok = (s_idx >= 0) & (p_idx >= 0)
    inside[ok] = members[s_idx[ok], p_idx[ok]]
    return data.assign(**{SET_COLUMN: inside})


def apply_analysis_set(study: Study, data: pd.DataFrame,
                       arr: SeriesArray) -> tuple[pd.DataFrame, SeriesArray, AnalysisSetFlow]:
    """The analysis dataset marked, the array restricted to the set, and the set's counts.

    With ``all`` the dataset and the array are returned unchanged (no column is added).
    """
    members, flow = set_membership(study, arr)
    if flow.name == "all":
        return data, arr, flow
    return _mark(data, arr, members), _restrict(arr, members), flow
