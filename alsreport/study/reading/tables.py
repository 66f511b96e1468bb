"""A table as text: one categorical column per header cell, indexed by spreadsheet row.

Categorical text keeps large measurement tables compact: repeated codes such as
visits, analytes and units are stored once. CSV files (:mod:`.csv_file`) and workbook
sheets (:mod:`.workbook`) both become a :class:`Table` through :func:`make_table`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alsreport.study.contract import TABLES
from alsreport.study.limits import table_limit_problem
from alsreport.study.reading.files import ReadError

__all__ = ["Table", "STRAY_WHITESPACE", "make_table", "normalise"]


@dataclass(frozen=True)
class Table:
    """One input table, as text."""

    name: str
    """Table name from the contract, e.g. ``participants``."""
    file: str
    """How problems name it: ``participants.csv`` or ``[data.xlsx]participants``."""
    frame: pd.DataFrame
    """Categorical text columns named by the (stripped) header; index = spreadsheet row."""

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(self.frame.columns)


#: What "stray whitespace" means: spaces, tabs, line breaks and no-break spaces. Control
#: characters that Python's ``str.strip`` would also drop (e.g. U+001F) stay, so the cell is reported.
STRAY_WHITESPACE = " \t\r\n\f\v\u00a0\u2007\u202f"


def normalise(col: pd.Series) -> pd.Series:
    """Categorical text with stripped categories and ``""`` for missing cells."""
    if not isinstance(col.dtype, pd.CategoricalDtype):
        col = col.astype("category")
    cats = pd.Index(col.cat.categories.astype(str))
    stripped = cats.str.strip(STRAY_WHITESPACE)
    codes = col.cat.codes.to_numpy()
    if (codes < 0).any():
        stripped = stripped.append(pd.Index([""]))
        codes = np.where(codes < 0, len(stripped) - 1, codes)
    if not stripped.equals(cats) or stripped.has_duplicates:
        new_codes, uniques = pd.factorize(stripped)
        codes = new_codes[codes]
        stripped = pd.Index(uniques)
    if "" not in stripped:
        stripped = stripped.append(pd.Index([""]))
    cat = pd.Categorical.from_codes(codes, categories=stripped)
    return pd.Series(cat, index=col.index, name=col.name)


def make_table(name: str, file: str, body: pd.DataFrame, lines: np.ndarray) -> Table:
    """Name columns from the header row (row 0 of ``body``) and drop empty rows/columns."""
    if body.empty or body.shape[0] == 0:
        raise ReadError(file, f"the file is empty; expected a header row: {','.join(TABLES[name].required_columns)}")
    body = body.copy()
    for c in body.columns:
        body[c] = normalise(body[c])
    header = [str(body.iloc[0, i]) for i in range(body.shape[1])]
    data = body.iloc[1:]
    data.index = pd.Index(lines[1:], name="row")
    keep: list[int] = []
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        col = data.iloc[:, i]
        if h == "":
            if (col == "").all():
                continue  # a trailing empty column, as spreadsheets often leave
            h = f"(column {i + 1}, no header)"
        if h in seen:
            raise ReadError(
                file,
                f"the header names column {h!r} twice (columns {seen[h] + 1} and {i + 1}); keep one",
                row=1, column=h,
            )
        seen[h] = i
        keep.append(i)
        names.append(h)
    if not names:
        raise ReadError(file, f"no header row; expected: {','.join(TABLES[name].required_columns)}", row=1)
    frame = data.iloc[:, keep]
    frame.columns = pd.Index(names)
    empty = np.ones(len(frame), dtype=bool)
    for c in frame.columns:
        empty &= (frame[c] == "").to_numpy()
    if empty.any():
        frame = frame[~empty]
    too_big = table_limit_problem(frame)
    if too_big is not None:
        raise ReadError(file, too_big[0], row=too_big[1], column=too_big[2])
    return Table(name=name, file=file, frame=frame)

