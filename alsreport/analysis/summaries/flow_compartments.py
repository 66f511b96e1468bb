"""The CONSORT analysis boxes per compartment and the samples at each visit (CONSORT 2025 item 26).

For each compartment (CSF, serum, blood …, in the order of the data):

* **samples per visit**: enrolled participants with a sample at each of the compartment's
  sampling visits. A participant has a sample when at least one of the compartment's
  analytes has a value there (a value below the limit of detection counts, also when
  ``below_lod: exclude`` leaves it out of the tests); a measurement row with an empty value
  is no sample. The others are *missing*, with the reason ``discontinued`` (the participant
  stopped the study, ``completed = no``, and has no sample of this compartment at this or
  any later visit), for CSF at a visit whose intrathecal (IT) dose was not given the dose's
  ``reason_not_given`` (CSF is taken at the lumbar puncture of the IT injection, e.g. ``Lumbar
  puncture unsuccessful``), or else ``no sample``;
* **analysed at the primary visit**: participants with a sample at both visits of the
  contrast of the primary endpoint (``analysis.primary``, else the final contrast; a
  compartment not sampled at that visit uses its last sampling visit), with the reasons
  of the others (``discontinued before Month 3``, ``no sample at Month 1``, for CSF with the IT dose's
  reason: ``no sample at Month 3: Lumbar puncture unsuccessful``; ``died before Month 3`` for a
  participant who stopped the study and died, :func:`died`: a death is no discontinuation a reader may
  take for a missing sample, reader 11b's item 1);
* with ``below_lod: exclude``: per analyte, analysed participants whose value at either
  visit was below the limit of detection, so left out of that analyte's test.

With ``analysis.analysis_set`` other than ``all`` (:mod:`alsreport.analysis.sets`), ``arr`` holds
only the set's values: participants outside the set are counted as missing with the reason
``not in the completers set`` (per visit) or ``not in the completers set: <why>`` (analysis box).

Counts only: the words around them are the presentation's (:mod:`alsreport.present`).
"""

from __future__ import annotations

import re

import numpy as np

from alsreport.analysis.dataset import SeriesArray
from alsreport.analysis import samples
from alsreport.results.model import AnalysisSetFlow, CompartmentFlow, ReasonCount, VisitSamples
from alsreport.study.model import Study

__all__ = ["DIED", "DISCONTINUED", "NO_SAMPLE", "compartment_flows", "died", "it_not_given", "stopped_study"]

#: Reason of a missing sample: the participant had stopped the study.
DISCONTINUED = "discontinued"
#: Reason in the analysis boxes for a participant who stopped the study because they died.
DIED = "died"
#: A ``discontinuation_reason`` that records a death (``Died``, ``death``, ``Deceased …``).
_DEATH_REASON = re.compile(r"^\s*(died|death|deceased|dead)\b", re.IGNORECASE)
#: Reason of a missing sample otherwise.
NO_SAMPLE = "no sample"
#: The compartment sampled at the lumbar puncture of an intrathecal injection.
_PUNCTURE_COMPARTMENT = "CSF"


def _reasons(reason_by_person: dict[str, str]) -> tuple[ReasonCount, ...]:
    """Participants grouped by reason: count descending, then reason text; participants in data order."""
    groups: dict[str, list[str]] = {}
    for person, reason in reason_by_person.items():
        groups.setdefault(reason, []).append(person)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return tuple(ReasonCount(reason=r, n=len(p), participants=tuple(p)) for r, p in ordered)


def stopped_study(study: Study, arr: SeriesArray) -> np.ndarray:
    """Per participant of ``arr``: discontinued the study (``completed = no``)."""
    part = study.participants.set_index(study.participants["participant_id"].astype(str))
    completed = part["completed"].reindex(list(arr.participants))
    return completed.eq(False).fillna(False).to_numpy(dtype=bool)


def died(study: Study) -> tuple[str, ...]:
    """Enrolled participants who stopped the study (``completed = no``) and died, in participants.csv order: an
    adverse event of grade 5 or with outcome ``fatal`` (the safety summaries' deaths), or a
    ``discontinuation_reason`` that says so (``Died``)."""
    part = study.participants
    part = part[part["enrolled"] & part["completed"].eq(False).fillna(False).astype(bool)]
    ae = study.adverse_events
    fatal = ae["grade"].eq(5).fillna(False).astype(bool) | ae["outcome"].eq("fatal").fillna(False).astype(bool)
    dead = set(ae.loc[fatal, "participant_id"].astype(str))
    reason = part["discontinuation_reason"].astype("string").fillna("")
    said = reason.map(lambda r: bool(_DEATH_REASON.match(str(r)))).astype(bool)
    ids = part["participant_id"].astype(str)
    return tuple(p for p, s in zip(ids, said, strict=True) if s or p in dead)


def it_not_given(study: Study) -> dict[tuple[str, str], str]:
    """(participant, visit) → ``reason_not_given`` of the intrathecal doses not given (``No reason recorded``
    when empty): no CSF is expected at that visit, as it is taken at the same lumbar puncture."""
    inf = study.infusions
    skipped = inf[inf["route"].astype(str).eq("IT") & ~inf["given"].astype(bool)]
    reasons = skipped["reason_not_given"].astype("string").fillna("").str.strip()
    return {(str(p), str(v)): (r or "No reason recorded")
            for p, v, r in zip(skipped["participant_id"], skipped["visit"], reasons, strict=True)}


