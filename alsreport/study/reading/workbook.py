"""Tables from the sheets of one ``.xlsx`` workbook, cell values turned into the text a CSV would hold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alsreport.study.contract import TABLES
from alsreport.study.reading.files import ReadError
from alsreport.study.reading.tables import Table, make_table

__all__ = ["open_workbook", "read_workbook"]


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def open_workbook(path: Path):  # type: ignore[no-untyped-def]
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for non-workbooks
        raise ReadError(
            path.name,
            "not an Excel workbook (.xlsx) that can be read; save it from Excel as 'Excel Workbook (*.xlsx)', "
            "or remove it from the folder",
        ) from None


def _sheet_frame(ws: Any) -> tuple[pd.DataFrame, np.ndarray]:
    ws.reset_dimensions()
    rows = [[_cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)]
    width = max((len(r) for r in rows), default=0)
    while width and all(len(r) < width or r[width - 1] == "" for r in rows):
        width -= 1
    rows = [(r + [""] * width)[:width] for r in rows]
    frame = pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame()
    return frame, np.arange(1, len(rows) + 1, dtype=np.int64)


def read_workbook(path: Path, names: tuple[str, ...] = tuple(TABLES)) -> tuple[dict[str, Table], list[ReadError]]:
    """Read the sheets named like tables from a workbook; missing sheets are reported as errors."""
    wb = open_workbook(path)
    tables: dict[str, Table] = {}
    errors: list[ReadError] = []
    try:
        for name in names:
            file = f"[{path.name}]{name}"
            if name not in wb.sheetnames:
                similar = [s for s in wb.sheetnames if s.strip().lower() == name]
                hint = f"; rename sheet {similar[0]!r} to {name}" if similar else ""
                errors.append(ReadError(
                    path.name,
                    f"the workbook has no sheet named {name}{hint} (sheets found: {', '.join(wb.sheetnames)})",
                ))
                continue
            try:
                frame, lines = _sheet_frame(wb[name])
                tables[name] = make_table(name, file, frame, lines)
            except ReadError as exc:
                errors.append(exc)
    finally:
        wb.close()
    return tables, errors
