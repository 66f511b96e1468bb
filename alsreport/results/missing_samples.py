"""Missing samples: the one definition both reports count.

A *sample* is one participant × compartment × visit (any analyte of the compartment with a value
there; a value below the limit of detection counts). A sample is *missing* when an enrolled participant
has none at one of the compartment's sampling visits: the CONSORT compartment flow
(:class:`~alsreport.results.exposure_flow.VisitSamples`, computed by
:mod:`alsreport.analysis.summaries.flow_compartments`) records them with their reason, ``discontinued``
(the participant had stopped the study) or ``no sample``. Participants outside the analysis set are
not missing samples (they are left out by design), so they are not counted here.

A sample not collected because the participant had already discontinued (withdrew or died) is not a
protocol deviation: :func:`missing_samples` leaves it out, and :func:`not_collected_after_discontinuation`
gives those samples, which the reports count once, apart (the flow reports the discontinuations).

The manuscript's sentence on missing samples and the ethics report's deviation listing both read
:func:`missing_samples`; where single analyte values are counted (data completeness), the reports say
"analyte values".
"""

from __future__ import annotations

from dataclasses import dataclass

from alsreport.results.exposure_flow import ConsortFlow

__all__ = ["DISCONTINUED", "MissingSamples", "missing_samples", "not_collected_after_discontinuation"]

#: Reasons of the flow that are not missing samples (outside the analysis set: left out by design).
_NOT_MISSING_PREFIX = "not in the "
#: The flow's reason for a sample not collected because the participant had stopped the study
#: (``alsreport.analysis.summaries.flow_compartments.DISCONTINUED``).
DISCONTINUED = "discontinued"


@dataclass(frozen=True)
class MissingSamples:
    """Missing samples of one compartment at one visit, by reason (``discontinued`` or ``no sample``)."""

    compartment: str
    visit: str
    reason: str
    participants: tuple[str, ...]

    @property
    def n(self) -> int:
        return len(self.participants)


def _groups(flow: ConsortFlow, discontinued: bool) -> tuple[MissingSamples, ...]:
    return tuple(MissingSamples(c.compartment, v.visit, r.reason, tuple(r.participants))
                 for c in flow.compartments for v in c.visits for r in v.missing
                 if r.n and not r.reason.startswith(_NOT_MISSING_PREFIX)
                 and (r.reason == DISCONTINUED) == discontinued)


def missing_samples(flow: ConsortFlow) -> tuple[MissingSamples, ...]:
    """The missing samples of ``flow`` (compartments in data order, visits in schedule order), grouped by
    compartment, visit and reason; empty groups and samples after a participant discontinued are left out."""
    return _groups(flow, discontinued=False)


def not_collected_after_discontinuation(flow: ConsortFlow) -> tuple[MissingSamples, ...]:
    """The scheduled samples of ``flow`` not collected because the participant had discontinued (not deviations)."""
    return _groups(flow, discontinued=True)
