"""Adverse-event summaries for the safety report (CONSORT Harms 2022; counted as CDISC/pharmaverse TLFs).

The denominator is the number of enrolled participants, except ``by_infusion``,
whose denominator is the number of participants who received that infusion (at
least one route given; events not linked to an infusion use the enrolled count).
``n_events`` counts events; ``n_participants`` counts participants with at least
one such event, **once per row** (see :mod:`alsreport.analysis.summaries.harms`):
by grade at their worst grade, by relatedness at their strongest relatedness, so
that the grades (and the relatedness levels) of a row add up to its participants.
``percent = n_participants / denominator * 100``, with the exact (Clopper–Pearson)
interval of the proportion, as R's ``binom.test``, at ``analysis.conf_level``.

*Related* means relatedness possible, probable or definite
(:data:`alsreport.study.contract.RELATED_LEVELS`); a *death* is an event of grade 5 or
with outcome ``fatal``; *leading to discontinuation* means ``action_taken`` treatment
discontinued or withdrawn from study, or a death of a participant who did not complete the study
(``completed = no``): a death ends participation, so the fatal event led to the discontinuation
whatever action is recorded (CONSORT Harms 2022 counts withdrawals due to harms). Grades,
relatedness levels and infusions are listed in full, zero counts included; SOCs by participants, then events
(descending), then name; terms within their SOC in the same way. Listings are
sorted by participant (participants.csv order), infusion, onset day (unknown
last), then file order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.analysis.codes import isin_texts
from alsreport.analysis.summaries.exposure import received_infusions
from alsreport.analysis.summaries.harms import FLAGS, event_counts, group_counts, overview_counts
from alsreport.results.model import AdverseEvent, EventCount, SafetySummary
from alsreport.study.contract import AE_GRADES, DISCONTINUING_ACTIONS, RELATED_LEVELS, RELATEDNESS
from alsreport.study.model import Study

__all__ = ["NOT_LINKED", "NOT_RECORDED", "safety_summary", "prepare_events"]

NOT_LINKED = "not linked"
NOT_RECORDED = "not recorded"


def _opt(x: object) -> object:
    return None if x is None or (not isinstance(x, str) and pd.isna(x)) else x  # type: ignore[arg-type]


def _events(ae: pd.DataFrame) -> tuple[AdverseEvent, ...]:
    def opt_int(x: object) -> int | None:
        return None if pd.isna(x) else int(x)  # type: ignore[arg-type]

    def opt_str(x: object) -> str | None:
        v = _opt(x)
        return None if v is None else str(v)

    def opt_date(x: object) -> str | None:
        return None if x is None or pd.isna(x) else pd.Timestamp(x).date().isoformat()  # type: ignore[arg-type]

    return tuple(
        AdverseEvent(participant_id=str(r.participant_id), term=str(r.term),
                     system_organ_class=str(r.system_organ_class), grade=int(r.grade), serious=bool(r.serious),
                     relatedness=str(r.relatedness), related=bool(r.related), infusion_no=opt_int(r.infusion_no),
                     onset_day=opt_int(r.onset_day), outcome=opt_str(r.outcome),
                     attribution=opt_str(r.attribution), procedure=opt_str(r.procedure),
                     action_taken=opt_str(r.action_taken), leading_to_discontinuation=bool(r.discontinuation),
                     onset_date=opt_date(r.onset_date), resolution_date=opt_date(r.resolution_date),
                     seriousness=opt_str(r.seriousness))
        for r in ae.itertuples(index=False))


def _stopped(study: Study, people: pd.Series) -> np.ndarray:
    """Per event: its participant did not complete the study (``completed = no``)."""
    part = study.participants
    completed = pd.Series(part["completed"].to_numpy(), index=part["participant_id"].astype(str))
    completed = completed[~completed.index.duplicated()]
    return completed.reindex(people.astype(str).to_numpy()).eq(False).fillna(False).to_numpy(dtype=bool)


def prepare_events(study: Study) -> tuple[pd.DataFrame, pd.Index]:
    """The adverse events of enrolled participants with the derived flags, in listing order."""
    ids = pd.Index(study.enrolled["participant_id"].astype(str))
    ae = study.adverse_events
    ae = ae[isin_texts(ae["participant_id"], ids)].copy()
    for c in ("attribution", "procedure", "action_taken", "seriousness"):
        if c not in ae.columns:
            ae[c] = pd.Series([pd.NA] * len(ae), dtype="str", index=ae.index)
    for c in ("onset_date", "resolution_date"):
        if c not in ae.columns:
            ae[c] = pd.Series(pd.NaT, index=ae.index, dtype="datetime64[ns]")
    ae["related"] = ae["relatedness"].isin(RELATED_LEVELS).to_numpy(dtype=bool)
    ae["death"] = ((ae["grade"] == 5) | ae["outcome"].eq("fatal").fillna(False)).to_numpy(dtype=bool)
    stopped = _stopped(study, ae["participant_id"])
    ae["discontinuation"] = (ae["action_taken"].isin(DISCONTINUING_ACTIONS).to_numpy(dtype=bool)
                             | (ae["death"].to_numpy(dtype=bool) & stopped))
    ae["_p"] = ids.get_indexer(ae["participant_id"])
    ae["_i"] = ae["infusion_no"].astype("Float64").fillna(np.inf).to_numpy(dtype=np.float64)
    ae["_d"] = ae["onset_day"].astype("Float64").fillna(np.inf).to_numpy(dtype=np.float64)
    ae["_r"] = np.arange(len(ae))
    return ae.sort_values(["_p", "_i", "_d", "_r"], kind="stable"), ids


def _ranked(counts: pd.DataFrame, name: str, within: dict[str, int] | None = None) -> pd.DataFrame:
    order = counts.assign(_n=-counts["n_participants"], _e=-counts["n_events"])
    keys = ["_n", "_e", name]
    if within is not None:
        order["_s"] = order["system_organ_class"].map(within)
        keys = ["_s", *keys]
    return order.sort_values(keys, kind="stable").reset_index(drop=True)


def _events_by(ae: pd.DataFrame, keys: list[str], column: str) -> dict[tuple, int]:
    if ae.empty:
        return {}
    return {(k if isinstance(k, tuple) else (k,)): int(v) for k, v in ae.groupby(keys + [column]).size().items()}


def _per_grade(counts: pd.DataFrame, ae: pd.DataFrame, keys: list[str], category: str, n: int,
               conf_level: float) -> tuple[EventCount, ...]:
    """For each row of ``counts`` and each grade: participants at their worst grade, events of that grade."""
    ev = _events_by(ae, keys, "grade")
    levels, socs, grades, n_ev, n_part = [], [], [], [], []
    for r in counts.itertuples(index=False):
        key = tuple(getattr(r, k) for k in keys)
        for g in AE_GRADES:
            levels.append(str(key[-1]))
            socs.append(str(key[0]))
            grades.append(g)
            n_ev.append(ev.get((*key, g), 0))
            n_part.append(int(getattr(r, f"grade{g}")))
    extra: dict[str, list[object]] = {"grade": grades}
    if category == "term":
        extra["system_organ_class"] = socs
    return tuple(event_counts(category, levels, np.array(n_ev, dtype=np.int64), np.array(n_part, dtype=np.int64),
                              n, conf_level, with_ci=False, **extra))


def _per_flag(counts: pd.DataFrame, ae: pd.DataFrame, keys: list[str], n: int,
              conf_level: float) -> tuple[EventCount, ...]:
    """For each row of ``counts``: participants with a serious, related, discontinuing, fatal event there."""
    cats, levels, socs, n_ev, n_part = [], [], [], [], []
    ev = {f: _events_by(ae[ae[f]], keys, f) for f in FLAGS}
    for r in counts.itertuples(index=False):
        key = tuple(getattr(r, k) for k in keys)
        for flag in FLAGS:
            cats.append(flag)
            levels.append(str(key[-1]))
            socs.append(str(key[0]))
            n_ev.append(ev[flag].get((*key, True), 0))
            n_part.append(int(getattr(r, flag)))
    extra: dict[str, list[object]] = {"system_organ_class": socs} if len(keys) > 1 else {}
    return tuple(event_counts(cats, levels, np.array(n_ev, dtype=np.int64), np.array(n_part, dtype=np.int64), n,
                              conf_level, **extra))


def _overall_breakdowns(ae: pd.DataFrame, n: int, conf_level: float
                        ) -> tuple[tuple[EventCount, ...], tuple[EventCount, ...]]:
    """By worst grade and by strongest relatedness (each participant once)."""
    total = group_counts(ae, []).iloc[0] if len(ae) else None
    ev_grade = ae["grade"].value_counts()
    by_grade = event_counts("grade", [str(g) for g in AE_GRADES], np.array([ev_grade.get(g, 0) for g in AE_GRADES]),
                            np.array([int(total[f"grade{g}"]) if total is not None else 0 for g in AE_GRADES]),
                            n, conf_level, grade=list(AE_GRADES))
    levels = list(RELATEDNESS) + sorted(set(ae["relatedness"]) - set(RELATEDNESS))
    rank = ae["relatedness"].map({r: i for i, r in enumerate(levels)})
    strongest = rank.groupby(ae["participant_id"]).max().value_counts()
    ev_rel = ae["relatedness"].value_counts()
    by_rel = event_counts("relatedness", levels, np.array([ev_rel.get(r, 0) for r in levels]),
                          np.array([strongest.get(i, 0) for i in range(len(levels))]), n, conf_level)
    return tuple(by_grade), tuple(by_rel)


def _by_infusion(study: Study, ae: pd.DataFrame, n: int, conf_level: float) -> tuple[EventCount, ...]:
    received = received_infusions(study)
    numbers = sorted(set(int(k) for k in received.columns) | set(int(k) for k in ae["infusion_no"].dropna()))
    inf_no = ae["infusion_no"].astype("Float64")
    masks = [inf_no.eq(k).fillna(False).to_numpy(dtype=bool) for k in numbers] + [inf_no.isna().to_numpy()]
    dens = [int(received[k].sum()) if k in received.columns else 0 for k in numbers] + [n]
    pid = ae["participant_id"].to_numpy()
    return tuple(event_counts("infusion", [str(k) for k in numbers] + [NOT_LINKED],
                              np.array([int(m.sum()) for m in masks]), np.array([len(set(pid[m])) for m in masks]),
                              np.array(dens), conf_level))


def _by_attribution(ae: pd.DataFrame, n: int, conf_level: float) -> tuple[EventCount, ...]:
    """Participants with an event attributed to the cell product, to each procedure, to other causes, or
    without attribution; empty when no event has an attribution."""
    if ae["attribution"].isna().all():
        return ()
    attr = ae["attribution"].fillna(NOT_RECORDED).astype(str)
    proc = ae["procedure"].fillna("").astype(str)
    label = np.where(attr == "procedure", "procedure: " + proc.where(proc != "", NOT_RECORDED), attr)
    order = ["cell product", *sorted({x for x in label if x.startswith("procedure")}), "other", NOT_RECORDED]
    pid = ae["participant_id"].to_numpy()
    masks = [label == lv for lv in order]
    return tuple(event_counts("attribution", order, np.array([int(m.sum()) for m in masks]),
                              np.array([len(set(pid[m])) for m in masks]), n, conf_level))


def safety_summary(study: Study) -> SafetySummary:
    """Overview, breakdowns and listings of the adverse events of enrolled participants."""
    ae, ids = prepare_events(study)
    n = len(ids)
    cl = study.config.analysis.conf_level

    soc = _ranked(group_counts(ae, ["system_organ_class"]), "system_organ_class") if len(ae) else None
    soc_rank = {s: i for i, s in enumerate(soc["system_organ_class"])} if soc is not None else {}
    term = (_ranked(group_counts(ae, ["system_organ_class", "term"]), "term", soc_rank)
            if len(ae) else None)
    by_soc: tuple[EventCount, ...] = ()
    by_term: tuple[EventCount, ...] = ()
    by_soc_grade: tuple[EventCount, ...] = ()
    by_term_grade: tuple[EventCount, ...] = ()
    flags_soc: tuple[EventCount, ...] = ()
    flags_term: tuple[EventCount, ...] = ()
    if soc is not None and term is not None:
        by_soc = tuple(event_counts("soc", list(soc["system_organ_class"].astype(str)), soc["n_events"].to_numpy(),
                                    soc["n_participants"].to_numpy(), n, cl))
        by_term = tuple(event_counts("term", list(term["term"].astype(str)), term["n_events"].to_numpy(),
                                     term["n_participants"].to_numpy(), n, cl,
                                     system_organ_class=list(term["system_organ_class"].astype(str))))
        by_soc_grade = _per_grade(soc, ae, ["system_organ_class"], "soc", n, cl)
        by_term_grade = _per_grade(term, ae, ["system_organ_class", "term"], "term", n, cl)
        flags_soc = _per_flag(soc, ae, ["system_organ_class"], n, cl)
        flags_term = _per_flag(term, ae, ["system_organ_class", "term"], n, cl)
    by_grade, by_relatedness = _overall_breakdowns(ae, n, cl)

    events = _events(ae)
    return SafetySummary(
        n_enrolled=n, overview=overview_counts(ae, n, cl), by_soc=by_soc, by_term=by_term,
        by_term_grade=by_term_grade, by_grade=by_grade, by_relatedness=by_relatedness,
        by_infusion=_by_infusion(study, ae, n, cl), events=events,
        serious_events=tuple(e for e in events if e.serious),
        related_events=tuple(e for e in events if e.related),
        deaths=tuple(e for e in events if e.grade == 5 or e.outcome == "fatal"),
        serious_related_by_soc=flags_soc, serious_related_by_term=flags_term, by_soc_grade=by_soc_grade,
        by_attribution=_by_attribution(ae, n, cl), conf_level=cl,
        action_recorded=bool(ae["action_taken"].notna().any()),
    )
