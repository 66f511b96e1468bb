"""Text columns as integer codes and back, without a Python object per row.

Building the analysis dataset for millions of measurement rows must not turn text
columns into NumPy object arrays (pandas then infers its ``str`` dtype again, one
Python string at a time). :func:`text_codes` splits a column into codes and distinct
values (categorical codes, Arrow's dictionary encoding, or ``pandas.factorize``), and
:func:`text_column` builds a ``str`` column from codes through an Arrow dictionary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

__all__ = ["text_codes", "text_column", "lookup", "distinct", "isin_texts"]


def text_codes(col: pd.Series) -> tuple[NDArray[np.int32], list[str]]:
    """``(codes, values)`` with ``values[codes[i]] == col[i]``; code -1 for a missing cell.

    Codes are 32-bit (half the memory of 64-bit ones for millions of rows).
    """
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy().astype(np.int32), [str(v) for v in col.cat.categories]
    if isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow":
        encoded = pc.dictionary_encode(pa.chunked_array([pa.array(col, from_pandas=True)])).combine_chunks()
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
        return codes, encoded.dictionary.to_pylist()
    codes, uniques = pd.factorize(col.to_numpy(dtype=object))
    return codes.astype(np.int32), [str(v) for v in uniques]


def lookup(values: Sequence[str], wanted: Sequence[str]) -> NDArray[np.int64]:
    """Position of each of ``values`` in ``wanted`` (-1 if absent), with one extra -1 at the end for code -1."""
    pos = pd.Index(list(wanted), dtype=object).get_indexer(pd.Index(list(values), dtype=object))
    return np.append(pos, -1).astype(np.int64)


def text_column(codes: NDArray[np.integer], values: Sequence[str]) -> pd.Series:
    """A ``str`` column with ``values[codes[i]]`` in row i (missing where the code is -1)."""
    codes = np.asarray(codes)
    index_type = pa.int32() if len(values) < 2**31 else pa.int64()
    indices = pa.array(codes, type=index_type, mask=codes < 0)
    # large_string: the storage of pandas' str dtype, so the decoded text is not cast (copied) once more
    arr = pa.DictionaryArray.from_arrays(indices, pa.array(list(values), type=pa.large_string())).dictionary_decode()
    return pd.Series(arr, dtype="str")


def distinct(keys: NDArray[np.integer]) -> tuple[NDArray[np.intp], NDArray[np.int64], NDArray[np.intp]]:
    """``(inverse, uniques, first)``: the distinct ``keys`` in order of first appearance, each row's
    position among them, and the row where each first appears (hashing: no sort of millions of rows)."""
    inverse, uniques = pd.factorize(np.asarray(keys, dtype=np.int64))
    # codes are numbered in order of appearance, so their running maximum rises exactly at each first row
    first = np.flatnonzero(np.diff(np.maximum.accumulate(inverse), prepend=-1) > 0) if len(inverse) else inverse
    return inverse, np.asarray(uniques, dtype=np.int64), first


def isin_texts(col: pd.Series, values: Iterable[object]) -> pd.Series:
    """``col.isin(values)``, the same booleans, for a ``str`` column and text ``values`` without a Python
    object per value (pandas' ``str`` ``isin`` converts each of ``values`` to an Arrow scalar one by one:
    0.15 s for 10,000 participant IDs); anything else goes to ``col.isin``."""
    vals = list(values)
    if not (isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow") or \
            not all(isinstance(v, str) for v in vals):
        return col.isin(vals)
    arr = pa.array(col.array)
    found = pc.is_in(arr, value_set=pa.array(vals, type=arr.type))
    return pd.Series(np.array(found, dtype=np.bool_), index=col.index, name=col.name)
