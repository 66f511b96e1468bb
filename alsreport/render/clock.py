"""Dates the render engine writes (``date: today``, the PDF's creation date), reproducible on request.

With ``SOURCE_DATE_EPOCH`` set (seconds since 1970-01-01 UTC, the reproducible-builds
convention), "today" and "now" are that instant in UTC, so the same inputs give
byte-identical documents in every time zone and on every day; otherwise they are
the local date and time.
"""

from __future__ import annotations

import datetime as _dt
import os

__all__ = ["now", "today"]


def _epoch() -> _dt.datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return _dt.datetime.fromtimestamp(int(raw), tz=_dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None  # provenance (analysis) reports a malformed value; here the clock is used


def now() -> _dt.datetime:
    """The instant of ``SOURCE_DATE_EPOCH`` in UTC, else the local time (seconds)."""
    epoch = _epoch()
    return (epoch if epoch is not None else _dt.datetime.now()).replace(microsecond=0)


def today() -> _dt.date:
    """The UTC date of ``SOURCE_DATE_EPOCH``, else the local date."""
    return now().date()
