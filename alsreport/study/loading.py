"""Loading a study folder into a typed :class:`~alsreport.study.model.Study`.

:func:`load_study` validates first and raises :class:`~alsreport.errors.StudyInvalid`
when there is any error; otherwise it converts the text tables into the dtypes
documented in :mod:`alsreport.study.model`. Columns that are not in the data contract
were already dropped by validation and never reach the Study. The conversion is
vectorised: the categorical text columns are converted once per distinct value.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from alsreport.study.contract import TABLES, Column
from alsreport.errors import StudyInvalid
from alsreport.study.model import Study
from alsreport.study.reading import RawStudy
from alsreport.study.reading.reporting_files import reporting_hashes
from alsreport.study.validation import CheckedStudy, CheckedTable, check_read, check_study

__all__ = ["load_read", "load_study", "build_study"]


def _take_text(words: object, codes: np.ndarray) -> pd.Series:
    """str dtype: ``words[code]`` per row, NA where the code is -1 (one C-level take, no per-row Python)."""
    return pd.Series(pd.array(np.asarray(words, dtype=object), dtype="str").take(codes, allow_fill=True))


def _categorical(words: object, codes: np.ndarray) -> pd.Categorical:
    """``words[code]`` per row as a categorical with ``str`` categories (NA where the code is -1).

    Equal words (e.g. the censoring of many distinct values) share one category; no text per row.
    """
    new, uniques = pd.factorize(np.asarray(words, dtype=object))
    rows = np.append(new, -1)[codes]  # code -1 stays -1
    used = np.zeros(len(uniques) + 1, dtype=bool)
    used[rows] = True  # only the words some row holds become categories (used[-1]: the NA code)
    keep = np.flatnonzero(used[:-1])
    renumber = np.full(len(uniques) + 1, -1, dtype=np.int64)
    renumber[keep] = np.arange(len(keep))
    index_type = np.int8 if len(keep) < 127 else np.int16 if len(keep) < 32_767 else np.int32
    return pd.Categorical.from_codes(renumber[rows].astype(index_type),
                                     categories=pd.Index(np.asarray(uniques, dtype=object)[keep], dtype="str"))


def _codes(view: CheckedTable, column: Column) -> np.ndarray:
    """Category code per row; -1 for empty cells of nullable columns."""
    codes = view.codes(column.name)
    return np.where(view.empty(column.name), -1, codes) if column.nullable else codes


def _text(view: CheckedTable, column: Column) -> pd.Series:
    """str dtype; NA for empty cells of nullable columns."""
    return _take_text(view.categories(column.name).astype(str), _codes(view, column))


def _int_array(values: np.ndarray) -> pd.arrays.IntegerArray:
    mask = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(mask, 0, values).astype(np.int64), mask)


def _convert(view: CheckedTable, column: Column) -> object:
    """One contract column as its Study dtype (see alsreport.study.model)."""
    name, n = column.name, len(view)
    if not view.has(name):  # an optional column not given
        if column.kind in ("number", "measurement"):
            return np.full(n, np.nan)
        if column.kind == "date":
            return pd.Series(pd.NaT, index=pd.RangeIndex(n), dtype="datetime64[ns]")
        return pd.Series([pd.NA] * n, dtype="str")
    if column.kind == "flag":
        flags = view.flags(name)
        return flags if column.nullable else flags.to_numpy(dtype=bool, na_value=False)
    if column.kind == "number":
        return view.numbers(name)
    if column.kind == "date":
        return pd.to_datetime(_text(view, column), format="%Y-%m-%d", errors="coerce")
    if column.kind == "integer":
        values = view.numbers(name)
        return _int_array(values) if column.nullable else values.astype(np.int64)
    return _text(view, column)


def _frame(view: CheckedTable, order: list[str] | None = None, categorical: bool = False) -> pd.DataFrame:
    """The table's contract columns (``order``: these, in this order); text as categoricals if ``categorical``."""
    data: dict[str, object] = {}
    for column in view.spec.columns:
        if column.kind == "measurement":
            value, limit = view.measured(column.name)
            data[column.name] = value
            censoring = view.measurement_categories(column.name)[1]
            data["censoring"] = (_categorical if categorical else _take_text)(censoring, view.codes(column.name))
            data["limit"] = limit
        elif categorical and column.kind in ("id", "choice", "text") and view.has(column.name):
            data[column.name] = _categorical(view.categories(column.name).astype(str), _codes(view, column))
        else:
            data[column.name] = _convert(view, column)
    columns = list(data) if order is None else order
    # copy=False: the columns become the frame's blocks as they are (no stacking of millions of rows)
    return pd.DataFrame({c: data[c] for c in columns}, index=pd.RangeIndex(len(view)), copy=False)


def build_study(checked: CheckedStudy) -> Study:
    """Convert a checked, error-free study into a :class:`Study`."""
    if not checked.report.ok or checked.config is None:
        raise StudyInvalid(checked.report)
    order = ["participant_id", "visit", "compartment", "analyte", "value", "censoring", "limit", "unit",
             "lod", "ref_low", "ref_high", "sample_date"]
    frames = {name: _frame(checked.tables[name]) for name in TABLES
              if name != "measurements" and name in checked.tables}  # optional tables may be absent
    frames["measurements"] = _frame(checked.tables["measurements"], order, categorical=True)
    return Study(
        path=Path(checked.raw.folder),
        config=checked.config,
        participants=frames["participants"],
        infusions=frames["infusions"],
        measurements=frames["measurements"],
        adverse_events=frames["adverse_events"],
        deviations=frames.get("deviations"),
        # the data files, and the bibliography and CSL style the documents use (docs/data-format.md)
        input_hashes=dict(sorted({**checked.raw.hashes,
                                  **reporting_hashes(checked.config, checked.raw.folder)}.items())),
        warnings=tuple(p.describe() for p in checked.report.warnings),
    )


def load_study(path: Path | str) -> Study:
    """Validate ``path`` and load it; raises StudyInvalid (listing every problem) if there is any error."""
    return build_study(check_study(path))


def load_read(raw: RawStudy, path: Path | str) -> Study:
    """:func:`load_study` of what :func:`~alsreport.study.reading.read_study` read from ``path`` already."""
    return build_study(check_read(raw, path))
