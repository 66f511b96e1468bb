"""Tables from the sheets of one ``.xlsx`` workbook, cell values turned into the text a CSV would hold."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alsreport.study.contract import OPTIONAL_TABLES, TABLES
from alsreport.study.reading.files import ReadError
from alsreport.study.sheets import SheetTooLarge, sheet_rows, uncached_formulas
from alsreport.study.reading.tables import Table, make_table

__all__ = ["cell_text", "open_workbook", "read_workbook"]


def cell_text(v: Any) -> str:
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
    rows, lines = sheet_rows(ws, cell_text)
    width = len(rows[0]) if rows else 0
    frame = pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame()
    return frame, lines


def _read_sheet(wb: Any, name: str, file: str) -> Table:
    """One sheet as a Table; anything the workbook's XML does wrong becomes a ReadError."""
    try:
        frame, lines = _sheet_frame(wb[name])
    except SheetTooLarge as exc:
        raise ReadError(file, f"{exc}; remove the empty formatted rows/columns or the extra data") from None
    except ReadError:
        raise
    except Exception as exc:  # malformed or hostile XML (entities, external references), bad zip members
        raise ReadError(file, f"the sheet cannot be read ({type(exc).__name__}: {str(exc)[:120]}); save the "
                        "workbook again from Excel as 'Excel Workbook (*.xlsx)'") from None
    return make_table(name, file, frame, lines)


def _formula_errors(path: Path, names: list[str]) -> list[ReadError]:
    """Cells with a formula but no calculated value: openpyxl would read them as empty."""
    try:
        found = uncached_formulas(path, tuple(names))
    except SheetTooLarge as exc:
        return [ReadError(path.name, str(exc))]
    return [
        ReadError(f"[{path.name}]{sheet}", f"cell {ref} holds a formula without a calculated value, so its value "
                  "is unknown; open the workbook in Excel (or LibreOffice), let it calculate and save it, or type "
                  "the value instead of the formula", row=int(re.sub(r"^[A-Z]+", "", ref)),
                  column=re.sub(r"[0-9]+$", "", ref))
        for sheet, refs in found.items() for ref in refs
    ]


def read_workbook(path: Path, names: tuple[str, ...] = tuple(TABLES)) -> tuple[dict[str, Table], list[ReadError]]:
    """Read the sheets named like tables from a workbook; missing sheets are reported as errors."""
    wb = open_workbook(path)
    tables: dict[str, Table] = {}
    errors: list[ReadError] = []
    try:
        for name in names:
            file = f"[{path.name}]{name}"
            if name not in wb.sheetnames:
                if name in OPTIONAL_TABLES:
                    continue
                similar = [s for s in wb.sheetnames if s.strip().lower() == name]
                hint = f"; rename sheet {similar[0]!r} to {name}" if similar else ""
                errors.append(ReadError(
                    path.name,
                    f"the workbook has no sheet named {name}{hint} (sheets found: {', '.join(wb.sheetnames)})",
                ))
                continue
            try:
                tables[name] = _read_sheet(wb, name, file)
            except ReadError as exc:
                errors.append(exc)
    finally:
        wb.close()
    errors.extend(_formula_errors(path, [n for n in names if n in tables]))
    return tables, errors
