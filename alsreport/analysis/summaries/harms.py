"""Harms counted as CDISC/pharmaverse TLFs count them: each participant once per row.

For a group of events (all events, one system organ class, one preferred term, ...)
every participant with at least one event is counted once: at their **worst grade**
in the by-grade columns, at their **strongest relatedness** in the by-relatedness
rows, and once in each flag column (serious, related, leading to discontinuation,
fatal) if any of their events in the group has the flag. So the grade columns of a
row add up to the row's participants, and so do the relatedness rows.

Every participant count carries the exact (Clopper–Pearson) interval of its
proportion, as R's ``binom.test(n_participants, denominator)$conf.int``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.results.model import ConfidenceInterval, EventCount
from alsreport.stats.proportion import clopper_pearson
from alsreport.study.contract import AE_GRADES, RELATEDNESS

__all__ = ["FLAGS", "OVERVIEW", "RULE_COUNTS", "participant_level", "group_counts", "event_counts", "overview_counts",
           "rule_counts"]

#: Participant-level flags: a participant has the flag in a group if any of their events there has it.
FLAGS = ("serious", "related", "discontinuation", "death")


def participant_level(ae: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per group of ``keys`` × participant: events, worst grade, strongest relatedness, flags.

    ``ae`` needs ``participant_id``, ``grade``, ``relatedness`` and boolean columns :data:`FLAGS`.
    """
    rank = pd.Series(ae["relatedness"]).map({r: i for i, r in enumerate(RELATEDNESS)}).fillna(-1)
    frame = ae[keys + ["participant_id", "grade", *FLAGS]].assign(_rank=rank.to_numpy())
    g = frame.groupby(keys + ["participant_id"], sort=False)
    out = g.agg(n_events=("grade", "size"), worst_grade=("grade", "max"), strongest=("_rank", "max"),
                **{f: (f, "any") for f in FLAGS})
    return out.reset_index()


def group_counts(ae: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group of ``keys`` (in first-seen order): events, participants, participants by worst grade
    (``grade1`` ... ``grade5``) and with each flag."""
    per = participant_level(ae, keys)
    worst = pd.get_dummies(per["worst_grade"]).reindex(columns=list(AE_GRADES), fill_value=False)
    worst.columns = [f"grade{g}" for g in AE_GRADES]
    per = pd.concat([per, worst], axis=1)
    agg = {"n_events": ("n_events", "sum"), "n_participants": ("participant_id", "size")}
    agg |= {c: (c, "sum") for c in worst.columns}
    agg |= {f: (f, "sum") for f in FLAGS}
    if not keys:
        totals = {k: int(per[col].sum()) if fn == "sum" else len(per) for k, (col, fn) in agg.items()}
        return pd.DataFrame([totals])
    return per.groupby(keys, sort=False).agg(**agg).reset_index()


def _ci(n: np.ndarray, denominator: np.ndarray, conf_level: float) -> list[ConfidenceInterval | None]:
    cp = clopper_pearson(np.asarray(n, dtype=float), np.asarray(denominator, dtype=float), conf_level)
    return [None if not np.isfinite(lo) else ConfidenceInterval(float(lo), float(hi), conf_level)
            for lo, hi in zip(cp.low, cp.high, strict=True)]


def event_counts(category: str | list[str], levels: list[str], n_events: np.ndarray,
                 n_participants: np.ndarray, denominators: np.ndarray | int, conf_level: float, *,
                 with_ci: bool = True, **per_row: list[object]) -> list[EventCount]:
    """EventCount rows (with their exact CIs) from parallel arrays; ``category`` one for all rows or one
    per row; ``per_row`` adds fields per row (e.g. ``system_organ_class``, ``grade``)."""
    n_part = np.asarray(n_participants, dtype=np.int64)
    den = np.broadcast_to(np.asarray(denominators, dtype=np.int64), n_part.shape)
    cats = [category] * len(levels) if isinstance(category, str) else category
    cis = _ci(n_part, den, conf_level) if with_ci else [None] * len(n_part)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(den > 0, n_part / np.where(den > 0, den, 1) * 100, np.nan)
    events = np.asarray(n_events, dtype=np.int64)
    return [EventCount(category=cats[i], level=level, n_events=int(events[i]), n_participants=int(n_part[i]),
                       percent=float(pct[i]), denominator=int(den[i]), ci=cis[i],
                       **{k: v[i] for k, v in per_row.items()})  # type: ignore[arg-type]
            for i, level in enumerate(levels)]


#: Overview rows, in table order.
OVERVIEW = ("any", "serious", "related", "serious related", "grade>=3", "discontinuation", "death")


def _masked_counts(ae: pd.DataFrame, categories: tuple[str, ...], masks: list[np.ndarray], n: int,
                   conf_level: float) -> tuple[EventCount, ...]:
    """One overview-like row per mask of ``ae``: its events, and its participants each counted once."""
    pid = ae["participant_id"].to_numpy()
    n_events = np.array([int(m.sum()) for m in masks])
    n_part = np.array([len(set(pid[m])) for m in masks])
    return tuple(event_counts(list(categories), [""] * len(categories), n_events, n_part, n, conf_level))


def overview_counts(ae: pd.DataFrame, n: int, conf_level: float) -> tuple[EventCount, ...]:
    """Participants with any event, a serious, a related, a serious and related (CONSORT Harms 2022 item 14b; a
    board's first question), a grade ≥3 event, one leading to discontinuation, a fatal one (:data:`OVERVIEW`);
    events counted individually."""
    serious, related = ae["serious"].to_numpy(dtype=bool), ae["related"].to_numpy(dtype=bool)
    masks = [np.ones(len(ae), dtype=bool), serious, related, serious & related,
             (ae["grade"] >= 3).to_numpy(dtype=bool), ae["discontinuation"].to_numpy(dtype=bool),
             ae["death"].to_numpy(dtype=bool)]
    return _masked_counts(ae, OVERVIEW, masks, n, conf_level)


#: The counts a board weighs against its stopping rules, related and of any relatedness (the safety report's
#: stopping-rule block; a DSMB reader: rules are often on all-cause events, the block gave related ones only).
RULE_COUNTS = ("related grade>=3", "related grade>=4", "grade>=4", "serious related", "serious")


def rule_counts(ae: pd.DataFrame, n: int, conf_level: float) -> tuple[EventCount, ...]:
    """Events and participants (of ``n``) for each of :data:`RULE_COUNTS`: related events of grade ≥3 and ≥4, events
    of grade ≥4 of any relatedness, serious related events and serious events of any relatedness."""
    serious, related = ae["serious"].to_numpy(dtype=bool), ae["related"].to_numpy(dtype=bool)
    grade = ae["grade"].to_numpy()
    masks = [related & (grade >= 3), related & (grade >= 4), grade >= 4, serious & related, serious]
    return _masked_counts(ae, RULE_COUNTS, masks, n, conf_level)
