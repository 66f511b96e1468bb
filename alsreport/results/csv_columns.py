"""Column-wise CSV writing: each distinct value is formatted once, rows are joined by Arrow.

The cell rules are those of :func:`alsreport.results.writer.format_cell` (floats as
Python's shortest round-trip ``repr``, ``Inf``/``-Inf``, empty for NaN/None/NA,
``true``/``false``), quoted as :mod:`csv` does with ``QUOTE_MINIMAL``. Instead of
formatting every cell, a column is split into integer codes and its distinct values
(floats by their bit pattern, so ``-0.0`` stays apart from ``0.0``); only the distinct
values are formatted in Python, and Arrow's ``binary_join_element_wise`` builds the
lines in C++, a block of rows at a time so memory stays bounded. Neighbouring columns
with few distinct combinations (participant and visit; analyte, label and unit) are
first merged into one column of pre-joined text (:func:`merge_columns`), so Arrow
joins fewer, longer pieces. The bytes equal those of the cell-by-cell writer.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["CellFormatter", "Coded", "coded_cells", "column_codes", "merge_columns", "merge_next", "n_blocks",
           "write_frame_csv", "frame_csv_bytes"]

#: Formats one value as CSV cell text (before quoting).
CellFormatter = Callable[[Any], str]
#: A column as a code per row and its distinct values (code -1: a missing cell).
Coded = tuple[np.ndarray, Sequence[Any]]

#: Rows per block joined at once (bounds the memory of the joined text).
BLOCK_ROWS = 1 << 17


#: Up to this many combinations of two neighbouring columns, :func:`merge_columns` makes the text of
#: each (without looking which occur).
_ALL_PAIRS = 1 << 16


#: Characters that make ``csv.writer`` (QUOTE_MINIMAL, comma, LF line ends) quote a field.
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _quoted(text: str) -> str:
    """``text`` as one field of a row of several fields, quoted like ``csv.writer`` (QUOTE_MINIMAL)."""
    if not _NEEDS_QUOTES.search(text):
        return text
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([text])
    return buf.getvalue()[:-1]


def _uniform_scalar_type(uniques: np.ndarray) -> bool:
    """True when distinct objects cannot compare equal across types (e.g. ``True == 1 == 1.0``)."""
    kinds = {type(u) for u in uniques}
    return len(kinds) <= 1 or not (kinds - {str})


def column_codes(col: pd.Series, fmt: CellFormatter) -> tuple[np.ndarray, list[str]]:
    """Integer code per row and the quoted cell text of each code (a missing cell has its own code)."""
    values: Any
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy().astype(np.int64)
        values = list(col.cat.categories)
    elif pd.api.types.is_float_dtype(col.dtype) and not isinstance(col.dtype, pd.api.extensions.ExtensionDtype):
        bits = np.ascontiguousarray(col.to_numpy(dtype=np.float64)).view(np.int64)
        codes, uniq = pd.factorize(bits)
        values = [float(v) for v in uniq.view(np.float64)]
    elif pd.api.types.is_bool_dtype(col.dtype) and not col.isna().any():
        codes = col.to_numpy(dtype=bool).astype(np.int64)
        values = [False, True]
    elif pd.api.types.is_integer_dtype(col.dtype) and not isinstance(col.dtype, pd.api.extensions.ExtensionDtype):
        codes, uniq = pd.factorize(col.to_numpy())
        values = list(uniq)
    elif isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow":
        codes, values = _arrow_string_codes(col)
    else:
        obj = col.astype(object).to_numpy()
        codes, uniq = pd.factorize(obj)
        if not _uniform_scalar_type(uniq):  # mixed bool/int/float objects: keep them apart per cell
            codes, _ = pd.factorize(np.array([f"{type(v).__name__}:{v!r}" for v in obj], dtype=object))
            first = np.unique(codes[codes >= 0], return_index=True)[1]
            uniq = obj[np.flatnonzero(codes >= 0)[first]]
        values = list(uniq)
    return coded_cells(codes, values, fmt)


def coded_cells(codes: np.ndarray, values: Sequence[Any], fmt: CellFormatter) -> tuple[np.ndarray, list[str]]:
    """:func:`column_codes` of a column given as a code per row and its distinct ``values`` (code -1: missing)."""
    texts = [_quoted(fmt(v)) for v in values]
    codes = codes.astype(np.int32 if len(texts) < 2**31 else np.int64, copy=False)
    missing = codes < 0
    if missing.any():
        texts.append(_quoted(fmt(None)))
        codes = np.where(missing, np.asarray(len(texts) - 1, dtype=codes.dtype), codes)
    return codes, texts


def _arrow_string_codes(col: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Codes of an Arrow-backed text column, dictionary-encoded by Arrow (missing cells: -1)."""
    encoded = pc.dictionary_encode(pa.chunked_array([pa.array(col, from_pandas=True)])).combine_chunks()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)  # Arrow's int32: no 8-byte copy
    return codes, encoded.dictionary.to_pylist()


def merge_columns(parts: Sequence[tuple[np.ndarray, list[str]]], n_rows: int) -> list[tuple[np.ndarray, list[str]]]:
    """``parts`` (codes and cell texts per column, left to right) with neighbours merged where that pays.

    Two neighbouring columns become one whose texts are ``left + "," + right`` for each
    combination that occurs (found by hashing the pair of codes), as long as there are at
    most an eighth as many combinations as rows; the lines joined from the result are the
    same bytes, built from fewer pieces.
    """
    merged: list[tuple[np.ndarray, list[str]]] = []
    for part in parts:
        merge_next(merged, part, n_rows)
    return merged


