"""A table as the checks see it: the contract's columns, categorical codes, parsed columns cached.

Every check works on whole columns: a text column is categorical, so a test on its
distinct values (:meth:`CheckedTable.isin`, :meth:`CheckedTable.empty`) is spread to
the rows through the category codes, and numbers are parsed once per distinct text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from alsreport.study.contract import TableSpec
from alsreport.study.reading import Table, parse_flags, parse_numbers
from alsreport.study.reading.values import measurement_categories

__all__ = ["CheckedTable", "repeated", "distinct"]


def repeated(keys: np.ndarray, size: int) -> np.ndarray:
    """Rows whose key occurs more than once (keys are ints below ``size``)."""
    if size <= 4 * len(keys) + 1_000_000:
        return np.bincount(keys, minlength=size)[keys] > 1
    return pd.Series(keys).duplicated(keep=False).to_numpy()


def distinct(keys: np.ndarray) -> np.ndarray:
    """Distinct non-negative integer keys, sorted."""
    if not len(keys):
        return keys
    top = int(keys.max()) + 1
    if top <= 4 * len(keys) + 1_000_000:
        return np.flatnonzero(np.bincount(keys, minlength=top))
    return np.sort(pd.unique(keys))


class CheckedTable:
    """A table restricted to the contract's columns, with parsed columns cached.

    Used by the checks and, once the study is valid, by :mod:`alsreport.study.loading`.
    """

    def __init__(self, table: Table, spec: TableSpec) -> None:
        self.spec = spec
        self.name = table.name
        self.file = table.file
        self.header = table.header
        known = [c.name for c in spec.columns if c.name in table.frame.columns]
        self.unknown = [c for c in table.header if c not in {x.name for x in spec.columns}]
        self.missing = [c for c in spec.required_columns if c not in table.frame.columns]
        self.frame = table.frame[known]
        self.lines = self.frame.index.to_numpy()
        self._cache: dict[tuple[str, str], Any] = {}

    def __len__(self) -> int:
        return len(self.frame)

    def has(self, *columns: str) -> bool:
        return all(c in self.frame.columns for c in columns)

    def categories(self, column: str) -> pd.Index:
        return self.frame[column].cat.categories

    def codes(self, column: str) -> np.ndarray:
        """The category code of each row."""
        return self._cached("codes", column, lambda col: col.cat.codes.to_numpy())

    def per_category(self, column: str, values: np.ndarray) -> np.ndarray:
        """Spread one value per category to the rows."""
        return np.asarray(values)[self.codes(column)]

    def isin(self, column: str, allowed: Iterable[str]) -> np.ndarray:
        return self.per_category(column, np.asarray(self.categories(column).isin(list(allowed))))

    def empty(self, column: str) -> np.ndarray:
        """Rows whose cell is empty."""
        return self._cached("empty", column,
                            lambda col: self.per_category(column, np.asarray(col.cat.categories == "")))

    def texts(self, column: str, idx: np.ndarray | Sequence[int]) -> list[str]:
        """The text of ``column`` at row positions ``idx``."""
        return self.categories(column).take(self.codes(column)[np.asarray(idx, dtype=np.int64)]).tolist()

    def text(self, column: str, i: int) -> str:
        """The text of ``column`` at row position ``i``."""
        return str(self.categories(column)[self.codes(column)[i]])

    def key_codes(self, columns: Sequence[str]) -> tuple[np.ndarray, int]:
        """One int64 per row identifying the combination of ``columns``, and the number of possible keys."""
        key = np.zeros(len(self), dtype=np.int64)
        radix = 1
        for c in columns:
            n = len(self.categories(c))
            if radix * n >= 2**62:  # too many combinations for one integer: renumber
                key = pd.factorize(key)[0].astype(np.int64)
                radix = int(key.max()) + 1 if len(key) else 1
            key *= n  # in place: no two fresh arrays of millions of rows per column
            key += self.codes(c)
            radix *= n
        return key, radix

    def _cached(self, kind: str, column: str, fn: Callable[[pd.Series], Any]) -> Any:
        key = (kind, column)
        if key not in self._cache:
            self._cache[key] = fn(self.frame[column])
        return self._cache[key]

    def numbers(self, column: str) -> np.ndarray:
        return self._cached("number", column, parse_numbers)

    def flags(self, column: str) -> pd.arrays.BooleanArray:
        return self._cached("flag", column, parse_flags)

    def flag_is(self, column: str, value: bool) -> np.ndarray:
        """Rows whose flag is exactly ``value`` (False for empty or invalid cells)."""
        if not self.has(column):
            return np.zeros(len(self), dtype=bool)
        return (self.flags(column) == value).fillna(False).to_numpy(dtype=bool)

    def measurement_categories(self, column: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(value, censoring, limit) per category of a measurement column."""
        return self._cached("measurement categories", column, lambda col: measurement_categories(col.cat.categories))

    def measured(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """(value, limit) per row of a measurement column (see :func:`alsreport.study.reading.parse_measurements`)."""
        def spread(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
            value, _, limit = self.measurement_categories(column)
            return self.per_category(column, value), self.per_category(column, limit)

        return self._cached("measured", column, spread)

    def censoring_is(self, column: str, *words: str) -> np.ndarray:
        """Rows of a measurement column whose censoring is one of ``words`` ("observed", "below", ...).

        Decided once per distinct text and spread as booleans, so no per-row word array is built.
        """
        return self.per_category(column, np.isin(self.measurement_categories(column)[1], words))
