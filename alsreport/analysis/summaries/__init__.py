"""Pure summaries of a :class:`~alsreport.study.model.Study`: each a function returning result objects.

=================================  ===========================================================
:func:`baseline_characteristics`   baseline table of enrolled participants
:func:`exposure_summary`           infusions planned / given, doses
:func:`consort_flow`               CONSORT flow counts derived from the data
:func:`safety_summary`             adverse events: overview, by SOC / term / grade, listings
:func:`shift_counts`               reference-range shift tables (baseline → worst)
:func:`out_of_range`               listing of values outside their reference range
=================================  ===========================================================
"""

from __future__ import annotations

from alsreport.analysis.summaries.baseline import baseline_characteristics
from alsreport.analysis.summaries.exposure import exposure_summary, summarise
from alsreport.analysis.summaries.flow import check_flow, consort_flow, flow_warnings
from alsreport.analysis.summaries.safety import safety_summary
from alsreport.analysis.summaries.shifts import SHIFT_LEVELS, out_of_range, shift_counts

__all__ = [
    "SHIFT_LEVELS",
    "baseline_characteristics",
    "check_flow",
    "consort_flow",
    "exposure_summary",
    "flow_warnings",
    "out_of_range",
    "safety_summary",
    "shift_counts",
    "summarise",
]
