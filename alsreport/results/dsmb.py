"""Result objects of the DSMB sections of the safety report: enrolment, deviations, completeness,
counts since the last report, and CTCAE-graded laboratory values. Frozen; numbers stay numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # model.py imports this module (Results.dsmb is a DsmbSummary): no import back at run time
    from alsreport.results.deviation_table import DeviationTable
    from alsreport.results.model import EventCount

__all__ = ["EnrolmentMonth", "Enrolment", "Deviation", "Completeness", "GradeCount", "GradeShift",
           "GradedValue", "FollowUp", "FollowUpSummary", "DsmbSummary"]


@dataclass(frozen=True)
class EnrolmentMonth:
    month: str
    """Calendar month, ``YYYY-MM``."""
    n: int
    cumulative: int


@dataclass(frozen=True)
class Enrolment:
    n_enrolled: int
    target: int | None
    first_date: str | None
    """ISO date of the first enrolment (enrolment_date, else consent_date); None without dates."""
    last_date: str | None
    by_month: tuple[EnrolmentMonth, ...]
    n_since_last_report: int | None
    """Enrolled after ``safety.previous_report_cutoff`` (None when it or the dates are not given)."""
    median_days_on_study: float
    """Median days from enrolment to last contact (or the data cut-off); NaN without dates."""


@dataclass(frozen=True)
class Deviation:
    """One protocol deviation derived from the data, or reported by the site in deviations.csv."""

    participant_id: str
    kind: str
    """``missed dose``, ``partial dose`` (a route not given), ``missing sample``, ``out-of-window visit``."""
    where: str
    """The infusion or visit, e.g. ``infusion 2 (M1)``, ``M3``; for a reported deviation its visit, date or
    study day (``day 12``), empty when none is given."""
    detail: str
    """What happened, as the data or the site give it: the reason a dose was not given or a sample not taken (the
    study's own text, ``Lumbar puncture unsuccessful``; empty when none is recorded), a site's description."""
    source: str = "data"
    """``data`` (derived by alsreport) or ``site`` (reported in deviations.csv)."""
    routes: str = ""
    """A partial dose's planned routes that were not given (``IT``, ``IV/IT``); empty for every other kind."""
    compartment: str = ""
    """A missing sample's compartment (``CSF``); empty for every other kind."""
    visit_infusion: str = ""
    """A missing sample's visit attended: the number of the infusion given at that visit (``3``), empty when the
    participant was given none there (nothing in the data says they attended)."""
    visit_routes: str = ""
    """The routes by which that infusion was given (``IV/IT``); empty with ``visit_infusion``."""
    visit_sampled: str = ""
    """A missing sample's other compartments sampled at that visit (``CSF/serum``, the flow's order), empty when the
    data hold no other sample of the participant there."""


@dataclass(frozen=True)
class Completeness:
    visit: str
    n_expected: int
    """Participants expected at the visit (enrolled, not discontinued or dead before it) × series."""
    n_available: int
    n_participants: int
    """Participants with at least one value at the visit."""


@dataclass(frozen=True)
class GradeCount:
    """Participants by CTCAE grade of one analyte at one visit."""

    compartment: str
    analyte: str
    ctcae_term: str
    visit: str
    n: int
    """Participants with a gradable value."""
    by_grade: tuple[int, int, int, int, int]
    """Participants at grade 0 (within limits), 1, 2, 3, 4."""
    median: float
    minimum: float
    maximum: float
    unit: str


@dataclass(frozen=True)
class GradeShift:
    """Participants by baseline grade × worst post-baseline grade (0–4; -1: no gradable value)."""

    compartment: str
    analyte: str
    ctcae_term: str
    baseline: int
    worst: int
    n: int


@dataclass(frozen=True)
class GradedValue:
    """A value of grade 1 or more (the graded out-of-range listing)."""

    participant_id: str
    visit: str
    compartment: str
    analyte: str
    value: float
    unit: str
    grade: int
    ctcae_term: str


@dataclass(frozen=True)
class FollowUp:
    """How long one enrolled participant was followed: the last visit attended and the days on study."""

    participant_id: str
    last_visit: str | None
    """Code of the last visit with a measurement row (None: none)."""
    months: float
    """That visit's month (study.yml), NaN without one."""
    days_on_study: float
    """Days from enrolment (else consent) to last contact (else death, discontinuation, the data cut-off); NaN
    without dates."""
    death_date: str | None = None
    """ISO date of death (participants.csv ``death_date``), None when not recorded."""
    days_after_last_infusion: float = math.nan
    """Days from the last infusion given (its ``infusion_date``) to death; NaN without both dates."""


@dataclass(frozen=True)
class FollowUpSummary:
    """Follow-up of the enrolled participants by the last visit attended (the visits are known when dates are not)."""

    participants: tuple[FollowUp, ...]
    median_months: float
    """Median over participants of the last visit's month (NaN when no participant attended a visit)."""
    min_months: float
    max_months: float
    n_last_visit: int
    """Participants who attended the study's last visit."""
    total_months: float
    """Sum of the last visits' months (participant-months of follow-up by visit)."""


@dataclass(frozen=True)
class DsmbSummary:
    enrolment: Enrolment
    deviations: DeviationTable | tuple[Deviation, ...]
    """A :class:`~alsreport.results.deviation_table.DeviationTable` from :func:`analyze` (columns, no object
    per deviation); it behaves as a tuple of :class:`Deviation`, and a tuple is accepted too."""
    completeness: tuple[Completeness, ...]
    overview_since_last: tuple[EventCount, ...]
    """The adverse-event overview over events with onset after ``previous_report_cutoff`` (empty without it)."""
    grade_counts: tuple[GradeCount, ...]
    grade_shifts: tuple[GradeShift, ...]
    graded_values: tuple[GradedValue, ...]
    ctcae_version: str
    follow_up: FollowUpSummary | None = None
    """Follow-up by the last visit attended (None in results written before it existed)."""
    last_recorded_date: str | None = None
    """ISO date of the latest date in the study files (samples, infusions, events, contacts, deaths, deviations);
    None when they record no date."""
    rule_counts: tuple[EventCount, ...] = ()
    """What a board weighs against its stopping rules, by ``category``: ``related grade>=3``, ``related grade>=4``,
    ``grade>=4``, ``serious related``, ``serious`` (events and participants of all enrolled; empty in results written
    before it existed)."""
