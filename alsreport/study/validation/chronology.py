"""Chronology rules (issue 11): dates are real calendar days, and events happen in an order that can be.

* every date column: ``YYYY-MM-DD`` and a day of the calendar (``2025-02-30`` is an error, located);
* nothing after death: no infusion, sample or adverse-event onset after ``death_date`` (error);
  a participant with a fatal adverse event cannot have ``completed = yes`` (error) and should have
  no measurement or infusion at a later visit (warning, :mod:`~alsreport.study.validation.after_death`);
* nothing after withdrawal: no infusion after ``discontinuation_date`` (error), samples after it
  are a warning;
* no infusion, sample or onset before consent (error); an event cannot resolve before it began;
* dates in order: samples in visit order and infusions in number order (warning);
* dates after the data cut-off of study.yml (warning);
* visits not yet due at the cut-off: a value (measurements.csv) or an infusion given (infusions.csv) at a visit
  scheduled (``enrolment_date`` + the visit's month × 30.44 days) more than a month after ``data_cutoff`` (warning,
  one per participant and visit; only when both dates exist).

Relative days (``onset_day``) stay accepted without dates; rules needing a date skip rows without one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.study.contract import DAYS_PER_MONTH, TABLES
from alsreport.study.validation.after_death import check_after_death
from alsreport.study.validation.context import Context
from alsreport.study.validation.problems import plural
from alsreport.study.validation.table import CheckedTable
from alsreport.study.validation.wording import rows_text

__all__ = ["check_chronology", "parse_dates"]

_DATE = r"\d{4}-\d{2}-\d{2}"
#: The slack allowed after the data cut-off for a visit's scheduled day, in months.
SCHEDULE_TOLERANCE_MONTHS = 1.0


def parse_dates(view: CheckedTable, column: str) -> tuple[np.ndarray, np.ndarray]:
    """(datetime64[D] per row, NaT where empty or invalid; invalid mask: not empty and not a calendar day)."""
    cats = view.categories(column)
    text = pd.Series(cats, dtype="str")
    parsed = pd.to_datetime(text.where(text.str.fullmatch(_DATE)), format="%Y-%m-%d", errors="coerce")
    values = parsed.to_numpy(dtype="datetime64[D]")
    bad = (text != "").to_numpy() & np.isnat(values)
    return view.per_category(column, values), view.per_category(column, bad)


def _why(text: str) -> str:
    import re

    if re.fullmatch(_DATE, text):
        return f"{text} is not a day of the calendar; write a real date as YYYY-MM-DD"
    return "not a date: write it as YYYY-MM-DD, e.g. 2024-01-31 (spreadsheets: format the cells as text)"


def _check_formats(ctx: Context) -> dict[tuple[str, str], np.ndarray]:
    dates: dict[tuple[str, str], np.ndarray] = {}
    for spec in TABLES.values():
        view = ctx.tables.get(spec.name)
        if view is None:
            continue
        for column in spec.columns:
            if column.kind != "date" or not view.has(column.name):
                continue
            values, bad = parse_dates(view, column.name)
            ctx.out.rows("error", "not-a-date", view, column.name, bad, lambda i, t: _why(t))
            dates[(spec.name, column.name)] = values
    return dates


def _per_person(view: CheckedTable, column: str, values: np.ndarray) -> pd.Series:
    ids = view.texts("participant_id", np.arange(len(view)))
    s = pd.Series(values, index=pd.Index(ids)).dropna()
    return s[~s.index.duplicated()]


def _compare(ctx: Context, view: CheckedTable, column: str, when: np.ndarray, limit: pd.Series,
             op: str, severity: str, code: str, words: str) -> None:
    """Rows whose ``column`` date is after (``op='>'``) or before (``'<'``) their participant's ``limit``."""
    ids = pd.Index(view.texts("participant_id", np.arange(len(view))))
    bound = limit.reindex(ids).to_numpy(dtype="datetime64[D]")
    ok = ~np.isnat(when) & ~np.isnat(bound)
    mask = ok & ((when > bound) if op == ">" else (when < bound))
    ctx.out.rows(severity, code, view, column, mask,  # type: ignore[arg-type]
                 lambda i, t: f"{ids[i]}: {column} {t} is {'after' if op == '>' else 'before'} {words} "
                              f"({np.datetime_as_string(bound[i])})")


def _person_dates(ctx: Context, dates: dict[tuple[str, str], np.ndarray], column: str) -> pd.Series:
    view = ctx.table("participants", "participant_id", column)
    if view is None or ("participants", column) not in dates:
        return pd.Series(dtype="datetime64[ns]")
    return _per_person(view, column, dates[("participants", column)])


