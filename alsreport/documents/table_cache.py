"""The documents' tables, each built when a document first asks for it.

The two reports share few tables (the ethics report's listings, enrolment and laboratory grades are
not in the manuscript; the biomarker tables are not in the ethics report). :class:`LazyTables` knows
which tables apply without building any (:func:`alsreport.present.tables.registry.table_entries`)
and builds a table on first access, so each document's process builds only what it shows, and
nothing is built before the documents' processes start but what the parent itself needs.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from alsreport.documents.figure_cache import LazyBuilt

if TYPE_CHECKING:
    import pandas as pd

    from alsreport.results.model import Results

__all__ = ["LazyTables"]


class LazyTables(LazyBuilt):
    """``{key: Table}`` for every table that applies to ``results``; keys known at once, tables built on
    first access (the same tables, in the same order, as :func:`~alsreport.present.tables.build_tables`)."""

    def __init__(self, results: "Results", timings: dict[str, float]) -> None:
        from alsreport.present.tables.registry import table_entries

        self._results = results
        self._entries = {t.key: t for t in table_entries(results)}
        super().__init__({key: functools.partial(entry.build, results) for key, entry in self._entries.items()},
                         timings, "tables")

    def summarised_listings(self) -> dict[str, "pd.DataFrame"]:
        """``{key: every row}`` of the listings too long to print (their tables are summaries naming the
        file, :func:`~alsreport.present.tables.listing_summary.listing_file_name`), without building a table."""
        from alsreport.present.listing_limit import listing_max_rows

        limit = listing_max_rows(self._results)
        frames = {key: entry.data(self._results) for key, entry in self._entries.items() if entry.listing is not None}
        return {key: frame for key, frame in frames.items() if len(frame) > limit}
