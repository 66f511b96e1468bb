"""CONSORT participant flow derived from the data (single arm).

Boxes (CONSORT 2010, items 13a/13b; Schulz, Altman & Moher, *BMJ* 2010;340:c332):

* assessed for eligibility: every row of participants.csv;
* excluded (``enrolled = no``), by ``exclusion_reason``: those not eligible (``eligible = no``) first, then the
  eligible, then those whose eligibility is not recorded;
* enrolled;
* infusion *k* received (at least one route given), with the reasons of those who
  had received infusion *k − 1* (all enrolled for *k* = 1) but not infusion *k*:
  the infusion's ``reason_not_given``, else the ``discontinuation_reason``, else
  "no infusion record";
* discontinued (``completed = no``), by the last infusion received before stopping
  (its position in the schedule; the number received unless one was missed) and by
  ``discontinuation_reason``; they are not also counted as not receiving the next infusion;
* resumed: participants who received an infusion without the previous one;
* completed (``completed = yes``);
* analysed: participants with values at both the baseline and the later visit of
  the primary endpoint (``analysis.primary``; otherwise the first immunological CSF
  series, else the first series), i.e. the ``n`` of its Wilcoxon test; the others
  are listed with the reason (e.g. "no CSF sample at Month 3"; "discontinued before Month 12" for a
  participant who stopped the study, ``completed = no``, with no sample at that visit or later; "died before
  Month 12" when that participant died, :func:`~alsreport.analysis.summaries.flow_compartments.died`).

Reasons are sorted by count (descending), then text. :func:`check_flow` guards the
arithmetic and raises :class:`~alsreport.errors.AlsreportError` naming the
participants when the data contradict themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from alsreport.analysis.dataset import SeriesArray
from alsreport.errors import AlsreportError
from alsreport.results.model import AnalysisSetFlow, ConsortFlow, Discontinuation, ExclusionReason, InfusionStage, ReasonCount
from alsreport.study.model import Study
from alsreport.analysis.summaries.exposure import infusion_visits, received_infusions
from alsreport.analysis.summaries.flow_compartments import DIED, DISCONTINUED, compartment_flows, died, stopped_study as _stopped

__all__ = ["NO_RECORD", "NOT_RECORDED", "primary_endpoint", "consort_flow", "check_flow", "flow_warnings"]

NO_RECORD = "no infusion record"
NOT_RECORDED = "reason not recorded"


def _reasons(reason_by_person: pd.Series) -> tuple[ReasonCount, ...]:
    """Group participants by reason: count descending, then reason text; participants in data order."""
    groups: dict[str, list[str]] = {}
    for person, reason in reason_by_person.items():
        groups.setdefault(str(reason), []).append(str(person))
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return tuple(ReasonCount(reason=r, n=len(p), participants=tuple(p)) for r, p in ordered)


def _excluded_reasons(not_enrolled: pd.DataFrame) -> tuple[ExclusionReason, ...]:
    """The reasons of those not enrolled, by eligibility (no, yes, not recorded), each group by count."""
    reason = pd.Series(_text(not_enrolled["exclusion_reason"], NOT_RECORDED).to_numpy(),
                       index=not_enrolled["participant_id"].astype(str))
    eligible = pd.Series(not_enrolled["eligible"].to_numpy(dtype=object), index=reason.index)
    out: list[ExclusionReason] = []
    for flag in (False, True, None):
        who = eligible.isna() if flag is None else eligible.eq(flag).fillna(False).astype(bool)
        out += [ExclusionReason(r.reason, r.n, r.participants, eligible=flag) for r in _reasons(reason[who.to_numpy()])]
    return tuple(out)


def _text(values: pd.Series, fallback: str) -> pd.Series:
    out = values.astype(object).where(values.notna(), fallback)
    return out.map(lambda s: str(s).strip() or fallback)


def primary_endpoint(study: Study, arr: SeriesArray) -> tuple[int | None, str]:
    """Row of the endpoint series in ``arr`` (None if it has no measurements) and its contrast."""
    config = study.config
    p = config.analysis.primary
    contrast = (p.contrast if p is not None else None) or config.final_contrast
    if p is not None:
        try:
            return arr.index(p.analyte, p.compartment), contrast
        except KeyError:
            return None, contrast
    for i, s in enumerate(arr.series):
        if s.family == "immunological" and s.compartment == "CSF":
            return i, contrast
    return (0 if arr.series else None), contrast


def _visit_label(study: Study, code: str) -> str:
    return study.config.visit(code).label


def _not_analysed(study: Study, arr: SeriesArray, row: int, visits: tuple[int, int]) -> pd.Series:
    """Reason per enrolled participant without both values (index: participant)."""
    s = arr.series[row]
    vals = arr.values[row]
    comp = arr.compartments == s.compartment
    sample = arr.recorded[comp].any(axis=0)  # participants × visits: any row in that compartment
    below_excluded = arr.recorded[row] & np.isnan(vals)
    cens = _censoring(study, s.compartment, s.analyte)
    # stopped the study and no sample of the compartment at this visit or any later one
    gone = _stopped(study, arr)[:, None] & ~np.flip(np.logical_or.accumulate(np.flip(sample, axis=1), axis=1), axis=1)
    dead = set(died(study))
    reasons: dict[str, str] = {}
    for p_idx, person in enumerate(arr.participants):
        parts: list[str] = []
        for v in visits:
            if not np.isnan(vals[p_idx, v]):
                continue
            label = _visit_label(study, arr.visits[v])
            if gone[p_idx, v] and sample[p_idx, :v].any():
                parts.append(f"{DIED if person in dead else DISCONTINUED} before {label}")
            elif not sample[p_idx, v]:
                parts.append(f"no {s.compartment} sample at {label}")
            elif below_excluded[p_idx, v] and cens.get((person, arr.visits[v])) == "below":
                parts.append(f"{s.label} below the limit of detection at {label} (excluded)")
            else:
                parts.append(f"no {s.label} value at {label}")
        if parts:
            reasons[person] = "; ".join(parts)
    return pd.Series(reasons, dtype=object)


def _censoring(study: Study, compartment: str, analyte: str) -> dict[tuple[str, str], str]:
    m = study.measurements
    m = m[(m["compartment"] == compartment) & (m["analyte"] == analyte)]
    return {(str(p), str(v)): str(c) for p, v, c in zip(m["participant_id"], m["visit"], m["censoring"], strict=True)}


def _names(people: Iterable[object]) -> str:
    return ", ".join(str(p) for p in people)


def check_flow(flow: ConsortFlow, study: Study) -> None:
    """Raise :class:`AlsreportError` (naming participants) if the flow counts contradict each other."""
    part = study.participants
    problems: list[str] = []
    if flow.enrolled != flow.assessed - flow.excluded:
        problems.append(f"enrolled ({flow.enrolled}) is not assessed ({flow.assessed}) minus excluded "
                        f"({flow.excluded})")
    enrolled = part[part["enrolled"]]
    unknown = enrolled.loc[enrolled["completed"].isna(), "participant_id"]
    if flow.completed + flow.n_discontinued != flow.enrolled or len(unknown):
        problems.append(f"completed ({flow.completed}) + discontinued ({flow.n_discontinued}) is not enrolled "
                        f"({flow.enrolled}); completed is neither yes nor no for: {_names(unknown) or 'nobody'}")
    # Each stage: the previous count, minus who missed it or stopped before it, plus who came back.
    previous = flow.enrolled
    for k, stage in enumerate(flow.infusions):
        missed = sum(r.n for r in stage.not_received)
        stopped_here = sum(d.n for d in flow.discontinued if d.after_infusion == k)
        expected = previous - missed - stopped_here + len(stage.resumed)
        if stage.n_received != expected:
            problems.append(
                f"infusion {stage.infusion_no} was received by {stage.n_received}, but {previous} "
                f"{'were enrolled' if k == 0 else 'received the previous infusion'}, {missed} missed it, "
                f"{stopped_here} stopped before it and {len(stage.resumed)} resumed "
                f"({_names(stage.resumed) or 'nobody'}); check the given and completed columns")
        previous = stage.n_received
    if flow.analysed > flow.enrolled:
        problems.append(f"analysed ({flow.analysed}) exceeds enrolled ({flow.enrolled})")
    if problems:
        raise AlsreportError("the participant flow does not add up: " + "; ".join(problems)
                             + ". Correct participants.csv / infusions.csv.")


def _outside_set(arr: SeriesArray, row: int, analysis_set: AnalysisSetFlow | None,
                 reasons: pd.Series) -> pd.Series:
    """``reasons`` with the participants outside the analysis set given the set's reason instead."""
    if analysis_set is None or arr.members is None:
        return reasons
    compartment = arr.series[row].compartment
    left = {p: r.reason for c in analysis_set.by_compartment if c.compartment == compartment
            for r in c.left_out for p in r.participants}
    label = analysis_set.name.replace("_", "-")
    out = reasons.copy()
    for person, why in left.items():
        out[person] = f"not in the {label} set: {why}"
    return out


