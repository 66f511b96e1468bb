"""How long a printed listing may be, decided once for the tables and the text: ``safety.listing_max_rows``
(study.yml, 200 by default) and the file that holds every row of a listing longer than that.

The tables summarise a longer listing (:mod:`~alsreport.present.tables.listing_summary`) or, in the manuscript,
list the serious events only (:mod:`~alsreport.present.tables.supplementary_events`); the text says which
(:func:`~alsreport.present.supplement_numbers.listing_scope`, :mod:`~alsreport.present.prose.listed_where`).
"""

from __future__ import annotations

from alsreport.results.model import Results

__all__ = ["listing_max_rows", "listing_file_name"]


def listing_max_rows(results: Results) -> int:
    """The most rows a listing prints (``safety.listing_max_rows``)."""
    return int(results.config.safety.listing_max_rows)


def listing_file_name(key: str) -> str:
    """The file that holds every row of the listing ``key`` (attached to the PDF, written beside it)."""
    return f"listing-{key.replace('_', '-')}.csv"
