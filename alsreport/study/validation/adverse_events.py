"""Rules for adverse_events.csv on its own: CTCAE grade 5 is death."""

from __future__ import annotations

import numpy as np

from alsreport.study.validation.context import Context

__all__ = ["check_adverse_events"]


def check_adverse_events(ctx: Context) -> None:
    view = ctx.table("adverse_events", "participant_id")
    if view is None or not view.has("grade", "outcome"):
        return
    grade = view.numbers("grade")
    fatal = view.isin("outcome", ["fatal"])
    ctx.out.rows("warning", "fatal-grade", view, "grade", fatal & np.isfinite(grade) & (grade != 5),
                 lambda i, t: "the outcome is fatal, so the CTCAE grade is 5 (death); check grade or outcome")
    ctx.out.rows("warning", "grade5-not-fatal", view, "outcome", (grade == 5) & ~fatal & ~view.empty("outcome"),
                 lambda i, t: "grade 5 means death (CTCAE), but the outcome is not fatal; check grade or outcome")
