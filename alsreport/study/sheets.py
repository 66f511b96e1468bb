"""Reading one worksheet safely: dimensions from the cells present, formulas without a value found.

* :func:`sheet_rows` streams a read-only worksheet and keeps only rows that
  hold a value (plus the header row), each cut after its last value: a sheet
  with one styled empty cell at ``XFD1048576`` costs what its data cost, not a
  1,048,576 × 16,384 grid.
* :func:`uncached_formulas` finds cells that hold a formula but no cached value
  (a workbook written by a program that does not calculate, or saved with
  calculation off): openpyxl reads them as empty, which would silently lose
  data. It scans the sheet XML with a regular expression (no XML parser, so no
  entities are expanded).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, Callable

import numpy as np

from alsreport.study.limits import MAX_COLUMNS, MAX_ROWS

__all__ = ["sheet_rows", "uncached_formulas", "SheetTooLarge"]


class SheetTooLarge(Exception):
    """A sheet beyond :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns of data; ``args[0]`` says which."""


def sheet_rows(ws: Any, cell_text: Callable[[Any], str]) -> tuple[list[list[str]], np.ndarray]:
    """Rows with a value (and row 1, the header) as text, each up to its last value; and their row numbers."""
    ws.reset_dimensions()
    rows: list[list[str]] = []
    lines: list[int] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        end = len(values)
        while end and (values[end - 1] is None or values[end - 1] == ""):
            end -= 1
        if not end and number != 1:
            continue
        if end > MAX_COLUMNS * 4:
            raise SheetTooLarge(f"row {number} has a value in column {end:,}; at most {MAX_COLUMNS} columns are read")
        rows.append([cell_text(v) for v in values[:end]])
        lines.append(number)
        if len(rows) > MAX_ROWS + 1:
            raise SheetTooLarge(f"the sheet has more than {MAX_ROWS:,} rows of data")
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows], np.asarray(lines, dtype=np.int64)


_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\b(?:\w+:)?id="([^"]*)"', re.S)
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|'
                  rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"', re.S)
#: A cell element with a formula: <c r="B7" ...> ... <f>...</f> ... </c> (or <f .../>).
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>((?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?f\b'
                           rb'(?:(?!</(?:\w+:)?c>).)*)</(?:\w+:)?c>', re.S)
#: Unpacked size of one sheet's XML that is read at all (a sheet of 2 M rows of a study table is ~400 MB).
_MAX_SHEET_XML = 1 << 30
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>|<(?:\w+:)?is>")


def _unescape(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8", errors="replace"))


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part in the archive."""
    book = z.read("xl/workbook.xml")
    rels = z.read("xl/_rels/workbook.xml.rels")
    targets: dict[bytes, bytes] = {}
    for m in _REL.finditer(rels):
        rid, target = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        targets[rid] = target
    parts = {}
    for m in _SHEET.finditer(book):
        target = targets.get(m.group(2))
        if target is None:
            continue
        t = target.decode("utf-8", errors="replace")
        path = t.lstrip("/") if t.startswith("/") else str(PurePosixPath("xl") / t)
        parts[_unescape(m.group(1))] = path
    return parts


def uncached_formulas(path: Path, sheets: tuple[str, ...]) -> dict[str, list[str]]:
    """For each of ``sheets``, the cells (``B7``) holding a formula without a cached value."""
    found: dict[str, list[str]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            parts = _sheet_parts(z)
            for name in sheets:
                part = parts.get(name)
                if part is None or part not in z.namelist():
                    continue
                if z.getinfo(part).file_size > _MAX_SHEET_XML:
                    raise SheetTooLarge(f"sheet {name} unpacks to more than {_MAX_SHEET_XML >> 20} MB")
                cells = [m.group(1).decode() for m in _FORMULA_CELL.finditer(z.read(part))
                         if not _VALUE.search(m.group(2))]
                if cells:
                    found[name] = cells
    except (OSError, KeyError, zipfile.BadZipFile):
        return found
    return found
