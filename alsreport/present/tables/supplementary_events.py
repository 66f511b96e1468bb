"""The manuscript's supplementary listing of adverse events (reader 11b's item 2: Table 7's note sent readers to the
listing in the safety report, a confidential document that is no part of a submission; CONSORT Harms 2022 asks for
each serious event and death with its timing).

Every adverse event, one row each (participant, term, system organ class, grade, serious, relatedness, infusion,
day of onset after it, outcome), as the safety report's listing of all events. A listing stays bounded, as the
safety report's listings do (:mod:`~alsreport.present.tables.listing_summary`, ``safety.listing_max_rows``): past
that many events it lists the serious events only, and says so; past that many serious events it counts them by
system organ class. The manuscript attaches no file, so the note says where every event is counted instead.
:func:`~alsreport.present.supplement_numbers.listing_scope` tells the text (the supplement's opening, Table 7's note) which of the three it is.
"""

from __future__ import annotations

import pandas as pd

from alsreport.present.supplement_numbers import EVENTS as KEY, listing_scope
from alsreport.present.listing_limit import listing_max_rows
from alsreport.present.tables.listing_summary import ListingSpec, listing_summary
from alsreport.present.tables.safety import event_listing, event_listing_data
from alsreport.present.tables.table import Table
from alsreport.results.model import AdverseEvent, Results

__all__ = ["KEY", "supplementary_event_data", "supplementary_event_listing"]

#: Where every event is counted, for a listing that does not hold them all.
_COUNTED = "Every event is counted by system organ class, term and grade in the table of adverse events."


def _events(results: Results) -> tuple[AdverseEvent, ...]:
    return results.safety.events if listing_scope(results) == "all" else results.safety.serious_events


def supplementary_event_data(results: Results) -> pd.DataFrame:
    """The events the listing holds (every event, or the serious ones past ``safety.listing_max_rows``)."""
    return event_listing_data(_events(results))


def supplementary_event_listing(results: Results, *, id: str = "alsreport-supplementary-events") -> Table:
    scope = listing_scope(results)
    n, limit = len(results.safety.events), listing_max_rows(results)
    if scope == "all":
        # the manuscript's: no marks of what is new since a safety report it does not name (session 36 reader)
        return event_listing(results, results.safety.events, id=id, title="Listing of all adverse events",
                             subtitle="Every adverse event, related or not, resolved or not, with its timing",
                             since=False)
    if scope == "serious":
        return event_listing(results, results.safety.serious_events, id=id, title="Listing of serious adverse events",
                             subtitle="Every serious adverse event, with its timing",
                             note=f"The study recorded {n:,} adverse events, more than the {limit:,} rows the study's "
                                  f"settings allow in a printed listing, so this listing gives the serious events "
                                  f"only. {_COUNTED}", serious=True, since=False)
    spec = ListingSpec("Listing of serious adverse events", "system_organ_class", "System organ class", "serious events")
    return listing_summary(results, KEY, supplementary_event_data(results), spec,
                           elsewhere=f"The study recorded {n:,} adverse events. {_COUNTED}")
