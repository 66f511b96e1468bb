"""Bounds on what a study folder may make alsreport do: dimensions, cell size, YAML nesting.

Every limit is far above a real study (a study of 10,000 participants with 100
analytes at 20 visits has 20 M measurement rows in theory, a few 100 k in
practice) and far below what would exhaust memory or the interpreter's stack.
Dimensions are taken from the data actually present: trailing empty columns of a
CSV are dropped before parsing, trailing empty rows and columns of a sheet are
never materialised (:mod:`alsreport.study.sheets`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import yaml

__all__ = [
    "MAX_ROWS",
    "MAX_COLUMNS",
    "MAX_CELL_CHARS",
    "MAX_YAML_DEPTH",
    "table_limit_problem",
    "yaml_depth_problem",
    "trim_trailing_separators",
]

#: Rows of one table (a spreadsheet holds at most 1,048,576; a CSV or Parquet table of 10,000
#: participants x 300 series x 4 visits, the size issue #13 asks to analyse, has 12 million).
MAX_ROWS = 20_000_000
#: Non-empty columns of one table (the widest table of the contract has 12).
MAX_COLUMNS = 200
#: Characters in one cell (Excel's own limit).
MAX_CELL_CHARS = 32_767
#: Nesting of mappings and lists in study.yml (the schema needs 4).
MAX_YAML_DEPTH = 32


def yaml_depth_problem(text: str, max_depth: int = MAX_YAML_DEPTH) -> tuple[int, str] | None:
    """(line, message) when ``text`` nests deeper than ``max_depth``; None otherwise.

    Walks the parser's events (an iterative state machine), so a document nested
    20,000 deep is refused before the recursive composer could overflow the stack.
    """
    loader = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    try:
        for line, message in _too_deep(yaml.parse(text, Loader=loader), max_depth):
            return line, message
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" not in str(exc):
            return None  # not valid YAML: the loader reports where
        mark = exc.problem_mark or exc.context_mark  # libyaml stops at its own limit (1,000 levels)
        return (mark.line + 1 if mark is not None else 1), _deep_message(max_depth)
    except yaml.YAMLError:
        return None
    return None


def _deep_message(max_depth: int) -> str:
    return (f"lists and mappings are nested more than {max_depth} deep here; study.yml needs at most a few "
            "levels (see docs/data-format.md)")


def _too_deep(events, max_depth: int):  # type: ignore[no-untyped-def]
    depth = 0
    for event in events:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > max_depth:
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                yield line, _deep_message(max_depth)
                return
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def table_limit_problem(frame: pd.DataFrame) -> tuple[str, int | None, str | None] | None:
    """(message, row, column) for the first limit a read table exceeds; None when within all limits."""
    if len(frame) > MAX_ROWS:
        return f"the table has {len(frame):,} rows; at most {MAX_ROWS:,} are read", None, None
    if frame.shape[1] > MAX_COLUMNS:
        return (f"the table has {frame.shape[1]:,} non-empty columns; at most {MAX_COLUMNS} are read "
                "(remove the columns that are not part of the study)", 1, None)
    for name in frame.columns:
        hit = _long_cell(frame[name])
        if hit is not None:
            return (f"a cell holds {hit[1]:,} characters; at most {MAX_CELL_CHARS:,} are allowed "
                    "(was a whole file pasted into it?)", hit[0], str(name))
    return None


def _long_cell(col: pd.Series) -> tuple[int, int] | None:
    """(row, length) of the first cell longer than :data:`MAX_CELL_CHARS` (categories are checked once)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        lengths = pd.Index(col.cat.categories.astype(str)).str.len().to_numpy()
        bad = np.flatnonzero(lengths > MAX_CELL_CHARS)
        if not len(bad):
            return None
        rows = np.flatnonzero(np.isin(col.cat.codes.to_numpy(), bad))
    else:
        lengths = col.astype(str).str.len().to_numpy()
        rows = np.flatnonzero(lengths > MAX_CELL_CHARS)
    if not len(rows):
        return None
    return int(col.index[rows[0]]), int(len(str(col.iloc[rows[0]])))


def trim_trailing_separators(raw: bytes) -> bytes:
    """``raw`` without the commas that every line ends with (empty trailing columns), when that is safe.

    Only the run of trailing commas common to *all* non-blank lines is removed, so
    the columns dropped are empty in every row, header included (which reading
    drops anyway); files whose quoted cells span lines are returned unchanged.
    Linear in the file size: a CSV with 16,384 empty columns reads as fast as
    one without.
    """
    if not _ends_with_comma(raw) or not _first_line(raw).rstrip(b"\r").endswith(b","):
        return raw  # the header (first non-blank line) ends without a comma: nothing common to trim
    lines = raw.split(b"\n")
    if b'"' in raw and any(line.count(b'"') % 2 for line in lines):
        return raw
    runs = [len(line) - len(line.rstrip(b"\r").rstrip(b",")) - (len(line) - len(line.rstrip(b"\r")))
            for line in lines if line.strip(b"\r")]
    k = min(runs, default=0)
    if k <= 0:
        return raw
    return b"\n".join(_drop(line, k) for line in lines)


def _ends_with_comma(raw: bytes) -> bool:
    """``raw.rstrip(b"\\r\\n").endswith(b",")`` without copying the file (hundreds of MB for a large table)."""
    end = len(raw)
    while end and raw[end - 1] in b"\r\n":
        end -= 1
    return raw.endswith(b",", 0, end)


def _first_line(raw: bytes) -> bytes:
    """The first line of ``raw`` that is not blank (empty or a lone carriage return), or b""."""
    start = 0
    while start < len(raw):
        end = raw.find(b"\n", start)
        end = len(raw) if end < 0 else end
        if raw[start:end].strip(b"\r"):
            return raw[start:end]
        start = end + 1
    return b""


def _drop(line: bytes, k: int) -> bytes:
    if not line.strip(b"\r"):
        return line
    cr = line.endswith(b"\r")
    body = line[:-1] if cr else line
    return body[:-k] + (b"\r" if cr else b"")
