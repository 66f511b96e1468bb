"""A compartment's samples missing at the visits its analysis box does not compare (issue #10, session 27 readers:
the flow diagram's "CSF Excluded (n = 0)" while CSF was missing at Months 1 and 2, so those visits' tests had fewer
pairs). The diagram's box, its alt text and the safety report's disposition list give them with their reasons."""

from __future__ import annotations

import re
from collections.abc import Iterable

from alsreport.analysis.summaries.flow_compartments import NO_SAMPLE
from alsreport.present.format import contrast_visits, table_visit_label
from alsreport.present.prose.words import cap
from alsreport.results.missing_samples import missing_samples
from alsreport.results.model import CompartmentFlow, ReasonCount, Results

__all__ = ["missing_elsewhere", "reasons_said", "excluded_after_follow_up"]

#: The flow's reason of a sample missing without a recorded reason (``no sample at Month 3``; with one recorded,
#: ``no sample at Month 0: Dry tap``).
_NO_SAMPLE = re.compile(rf"^({re.escape(NO_SAMPLE)})( at [^:]*)$", re.IGNORECASE)


def reasons_said(reasons: Iterable[ReasonCount]) -> tuple[ReasonCount, ...]:
    """``Missing at Month 1 with no reason recorded`` for the flow's ``No sample at Month 1``: a sample missing without
    a reason says so, as §3.1 does ("1 participant; no reason recorded"; session 27 readers: the diagram's boxes read
    as if the reason were given), in words that read after a count too ("1 missing at Month 1 …"; "1 no sample or
    reason recorded" was hard to parse: session 28 readers); other reasons as recorded."""
    return tuple(ReasonCount(_NO_SAMPLE.sub(_said, r.reason), r.n, r.participants) for r in reasons)


def excluded_after_follow_up(results: Results, reasons: Iterable[ReasonCount]) -> tuple[ReasonCount, ...]:
    """The reasons an analysis box gives: those of participants who completed follow-up. The box hangs under
    "Completed follow-up (n = 11)", so a participant who left the study early (died, discontinued), already counted
    in the follow-up box above it, is not excluded a second time (session 29 six-visit reader: "Completed follow-up
    (n = 11)" → "CSF analysed (n = 11), Excluded (n = 1): Died before Month 12" read as 11 − 1 = 10)."""
    left = {p for d in results.flow.discontinued for p in d.participants}
    return tuple(r for r in reasons if not (r.participants and set(r.participants) <= left))


def _said(m: re.Match) -> str:
    return f"{'Missing' if m.group(1)[0].isupper() else 'missing'}{m.group(2)} with no reason recorded"


def missing_elsewhere(results: Results, c: CompartmentFlow) -> tuple[ReasonCount, ...]:
    """``Missing at Month 1 with no reason recorded``, ``Lumbar puncture unsuccessful at Month 2``: the compartment's samples
    missing at a visit other than the two its box compares, from participants still in the study (the samples of
    those who had left are in the flow's discontinuations), in visit order."""
    later, base = contrast_visits(results.config, c.contrast)
    # results.missing_samples: neither the samples of participants who had left nor those outside the analysis set
    return reasons_said(ReasonCount(f"{cap(g.reason)} at {table_visit_label(results.config, g.visit)}",
                                    g.n, g.participants)
                        for g in missing_samples(results.flow)
                        if g.compartment == c.compartment and g.visit not in (later, base))