def merge_next(merged: list[tuple[np.ndarray, list[str]]], part: tuple[np.ndarray, list[str]], n_rows: int) -> None:
    """One step of :func:`merge_columns`: ``part`` (the next column to the right) merged into the last of
    ``merged`` where that pays, else appended (in place: a column's codes can be merged as soon as they exist)."""
    if not merged:
        merged.append(part)
        return
    left_codes, left_texts = merged[-1]
    pair = _merged(left_codes, left_texts, part[0], part[1], n_rows // 8)
    if pair is None:
        merged.append(part)
    else:
        merged[-1] = pair


def _merged(left_codes: np.ndarray, left_texts: list[str], codes: np.ndarray, texts: list[str],
            limit: int) -> tuple[np.ndarray, list[str]] | None:
    """Two columns as one (codes, ``left + "," + right`` texts), or None when they have too many combinations."""
    if len(left_texts) * len(texts) <= min(limit, _ALL_PAIRS):  # every combination, no hashing
        pair_codes = left_codes * len(texts) + codes
        return pair_codes, [a + "," + b for a in left_texts for b in texts]
    if len(left_texts) > limit or len(texts) > limit:
        return None
    probe = min(len(codes), 2 * limit)  # a first slice already holding too many combinations: no full-length hashing
    if probe < len(codes) and len(pd.unique(left_codes[:probe].astype(np.int64) * len(texts) + codes[:probe])) > limit:
        return None
    pair_codes, pairs = pd.factorize(left_codes.astype(np.int64) * len(texts) + codes)
    if len(pairs) > limit:
        return None
    left, right = np.divmod(pairs, len(texts))
    return (pair_codes.astype(np.int32 if len(pairs) < 2**31 else np.int64),
            [left_texts[i] + "," + texts[j] for i, j in zip(left.tolist(), right.tolist(), strict=True)])


def _block_lines(parts: Sequence[tuple[np.ndarray, pa.Array]], start: int, stop: int) -> list[pa.Buffer]:
    """Lines ``start:stop`` as UTF-8 bytes in Arrow buffers (written as they are, without a copy into a
    ``bytes``); the last column's texts end in LF, so joining the columns ends each line."""
    cols = [pa.DictionaryArray.from_arrays(pa.array(codes[start:stop]), texts).dictionary_decode()
            for codes, texts in parts]
    line = pc.binary_join_element_wise(*cols, ",") if len(cols) > 1 else cols[0]
    return _data_buffers(line)


def _data_buffers(arr: pa.Array) -> list[pa.Buffer]:
    """The character data of a string array without nulls, exactly its values in order."""
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32 if arr.type == pa.string() else np.int64)
    first, last = int(offsets[arr.offset]), int(offsets[arr.offset + len(arr)])
    return [arr.buffers()[2].slice(first, last - first)]


def n_blocks(n_rows: int) -> int:
    """How many blocks :func:`write_frame_csv` writes ``n_rows`` in (its ``on_block`` calls)."""
    return -(-n_rows // BLOCK_ROWS)


def write_frame_csv(frame: pd.DataFrame, columns: Sequence[str], fh: IO[bytes], fmt: CellFormatter,
                    on_block: Callable[[], None] | None = None, coded: Mapping[str, Coded] | None = None) -> None:
    """Write ``frame[columns]`` as UTF-8 CSV (header line, LF line ends) to a binary file.

    ``on_block`` is called after each block of rows (for progress). ``coded`` (optional): some columns as
    a code per row and their distinct values (``frame[c]`` is ``values[code]``, missing where the code is
    -1), which are then not encoded again (the analysis dataset's text columns, built from such codes).
    """
    head = io.StringIO()
    csv.writer(head, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(list(columns))
    fh.write(head.getvalue().encode("utf-8"))
    if not columns:
        return
    merged: list[tuple[np.ndarray, list[str]]] = []
    for c in columns:  # each column merged as soon as its codes exist: fewer full-length code arrays at once
        given = None if coded is None else coded.get(c)
        codes, texts = column_codes(frame[c], fmt) if given is None else coded_cells(*given, fmt)
        if len(columns) == 1:  # csv.writer quotes a row that is one empty field
            texts = [t or '""' for t in texts]
        merge_next(merged, (codes, texts), len(frame))
        del codes, texts
    merged[-1] = (merged[-1][0], [t + "\n" for t in merged[-1][1]])  # the line ends: one join per block
    parts = [(codes, pa.array(texts, type=pa.string())) for codes, texts in merged]
    del merged
    for start in range(0, len(frame), BLOCK_ROWS):
        for buf in _block_lines(parts, start, min(start + BLOCK_ROWS, len(frame))):
            fh.write(buf)
        if on_block is not None:
            on_block()


def frame_csv_bytes(frame: pd.DataFrame, columns: Sequence[str], fmt: CellFormatter) -> bytes:
    """The bytes :func:`write_frame_csv` writes."""
    buf = io.BytesIO()
    write_frame_csv(frame, columns, buf, fmt)
    return buf.getvalue()
