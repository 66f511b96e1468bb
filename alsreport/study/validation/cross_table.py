"""Rules across tables: participants referred to elsewhere, values measured after a discontinuation,
CSF values at a visit whose lumbar puncture failed, adverse events linked to infusions, and lumbar-puncture events
in a study that does no lumbar puncture."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from alsreport.study.validation.context import Context
from alsreport.study.validation.infusions import first_missed
from alsreport.study.validation.measurements import measurements_view
from alsreport.study.validation.problems import plural
from alsreport.study.validation.table import CheckedTable
from alsreport.study.validation.wording import also, did_you_mean, join, rows_text

__all__ = ["check_references", "check_measured_after_discontinuation", "check_csf_without_puncture",
           "check_event_infusions", "check_puncture_event_without_puncture", "PUNCTURE_REASON", "PUNCTURE_TERM"]

#: A ``reason_not_given`` of an intrathecal dose that says the lumbar puncture was not done or failed.
PUNCTURE_REASON = re.compile(r"lumbar puncture|\bLP\b", re.IGNORECASE)

#: An adverse-event term that implies a lumbar puncture ("Post lumbar puncture headache", "Post-lumbar-puncture
#: syndrome"); kept narrow: the words themselves, not "LP" or "spinal headache".
PUNCTURE_TERM = re.compile(r"lumbar[\s-]+puncture", re.IGNORECASE)

_REFERRING = (("infusions", "infusions"), ("measurements", "measurements"), ("adverse_events", "adverse events"),
              ("deviations", "protocol deviations"))


def check_references(ctx: Context) -> None:
    """Every participant_id elsewhere is in participants.csv, and enrolled."""
    people = ctx.people
    if people is None:
        return
    source = ctx.tables["participants"].file
    for name, what in _REFERRING:
        view = ctx.table(name, "participant_id")
        if view is None:
            continue
        empty = view.empty("participant_id")
        known = view.isin("participant_id", people.everyone)
        not_enrolled = view.isin("participant_id", people.not_enrolled)
        ctx.out.values(
            "error", "unknown-participant", view, "participant_id", ~empty & ~known,
            lambda v, rows: f"participant {v} is not in {source}{did_you_mean(v, people.everyone)}; every "
                            f"participant must have a row there{also(rows)}")
        ctx.out.values(
            "error", "not-enrolled", view, "participant_id", not_enrolled,
            lambda v, rows, w=what: f"{v} is not enrolled ({source}, row {people.where[v][0]}: enrolled = "
                                    f"{people.where[v][1] or '(empty)'}), so cannot have {w}{also(rows)}")


def _discontinued_at(ctx: Context) -> pd.DataFrame:
    """Discontinued participants (index) with their first infusion given by no route and its visit."""
    empty = pd.DataFrame(columns=["infusion_no", "visit"])
    view = ctx.table("infusions", "participant_id", "infusion_no", "given", "visit")
    if view is None or ctx.status.empty or ctx.given is None or ctx.given.empty:
        return empty
    rows = ctx.given.assign(visit=view.texts("visit", ctx.given["pos"].to_numpy()))
    missed = first_missed(rows)
    missed = missed[missed.index.isin(ctx.completed_is(False))]
    visits = rows.drop_duplicates(["participant_id", "infusion_no"]).set_index(["participant_id", "infusion_no"])
    keys = pd.MultiIndex.from_arrays([missed.index, missed.to_numpy()])
    return pd.DataFrame({"infusion_no": missed.to_numpy(),
                         "visit": visits["visit"].reindex(keys).to_numpy()}, index=missed.index)


def check_measured_after_discontinuation(ctx: Context) -> None:
    """Values at visits after the visit of a discontinued participant's first missed infusion."""
    view = measurements_view(ctx)
    if view is None or ctx.config is None or not len(view) or not view.has("value"):
        return
    order = {v: k for k, v in enumerate(ctx.config.visit_codes)}
    stops = _discontinued_at(ctx)
    stops = stops[stops["visit"].isin(list(order))]
    if stops.empty:
        return
    person_stop = pd.Series(view.categories("participant_id")).map(stops["visit"].map(order)).to_numpy(dtype=float)
    visit_order = pd.Series(view.categories("visit")).map(order).to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        late = (view.per_category("visit", visit_order) > view.per_category("participant_id", person_stop))
    idx = np.flatnonzero(late & ~view.censoring_is("value", "missing"))
    if not len(idx):
        return
    codes = view.codes("participant_id")[idx]
    for code, more in ctx.out.capped(pd.unique(codes)):
        _measured_after(ctx, view, stops, order, idx[codes == code], more)


def _measured_after(ctx: Context, view: CheckedTable, stops: pd.DataFrame, order: dict[str, int],
                    rows: np.ndarray, more: int) -> None:
    """One participant's values (rows) after their discontinuation."""
    person = view.text("participant_id", int(rows[0]))
    lines = view.lines[rows]
    visits = sorted(set(view.texts("visit", rows)), key=order.get)
    number, visit = stops.loc[person, "infusion_no"], stops.loc[person, "visit"]
    ctx.out.add("warning", view.file,
                f"{person} discontinued at {visit} (infusion {number} was given by no route) but has "
                f"{plural(len(rows), 'value')} at later visits {join(visits)} "
                f"({rows_text(lines)}); check completed, the infusions or these rows",
                row=int(lines[0]), column="participant_id", value=person,
                code="measured-after-discontinuation", more=more)