def consort_flow(study: Study, arr: SeriesArray, analysis_set: AnalysisSetFlow | None = None) -> ConsortFlow:
    """The CONSORT flow of ``study``; ``arr`` supplies the primary endpoint's values (within the analysis set,
    whose counts ``analysis_set`` gives)."""
    part = study.participants
    ids = part["participant_id"].astype(str)
    not_enrolled = part[~part["enrolled"]]
    enrolled = part[part["enrolled"]].set_index("participant_id")
    excluded = _excluded_reasons(not_enrolled)

    received = received_infusions(study)
    inf = study.infusions
    first_reason = (inf[~inf["given"] & inf["reason_not_given"].notna()]
                    .groupby(["participant_id", "infusion_no"], sort=False)["reason_not_given"].first())
    completed = enrolled["completed"]
    stopped = completed.eq(False).fillna(False).astype(bool)
    disc_reason = _text(enrolled["discontinuation_reason"], NOT_RECORDED)
    visit_of = infusion_visits(study)
    stages: list[InfusionStage] = []
    # Position (1-based) of the last infusion each participant received; 0 = none.
    positions = np.arange(1, received.shape[1] + 1)
    last = pd.Series((received.to_numpy(dtype=bool) * positions).max(axis=1, initial=0), index=received.index)
    for k, no in enumerate(received.columns):
        got = received[no]
        before = received[received.columns[k - 1]] if k else pd.Series(True, index=received.index)
        # who stopped the study after their k-th infusion is counted once, as discontinued, not also here
        stopped_here = stopped & last.eq(k)
        lost = received.index[before & ~got & ~stopped_here]
        reasons = pd.Series({
            p: first_reason.get((p, no), disc_reason[p] if stopped[p] else NO_RECORD) for p in lost
        }, dtype=object)
        resumed = tuple(str(p) for p in received.index[got & ~before])
        stages.append(InfusionStage(infusion_no=int(no), visit=visit_of.get(int(no), ""),
                                    n_received=int(got.sum()), not_received=_reasons(reasons), resumed=resumed))
    disc = pd.DataFrame({"after": last[stopped[stopped].index].astype(int),
                         "reason": disc_reason[stopped[stopped].index]})
    discontinued: list[Discontinuation] = []
    for (after, reason), grp in disc.groupby(["after", "reason"], sort=False):
        discontinued.append(Discontinuation(after_infusion=int(after), reason=str(reason), n=len(grp),
                                            participants=tuple(str(p) for p in grp.index)))
    discontinued.sort(key=lambda d: (d.after_infusion, -d.n, d.reason))

    row, contrast = primary_endpoint(study, arr)
    if row is None:
        p = study.config.analysis.primary
        analyte, compartment, series_label = (p.analyte, p.compartment, f"{p.compartment} "
                                              f"{study.config.analyte(p.analyte).display}") if p else ("", "", "")
        analysed, not_analysed = 0, _reasons(pd.Series({q: f"no {series_label} values" for q in arr.participants},
                                                       dtype=object))
    else:
        s = arr.series[row]
        analyte, compartment, series_label = s.analyte, s.compartment, f"{s.compartment} {s.label}"
        later = arr.visits.index(contrast.split("-")[0])
        both = ~np.isnan(arr.values[row][:, [arr.baseline, later]]).any(axis=1)
        analysed = int(both.sum())
        missing = _not_analysed(study, arr, row, (arr.baseline, later))
        not_analysed = _reasons(_outside_set(arr, row, analysis_set, missing))

    flow = ConsortFlow(
        assessed=len(ids), excluded=len(not_enrolled), excluded_reasons=excluded, enrolled=len(enrolled),
        infusions=tuple(stages), discontinued=tuple(discontinued),
        completed=int(completed.eq(True).fillna(False).astype(bool).sum()),
        analysed=analysed, analysed_series=series_label, analysed_contrast=contrast,
        not_analysed=not_analysed, analysed_analyte=analyte, analysed_compartment=compartment,
        analysis_set=analysis_set,
        compartments=compartment_flows(study, arr, analysis_set),
        died=died(study),
    )
    check_flow(flow, study)
    return flow


def flow_warnings(study: Study) -> tuple[str, ...]:
    """Remarks that do not stop the analysis: infusions received after a missed one."""
    received = received_infusions(study)
    out: list[str] = []
    cols = list(received.columns)
    for k in range(1, len(cols)):
        back = received.index[received[cols[k]] & ~received[cols[k - 1]]]
        if len(back):
            out.append(f"{_names(back)} received infusion {cols[k]} without infusion {cols[k - 1]}; the CONSORT "
                       f"flow counts them at each infusion they received")
    return tuple(out)

