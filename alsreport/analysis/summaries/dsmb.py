"""The DSMB sections from the data: enrolment against target, protocol deviations, data completeness
and the adverse-event overview since the last report.

* **Enrolment**: by calendar month of ``enrolment_date`` (else ``consent_date``); time on study from
  enrolment to ``last_contact_date`` (else ``death_date``, ``discontinuation_date``, the data cut-off).
* **Deviations** derived from the data: a *missed dose* (an infusion given by no route), a *partial
  dose* (given by some routes but not all planned ones), a *missing sample* (a measurement row without
  a value at a visit the participant attended); an *out-of-window visit* when sample dates are given
  and a visit's sample is more than 14 days from the scheduled day (visit month × 30.44 days after the
  baseline sample). Deviations the site reported in the optional ``deviations.csv`` are merged in
  (``source = "site"``).
* **Completeness**: per visit, values present over values expected from the participants still on
  study (not discontinued or dead before the visit: they have no measurement row at or after it).
* **Since the last report**: the overview counted over events with ``onset_date`` after
  ``safety.previous_report_cutoff`` (denominator: all enrolled).
* **Stopping-rule counts**: related events of grade ≥3 and ≥4, all events of grade ≥4, serious related and all
  serious events, in events and participants (denominator: all enrolled).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from alsreport.analysis.codes import isin_texts, lookup, text_codes
from alsreport.analysis.ctcae import CTCAE_VERSION
from alsreport.analysis.summaries.harms import overview_counts, rule_counts
from alsreport.analysis.summaries.safety import prepare_events
from alsreport.results.deviation_table import DeviationTable
from alsreport.results.dsmb import (
    Completeness,
    Deviation,
    DsmbSummary,
    Enrolment,
    EnrolmentMonth,
    FollowUp,
    FollowUpSummary,
)
from alsreport.results.model import EventCount
from alsreport.study.model import Study
from alsreport.study.contract import DAYS_PER_MONTH

__all__ = ["enrolment_summary", "derived_deviations", "sort_deviations", "reported_deviations", "completeness", "overview_since", "follow_up", "dsmb_summary",
           "last_recorded_date",
           "WINDOW_DAYS"]

WINDOW_DAYS = 14


def _dates(frame: pd.DataFrame, *columns: str) -> pd.Series:
    """The first of ``columns`` that is given, per row (NaT when none)."""
    out = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    for c in columns:
        if c in frame.columns:
            out = out.fillna(frame[c])
    return out


def _days_on_study(study: Study) -> pd.Series:
    """Per enrolled participant: enrolment (else consent) to last contact (else death, discontinuation, the data
    cut-off), in days; NaN without dates."""
    people = study.enrolled
    start = _dates(people, "enrolment_date", "consent_date")
    cutoff = pd.Timestamp(study.config.data_cutoff) if study.config.data_cutoff else pd.NaT
    end = _dates(people, "last_contact_date", "death_date", "discontinuation_date").fillna(cutoff)
    return (end - start).dt.days.astype(float)


#: The date columns of the study's tables (study/model.py); the optional ones may be absent.
_DATE_COLUMNS = (("participants", ("consent_date", "enrolment_date", "discontinuation_date", "death_date",
                                   "last_contact_date")),
                 ("infusions", ("infusion_date",)), ("measurements", ("sample_date",)),
                 ("adverse_events", ("onset_date", "resolution_date")), ("deviations", ("date",)))


def last_recorded_date(study: Study) -> str | None:
    """ISO date of the latest date recorded anywhere in the study files (a sample, an infusion, an event's onset or
    resolution, a contact, a death, a deviation); None when they record no date. What the safety report dates its
    data by when study.yml records no cut-off (reader 12b item 5: it dated them by the day it was generated)."""
    latest = pd.NaT
    for table, columns in _DATE_COLUMNS:
        frame = getattr(study, table, None)
        if frame is None:
            continue
        for c in columns:
            if c in frame.columns:
                m = frame[c].max()
                if not pd.isna(m) and (pd.isna(latest) or m > latest):
                    latest = m
    return None if pd.isna(latest) else pd.Timestamp(latest).date().isoformat()


def enrolment_summary(study: Study) -> Enrolment:
    people = study.enrolled
    cfg = study.config
    start = _dates(people, "enrolment_date", "consent_date")
    dated = start.dropna()
    months = dated.dt.strftime("%Y-%m").value_counts().sort_index()
    by_month = tuple(EnrolmentMonth(str(m), int(n), int(c)) for m, n, c in
                     zip(months.index, months.to_numpy(), np.cumsum(months.to_numpy()), strict=True))
    since = None
    prev = cfg.safety.previous_report_cutoff
    if prev is not None and len(dated):
        since = int((dated > pd.Timestamp(prev)).sum())
    days = _days_on_study(study).dropna()
    return Enrolment(
        n_enrolled=len(people), target=cfg.safety.target_enrolment,
        first_date=dated.min().date().isoformat() if len(dated) else None,
        last_date=dated.max().date().isoformat() if len(dated) else None,
        by_month=by_month, n_since_last_report=since,
        median_days_on_study=float(days.median()) if len(days) else math.nan)


def _stopped_ids(study: Study) -> set[str]:
    """Enrolled participants who stopped the study (``completed = no``)."""
    people = study.enrolled
    return set(people.loc[people["completed"].eq(False).fillna(False), "participant_id"].astype(str))


def _dose_deviations(study: Study) -> list[Deviation]:
    ids = set(study.enrolled["participant_id"].astype(str))
    inf = study.infusions[isin_texts(study.infusions["participant_id"], ids)]
    out: list[Deviation] = []
    g = inf.groupby(["participant_id", "infusion_no"], sort=False)
    summary = g.agg(n=("given", "size"), given=("given", "sum"), visit=("visit", "first")).reset_index()
    reasons = inf[~inf["given"]].groupby(["participant_id", "infusion_no"])["reason_not_given"].first()
    routes = inf[~inf["given"]].groupby(["participant_id", "infusion_no"])["route"].agg(lambda r: "/".join(r))
    # the infusions after a participant stopped the study (completed = no, nothing given from then on) are not
    # deviations, as the samples scheduled after it are not (session 34 DSMB reader: "4 missed doses" counted the
    # withdrawn participants' infusions 2 and 3 beside "12 scheduled samples not collected … not protocol deviations")
    stopped = _stopped_ids(study)
    last = summary[summary["given"] > 0].groupby("participant_id")["infusion_no"].max()
    after = (summary["participant_id"].astype(str).isin(stopped) & summary["given"].eq(0)
             & summary["infusion_no"].gt(summary["participant_id"].map(last).fillna(0)))
    summary = summary[~after]
    for r in summary.itertuples(index=False):
        key = (r.participant_id, r.infusion_no)
        if r.given == r.n:
            continue
        missed = r.given == 0
        reason = reasons.get(key)
        # the reason as the data give it (the listing words it: present.tables.deviation_words)
        out.append(Deviation(str(r.participant_id), "missed dose" if missed else "partial dose",
                             f"infusion {int(r.infusion_no)} ({r.visit})", "" if pd.isna(reason) else str(reason),
                             routes="" if missed else str(routes.get(key, ""))))
    return out


def _enrolled_rows(study: Study) -> NDArray[np.intp]:
    """Rows of ``study.measurements`` of enrolled participants (codes, no copy of the table)."""
    pid, pid_values = text_codes(study.measurements["participant_id"])
    return np.flatnonzero(lookup(pid_values, list(study.enrolled["participant_id"].astype(str)))[pid] >= 0)


def _sample_deviations(study: Study) -> DeviationTable:
    """Out-of-window visits (when sample dates are given). Missing samples are not derived here but from the
    CONSORT compartment flow (:mod:`alsreport.analysis.summaries.missing_sample_deviations`), the one
    definition the manuscript counts too."""
    m = study.measurements
    if "sample_date" in m.columns and m["sample_date"].notna().any():
        return DeviationTable.from_deviations(_window_deviations(study, m.iloc[_enrolled_rows(study)]))
    return DeviationTable.from_deviations([])


def _window_deviations(study: Study, m: pd.DataFrame) -> list[Deviation]:
    visits = study.config.visits
    month = {v.code: v.month for v in visits}
    day = m.groupby(["participant_id", "visit"], sort=False)["sample_date"].min().unstack("visit")
    if visits[0].code not in day.columns:
        return []
    base = day[visits[0].code]
    out: list[Deviation] = []
    for v in visits[1:]:
        if v.code not in day.columns:
            continue
        scheduled = base + pd.to_timedelta(round(month[v.code] * DAYS_PER_MONTH), unit="D")
        off = (day[v.code] - scheduled).dt.days
        for pid, d in off[off.abs() > WINDOW_DAYS].items():
            out.append(Deviation(str(pid), "out-of-window visit", v.code,
                                 f"{int(d):+d} days from the scheduled day (window ±{WINDOW_DAYS} days)"))
    return out


def reported_deviations(study: Study) -> list[Deviation]:
    """The deviations of ``deviations.csv`` (none without the file); where: visit, else date, else study day."""
    dev = study.deviations
    if dev is None or not len(dev):
        return []
    where = dev["visit"].astype(object).where(dev["visit"].notna(), dev["date"].dt.strftime("%Y-%m-%d"))
    day = dev["day"].astype("Int64")
    where = where.where(where.notna(), ("day " + day.astype(str)).where(day.notna()))
    action = dev["action_taken"].astype(object)
    detail = dev["description"].astype(str).where(action.isna(), dev["description"].astype(str) + " (action: "
                                                   + action.astype(str) + ")")
    return [Deviation(str(p), str(k), "" if pd.isna(w) else str(w), str(d), source="site")
            for p, k, w, d in zip(dev["participant_id"], dev["category"], where, detail, strict=True)]


def derived_deviations(study: Study) -> DeviationTable:
    """Missed and partial doses and out-of-window visits derived from the data, and the deviations the site
    reported (``deviations.csv``), sorted by :func:`sort_deviations` (missing samples are added from the
    flow by :func:`~alsreport.analysis.summaries.missing_sample_deviations.with_missing_samples`)."""
    table = DeviationTable.concat([DeviationTable.from_deviations(_dose_deviations(study)), _sample_deviations(study),
                                   DeviationTable.from_deviations(reported_deviations(study))])
    return sort_deviations(study, table)


def sort_deviations(study: Study, table: DeviationTable) -> DeviationTable:
    """By participant (enrolment order; unknown ids last), then source (data before site), then kind;
    otherwise in the order given (a stable sort on codes, no Python object per deviation)."""
    ids = list(study.enrolled["participant_id"].astype(str))
    pid, pid_texts = table.codes("participant_id")
    order = np.where(lookup(pid_texts, ids)[pid] >= 0, lookup(pid_texts, ids)[pid], len(ids))  # unknown ids last
    key = order.astype(np.int64)
    for name in ("source", "kind"):  # as sorted() compares the texts
        codes, texts = table.codes(name)
        rank = np.argsort(np.argsort(np.array(texts, dtype=object), kind="stable"), kind="stable")
        key = key * (len(texts) + 1) + (rank[codes] if len(texts) else codes)
    return table.take(np.argsort(key, kind="stable"))


def _visit_rows(study: Study) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp], NDArray[np.int64]]:
    """Enrolled participants' measurement rows; per row the participant (enrolment order) and the visit (study.yml
    order, -1: a visit not in study.yml); per participant the last visit with a row (-1: none)."""
    m = study.measurements
    ids = list(study.enrolled["participant_id"].astype(str))
    rows = _enrolled_rows(study)
    pid, pid_values = text_codes(m["participant_id"])
    p = lookup(pid_values, ids)[pid[rows]]
    visit, visit_values = text_codes(m["visit"])
    r = lookup(visit_values, list(study.config.visit_codes))[visit[rows]]
    last = np.full(len(ids), -1, dtype=np.int64)
    np.maximum.at(last, p, r)
    return rows, p, r, last


def _deaths(study: Study) -> tuple[list[str | None], NDArray[np.float64]]:
    """Per enrolled participant: the ISO date of death (None when not recorded) and the days from the last infusion
    given (by its ``infusion_date``) to it (NaN without both dates)."""
    people = study.enrolled
    n = len(people)
    if "death_date" not in people.columns:
        return [None] * n, np.full(n, math.nan)
    death = pd.to_datetime(people["death_date"]).reset_index(drop=True)
    dates = [None if pd.isna(d) else d.date().isoformat() for d in death]
    inf = study.infusions
    if "infusion_date" not in inf.columns or death.isna().all():
        return dates, np.full(n, math.nan)
    given = inf[inf["given"].astype(bool) & inf["infusion_date"].notna()]
    last = given.groupby(given["participant_id"].astype(str))["infusion_date"].max()
    last = last.reindex(people["participant_id"].astype(str).to_numpy()).reset_index(drop=True)
    return dates, (death - pd.to_datetime(last)).dt.days.to_numpy(dtype=float)


def follow_up(study: Study) -> FollowUpSummary:
    """Each enrolled participant's last visit attended (a measurement row at it), days on study, date of death and
    days from the last infusion to it; the median, range and sum of the last visits' months (R's median)."""
    ids = list(study.enrolled["participant_id"].astype(str))
    _, _, _, last = _visit_rows(study)
    visits = study.config.visits
    days = _days_on_study(study).to_numpy()
    died, after = _deaths(study)
    people = tuple(FollowUp(pid, visits[i].code if i >= 0 else None, float(visits[i].month) if i >= 0 else math.nan,
                            float(d), death, float(a))
                   for pid, i, d, death, a in zip(ids, last, days, died, after, strict=True))
    months = np.array([f.months for f in people if not math.isnan(f.months)], dtype=float)
    if not len(months):
        return FollowUpSummary(people, math.nan, math.nan, math.nan, 0, 0.0)
    return FollowUpSummary(people, float(np.median(months)), float(months.min()), float(months.max()),
                           int(np.count_nonzero(last == len(visits) - 1)), float(months.sum()))


def completeness(study: Study) -> tuple[Completeness, ...]:
    """Per visit: values expected from the participants still on study, values present, participants measured."""
    m = study.measurements
    ids = list(study.enrolled["participant_id"].astype(str))
    codes = list(study.config.visit_codes)
    rows, p, r, last = _visit_rows(study)
    cens, cens_values = text_codes(m["censoring"])
    present = lookup(cens_values, ["missing"])[cens[rows]] != 0
    comp, comp_values = text_codes(m["compartment"])
    analyte, analyte_values = text_codes(m["analyte"])
    pairs = (comp[rows].astype(np.int64) + 1) * (len(analyte_values) + 1) + (analyte[rows] + 1)
    n_series = int(np.count_nonzero(np.bincount(pairs)))
    stopped = _stopped_ids(study)
    goes_on = np.array([q not in stopped for q in ids], dtype=bool)
    out = []
    for i, v in enumerate(codes):
        # on study at v: completed participants, or discontinued ones measured at v or later
        on = int(np.count_nonzero(goes_on | (last >= i)))
        at = (r == i) & present
        measured = int(np.count_nonzero(np.bincount(p[at], minlength=1)))
        out.append(Completeness(v, on * n_series, int(np.count_nonzero(at)), measured))
    return tuple(out)


def overview_since(study: Study, events: tuple[pd.DataFrame, pd.Index] | None = None) -> tuple[EventCount, ...]:
    """``events``: :func:`prepare_events` of ``study``, when already at hand."""
    prev = study.config.safety.previous_report_cutoff
    ae, ids = events if events is not None else prepare_events(study)
    if prev is None or ae["onset_date"].isna().all():
        return ()
    recent = ae[ae["onset_date"] > pd.Timestamp(prev)]
    return overview_counts(recent, len(ids), study.config.analysis.conf_level)


def dsmb_summary(study: Study, data: pd.DataFrame) -> DsmbSummary:
    """Everything the DSMB sections show beyond the harms tables; ``data`` is the analysis data."""
    from alsreport.analysis.summaries.lab_grades import grade_counts, grade_shifts, graded_data, graded_values

    # from the baseline on (analysis.baseline; earlier visits, e.g. screening, are not graded against it)
    visits = study.config.visit_codes[study.config.baseline_index:]
    ids = pd.Index(study.enrolled["participant_id"].astype(str))
    graded = graded_data(data, visits)
    events = prepare_events(study)
    return DsmbSummary(
        enrolment=enrolment_summary(study), deviations=derived_deviations(study), completeness=completeness(study),
        overview_since_last=overview_since(study, events), grade_counts=grade_counts(graded, visits),
        grade_shifts=grade_shifts(graded, visits, ids), graded_values=graded_values(graded, visits, ids),
        ctcae_version=study.config.safety.ctcae_version or CTCAE_VERSION, follow_up=follow_up(study),
        last_recorded_date=last_recorded_date(study),
        rule_counts=rule_counts(events[0], len(events[1]), study.config.analysis.conf_level))
