"""The data cut-off in words, said only when study.yml records its date (issue #10, reader 6's item 8 and reader 7's
item 6: "at the data cut-off" where the cover said "Data cut-off: Not recorded").

One rule for the Methods' sample-size paragraph, the listings' "had not resolved …" note and the safety report's
"as of …": each names the cut-off through :func:`cutoff_words` and says what it has instead when there is none.

Without a cut-off the data are dated by the last data in the study files (the latest date they record, when they
record one), never by the day the report was generated: "as of the analysis date (2 December 2026)" and captions
"Data as of 2 December 2026 (analysis date; …)" dated months-old data by the render (reader 12b item 5). The
safety report's text (:func:`as_of_words`) and its captions (:func:`data_date_caption`) are worded here only.
"""

from __future__ import annotations

from alsreport.present.format import format_date
from alsreport.results.model import Results
from alsreport.study.config import StudyConfig

__all__ = ["cutoff_words", "as_of_words", "data_date_caption"]

#: What stands for a missing cut-off: a gap the investigators fill, as the cover's "Not recorded (to be added)"
#: (session 30 readers: "(data cut-off not recorded)" read like a note on the study, not a request)
NOT_RECORDED = "data cut-off to be added"


def cutoff_words(config: StudyConfig) -> str | None:
    """``the data cut-off (31 January 2024)``; None when study.yml records no cut-off date."""
    return f"the data cut-off ({format_date(config.data_cutoff)})" if config.data_cutoff else None


def _latest(results: Results) -> str | None:
    """The latest date in the study files, in words (None when they record none)."""
    d = results.dsmb.last_recorded_date if results.dsmb is not None else None
    return format_date(d) if d else None


def as_of_words(results: Results) -> str:
    """``as of the data cut-off (31 January 2024)``; without a cut-off ``as of the last data recorded
    (latest date: 15 March 2025; data cut-off to be added)``, the date only when the files record one."""
    cutoff = cutoff_words(results.config)
    if cutoff:
        return f"as of {cutoff}"
    latest = _latest(results)
    return ("as of the last data recorded ("
            + (f"latest date: {latest}; " if latest else "") + f"{NOT_RECORDED})")


def data_date_caption(results: Results) -> str:
    """The sentence every table and figure caption of the safety report ends with: ``Data as of 31 January 2024.``;
    without a cut-off ``Data cut-off to be added; latest date recorded 15 March 2025; report generated
    2 December 2026.`` (the latest date only when the files record one)."""
    if results.config.data_cutoff:
        return f"Data as of {format_date(results.config.data_cutoff)}."
    latest = _latest(results)
    return (NOT_RECORDED[0].upper() + NOT_RECORDED[1:] + "; "
            + (f"latest date recorded {latest}; " if latest else "")
            + f"report generated {format_date(results.provenance.generated_at)}.")
