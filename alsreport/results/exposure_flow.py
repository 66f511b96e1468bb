"""Result objects of exposure and participant flow: infusions given, discontinuations, analysis sets and
the CONSORT flow (per compartment). Part of :mod:`alsreport.results.model`, which re-exports them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Summary", "InfusionExposure", "ParticipantExposure", "Exposure", "ReasonCount", "ExclusionReason", "InfusionStage", "Discontinuation", "SetCount", "AnalysisSetFlow", "VisitSamples", "CompartmentFlow", "ConsortFlow"]


@dataclass(frozen=True)
class Summary:
    """Continuous summary of a quantity across participants."""

    n: int
    mean: float
    sd: float
    median: float
    q1: float
    q3: float
    min: float
    max: float


@dataclass(frozen=True)
class InfusionExposure:
    """Infusions planned and given for one infusion number and route."""

    infusion_no: int
    visit: str
    route: str
    n_planned: int
    n_given: int
    cells_per_kg: Summary
    """Dose given by this route among those who received it."""
    not_given: tuple["ReasonCount", ...] = ()
    """Why the planned doses that were not given were missed (``reason_not_given``), most frequent first."""


@dataclass(frozen=True)
class ParticipantExposure:
    participant_id: str
    n_infusions: int
    """Infusions with at least one route given."""
    n_iv: int
    n_it: int
    cumulative_cells_per_kg: float


@dataclass(frozen=True)
class Exposure:
    by_infusion: tuple[InfusionExposure, ...]
    by_participant: tuple[ParticipantExposure, ...]
    infusions_per_participant: Summary
    cumulative_cells_per_kg: Summary


@dataclass(frozen=True)
class ReasonCount:
    reason: str
    n: int
    participants: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExclusionReason(ReasonCount):
    """A reason not to enrol (:attr:`ConsortFlow.excluded_reasons`), with whether these participants met the
    eligibility criteria (participants.csv ``eligible``; None: not recorded)."""

    eligible: bool | None = None


@dataclass(frozen=True)
class InfusionStage:
    """CONSORT: participants who received infusion *k* (at least one route)."""

    infusion_no: int
    visit: str
    n_received: int
    not_received: tuple[ReasonCount, ...] = ()
    """Received the previous infusion (all enrolled for the first) but not this one, and did not
    stop the study there (those are in :attr:`ConsortFlow.discontinued`)."""
    resumed: tuple[str, ...] = ()
    """Received this infusion without the previous one (missed an infusion, then went on)."""


@dataclass(frozen=True)
class Discontinuation:
    """Participants who discontinued after infusion number ``after_infusion`` of the schedule (0 = before the
    first): the last one they received, so the number received unless they missed one."""

    after_infusion: int
    reason: str
    n: int
    participants: tuple[str, ...] = ()


@dataclass(frozen=True)
class SetCount:
    """``analysis.analysis_set`` in one compartment: how many enrolled participants are in it, who is left out and why."""

    compartment: str
    n_in_set: int
    left_out: tuple[ReasonCount, ...] = ()

    @property
    def n_left_out(self) -> int:
        return sum(r.n for r in self.left_out)


@dataclass(frozen=True)
class AnalysisSetFlow:
    """The analysis set of the biomarker statistics (``all``, ``completers`` or ``per_protocol``), per compartment."""

    name: str
    by_compartment: tuple[SetCount, ...] = ()


@dataclass(frozen=True)
class VisitSamples:
    """Participants with a sample of one compartment at one visit (any value recorded, below-LOD included)."""

    visit: str
    n: int
    n_missing: int
    """Enrolled participants without a sample at this visit."""
    missing: tuple[ReasonCount, ...] = ()
    """Why: ``discontinued`` (stopped the study before this visit), for CSF the ``reason_not_given`` of the
    intrathecal dose of that visit (``Lumbar puncture unsuccessful``), or ``no sample``."""


@dataclass(frozen=True)
class CompartmentFlow:
    """CONSORT analysis box of one compartment: analysed at its primary visit, excluded with reasons."""

    compartment: str
    contrast: str
    """The contrast analysed (the primary endpoint's, else the compartment's last sampled visit − baseline)."""
    analysed: int
    """Participants with a sample at both visits of ``contrast``."""
    not_analysed: tuple[ReasonCount, ...]
    """Reasons: ``discontinued before <visit>`` (``died before <visit>`` for a participant who died),
    ``no sample at <visit>`` (per participant, visits joined)."""
    below_lod_excluded: tuple[ReasonCount, ...] = ()
    """With ``below_lod: exclude``: per analyte (reason = its label), analysed participants whose value at
    either visit was below the limit of detection and so left out of that analyte's test."""
    visits: tuple[VisitSamples, ...] = ()
    """Samples at each of the compartment's sampling visits."""


@dataclass(frozen=True)
class ConsortFlow:
    """CONSORT flow counts derived from the data (single arm)."""

    assessed: int
    excluded: int
    excluded_reasons: tuple[ExclusionReason, ...]
    """Those not eligible first, then the eligible not enrolled, then those whose eligibility is not recorded
    (CONSORT's "not meeting inclusion criteria" before "declined to participate"), each by count."""
    enrolled: int
    infusions: tuple[InfusionStage, ...]
    discontinued: tuple[Discontinuation, ...]
    completed: int
    analysed: int
    """Participants with both baseline and final values for the primary endpoint."""
    analysed_series: str
    """e.g. ``CSF TNF-α``."""
    analysed_contrast: str
    not_analysed: tuple[ReasonCount, ...] = ()
    analysed_analyte: str = ""
    """Analyte name of the endpoint behind ``analysed`` (``analysis.primary``, else the default)."""
    analysed_compartment: str = ""
    analysis_set: AnalysisSetFlow | None = None
    """Who the biomarker statistics use (``analysis.analysis_set``); ``analysed`` counts within it."""
    compartments: tuple[CompartmentFlow, ...] = ()
    """Per compartment (order of the data): analysed at the primary visit, exclusions, samples per visit."""
    died: tuple[str, ...] = ()
    """Participants who stopped the study and died (a fatal adverse event or a discontinuation reason saying
    so): their exclusions read ``died before <visit>``."""

    @property
    def n_discontinued(self) -> int:
        return sum(d.n for d in self.discontinued)
