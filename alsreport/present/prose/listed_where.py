"""Where the text's counted events are listed one by one, said as the listing really is (reader's brief on issue
#10: "(each is in the listing of serious adverse events)" was printed also when the listing, past
``safety.listing_max_rows``, counted the serious events by system organ class instead).

The manuscript's listing is its supplementary table (:func:`~alsreport.present.supplement_numbers.listing_scope`:
every event, the serious ones only, or the serious ones counted); the safety report's listing of serious events
prints them all up to the limit and past it counts them, with every row in the file attached to the report.
"""

from __future__ import annotations

from collections.abc import Sequence

from alsreport.present.listing_limit import listing_file_name, listing_max_rows
from alsreport.present.supplement_numbers import EVENTS, listing_scope, supplement_refs
from alsreport.results.model import AdverseEvent, Results

__all__ = ["manuscript_listed_where", "safety_report_listed_where"]


def manuscript_listed_where(results: Results, events: Sequence[AdverseEvent]) -> str:
    """``each is listed in [Table S3](#tbl-table-s3)``, ``the serious ones are listed in …`` (a listing of the
    serious events only, some of ``events`` not serious) or ``… counts the serious events by system organ class``;
    "" when the manuscript has no listing."""
    ref = supplement_refs(results).get(EVENTS)
    if ref is None:
        return ""
    scope = listing_scope(results)
    if scope == "serious_summary":
        return f"{ref} counts the serious events by system organ class"
    if scope == "all" or all(e.serious for e in events):
        return f"each is listed in {ref}"
    return f"the serious ones are listed in {ref}"


def safety_report_listed_where(results: Results) -> str:
    """``each is listed in @tbl-serious``; past ``safety.listing_max_rows`` serious events, where every row is."""
    if len(results.safety.serious_events) <= listing_max_rows(results):
        return "each is listed in @tbl-serious"
    return (f"each is listed in {listing_file_name('serious_events')}, attached to this report; @tbl-serious counts "
            "them by system organ class")
