"""Rules for infusions.csv: reasons and doses, one visit per infusion, and the sequence after a stop."""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.study.validation.context import Context
from alsreport.study.validation.table import CheckedTable
from alsreport.study.validation.wording import fmt_num, join

__all__ = ["check_infusions", "first_missed"]


def check_infusions(ctx: Context) -> None:
    view = ctx.table("infusions", "participant_id", "infusion_no", "given")
    if view is None:
        return
    _reasons_and_doses(ctx, view)
    rows = ctx.given
    if rows is None or rows.empty:
        return
    if view.has("visit"):
        _infusion_visits(ctx, view, rows)
    if view.has("cells_per_kg"):
        _planned_dose(ctx, view, rows)
    if ctx.status.empty:
        return
    _after_discontinuation(ctx, view, rows)
    _completed_missed(ctx, view, rows)
    _completed_rows_missing(ctx, view, rows)


def first_missed(rows: pd.DataFrame) -> pd.Series:
    """First infusion_no given by no route, per participant."""
    any_given = rows.groupby(["participant_id", "infusion_no"])["given"].any()
    missed = any_given[~any_given].reset_index()
    return missed.groupby("participant_id")["infusion_no"].min()


def _reasons_and_doses(ctx: Context, view: CheckedTable) -> None:
    given_no = view.flag_is("given", False)
    given_yes = view.flag_is("given", True)

    def which(i: int) -> str:
        return f"infusion {view.text('infusion_no', i)} of {view.text('participant_id', i)}"

    if view.has("reason_not_given"):
        no_reason = view.empty("reason_not_given")
        ctx.out.rows("error", "reason-not-given-missing", view, "reason_not_given", given_no & no_reason,
                     lambda i, t: f"{which(i)} was not given (given = no), so reason_not_given is required")
        ctx.out.rows("warning", "reason-not-given-ignored", view, "reason_not_given", given_yes & ~no_reason,
                     lambda i, t: f"{which(i)} was given (given = yes), so reason_not_given is ignored; "
                                  "clear it or set given = no")
    if view.has("cells_per_kg"):
        cells = view.numbers("cells_per_kg")
        with np.errstate(invalid="ignore"):
            dosed = np.isfinite(cells) & (cells > 0)
        ctx.out.rows("error", "dose-not-given", view, "cells_per_kg", given_no & dosed,
                     lambda i, t: f"{which(i)} was not given (given = no), so cells_per_kg must be empty")
        ctx.out.rows("warning", "dose-missing", view, "cells_per_kg", given_yes & view.empty("cells_per_kg"),
                     lambda i, t: f"{which(i)} was given but cells_per_kg is empty; "
                                  "the dose tables will show it as unknown")


#: How far the typical dose given may lie from study.yml's dose_cells_per_kg before validate says so (doses per kg
#: of real infusions vary with the cell count; a plan that does not match the data differs by a factor).
DOSE_TOLERANCE = 0.10


def _planned_dose(ctx: Context, view: CheckedTable, rows: pd.DataFrame) -> None:
    """One warning when the median dose of an infusion given by every route (the doses of its routes added up)
    differs from study.yml's ``dose_cells_per_kg`` by more than :data:`DOSE_TOLERANCE`: the Methods and the
    abstract print the planned dose, the exposure table the doses given, and the two then disagree (a test study
    planned 1 × 10⁶ cells/kg and gave 0.5 × 10⁶ by its only route)."""
    planned = ctx.config.dose_cells_per_kg if ctx.config is not None else None
    if not planned:
        return
    cells = view.numbers("cells_per_kg")[rows["pos"].to_numpy()]
    frame = rows.assign(cells=cells, known=np.isfinite(cells))
    per = frame.groupby(["participant_id", "infusion_no"], sort=False).agg(
        every=("given", "all"), known=("known", "all"), total=("cells", "sum"), row=("row", "min"),
        pos=("pos", "min"))
    full = per[per["every"] & per["known"]]
    if full.empty:
        return
    median = float(np.median(full["total"].to_numpy(dtype=np.float64)))
    if abs(median - planned) <= DOSE_TOLERANCE * planned:
        return
    ctx.out.add(
        "warning", view.file,
        f"the infusions given by every route have a median dose of {fmt_num(median)} cells/kg (cells_per_kg added over "
        f"the routes of one infusion, {len(full)} infusions), but study.yml gives dose_cells_per_kg: {fmt_num(planned)} "
        "per infusion; the Methods print the planned dose and the exposure table the doses given, so correct "
        "dose_cells_per_kg or cells_per_kg",
        row=int(full["row"].iloc[0]), column="cells_per_kg", value=view.text("cells_per_kg", int(full["pos"].iloc[0])),
        code="dose-not-as-planned")


