"""The documents' tables, each built when a document first asks for it.

The two reports share few tables (the ethics report's listings, enrolment and laboratory grades are
not in the manuscript; the biomarker tables are not in the ethics report). :class:`LazyTables` knows
which tables apply without building any (:func:`alsreport.present.tables.registry.table_entries`)
and builds a table on first access, so each document's process builds only what it shows, and
nothing is built before the documents' processes start but what the parent itself needs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from alsreport.present.tables.table import Table
    from alsreport.results.model import Results

__all__ = ["LazyTables"]


class LazyTables(Mapping[str, "Table"]):
    """``{key: Table}`` for every table that applies to ``results``; keys known at once, tables built on
    first access (the same tables, in the same order, as :func:`~alsreport.present.tables.build_tables`)."""

    def __init__(self, results: "Results", timings: dict[str, float]) -> None:
        from alsreport.present.tables.registry import table_entries

        self._results = results
        self._entries = {t.key: t for t in table_entries(results)}
        self._built: dict[str, Table] = {}
        self._timings = timings

    def __getitem__(self, key: str) -> "Table":
        if key not in self._built:
            entry = self._entries[key]  # KeyError for a table that does not apply, as a dict
            start = time.perf_counter()
            self._built[key] = entry.build(self._results)
            self._timings["tables"] = self._timings.get("tables", 0.0) + time.perf_counter() - start
        return self._built[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def summarised_listings(self) -> dict[str, "pd.DataFrame"]:
        """``{key: every row}`` of the listings too long to print (their tables are summaries naming the
        file, :func:`~alsreport.present.tables.listing_summary.listing_file_name`), without building a table."""
        from alsreport.present.tables.listing_summary import listing_max_rows

        limit = listing_max_rows(self._results)
        frames = {key: entry.data(self._results) for key, entry in self._entries.items() if entry.listing is not None}
        return {key: frame for key, frame in frames.items() if len(frame) > limit}