def _against_people(ctx: Context, dates: dict[tuple[str, str], np.ndarray]) -> None:
    consent = _person_dates(ctx, dates, "consent_date")
    death = _person_dates(ctx, dates, "death_date")
    stop = _person_dates(ctx, dates, "discontinuation_date")
    for table, column in (("infusions", "infusion_date"), ("measurements", "sample_date"),
                          ("adverse_events", "onset_date")):
        view = ctx.table(table, "participant_id", column)
        if view is None or (table, column) not in dates:
            continue
        when = dates[(table, column)]
        _compare(ctx, view, column, when, consent, "<", "error", "before-consent", "their consent_date")
        _compare(ctx, view, column, when, death, ">", "error", "after-death", "their death_date")
        if table == "infusions":
            _compare(ctx, view, column, when, stop, ">", "error", "after-withdrawal", "their discontinuation_date")
        elif table == "measurements":
            _compare(ctx, view, column, when, stop, ">", "warning", "after-withdrawal",
                     "their discontinuation_date")


def _cutoff(ctx: Context, dates: dict[tuple[str, str], np.ndarray]) -> None:
    cutoff = ctx.config.data_cutoff if ctx.config is not None else None
    if cutoff is None:
        return
    limit = np.datetime64(cutoff, "D")
    for (table, column), when in dates.items():
        view = ctx.tables[table]
        mask = ~np.isnat(when) & (when > limit)
        ctx.out.rows("warning", "after-cutoff", view, column, mask,
                     lambda i, t: f"{t} is after the data cut-off of study.yml ({cutoff}); is the cut-off "
                                  "or the date wrong?")


def _visit_due(ctx: Context, dates: dict[tuple[str, str], np.ndarray]) -> None:
    """Rows at a visit that was not yet due at the data cut-off: the participant's enrolment_date plus the visit's
    month is more than :data:`SCHEDULE_TOLERANCE_MONTHS` after ``data_cutoff`` (reader: P07, enrolled 2024-04-01,
    had Month 12 samples in a study cut off 2024-06-30). One warning per participant and visit."""
    cutoff = ctx.config.data_cutoff if ctx.config is not None else None
    people = ctx.table("participants", "participant_id", "enrolment_date")
    if cutoff is None or people is None or ("participants", "enrolment_date") not in dates:
        return
    enrolled = _per_person(people, "enrolment_date", dates[("participants", "enrolment_date")])
    if enrolled.empty:
        return
    limit = np.datetime64(cutoff, "D")
    where = dict(zip(people.texts("participant_id", np.arange(len(people))), people.lines.tolist(), strict=True))
    months = {v.code: float(v.month) for v in ctx.config.visits}  # type: ignore[union-attr]
    for table, what, whats in (("measurements", "value", "values"),
                               ("infusions", "infusion given", "infusions given")):
        view = ctx.table(table, "participant_id", "visit")
        if view is None or not len(view):
            continue
        if table == "measurements":
            keep = ~view.censoring_is("value", "missing") if view.has("value") else np.ones(len(view), dtype=bool)
        else:
            keep = view.flag_is("given", True) if view.has("given") else np.ones(len(view), dtype=bool)
        own = "sample_date" if table == "measurements" else "infusion_date"
        if (table, own) in dates:   # a row dated after the cut-off is warned about already ("after-cutoff")
            keep = keep & ~(dates[(table, own)] > limit)
        # by category (participant × visit), not by row: measurements.csv may have millions of rows
        person_start = enrolled.reindex(pd.Index(view.categories("participant_id"))).to_numpy(dtype="datetime64[D]")
        visit_month = pd.Series(view.categories("visit")).map(months).to_numpy(dtype=float)
        known = np.isfinite(visit_month)
        visit_days = np.round(np.where(known, visit_month, 0.0) * DAYS_PER_MONTH).astype("timedelta64[D]")
        due_at = person_start[:, None] + visit_days[None, :]            # NaT where no enrolment date
        tolerance = np.timedelta64(round(SCHEDULE_TOLERANCE_MONTHS * DAYS_PER_MONTH), "D")
        late_at = ~np.isnat(due_at) & known[None, :] & (due_at > limit + tolerance)
        if not late_at.any():
            continue
        pcode, vcode = view.codes("participant_id"), view.codes("visit")
        idx = np.flatnonzero(keep & (pcode >= 0) & (vcode >= 0) & late_at[pcode, vcode])
        if not len(idx):
            continue
        rows: dict[str, dict[str, list[int]]] = {}
        for i, person, visit in zip(idx, view.texts("participant_id", idx), view.texts("visit", idx), strict=True):
            rows.setdefault(person, {}).setdefault(visit, []).append(int(i))
        for person, more in ctx.out.capped(list(rows)):
            visits = rows[person]
            first = min(at[0] for at in visits.values())

            def one(visit: str, at: list[int], view: CheckedTable = view, due_at: np.ndarray = due_at,
                    pcode: np.ndarray = pcode, vcode: np.ndarray = vcode, what: str = what, whats: str = whats) -> str:
                label = ctx.config.visit_label(visit)  # type: ignore[union-attr]
                named = visit if label == visit else f"{visit} ({label})"
                due = np.datetime_as_string(due_at[pcode[at[0]], vcode[at[0]]])
                return f"{named}, due about {due}: {len(at)} {what if len(at) == 1 else whats} ({rows_text(view.lines[at])})"

            ctx.out.add(
                "warning", view.file,
                f"{person} was enrolled on {np.datetime_as_string(person_start[pcode[first]])} ({people.file}, row "
                f"{where[person]}), yet has {whats} at visits scheduled more than "
                f"{plural(round(SCHEDULE_TOLERANCE_MONTHS), 'month')} after the data cut-off of study.yml ({cutoff}), "
                f"counting {DAYS_PER_MONTH:g} days a month from enrolment: "
                + "; ".join(one(v, at) for v, at in visits.items())
                + "; check these visits, enrolment_date or data_cutoff",
                row=int(view.lines[first]), column="visit", value=view.text("visit", first),
                code="visit-after-cutoff", more=more)