def _failed_punctures(ctx: Context) -> dict[tuple[str, str], tuple[int, str]]:
    """(participant, visit) → (row, reason) of the intrathecal doses not given for a lumbar-puncture reason."""
    view = ctx.table("infusions", "participant_id", "visit", "route", "given", "reason_not_given")
    if view is None or not len(view):
        return {}
    reasons = pd.Series(view.categories("reason_not_given"), dtype="str")
    puncture = view.per_category("reason_not_given", reasons.str.contains(PUNCTURE_REASON).to_numpy(dtype=bool))
    idx = np.flatnonzero(puncture & view.flag_is("given", False) & view.isin("route", ["IT"]))
    return {(p, v): (int(view.lines[i]), r) for i, p, v, r in zip(
        idx, view.texts("participant_id", idx), view.texts("visit", idx), view.texts("reason_not_given", idx),
        strict=True)}


def check_csf_without_puncture(ctx: Context) -> None:
    """CSF values at a visit whose intrathecal dose was not given because the lumbar puncture failed (a warning:
    CSF is taken at that puncture), one per participant and visit."""
    failed = _failed_punctures(ctx)
    view = measurements_view(ctx)
    if not failed or view is None or not view.has("value") or not len(view):
        return
    pairs = set(failed)
    csf = (view.isin("compartment", ["CSF"]) & view.isin("participant_id", {p for p, _ in pairs})
           & view.isin("visit", {v for _, v in pairs}) & ~view.censoring_is("value", "missing"))
    idx = np.flatnonzero(csf)
    keys = list(zip(view.texts("participant_id", idx), view.texts("visit", idx), strict=True))
    hit = np.fromiter((k in pairs for k in keys), dtype=bool, count=len(keys))
    idx = idx[hit]
    found: dict[tuple[str, str], list[int]] = {}
    for i, key in zip(idx, (k for k, h in zip(keys, hit, strict=True) if h), strict=True):
        found.setdefault(key, []).append(int(i))
    source = ctx.tables["infusions"].file
    for (person, visit), more in ctx.out.capped(list(found)):
        rows = np.asarray(found[(person, visit)])
        row, reason = failed[(person, visit)]
        first = int(rows[0])
        ctx.out.add(
            "warning", view.file,
            f"{person} has {plural(len(rows), 'CSF value')} at {visit} ({rows_text(view.lines[rows])}; "
            f"{view.text('analyte', first)} = {view.text('value', first)}), but their intrathecal dose at {visit} "
            f"was not given ({source}, row {row}: reason_not_given = {reason}); CSF is taken at that lumbar "
            "puncture, so check these values (leave value empty for a sample not obtained) or the infusion row",
            row=int(view.lines[first]), column="value", value=view.text("value", first),
            code="csf-without-lumbar-puncture", more=more)


def check_event_infusions(ctx: Context) -> None:
    """An event's infusion_no names an infusion of that participant that was given."""
    view = ctx.table("adverse_events", "participant_id")
    inf = ctx.table("infusions", "participant_id", "infusion_no", "given")
    if view is None or not view.has("infusion_no") or inf is None or ctx.given is None:
        return
    rows = ctx.given
    nums = view.numbers("infusion_no")
    linked = np.flatnonzero(np.isfinite(nums) & (np.floor(nums) == nums))
    if not len(linked):
        return
    people = view.texts("participant_id", linked)
    status = rows.groupby(["participant_id", "infusion_no"])["given"].any().reindex(
        pd.MultiIndex.from_arrays([people, nums[linked].astype(np.int64)]))
    known = np.asarray(pd.Index(people).isin(ctx.status.index))
    absent = np.zeros(len(view), dtype=bool)
    absent[linked[status.isna().to_numpy() & known]] = True
    not_given = np.zeros(len(view), dtype=bool)
    not_given[linked[status.eq(False).fillna(False).to_numpy(dtype=bool)]] = True

    def theirs(i: int) -> str:
        numbers = np.unique(rows.loc[rows["participant_id"] == view.text("participant_id", i), "infusion_no"])
        return join(str(n) for n in numbers) or "none"

    ctx.out.rows("error", "unknown-infusion", view, "infusion_no", absent,
                 lambda i, t: f"{view.text('participant_id', i)} has no infusion {t} in {inf.file} "
                              f"(their infusions: {theirs(i)})")
    ctx.out.rows("warning", "event-after-missed-infusion", view, "infusion_no", not_given,
                 lambda i, t: f"the event follows infusion {t} of {view.text('participant_id', i)}, "
                              f"which was given by no route ({inf.file}); check infusion_no")


def check_puncture_event_without_puncture(ctx: Context) -> None:
    """A warning for each adverse event whose term names a lumbar puncture when the study records none: no infusion
    by route IT (given or not) and no measurement in the CSF (DSMB reader: "Post lumbar puncture headache" in an
    IV-only study with serum samples was accepted silently)."""
    view = ctx.table("adverse_events", "participant_id", "term")
    inf = ctx.table("infusions", "route")
    meas = ctx.table("measurements", "compartment")
    if view is None or inf is None or meas is None or not len(view):
        return
    if inf.isin("route", ["IT"]).any() or meas.isin("compartment", ["CSF"]).any():
        return
    terms = pd.Series(view.categories("term"), dtype="str")
    named = view.per_category("term", terms.str.contains(PUNCTURE_TERM).to_numpy(dtype=bool))
    ctx.out.rows("warning", "puncture-event-without-puncture", view, "term", named,
                 lambda i, t: f"{view.text('participant_id', i)}'s event names a lumbar puncture, but the study "
                              f"records none: no infusion is intrathecal (no route IT in {inf.file}) and no sample "
                              f"is from the CSF (no compartment CSF in {meas.file}); check the term and the "
                              "participant, or the routes and compartments recorded (a puncture outside the "
                              "protocol belongs in the event's narrative)")
