"""Spreadsheet-safe text cells: one rule for every CSV and XLSX alsreport writes.

A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and
some also after a leading tab or carriage return) as a formula, so a term such as
``=HYPERLINK("http://…")`` or ``+cmd|' /C calc'!A0`` typed into the data would run
when a results file is opened. :func:`neutralise` prefixes such text with ``'``
(the OWASP "CSV injection" advice), even when it looks like a number (``"-3"``
as text stays text); numbers themselves are never touched.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_START", "neutralise"]

#: First characters a spreadsheet reads as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would evaluate gets a leading ``'``; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
