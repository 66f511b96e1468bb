"""Small text helpers shared by the rules: numbers, row lists, "did you mean", lists of values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["fmt_num", "rows_text", "also", "did_you_mean", "join", "a_key"]


def fmt_num(x: float) -> str:
    """``5`` for a whole number, else the shortest ``%g`` form."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else f"{x:g}"


def rows_text(lines: Sequence[int] | np.ndarray, shown: int = 5) -> str:
    """``row 7`` or ``rows 7, 9, 12 and 3 more``."""
    lines = [int(x) for x in lines]
    if len(lines) == 1:
        return f"row {lines[0]}"
    head = ", ".join(str(x) for x in lines[:shown])
    rest = len(lines) - shown
    return f"rows {head}" + (f" and {rest} more" if rest > 0 else "")


def also(lines: Sequence[int] | np.ndarray) -> str:
    """`` (3 rows: 7, 9, 12)`` for a value found on several rows, else nothing."""
    if len(lines) < 2:
        return ""
    return f" ({len(lines)} rows: {rows_text(lines)[5:]})"


def did_you_mean(value: str, allowed: Iterable[str]) -> str:
    """`` (did you mean X?)`` for a value that differs from an allowed one by case or a typo, else nothing."""
    allowed = list(allowed)
    folded = [a for a in allowed if a.casefold() == value.casefold()]
    close = folded or difflib.get_close_matches(value, allowed, n=1, cutoff=0.75)
    return f" (did you mean {close[0]}?)" if close else ""


def join(values: Iterable[str]) -> str:
    """Comma-separated values."""
    return ", ".join(values)


def a_key(values: Iterable[str]) -> str:
    """The values of a composite key, ``P01 / M0``."""
    return " / ".join(values)
