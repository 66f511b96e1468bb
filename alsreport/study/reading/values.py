"""Text to values: numbers, yes/no flags and measurements (``12.5``, ``<0.5``, ``>300``), per row.

Each function parses the distinct texts of a categorical column once and spreads
the results to the rows through the category codes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from alsreport.study.contract import NO, YES
from alsreport.study.reading.tables import STRAY_WHITESPACE

__all__ = ["CENSORING_DTYPE", "parse_numbers", "parse_flags", "parse_measurements", "measurement_categories"]

#: NumPy dtype of the censoring words ("observed", "below", "above", "missing", "invalid") per distinct text.
CENSORING_DTYPE = np.dtype("<U8")


def _per_category(col: pd.Series, values: np.ndarray | pd.api.extensions.ExtensionArray) -> Any:
    """Spread one value per category back to the rows of a categorical column."""
    codes = col.cat.codes.to_numpy()
    return values[codes]


def _categories(col: pd.Series) -> pd.Index:
    if not isinstance(col.dtype, pd.CategoricalDtype):
        col = col.astype("category")
    return pd.Index(col.cat.categories.astype(str))


def _as_categorical(col: pd.Series) -> pd.Series:
    return col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype(str).astype("category")


def parse_numbers(col: pd.Series) -> np.ndarray:
    """Float per row: the number typed, NaN for empty or non-numeric cells (inf stays inf)."""
    col = _as_categorical(col)
    cats = _categories(col)
    nums = pd.to_numeric(pd.Series(cats, dtype=object), errors="coerce").to_numpy(dtype=float)
    return _per_category(col, nums)


def parse_flags(col: pd.Series) -> pd.arrays.BooleanArray:
    """yes/no (any contract spelling, case-insensitive) as a nullable boolean per row."""
    col = _as_categorical(col)
    low = _categories(col).str.lower()
    vals = pd.array([pd.NA] * len(low), dtype="boolean")
    vals[np.asarray(low.isin(YES))] = True
    vals[np.asarray(low.isin(NO))] = False
    return _per_category(col, vals)


def measurement_categories(cats: pd.Index) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, censoring, limit) for each distinct measurement text (see :func:`parse_measurements`)."""
    cats = pd.Index(cats.astype(str))
    nums = pd.to_numeric(pd.Series(cats, dtype=object), errors="coerce").to_numpy(dtype=float)
    first = cats.str[:1]
    rest = pd.to_numeric(pd.Series(cats.str[1:].str.strip(STRAY_WHITESPACE), dtype=object),
                         errors="coerce").to_numpy(dtype=float)
    below = np.asarray(first == "<") & np.isfinite(rest)
    above = np.asarray(first == ">") & np.isfinite(rest)
    observed = ~np.isnan(nums)
    empty = np.asarray(cats == "")
    censoring = np.full(len(cats), "invalid", dtype=CENSORING_DTYPE)
    censoring[observed] = "observed"
    censoring[below] = "below"
    censoring[above] = "above"
    censoring[empty] = "missing"
    limit = np.where(below | above, rest, np.nan)
    value = np.where(observed, nums, np.nan)
    return value, censoring, limit


def parse_measurements(col: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split measurement text into (value, censoring, limit) per row.

    ``censoring`` is "observed" for a number, "below" for ``<x``, "above" for
    ``>x``, "missing" for an empty cell and "invalid" for anything else.
    ``value`` is the number (NaN unless observed); ``limit`` is x (NaN unless censored).
    """
    col = _as_categorical(col)
    value, censoring, limit = measurement_categories(col.cat.categories)
    return _per_category(col, value), _per_category(col, censoring.astype(object)), _per_category(col, limit)
