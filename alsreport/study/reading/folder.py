"""A study folder: ``study.yml`` plus the four tables, from CSV files or from one workbook."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from alsreport.study.contract import OPTIONAL_TABLES, TABLES
from alsreport.study.reading.csv_file import read_csv_table
from alsreport.study.reading.files import ReadError, read_bytes
from alsreport.study.reading.parquet_file import PARQUET_SUFFIX, both_formats, read_parquet_table, table_file
from alsreport.study.reading.tables import Table
from alsreport.study.reading.workbook import open_workbook, read_workbook
from alsreport.study.reading.yaml_file import CONFIG_FILE, YamlDocument, read_yaml

__all__ = ["RawStudy", "read_study"]


@dataclass(frozen=True)
class RawStudy:
    """Everything read from a study folder, before validation."""

    folder: Path
    source: Literal["csv", "xlsx"] | None
    """Where the tables came from (None when they could not be located)."""
    config: YamlDocument | None
    tables: dict[str, Table] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    """SHA-256 of each input file's bytes, keyed by file name."""
    errors: tuple[ReadError, ...] = ()


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _outside(folder: Path, path: Path) -> ReadError | None:
    """A ReadError when ``path`` is a link to a file outside the study folder (it is then not read)."""
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):  # a dangling or looping link
        inside, real = False, path
    if inside:
        return None
    return ReadError(path.name, f"is a link to {real}, outside the study folder, so it is not read; copy the file "
                     "into the study folder instead")


def _candidate_workbooks(folder: Path) -> tuple[list[Path], list[ReadError], dict[Path, list[str]]]:
    """Workbooks in the folder with at least one sheet named like a table."""
    found: list[Path] = []
    errors: list[ReadError] = []
    sheets: dict[Path, list[str]] = {}
    for p in sorted(folder.glob("*.xlsx")):
        if p.name.startswith(("~$", ".")) or not p.is_file():
            continue
        link = _outside(folder, p)
        if link is not None:
            errors.append(link)
            continue
        try:
            wb = open_workbook(p)
        except ReadError as exc:
            errors.append(exc)
            continue
        sheets[p] = list(wb.sheetnames)
        wb.close()
        if set(sheets[p]) & set(TABLES):
            found.append(p)
    return found, errors, sheets


def _folder_hints(folder: Path, sheets: dict[Path, list[str]]) -> list[str]:
    """Hints about files that look like misnamed or mis-saved tables."""
    files = {p.name.lower(): p.name for p in folder.iterdir() if p.is_file()}
    hints = []
    for spec in TABLES.values():
        if spec.filename in files and files[spec.filename] != spec.filename:
            hints.append(f"found {files[spec.filename]}: rename it to {spec.filename}")
        hints += [f"found {n}: save it as UTF-8 CSV named {spec.filename}" for low, n in files.items()
                  if low.startswith(spec.name + ".") and low != spec.filename and not low.endswith((".csv", PARQUET_SUFFIX))]
    for p, names in sheets.items():
        if not set(names) & set(TABLES):
            hints.append(f"{p.name} has sheets {', '.join(names)}, none named like a table")
    for p in sorted(folder.glob("*.xls")) + sorted(folder.glob("*.ods")):
        hints.append(f"found {p.name}: save it as an Excel Workbook (.xlsx)")
    return hints


def _missing_tables(folder: Path, missing: list[str], sheets: dict[Path, list[str]]) -> list[ReadError]:
    hints = "".join(f"; {h}" for h in _folder_hints(folder, sheets))
    if len(missing) == len(TABLES) - len(OPTIONAL_TABLES):
        names = ", ".join(TABLES[n].filename for n in missing)
        return [ReadError(
            folder.name or str(folder),
            f"no data tables found: expected {names} (or one .xlsx workbook with sheets "
            f"{', '.join(n for n in TABLES if n not in OPTIONAL_TABLES)}){hints}",
        )]
    return [ReadError(TABLES[n].filename, f"the file is missing; every table of the study is needed{hints}")
            for n in missing]


