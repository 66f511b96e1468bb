"""One table from a CSV file: text only, rows with too many cells reported and skipped."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from alsreport.study.contract import TABLES
from alsreport.study.limits import trim_trailing_separators
from alsreport.study.reading.csv_arrow import ARROW_MIN_BYTES, read_regular_csv
from alsreport.study.reading.files import SAVE_AS_CSV, ReadError, decode_check, first_text, is_blank, read_bytes
from alsreport.study.reading.tables import Table, make_table

__all__ = ["read_csv_table", "read_with_pandas"]

#: Files up to this size are parsed in one pass (no per-chunk categories to merge: about a third
#: faster); larger ones in pandas' low-memory chunks, so memory stays bounded for very large tables.
_ONE_PASS_BYTES = 64 * 1024**2

_BAD_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def read_csv_table(path: Path, name: str, raw: bytes | None = None) -> tuple[Table, list[ReadError]]:
    """Read one CSV table as text; rows with too many cells are returned as errors and skipped."""
    file = path.name
    raw = read_bytes(path, file) if raw is None else raw
    decode_check(raw, file, SAVE_AS_CSV)
    if is_blank(raw):
        raise ReadError(file, f"the file is empty; expected a header row: {','.join(TABLES[name].required_columns)}")
    raw = trim_trailing_separators(raw)
    start = first_text(raw)
    end = raw.find(b"\n", start)
    first = raw[start:end if end >= 0 else len(raw)]
    for sep, label in ((b";", "semicolons (;)"), (b"\t", "tabs")):
        if sep in first and b"," not in first:
            raise ReadError(
                file,
                f"the cells are separated by {label}, not commas; {SAVE_AS_CSV}, with decimal points "
                "(12.5), or change Excel's list separator to a comma",
                row=1,
            )
    body = read_regular_csv(raw) if len(raw) >= ARROW_MIN_BYTES else None
    bad: list[ReadError] = []
    skipped: list[int] = []
    if body is None:  # small, or irregular (rows of other lengths, blank lines): pandas reports each row
        body, bad, skipped = _read_with_pandas(raw, file)
    lines = _line_numbers(len(body), skipped)
    return make_table(name, file, body, lines), bad


def read_with_pandas(raw: bytes) -> tuple[pd.DataFrame, list[warnings.WarningMessage]]:
    """Every cell as categorical text (header = row 0) and pandas' warnings about rows with too many cells."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        body = pd.read_csv(
            io.BytesIO(raw), header=None, dtype="category", keep_default_na=False,
            skip_blank_lines=False, encoding="utf-8-sig", on_bad_lines="warn",
            low_memory=len(raw) > _ONE_PASS_BYTES,
        )
    return body, caught


def _read_with_pandas(raw: bytes, file: str) -> tuple[pd.DataFrame, list[ReadError], list[int]]:
    try:
        body, caught = read_with_pandas(raw)
    except (pd.errors.ParserError, ValueError) as exc:
        raise ReadError(file, f"not readable as CSV: {exc}; {SAVE_AS_CSV}") from None
    bad: list[ReadError] = []
    skipped: list[int] = []
    for w in caught:
        for m in _BAD_LINE.finditer(str(w.message)):
            line, expected, saw = (int(g) for g in m.groups())
            skipped.append(line)
            bad.append(ReadError(
                file,
                f"this row has {saw} cells but the header has {expected}, so it was skipped; a comma inside a "
                "cell splits it: use a decimal point (12.5, not 12,5) and put text containing commas in quotes",
                row=line,
            ))
    return body, bad, skipped


def _line_numbers(n: int, skipped: list[int]) -> np.ndarray:
    """Spreadsheet row of each parsed record, given the skipped record numbers."""
    if not skipped:
        return np.arange(1, n + 1, dtype=np.int64)
    keep = np.ones(n + len(skipped), dtype=bool)
    keep[np.asarray(skipped, dtype=np.int64) - 1] = False
    return np.flatnonzero(keep).astype(np.int64) + 1

