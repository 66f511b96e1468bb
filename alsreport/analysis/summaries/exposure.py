"""Exposure to the intervention: infusions planned and given, and the doses received.

A participant *received* infusion *k* when at least one route (IV or IT) of it was
given. Dose summaries use the ``cells_per_kg`` of the routes given (a given route
with an unknown dose is left out of the dose summary, not counted as zero); the
cumulative dose of a participant is the sum of the known doses given. Summaries are
R's ``mean``, ``sd``, ``median``, ``quantile(type = 7)``, ``min``, ``max``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from alsreport import stats
from alsreport.analysis.codes import isin_texts
from alsreport.study.contract import ROUTES
from alsreport.results.model import Exposure, InfusionExposure, ParticipantExposure, ReasonCount, Summary
from alsreport.study.model import Study

__all__ = ["summarise", "received_infusions", "infusion_visits", "exposure_summary"]


def summarise(values: ArrayLike) -> Summary:
    """:class:`Summary` of the non-missing values (NaN statistics when there are none)."""
    x = np.asarray(values, dtype=np.float64).reshape(1, -1)
    if x.size == 0:  # describe() needs at least one column; a NaN is "no value"
        x = np.full((1, 1), np.nan)
    d = stats.describe(x)
    return Summary(n=int(d.n[0]), mean=float(d.mean[0]), sd=float(d.sd[0]), median=float(d.median[0]),
                   q1=float(d.q1[0]), q3=float(d.q3[0]), min=float(d.min[0]), max=float(d.max[0]))


def _enrolled_infusions(study: Study) -> pd.DataFrame:
    ids = study.enrolled["participant_id"]
    inf = study.infusions
    return inf[isin_texts(inf["participant_id"], ids)]


def received_infusions(study: Study) -> pd.DataFrame:
    """Boolean participants × infusion_no table: received (at least one route given).

    Rows: enrolled participants in participants.csv order (all of them, even without
    infusion rows); columns: every infusion number in infusions.csv, ascending.
    """
    ids = pd.Index(study.enrolled["participant_id"].astype(str), name="participant_id")
    inf = _enrolled_infusions(study)
    numbers = sorted(int(n) for n in inf["infusion_no"].unique())
    given = inf.groupby(["participant_id", "infusion_no"])["given"].any().unstack("infusion_no")
    table = given.reindex(index=ids, columns=numbers)
    return table.fillna(False).astype(bool)


def infusion_visits(study: Study) -> dict[int, str]:
    """The visit of each infusion number (the most frequent one, first in file order on ties)."""
    inf = _enrolled_infusions(study)
    out: dict[int, str] = {}
    for no, visits in inf.groupby("infusion_no", sort=True)["visit"]:
        counts = visits.value_counts(sort=False)
        out[int(no)] = str(counts.idxmax())
    return out


def exposure_summary(study: Study) -> Exposure:
    """Infusions by number × route (IV, IT), per participant, and across participants."""
    inf = _enrolled_infusions(study)
    visit_of = infusion_visits(study)
    by_infusion: list[InfusionExposure] = []
    routes = list(ROUTES) + sorted(set(inf["route"]) - set(ROUTES))
    for no in sorted(visit_of):
        rows = inf[inf["infusion_no"] == no]
        for route in routes:
            r = rows[rows["route"] == route]
            given = r[r["given"]]
            why = r.loc[~r["given"], "reason_not_given"].fillna("reason not recorded")
            missed = why.value_counts(sort=True)
            who = r.loc[~r["given"], "participant_id"].astype(str).groupby(why.to_numpy(), sort=False).agg(tuple)
            by_infusion.append(InfusionExposure(
                infusion_no=no, visit=visit_of[no], route=route, n_planned=len(r), n_given=len(given),
                cells_per_kg=summarise(given["cells_per_kg"].to_numpy(dtype=np.float64)),
                not_given=tuple(ReasonCount(str(reason), int(n), who[reason]) for reason, n in missed.items())))

    received = received_infusions(study)
    given = inf[inf["given"]]
    ids = received.index
    n_route = given.groupby(["participant_id", "route"]).size().unstack("route").reindex(index=ids)
    n_iv = n_route["IV"] if "IV" in n_route else pd.Series(0, index=ids)
    n_it = n_route["IT"] if "IT" in n_route else pd.Series(0, index=ids)
    cumulative = given.groupby("participant_id")["cells_per_kg"].sum(min_count=0).reindex(ids).fillna(0.0)
    n_inf = received.sum(axis=1)
    # whole columns as plain lists first: no label look-up per participant (8,000 participants: seconds)
    columns = (ids.astype(str).tolist(), n_inf.to_numpy(dtype=np.int64).tolist(),
               np.nan_to_num(n_iv.to_numpy(dtype=np.float64)).astype(np.int64).tolist(),
               np.nan_to_num(n_it.to_numpy(dtype=np.float64)).astype(np.int64).tolist(),
               cumulative.to_numpy(dtype=np.float64).tolist())
    by_participant = tuple(
        ParticipantExposure(participant_id=p, n_infusions=n, n_iv=iv, n_it=it, cumulative_cells_per_kg=c)
        for p, n, iv, it, c in zip(*columns, strict=True))
    return Exposure(
        by_infusion=tuple(by_infusion),
        by_participant=by_participant,
        infusions_per_participant=summarise(n_inf.to_numpy(dtype=np.float64)),
        cumulative_cells_per_kg=summarise(cumulative.to_numpy(dtype=np.float64)),
    )