def _resolution(ctx: Context, dates: dict[tuple[str, str], np.ndarray]) -> None:
    view = ctx.table("adverse_events", "onset_date", "resolution_date")
    if view is None or ("adverse_events", "resolution_date") not in dates:
        return
    onset, end = dates[("adverse_events", "onset_date")], dates[("adverse_events", "resolution_date")]
    mask = ~np.isnat(onset) & ~np.isnat(end) & (end < onset)
    ctx.out.rows("error", "resolved-before-onset", view, "resolution_date", mask,
                 lambda i, t: f"the event resolved ({t}) before it began (onset_date "
                              f"{np.datetime_as_string(onset[i])})")


def _order(ctx: Context, dates: dict[tuple[str, str], np.ndarray], table: str, column: str, key: str,
           rank: dict[str, int] | None, what: str) -> None:
    """Within a participant, dates must not go back while ``key`` (visit or infusion number) goes forward."""
    view = ctx.table(table, "participant_id", key, column)
    if view is None or (table, column) not in dates:
        return
    pos = np.arange(len(view))
    keys = view.texts(key, pos)
    order = [rank.get(k, -1) for k in keys] if rank is not None else pd.to_numeric(keys, errors="coerce")
    frame = pd.DataFrame({"p": view.texts("participant_id", pos), "k": order, "d": dates[(table, column)],
                          "i": pos}).dropna()
    frame = frame[frame["k"] >= 0]
    latest = frame.groupby(["p", "k"], sort=True)["d"].max()
    before = latest.groupby(level=0).cummax().groupby(level=0).shift().rename("before")
    frame = frame.join(before, on=["p", "k"])
    bad = frame[frame["d"] < frame["before"]]
    mask = np.zeros(len(view), dtype=bool)
    mask[bad["i"].to_numpy(dtype=np.int64)] = True
    ctx.out.rows("warning", "out-of-order", view, column, mask,
                 lambda i, t: f"{keys[i]} is dated {t}, before an earlier {what} of the same participant; "
                              f"dates should follow the {what} order")


def _fatal(ctx: Context) -> None:
    """A participant with a fatal event cannot have completed follow-up; later visits are suspicious."""
    ae = ctx.table("adverse_events", "participant_id", "grade", "outcome")
    people = ctx.table("participants", "participant_id", "completed")
    if ae is None or people is None:
        return
    fatal = ae.isin("outcome", ["fatal"]) | (ae.numbers("grade") == 5)
    dead = set(ae.texts("participant_id", np.flatnonzero(fatal)))
    if not dead:
        return
    ids = people.texts("participant_id", np.arange(len(people)))
    mask = np.array([p in dead for p in ids]) & people.flag_is("completed", True)
    ctx.out.rows("error", "completed-after-death", people, "completed", mask,
                 lambda i, t: f"{ids[i]} has a fatal adverse event (adverse_events.csv), so completed must be "
                              "no, with the death as discontinuation_reason")
    check_after_death(ctx, ae, fatal)


def check_chronology(ctx: Context) -> None:
    dates = _check_formats(ctx)
    _fatal(ctx)
    if not dates:
        return
    _against_people(ctx, dates)
    _resolution(ctx, dates)
    _cutoff(ctx, dates)
    _visit_due(ctx, dates)
    rank = {v: i for i, v in enumerate(ctx.config.visit_codes)} if ctx.config is not None else None
    if rank is not None:
        _order(ctx, dates, "measurements", "sample_date", "visit", rank, "visit")
    _order(ctx, dates, "infusions", "infusion_date", "infusion_no", None, "infusion")
