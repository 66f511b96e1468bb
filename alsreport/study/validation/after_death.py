"""Values recorded after a participant's death, known without dates (issue #10, "data after death").

A fatal adverse event (``outcome = fatal`` or grade 5) names the infusion it followed
(``infusion_no``); that infusion's visit (infusions.csv) is the last visit the participant
can have attended. Measurements at later visits and infusions with a higher number are then
listed, **one warning per participant** naming the event (file, row, term), the visit of death
and the rows after it.

Warnings, not errors: without dates the visit of death is inferred from the event's
``infusion_no``, which may be the wrong link (an event recorded against the infusion it was
attributed to, not the last one given), and a retrospective study reports the records as they
are. Dates decide it (``death_date`` against ``sample_date`` / ``infusion_date``:
:mod:`~alsreport.study.validation.chronology` makes those errors).
"""

from __future__ import annotations

import numpy as np

from alsreport.study.validation.context import Context
from alsreport.study.validation.problems import plural
from alsreport.study.validation.table import CheckedTable
from alsreport.study.validation.wording import join, rows_text

__all__ = ["check_after_death"]


def _deaths(ctx: Context, ae: CheckedTable, fatal: np.ndarray) -> dict[str, tuple[int, str, str]]:
    """participant → (rank of the visit of death, that visit, description of the fatal event)."""
    inf = ctx.table("infusions", "participant_id", "infusion_no", "visit")
    if inf is None or ctx.config is None or not ae.has("infusion_no"):
        return {}
    rank = {v: i for i, v in enumerate(ctx.config.visit_codes)}
    pos = np.arange(len(inf))
    visit_of = dict(zip(zip(inf.texts("participant_id", pos), inf.numbers("infusion_no").tolist(), strict=True),
                        inf.texts("visit", pos), strict=True))
    numbers = ae.numbers("infusion_no")
    out: dict[str, tuple[int, str, str]] = {}
    for i in np.flatnonzero(fatal):
        person, number = ae.text("participant_id", int(i)), float(numbers[i])
        visit = visit_of.get((person, number))
        if visit not in rank or (person in out and out[person][0] <= rank[visit]):
            continue
        term = f"{ae.text('term', int(i))}, " if ae.has("term") and ae.text("term", int(i)) else ""
        out[person] = (rank[visit], visit,
                       f"{ae.file} row {int(ae.lines[i])}: {term}fatal, after infusion {number:g}")
    return out


def _after(ctx: Context, view: CheckedTable, late: np.ndarray, deaths: dict[str, tuple[int, str, str]],
           rank: dict[str, int], what: str, code: str) -> None:
    """One warning per participant for the rows of ``view`` in ``late``."""
    idx = np.flatnonzero(late)
    if not len(idx):
        return
    people = np.asarray(view.texts("participant_id", idx), dtype=object)
    for person, more in ctx.out.capped(list(dict.fromkeys(people.tolist()))):
        rows = idx[people == person]
        lines = view.lines[rows]
        _, visit, event = deaths[person]
        at = join(sorted(set(view.texts("visit", rows)), key=lambda v: rank.get(v, -1)))
        ctx.out.add("warning", view.file,
                    f"{person} died after {visit} ({event}) but has {plural(len(rows), what)} at later visits: {at} "
                    f"({rows_text(lines)}); nothing can be recorded after a death: check the event's "
                    "infusion_no, the outcome or these rows",
                    row=int(lines[0]), column="participant_id", value=person, code=code, more=more)


def check_after_death(ctx: Context, ae: CheckedTable, fatal: np.ndarray) -> None:
    """Warn about measurements at visits after, and infusions after, the visit of a fatal event."""
    deaths = _deaths(ctx, ae, fatal)
    if not deaths:
        return
    assert ctx.config is not None
    rank = {v: i for i, v in enumerate(ctx.config.visit_codes)}
    meas = ctx.table("measurements", "participant_id", "visit")
    if meas is not None:
        pos = np.arange(len(meas))
        ids, visits = meas.texts("participant_id", pos), meas.texts("visit", pos)
        late = np.array([p in deaths and rank.get(v, -1) > deaths[p][0] for p, v in zip(ids, visits, strict=True)],
                        dtype=bool)
        _after(ctx, meas, late, deaths, rank, "value", "measured-after-death")
    inf = ctx.table("infusions", "participant_id", "infusion_no", "visit", "given")
    if inf is not None:
        pos = np.arange(len(inf))
        ids, visits = inf.texts("participant_id", pos), inf.texts("visit", pos)
        late = np.array([p in deaths and rank.get(v, -1) > deaths[p][0] for p, v in zip(ids, visits, strict=True)],
                        dtype=bool) & inf.flag_is("given", True)
        _after(ctx, inf, late, deaths, rank, "given infusion", "infused-after-death")
