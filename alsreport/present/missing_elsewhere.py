"""A compartment's samples missing at the visits its analysis box does not compare (issue #10, session 27 readers:
the flow diagram's "CSF Excluded (n = 0)" while CSF was missing at Months 1 and 2, so those visits' tests had fewer
pairs). The diagram's box, its alt text and the safety report's disposition list give them with their reasons."""

from __future__ import annotations

from alsreport.present.format import contrast_visits, table_visit_label
from alsreport.present.prose.words import cap
from alsreport.results.missing_samples import missing_samples
from alsreport.results.model import CompartmentFlow, ReasonCount, Results

__all__ = ["missing_elsewhere"]


def missing_elsewhere(results: Results, c: CompartmentFlow) -> tuple[ReasonCount, ...]:
    """``No sample at Month 1 (n = 1)``, ``Lumbar puncture unsuccessful at Month 2``: the compartment's samples
    missing at a visit other than the two its box compares, from participants still in the study (the samples of
    those who had left are in the flow's discontinuations), in visit order."""
    later, base = contrast_visits(results.config, c.contrast)
    # results.missing_samples: neither the samples of participants who had left nor those outside the analysis set
    return tuple(ReasonCount(f"{cap(g.reason)} at {table_visit_label(results.config, g.visit)}",
                             g.n, g.participants)
                 for g in missing_samples(results.flow)
                 if g.compartment == c.compartment and g.visit not in (later, base))