def _infusion_visits(ctx: Context, view: CheckedTable, rows: pd.DataFrame) -> None:
    visits = pd.Series(view.texts("visit", rows["pos"].to_numpy()), index=rows.index)
    n = visits.groupby([rows["participant_id"], rows["infusion_no"]]).transform("nunique")
    first = visits.groupby([rows["participant_id"], rows["infusion_no"]]).transform("first")
    mask = np.zeros(len(view), dtype=bool)
    mask[rows["pos"].to_numpy()[(n > 1).to_numpy() & (visits != first).to_numpy()]] = True
    firsts = dict(zip(rows["pos"].tolist(), first.tolist(), strict=True))
    ctx.out.rows("warning", "infusion-visit-mismatch", view, "visit", mask,
                 lambda i, t: f"other routes of infusion {view.text('infusion_no', i)} of "
                              f"{view.text('participant_id', i)} are at visit {firsts[i]}; "
                              "one infusion happens at one visit")


def _after_discontinuation(ctx: Context, view: CheckedTable, rows: pd.DataFrame) -> None:
    """Infusions given after the first one a discontinued participant missed."""
    missed = first_missed(rows)
    limit = rows["participant_id"].map(missed)
    after = rows["participant_id"].isin(ctx.completed_is(False)) & rows["given"] & (rows["infusion_no"] > limit)
    mask = np.zeros(len(view), dtype=bool)
    mask[rows.loc[after, "pos"].to_numpy()] = True
    route = (lambda i: f" ({view.text('route', i)})") if view.has("route") else (lambda i: "")
    ctx.out.rows(
        "error", "infusion-after-discontinuation", view, "given", mask,
        lambda i, t: (f"{view.text('participant_id', i)} discontinued (completed = no) and infusion "
                      f"{int(missed[view.text('participant_id', i)])} was given by no route, "
                      f"so no later infusion can have been given, yet infusion "
                      f"{view.text('infusion_no', i)}{route(i)} is recorded as given; "
                      "correct given, or completed"))


def _completed_missed(ctx: Context, view: CheckedTable, rows: pd.DataFrame) -> None:
    """Participants who completed although an infusion was given by no route."""
    any_given = rows.groupby(["participant_id", "infusion_no"])["given"].any()
    first_row = rows.groupby(["participant_id", "infusion_no"])["row"].min()
    missed = any_given[~any_given]
    missed = missed[missed.index.get_level_values(0).isin(ctx.completed_is(True))]
    for (person, number), more in ctx.out.capped(list(missed.index)):
        ctx.out.add(
            "warning", view.file,
            f"{person} completed (completed = yes) but infusion {number} was given by no route; if they "
            "stopped the intervention, set completed = no with a discontinuation_reason",
            row=int(first_row[(person, number)]), column="participant_id", value=person,
            code="completed-missed-infusion", more=more)


def _completed_rows_missing(ctx: Context, view: CheckedTable, rows: pd.DataFrame) -> None:
    """Completers without rows for some infusion, and enrolled people without any row."""
    enrolled = ctx.status.index
    planned = np.unique(rows["infusion_no"].to_numpy())
    pairs = rows[["participant_id", "infusion_no"]].drop_duplicates()
    counts = pairs.groupby("participant_id").size().reindex(enrolled, fill_value=0).to_numpy()
    lacking = enrolled[enrolled.isin(ctx.completed_is(True)) & (counts < len(planned))]
    for person, more in ctx.out.capped(lacking):
        numbers = np.setdiff1d(planned, pairs.loc[pairs["participant_id"] == person, "infusion_no"].to_numpy())
        ctx.out.add(
            "warning", view.file,
            f"{person} completed but has no rows for infusion {join(str(n) for n in numbers)} "
            f"(infusions in this file: {join(str(n) for n in planned)})",
            column="participant_id", value=person, code="infusion-rows-missing", more=more)
    for person, more in ctx.out.capped(enrolled[counts == 0]):
        ctx.out.add("warning", view.file, f"{person} is enrolled but has no rows in this file",
                    column="participant_id", value=person, code="no-infusions", more=more)