def _primary_visits(study: Study, sampled: list[int]) -> tuple[int, int] | None:
    """(baseline, later) visit indices of the primary contrast within the ``sampled`` visits."""
    cfg = study.config
    p = cfg.analysis.primary
    contrast = (p.contrast if p is not None else None) or cfg.final_contrast
    later_code, base_code = contrast.split("-")
    codes = cfg.visit_codes
    base, later = codes.index(base_code), codes.index(later_code)
    if base not in sampled:
        return None
    if later not in sampled:
        after = [v for v in sampled if v > base]
        if not after:
            return None
        later = after[-1]
    return base, later


def _outside(arr: SeriesArray, rows: np.ndarray, analysis_set: AnalysisSetFlow | None,
             compartment: str) -> dict[str, str]:
    """Participants outside the analysis set in ``compartment`` → ``not in the completers set: <why>``."""
    if analysis_set is None or arr.members is None:
        return {}
    label = analysis_set.name.replace("_", "-")
    why = {p: r.reason for c in analysis_set.by_compartment if c.compartment == compartment
           for r in c.left_out for p in r.participants}
    out = {}
    for i in np.flatnonzero(~arr.members[rows[0]]):
        person = arr.participants[i]
        out[person] = f"not in the {label} set" + (f": {why[person]}" if person in why else "")
    return out


def compartment_flows(study: Study, arr: SeriesArray,
                      analysis_set: AnalysisSetFlow | None = None) -> tuple[CompartmentFlow, ...]:
    """The analysis box and the samples per visit of every compartment of ``arr`` (see the module)."""
    below_excluded = samples.below_excluded(study, arr)
    has_value = ~np.isnan(arr.values) | below_excluded            # series × participants × visits
    stopped = stopped_study(study, arr)
    dead = set(died(study))
    punctures = it_not_given(study)
    comps = np.array([s.compartment for s in arr.series], dtype=object)
    out: list[CompartmentFlow] = []
    for comp in dict.fromkeys(comps):
        rows = np.flatnonzero(comps == comp)
        outside = _outside(arr, rows, analysis_set, str(comp))
        sampled_visits = [v for v in range(len(arr.visits)) if arr.sampled_at(v)[rows[0]]]
        sample = has_value[rows].any(axis=0)                      # participants × visits
        # no sample of this compartment at this visit or any later one, and stopped the study
        gone = stopped[:, None] & ~np.flip(np.logical_or.accumulate(np.flip(sample, axis=1), axis=1), axis=1)
        why = punctures if comp == _PUNCTURE_COMPARTMENT else {}
        visits = tuple(_visit_samples(arr, v, sample[:, v], gone[:, v], outside, why) for v in sampled_visits)
        pair = _primary_visits(study, sampled_visits)
        if pair is None:
            continue
        out.append(_analysis_box(study, arr, str(comp), rows, pair, sample, gone, below_excluded, visits, outside,
                                 dead, why))
    return tuple(out)


def _visit_samples(arr: SeriesArray, v: int, sample: np.ndarray, gone: np.ndarray,
                   outside: dict[str, str], why: dict[tuple[str, str], str]) -> VisitSamples:
    visit = arr.visits[v]
    reasons = {p: (outside[p].split(":")[0] if p in outside else DISCONTINUED if gone[i]
                   else why.get((p, visit), NO_SAMPLE))
               for i, p in enumerate(arr.participants) if not sample[i]}
    return VisitSamples(visit=arr.visits[v], n=int(sample.sum()), n_missing=int((~sample).sum()),
                        missing=_reasons(reasons))


def _analysis_box(study: Study, arr: SeriesArray, comp: str, rows: np.ndarray, pair: tuple[int, int],
                  sample: np.ndarray, gone: np.ndarray, below_excluded: np.ndarray,
                  visits: tuple[VisitSamples, ...], outside: dict[str, str], dead: set[str],
                  why: dict[tuple[str, str], str]) -> CompartmentFlow:
    base, later = pair
    label = study.config.visit_label
    both = sample[:, base] & sample[:, later]
    reasons: dict[str, str] = {}
    for i, person in enumerate(arr.participants):
        if both[i]:
            continue
        if person in outside:
            reasons[person] = outside[person]
            continue
        if gone[i, later] and sample[i, base]:
            reasons[person] = f"{DIED if person in dead else DISCONTINUED} before {label(arr.visits[later])}"
            continue
        missed = [v for v in (base, later) if not sample[i, v]]
        because = list(dict.fromkeys(why[(person, arr.visits[v])] for v in missed if (person, arr.visits[v]) in why))
        reasons[person] = (f"{NO_SAMPLE} at " + " and ".join(label(arr.visits[v]) for v in missed)
                           + (": " + "; ".join(because) if because else ""))
    excluded: list[ReasonCount] = []
    for r in rows:
        lod_out = both & (below_excluded[r][:, [base, later]].any(axis=1))
        if lod_out.any():
            excluded.append(ReasonCount(reason=arr.series[r].label, n=int(lod_out.sum()),
                                        participants=tuple(p for p, x in zip(arr.participants, lod_out,
                                                                               strict=True) if x)))
    contrast = f"{arr.visits[later]}-{arr.visits[base]}"
    return CompartmentFlow(compartment=comp, contrast=contrast, analysed=int(both.sum()),
                           not_analysed=_reasons(reasons), below_lod_excluded=tuple(excluded), visits=visits)
