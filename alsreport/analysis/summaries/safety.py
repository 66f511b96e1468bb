"""Adverse-event summaries for the safety report (CONSORT harms extension, Ioannidis et al. 2004).

The denominator is the number of enrolled participants, except ``by_infusion``,
whose denominator is the number of participants who received that infusion (at
least one route given; events not linked to an infusion use the enrolled count).
``n_events`` counts events; ``n_participants`` counts participants with at least
one such event; ``percent = n_participants / denominator * 100``.

*Related* means relatedness possible, probable or definite
(:data:`alsreport.study.contract.RELATED_LEVELS`); a *death* is an event of grade 5 or
with outcome ``fatal``. Grades, relatedness levels and infusions are listed in full,
zero counts included; SOCs by participants, then events (descending), then name;
terms within their SOC in the same way. Listings are sorted by participant
(participants.csv order), infusion, onset day (unknown last), then file order.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from alsreport.study.contract import AE_GRADES, RELATED_LEVELS, RELATEDNESS
from alsreport.results.model import AdverseEvent, EventCount, SafetySummary
from alsreport.study.model import Study
from alsreport.analysis.summaries.exposure import received_infusions

__all__ = ["NOT_LINKED", "safety_summary"]

NOT_LINKED = "not linked"


def _pct(n: int, denominator: int) -> float:
    return n / denominator * 100 if denominator else math.nan


def _count(ae: pd.DataFrame, mask: pd.Series | np.ndarray, category: str, level: str, denominator: int,
           **extra: object) -> EventCount:
    sub = ae[np.asarray(mask, dtype=bool)]
    n_part = int(sub["participant_id"].nunique())
    return EventCount(category=category, level=level, n_events=len(sub), n_participants=n_part,
                      percent=_pct(n_part, denominator), denominator=denominator, **extra)  # type: ignore[arg-type]


def _grouped(ae: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Events and participants per group of ``keys``."""
    g = ae.groupby(keys, sort=False)
    return pd.DataFrame({"n_events": g.size(), "n_participants": g["participant_id"].nunique()}).reset_index()


def _events(ae: pd.DataFrame) -> tuple[AdverseEvent, ...]:
    def opt_int(x: object) -> int | None:
        return None if pd.isna(x) else int(x)  # type: ignore[arg-type]

    return tuple(
        AdverseEvent(participant_id=str(r.participant_id), term=str(r.term),
                     system_organ_class=str(r.system_organ_class), grade=int(r.grade), serious=bool(r.serious),
                     relatedness=str(r.relatedness), related=bool(r.related), infusion_no=opt_int(r.infusion_no),
                     onset_day=opt_int(r.onset_day), outcome=None if pd.isna(r.outcome) else str(r.outcome))
        for r in ae.itertuples(index=False))


def safety_summary(study: Study) -> SafetySummary:
    """Overview, breakdowns and listings of the adverse events of enrolled participants."""
    ids = pd.Index(study.enrolled["participant_id"].astype(str))
    n = len(ids)
    ae = study.adverse_events
    ae = ae[ae["participant_id"].isin(ids)].copy()
    ae["related"] = ae["relatedness"].isin(RELATED_LEVELS).to_numpy(dtype=bool)
    ae["death"] = ((ae["grade"] == 5) | ae["outcome"].eq("fatal").fillna(False)).to_numpy(dtype=bool)
    ae["_p"] = ids.get_indexer(ae["participant_id"])
    ae["_i"] = ae["infusion_no"].astype("Float64").fillna(np.inf).to_numpy(dtype=np.float64)
    ae["_d"] = ae["onset_day"].astype("Float64").fillna(np.inf).to_numpy(dtype=np.float64)
    ae["_r"] = np.arange(len(ae))
    ae = ae.sort_values(["_p", "_i", "_d", "_r"], kind="stable")

    overview = (
        _count(ae, np.ones(len(ae), dtype=bool), "any", "", n),
        _count(ae, ae["serious"], "serious", "", n),
        _count(ae, ae["related"], "related", "", n),
        _count(ae, ae["grade"] >= 3, "grade>=3", "", n),
        _count(ae, ae["death"], "death", "", n),
    )

    soc = _grouped(ae, ["system_organ_class"])
    soc = soc.assign(_n=-soc["n_participants"], _e=-soc["n_events"]).sort_values(
        ["_n", "_e", "system_organ_class"], kind="stable")
    soc_rank = {s: i for i, s in enumerate(soc["system_organ_class"])}
    by_soc = tuple(EventCount("soc", str(r.system_organ_class), int(r.n_events), int(r.n_participants),
                              _pct(int(r.n_participants), n), n) for r in soc.itertuples(index=False))

    term = _grouped(ae, ["system_organ_class", "term"])
    term = term.assign(_s=term["system_organ_class"].map(soc_rank), _n=-term["n_participants"],
                       _e=-term["n_events"]).sort_values(["_s", "_n", "_e", "term"], kind="stable")
    by_term = tuple(EventCount("term", str(r.term), int(r.n_events), int(r.n_participants),
                               _pct(int(r.n_participants), n), n, system_organ_class=str(r.system_organ_class))
                    for r in term.itertuples(index=False))

    by_term_grade = tuple(
        _count(ae, (ae["system_organ_class"] == t.system_organ_class) & (ae["term"] == t.level)
               & (ae["grade"] == g), "term", t.level, n, system_organ_class=t.system_organ_class, grade=g)
        for t in by_term for g in AE_GRADES)
    serious_related_by_soc = tuple(
        _count(ae, (ae["system_organ_class"] == c.level) & ae[flag], flag, c.level, n)
        for c in by_soc for flag in ("serious", "related"))
    serious_related_by_term = tuple(
        _count(ae, (ae["system_organ_class"] == t.system_organ_class) & (ae["term"] == t.level) & ae[flag],
               flag, t.level, n, system_organ_class=t.system_organ_class)
        for t in by_term for flag in ("serious", "related"))
    by_grade = tuple(_count(ae, ae["grade"] == g, "grade", str(g), n, grade=g) for g in AE_GRADES)
    levels = list(RELATEDNESS) + sorted(set(ae["relatedness"]) - set(RELATEDNESS))
    by_relatedness = tuple(_count(ae, ae["relatedness"] == r, "relatedness", r, n) for r in levels)

    received = received_infusions(study)
    numbers = sorted(set(int(k) for k in received.columns) | set(int(k) for k in ae["infusion_no"].dropna()))
    inf_no = ae["infusion_no"].astype("Float64")
    by_infusion = [
        _count(ae, inf_no.eq(k).fillna(False), "infusion", str(k),
               int(received[k].sum()) if k in received.columns else 0)
        for k in numbers]
    by_infusion.append(_count(ae, inf_no.isna(), "infusion", NOT_LINKED, n))

    events = _events(ae)
    return SafetySummary(
        n_enrolled=n, overview=overview, by_soc=by_soc, by_term=by_term, by_term_grade=by_term_grade,
        by_grade=by_grade, by_relatedness=by_relatedness, by_infusion=tuple(by_infusion), events=events,
        serious_events=tuple(e for e in events if e.serious),
        related_events=tuple(e for e in events if e.related),
        deaths=tuple(e for e in events if e.grade == 5 or e.outcome == "fatal"),
        serious_related_by_soc=serious_related_by_soc, serious_related_by_term=serious_related_by_term,
    )
