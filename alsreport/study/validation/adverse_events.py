"""Rules for adverse_events.csv on its own: CTCAE grade 5 is death; a seriousness criterion belongs to a serious
event, and "death" to a fatal one."""

from __future__ import annotations

import numpy as np

from alsreport.study.validation.context import Context

__all__ = ["check_adverse_events"]


def check_adverse_events(ctx: Context) -> None:
    view = ctx.table("adverse_events", "participant_id")
    if view is None:
        return
    if view.has("seriousness", "serious"):
        criterion = ~view.empty("seriousness")
        ctx.out.rows("warning", "seriousness-not-serious", view, "seriousness", criterion & view.flag_is("serious", False),
                     lambda i, t: f"a seriousness criterion ({t}) is given, but serious is no; check serious or "
                                  "seriousness (leave seriousness empty for an event that is not serious)")
        if view.has("outcome"):
            ctx.out.rows("warning", "seriousness-death-not-fatal", view, "seriousness",
                         view.isin("seriousness", ["death"]) & ~view.isin("outcome", ["fatal"]),
                         lambda i, t: "the seriousness criterion is death, but the outcome is not fatal; check "
                                      "seriousness or outcome")
    if not view.has("grade", "outcome"):
        return
    grade = view.numbers("grade")
    fatal = view.isin("outcome", ["fatal"])
    ctx.out.rows("warning", "fatal-grade", view, "grade", fatal & np.isfinite(grade) & (grade != 5),
                 lambda i, t: "the outcome is fatal, so the CTCAE grade is 5 (death); check grade or outcome")
    ctx.out.rows("warning", "grade5-not-fatal", view, "outcome", (grade == 5) & ~fatal & ~view.empty("outcome"),
                 lambda i, t: "grade 5 means death (CTCAE), but the outcome is not fatal; check grade or outcome")