def _read_config(folder: Path, hashes: dict[str, str], errors: list[ReadError]) -> YamlDocument | None:
    cfg_path = folder / CONFIG_FILE
    link = _outside(folder, cfg_path) if cfg_path.is_file() else None
    if link is not None:
        errors.append(link)
        return None
    if cfg_path.is_file():
        try:
            config, raw = read_yaml(cfg_path)
            hashes[CONFIG_FILE] = _sha256(raw)
            return config
        except ReadError as exc:
            errors.append(exc)
            return None
    alt = next((p.name for p in folder.iterdir() if p.name.lower() in ("study.yaml", "study.yml")), None)
    hint = f"; found {alt}: rename it to {CONFIG_FILE}" if alt else ""
    errors.append(ReadError(CONFIG_FILE, f"the file is missing; it describes the study, its visits and analytes{hint}"))
    return None


def _ambiguous(csvs: dict[str, Path], books: list[Path], sheets: dict[Path, list[str]]) -> ReadError | None:
    """Several workbooks, or CSV files beside a workbook: the folder does not say which data to analyse."""
    if len(books) > 1:
        return ReadError(
            books[0].name,
            f"several workbooks hold study tables ({', '.join(b.name for b in books)}); keep only one in the folder",
        )
    if books and csvs:
        return ReadError(
            books[0].name,
            f"both CSV files ({', '.join(t.filename for n, t in TABLES.items() if n in csvs)}) and this workbook "
            f"(sheets {', '.join(sheets[books[0]])}) hold study tables; keep only one of them in the folder, "
            "so that it is clear which data are analysed",
        )
    return None


def _read_csvs(csvs: dict[str, Path], tables: dict[str, Table], hashes: dict[str, str],
               errors: list[ReadError]) -> None:
    for name in TABLES:
        path = csvs.get(name)
        if path is None:
            continue
        try:
            raw = read_bytes(path, path.name)
        except ReadError as exc:
            errors.append(exc)
            continue
        with ThreadPoolExecutor(1) as pool:  # hashing releases the GIL: beside the parsing (1 s at 434 MB)
            digest = pool.submit(_sha256, raw)
            try:
                table, bad = (read_parquet_table if path.suffix == PARQUET_SUFFIX else read_csv_table)(path, name, raw)
                tables[name] = table
                errors.extend(bad)
            except ReadError as exc:
                errors.append(exc)
            finally:
                hashes[path.name] = digest.result()


def read_study(folder: Path | str) -> RawStudy:
    """Read ``study.yml`` and the four tables from ``folder``; never raises for bad input."""
    folder = Path(folder)
    errors: list[ReadError] = []
    hashes: dict[str, str] = {}
    if not folder.is_dir():
        return RawStudy(folder, None, None, errors=(ReadError(str(folder), "not a folder"),))
    config = _read_config(folder, hashes, errors)

    csvs = {n: p for n, t in TABLES.items() if (p := table_file(folder, t)) is not None}  # CSV or Parquet
    errors.extend(both_formats(folder))
    links = {n: e for n, p in csvs.items() if (e := _outside(folder, p)) is not None}
    errors.extend(links.values())
    csvs = {n: p for n, p in csvs.items() if n not in links}
    books, book_errors, sheets = _candidate_workbooks(folder)
    ambiguous = _ambiguous(csvs, books, sheets)
    if ambiguous is not None:
        errors.append(ambiguous)
        return RawStudy(folder, None, config, {}, hashes, tuple(errors))

    tables: dict[str, Table] = {}
    if books:
        book = books[0]
        raw = read_bytes(book, book.name)
        hashes[book.name] = _sha256(raw)
        found, errs = read_workbook(book)
        tables.update(found)
        errors.extend(errs)
        return RawStudy(folder, "xlsx", config, tables, hashes, tuple(errors))

    errors.extend(e for e in book_errors if not csvs)
    missing = [n for n in TABLES if n not in csvs and n not in links and n not in OPTIONAL_TABLES]
    if missing:
        errors.extend(_missing_tables(folder, missing, sheets))
    _read_csvs(csvs, tables, hashes, errors)
    return RawStudy(folder, "csv", config, tables, hashes, tuple(errors))
