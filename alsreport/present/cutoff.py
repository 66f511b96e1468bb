"""The data cut-off in words, said only when study.yml records its date (issue #10, reader 6's item 8 and reader 7's
item 6: "at the data cut-off" where the cover said "Data cut-off: Not recorded").

One rule for the Methods' sample-size paragraph, the listings' "had not resolved …" note and the safety report's
"as of …": each names the cut-off through :func:`cutoff_words` and says what it has instead when there is none.
"""

from __future__ import annotations

from alsreport.present.format import format_date
from alsreport.study.config import StudyConfig

__all__ = ["cutoff_words"]


def cutoff_words(config: StudyConfig) -> str | None:
    """``the data cut-off (31 January 2024)``; None when study.yml records no cut-off date."""
    return f"the data cut-off ({format_date(config.data_cutoff)})" if config.data_cutoff else None
