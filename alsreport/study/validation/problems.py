"""The validation report: :class:`Problem`, :class:`ValidationReport`, and the collector that caps repeats.

Problems of one kind in one column are listed up to :data:`LIMIT` times; the last
one listed counts the rest (``more``). :class:`Collector` is the one place that
applies that cap, whether the problems come from a row mask (:meth:`Collector.rows`),
from distinct values (:meth:`Collector.values`) or from any other list
(:meth:`Collector.capped`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

import numpy as np
import pandas as pd

from alsreport.study.reading import CONFIG_FILE

if TYPE_CHECKING:
    from alsreport.study.validation.table import CheckedTable

__all__ = ["LIMIT", "Severity", "Problem", "StudySummary", "ValidationReport", "Collector"]

Severity = Literal["error", "warning"]

#: How many problems of one kind (per file and column) are listed before "and N more like this".
LIMIT = 20

T = TypeVar("T")


def _visible(value: str) -> str:
    """``value`` with invisible characters spelled out (``9.06\\x1f`` → ``9.06<U+001F>``), so people see them."""
    return "".join(f"<U+{ord(ch):04X}>" if (not ch.isprintable() and ch != " ") else ch for ch in str(value))


def plural(n: int, word: str) -> str:
    """``1 row``, ``2 rows``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass(frozen=True)
class Problem:
    """One problem found in the input."""

    severity: Severity
    file: str
    """File name (``measurements.csv``, ``study.yml``) or workbook sheet (``[data.xlsx]measurements``)."""
    row: int | None
    """Spreadsheet row (header = 1, first data row = 2); the line for study.yml; None for the whole file."""
    column: str | None
    """Column name, or the dotted key path in study.yml (``visits[2].month``)."""
    value: str | None
    """The value as typed ("" for an empty cell); None when not about one value."""
    message: str
    """What is wrong and what was expected."""
    code: str = ""
    """A stable identifier of the kind of problem, e.g. ``decimal-comma``."""
    more: int = 0
    """How many further problems of this kind (same file and column) are not listed."""

    @property
    def location(self) -> str:
        """``row 7, value = "12,5"``-style location (without the file)."""
        parts = []
        if self.row is not None:
            parts.append(f"{'line' if self.file == CONFIG_FILE else 'row'} {self.row}")
        if self.column is not None:
            if self.value is None:
                parts.append(self.column)
            elif self.value == "":
                parts.append(f"{self.column} (empty)")
            else:
                parts.append(f'{self.column} = "{_visible(self.value)}"')
        return ", ".join(parts)

    def format(self) -> str:
        """One line: location and message (the file is given by the report's grouping)."""
        return f"{self.location}: {self.message}" if self.location else self.message

    def describe(self) -> str:
        """One self-contained line, including the file."""
        more = f" (and {self.more} more like this)" if self.more else ""
        return f"{self.file}, {self.format()}{more}"


@dataclass(frozen=True)
class StudySummary:
    """Counts shown when a study is valid."""

    assessed: int
    enrolled: int
    visits: int
    series: int
    """Distinct analyte x compartment combinations measured."""
    measurements: int


@dataclass(frozen=True)
class ValidationReport:
    """Every problem found in a study folder."""

    path: str
    problems: tuple[Problem, ...] = ()
    summary: StudySummary | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    @property
    def error_count(self) -> int:
        """Errors including those not listed individually."""
        return sum(1 + p.more for p in self.errors)

    @property
    def warning_count(self) -> int:
        return sum(1 + p.more for p in self.warnings)

    def format(self) -> str:
        """A readable listing grouped by file, ending with a count line."""
        lines: list[str] = []
        current: str | None = None
        for p in self.problems:
            if p.file != current:
                current = p.file
                lines.append(p.file)
            lines.append(f"  {p.severity:<8} {p.format()}")
            if p.more:
                lines.append(f"  {'':<8} ... and {p.more} more like this")
        lines.append(self._count_line())
        return "\n".join(lines)

    def _count_line(self) -> str:
        warnings = plural(self.warning_count, "warning")
        if not self.ok:
            counts = plural(self.error_count, "error") + (f", {warnings}" if self.warning_count else "")
            return f"{counts} in {self.path}"
        s = self.summary
        text = "study OK"
        if s is not None:
            text += (f": {plural(s.enrolled, 'enrolled participant')}, {plural(s.visits, 'visit')}, "
                     f"{s.series} series (analyte x compartment), {plural(s.measurements, 'measurement row')}")
        text += f" in {self.path}"
        return text + (f"; {warnings}" if self.warning_count else "")


class Collector:
    """Accumulates problems; lists at most :data:`LIMIT` of one kind and counts the rest."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, severity: Severity, file: str, message: str, *, row: int | None = None,
            column: str | None = None, value: str | None = None, code: str = "", more: int = 0) -> None:
        self.items.append(Problem(severity, file, row, column, value, message, code, more))

    @staticmethod
    def capped(items: Sequence[T]) -> Iterator[tuple[T, int]]:
        """The first :data:`LIMIT` items, each with its ``more``: the number not listed, on the last one shown."""
        shown = items[:LIMIT]
        for k, item in enumerate(shown):
            yield item, (len(items) - len(shown) if k == len(shown) - 1 else 0)

    def rows(self, severity: Severity, code: str, view: CheckedTable, column: str | None,
             mask: np.ndarray, message: Callable[[int, str], str], *, show_column: str | None = None) -> None:
        """One problem per offending row (capped); ``message(position, text)``."""
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        col = show_column or column
        shown = idx[:LIMIT]
        texts = view.texts(col, shown) if col is not None else [None] * len(shown)
        for (i, more), text in zip(self.capped(idx), texts, strict=True):
            self.add(severity, view.file, message(int(i), text or ""), row=int(view.lines[i]),
                     column=col, value=text, code=code, more=more)

    def values(self, severity: Severity, code: str, view: CheckedTable, column: str,
               mask: np.ndarray, message: Callable[[str, np.ndarray], str]) -> None:
        """One problem per distinct offending value (capped); ``message(value, rows)``."""
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        codes = view.codes(column)[idx]
        cats = view.categories(column)
        for u, more in self.capped(pd.unique(codes)):
            rows = view.lines[idx[codes == u]]
            value = str(cats[u])
            self.add(severity, view.file, message(value, rows), row=int(rows[0]), column=column,
                     value=value, code=code, more=more)
