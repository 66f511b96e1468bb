"""Reading a study folder: ``study.yml`` plus four tables, as CSV files or one workbook.

Everything is read as text, so the validator sees exactly what was typed. Each
table comes back as a :class:`Table` whose frame has one categorical text column
per header cell (stripped of surrounding whitespace, empty cells as ``""``) and
whose index is the spreadsheet row number (header = 1, first data row = 2).
Categorical text keeps large measurement tables compact: repeated codes such as
visits, analytes and units are stored once.

Problems that make a file unreadable (missing, not UTF-8, not text, bad YAML, a
workbook that is not a workbook, ...) are collected as :class:`ReadError`\\ s on
the returned :class:`RawStudy` rather than raised, so validation can report all
of them at once. Rows with more cells than the header are reported the same way
and skipped; the rest of the file is still read.

Folder rules
------------
* ``study.yml`` is always a separate file.
* The tables are either ``participants.csv``, ``infusions.csv``,
  ``measurements.csv`` and ``adverse_events.csv``, or the sheets of the same
  names in ONE ``.xlsx`` workbook. A workbook counts as the study workbook when
  it has at least one sheet named like a table; other workbooks and all other
  files are ignored (as are Excel's ``~$`` lock files and hidden files).
* If table CSV files and a study workbook are both present, or several study
  workbooks, the folder is ambiguous and nothing is read: keep only one source.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import yaml

from alsreport.study.contract import NO, TABLES, YES
from alsreport.errors import AlsreportError

__all__ = [
    "CONFIG_FILE",
    "ReadError",
    "Table",
    "YamlDocument",
    "RawStudy",
    "read_study",
    "read_yaml",
    "read_csv_table",
    "read_workbook",
    "parse_numbers",
    "parse_flags",
    "parse_measurements",
]

CONFIG_FILE = "study.yml"
_SAVE_AS_CSV = "save it as UTF-8 CSV (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)')"
_SAVE_AS_YAML = "save it as UTF-8 text (any text editor can do this)"
_CHUNK = 1 << 22


class ReadError(AlsreportError):
    """A file (or one of its rows) that cannot be read; fields locate the problem."""

    def __init__(
        self,
        file: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.file = file
        self.message = message
        self.row = row
        self.column = column
        self.value = value
        where = f", row {row}" if row is not None else ""
        super().__init__(f"{file}{where}: {message}")


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


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML plus its node tree, to find the line of any key."""

    data: Any
    root: yaml.Node | None

    def line(self, loc: tuple[str | int, ...]) -> int | None:
        """1-based line of the value at ``loc`` (or of the deepest existing parent)."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                child = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
                key = next((k for k, _ in node.value if getattr(k, "value", None) == part), None)
                if key is not None:
                    line = key.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
                line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line


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


# Text checks ------------------------------------------------------------------


def _decode_check(raw: bytes, file: str, advice: str) -> None:
    """Raise ReadError unless ``raw`` is UTF-8 text (BOM allowed)."""
    if raw.startswith(b"PK\x03\x04"):
        raise ReadError(file, f"not a text file: it is a zip file (probably an Excel workbook); {advice}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(file, f"saved as UTF-16 ('Unicode Text'), not UTF-8; {advice}")
    head = raw[:4096]
    if b"\x00" in head:
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise ReadError(file, f"saved as UTF-16 ('Unicode Text'), not UTF-8; {advice}")
        pos = raw.index(b"\x00")
        raise ReadError(file, f"not a text file: binary byte 0x00 at byte position {pos}; {advice}")
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(raw), _CHUNK):
        try:
            decoder.decode(raw[start:start + _CHUNK], final=start + _CHUNK >= len(raw))
        except UnicodeDecodeError as exc:
            pos = start + exc.start
            _raise_encoding(raw, pos, file, advice)
    if not raw:
        decoder.decode(b"", final=True)


def _raise_encoding(raw: bytes, pos: int, file: str, advice: str) -> None:
    line = raw.count(b"\n", 0, pos) + 1
    lo = max(raw.rfind(b"\n", 0, pos) + 1, pos - 30)
    hi = raw.find(b"\n", pos)
    hi = min(hi if hi >= 0 else len(raw), pos + 30)
    near = raw[lo:hi].decode("cp1252", errors="replace").strip()
    raise ReadError(
        file,
        f"not UTF-8 text: byte 0x{raw[pos]:02X} at byte position {pos} (near {near!r}) is not valid UTF-8; "
        f"the file was probably saved as Latin-1/Windows-1252: {advice}",
        row=line,
    )


def _read_bytes(path: Path, file: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(file, f"the file cannot be read: {exc.strerror or exc}") from None


_NON_SPACE = re.compile(rb"\S")


def _first_text(raw: bytes) -> int:
    """Position of the first non-whitespace byte after a BOM (-1 if none)."""
    m = _NON_SPACE.search(raw, len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
    return m.start() if m else -1


def _is_blank(raw: bytes) -> bool:
    return _first_text(raw) < 0


# YAML -------------------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice (lines {seen[key]} and {line}); keep one",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path, file: str = CONFIG_FILE) -> tuple[YamlDocument, bytes]:
    """Parse a YAML file into a :class:`YamlDocument`; raise ReadError if it is not valid YAML."""
    raw = _read_bytes(path, file)
    _decode_check(raw, file, _SAVE_AS_YAML)
    if _is_blank(raw):
        raise ReadError(file, "the file is empty; it needs at least the keys title, visits and analytes")
    text = raw.decode("utf-8-sig")
    loader = _UniqueKeyLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, file) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise ReadError(file, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if data is None:
        raise ReadError(file, "the file holds no keys; it needs at least the keys title, visits and analytes")
    return YamlDocument(data, root), raw


def _yaml_error(exc: yaml.MarkedYAMLError, file: str) -> ReadError:
    mark = exc.problem_mark or exc.context_mark
    row = mark.line + 1 if mark is not None else None
    problem = exc.problem or exc.context or "invalid syntax"
    if isinstance(exc, yaml.constructor.ConstructorError):
        return ReadError(file, problem, row=row)
    where = f", column {mark.column + 1}" if mark is not None else ""
    context = ""
    if exc.context and exc.problem and exc.context_mark is not None:
        context = f" ({exc.context} that started at line {exc.context_mark.line + 1})"
    hint = ""
    if "\\t" in problem or "tab" in problem:
        hint = "; indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "; put quotes around text that contains ': '"
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        hint = "; a list [...] or mapping {...} is not closed"
    return ReadError(file, f"not valid YAML: {problem}{where}{context}{hint}", row=row)


# Tables -----------------------------------------------------------------------


#: What "stray whitespace" means: spaces, tabs, line breaks and no-break spaces. Control
#: characters that Python's ``str.strip`` would also drop (e.g. U+001F) stay, so the cell is reported.
STRAY_WHITESPACE = " \t\r\n\f\v\u00a0\u2007\u202f"


def _normalise(col: pd.Series) -> pd.Series:
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


def _make_table(name: str, file: str, body: pd.DataFrame, lines: np.ndarray) -> Table:
    """Name columns from the header row (row 0 of ``body``) and drop empty rows/columns."""
    if body.empty or body.shape[0] == 0:
        raise ReadError(file, f"the file is empty; expected a header row: {','.join(TABLES[name].required_columns)}")
    body = body.copy()
    for c in body.columns:
        body[c] = _normalise(body[c])
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
    return Table(name=name, file=file, frame=frame)


_BAD_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def read_csv_table(path: Path, name: str, raw: bytes | None = None) -> tuple[Table, list[ReadError]]:
    """Read one CSV table as text; rows with too many cells are returned as errors and skipped."""
    file = path.name
    raw = _read_bytes(path, file) if raw is None else raw
    _decode_check(raw, file, _SAVE_AS_CSV)
    if _is_blank(raw):
        raise ReadError(file, f"the file is empty; expected a header row: {','.join(TABLES[name].required_columns)}")
    start = _first_text(raw)
    end = raw.find(b"\n", start)
    first = raw[start:end if end >= 0 else len(raw)]
    for sep, label in ((b";", "semicolons (;)"), (b"\t", "tabs")):
        if sep in first and b"," not in first:
            raise ReadError(
                file,
                f"the cells are separated by {label}, not commas; {_SAVE_AS_CSV}, with decimal points "
                "(12.5), or change Excel's list separator to a comma",
                row=1,
            )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            body = pd.read_csv(
                io.BytesIO(raw), header=None, dtype="category", keep_default_na=False,
                skip_blank_lines=False, encoding="utf-8-sig", on_bad_lines="warn",
            )
        except (pd.errors.ParserError, ValueError) as exc:
            raise ReadError(file, f"not readable as CSV: {exc}; {_SAVE_AS_CSV}") from None
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
    lines = _line_numbers(len(body), skipped)
    return _make_table(name, file, body, lines), bad


def _line_numbers(n: int, skipped: list[int]) -> np.ndarray:
    """Spreadsheet row of each parsed record, given the skipped record numbers."""
    if not skipped:
        return np.arange(1, n + 1, dtype=np.int64)
    keep = np.ones(n + len(skipped), dtype=bool)
    keep[np.asarray(skipped, dtype=np.int64) - 1] = False
    return np.flatnonzero(keep).astype(np.int64) + 1


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


def _open_workbook(path: Path):  # type: ignore[no-untyped-def]
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
    wb = _open_workbook(path)
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
                tables[name] = _make_table(name, file, frame, lines)
            except ReadError as exc:
                errors.append(exc)
    finally:
        wb.close()
    return tables, errors


# Folder -----------------------------------------------------------------------


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _candidate_workbooks(folder: Path) -> tuple[list[Path], list[ReadError], dict[Path, list[str]]]:
    """Workbooks in the folder with at least one sheet named like a table."""
    found: list[Path] = []
    errors: list[ReadError] = []
    sheets: dict[Path, list[str]] = {}
    for p in sorted(folder.glob("*.xlsx")):
        if p.name.startswith(("~$", ".")) or not p.is_file():
            continue
        try:
            wb = _open_workbook(p)
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
                  if low.startswith(spec.name + ".") and low != spec.filename and not low.endswith(".csv")]
    for p, names in sheets.items():
        if not set(names) & set(TABLES):
            hints.append(f"{p.name} has sheets {', '.join(names)}, none named like a table")
    for p in sorted(folder.glob("*.xls")) + sorted(folder.glob("*.ods")):
        hints.append(f"found {p.name}: save it as an Excel Workbook (.xlsx)")
    return hints


def _missing_tables(folder: Path, missing: list[str], sheets: dict[Path, list[str]]) -> list[ReadError]:
    hints = "".join(f"; {h}" for h in _folder_hints(folder, sheets))
    if len(missing) == len(TABLES):
        names = ", ".join(TABLES[n].filename for n in missing)
        return [ReadError(
            folder.name or str(folder),
            f"no data tables found: expected {names} (or one .xlsx workbook with sheets "
            f"{', '.join(TABLES)}){hints}",
        )]
    return [ReadError(TABLES[n].filename, f"the file is missing; every table of the study is needed{hints}")
            for n in missing]


def read_study(folder: Path | str) -> RawStudy:
    """Read ``study.yml`` and the four tables from ``folder``; never raises for bad input."""
    folder = Path(folder)
    errors: list[ReadError] = []
    hashes: dict[str, str] = {}
    if not folder.is_dir():
        return RawStudy(folder, None, None, errors=(ReadError(str(folder), "not a folder"),))

    config: YamlDocument | None = None
    cfg_path = folder / CONFIG_FILE
    if cfg_path.is_file():
        try:
            config, raw = read_yaml(cfg_path)
            hashes[CONFIG_FILE] = _sha256(raw)
        except ReadError as exc:
            errors.append(exc)
    else:
        alt = next((p.name for p in folder.iterdir() if p.name.lower() in ("study.yaml", "study.yml")), None)
        hint = f"; found {alt}: rename it to {CONFIG_FILE}" if alt else ""
        errors.append(ReadError(CONFIG_FILE, f"the file is missing; it describes the study, its visits and analytes{hint}"))

    csvs = {n: folder / t.filename for n, t in TABLES.items() if (folder / t.filename).is_file()}
    books, book_errors, sheets = _candidate_workbooks(folder)
    if len(books) > 1:
        errors.append(ReadError(
            books[0].name,
            f"several workbooks hold study tables ({', '.join(b.name for b in books)}); keep only one in the folder",
        ))
        return RawStudy(folder, None, config, {}, hashes, tuple(errors))
    if books and csvs:
        errors.append(ReadError(
            books[0].name,
            f"both CSV files ({', '.join(t.filename for n, t in TABLES.items() if n in csvs)}) and this workbook "
            f"(sheets {', '.join(sheets[books[0]])}) hold study tables; keep only one of them in the folder, "
            "so that it is clear which data are analysed",
        ))
        return RawStudy(folder, None, config, {}, hashes, tuple(errors))

    tables: dict[str, Table] = {}
    if books:
        book = books[0]
        raw = _read_bytes(book, book.name)
        hashes[book.name] = _sha256(raw)
        found, errs = read_workbook(book)
        tables.update(found)
        errors.extend(errs)
        return RawStudy(folder, "xlsx", config, tables, hashes, tuple(errors))

    errors.extend(e for e in book_errors if not csvs)
    errors.extend(_missing_tables(folder, [n for n in TABLES if n not in csvs], sheets) if len(csvs) < len(TABLES)
                  else [])
    for name, spec in TABLES.items():
        path = csvs.get(name)
        if path is None:
            continue
        try:
            raw = _read_bytes(path, spec.filename)
            hashes[spec.filename] = _sha256(raw)
            table, bad = read_csv_table(path, name, raw)
            tables[name] = table
            errors.extend(bad)
        except ReadError as exc:
            errors.append(exc)
    return RawStudy(folder, "csv", config, tables, hashes, tuple(errors))


# Text -> values -------------------------------------------------------------------


def _per_category(col: pd.Series, values: np.ndarray | pd.api.extensions.ExtensionArray) -> Any:
    """Spread one value per category back to the rows of a categorical column."""
    codes = col.cat.codes.to_numpy()
    return values[codes]


def _categories(col: pd.Series) -> pd.Index:
    if not isinstance(col.dtype, pd.CategoricalDtype):
        col = col.astype("category")
    return pd.Index(col.cat.categories.astype(str))


def _as_categorical(col: pd.Series) -> pd.Series:
    return col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype(str).astype("category")


def parse_numbers(col: pd.Series) -> np.ndarray:
    """Float per row: the number typed, NaN for empty or non-numeric cells (inf stays inf)."""
    col = _as_categorical(col)
    cats = _categories(col)
    nums = pd.to_numeric(pd.Series(cats, dtype=object), errors="coerce").to_numpy(dtype=float)
    return _per_category(col, nums)


def parse_flags(col: pd.Series) -> pd.arrays.BooleanArray:
    """yes/no (any contract spelling, case-insensitive) as a nullable boolean per row."""
    col = _as_categorical(col)
    low = _categories(col).str.lower()
    vals = pd.array([pd.NA] * len(low), dtype="boolean")
    vals[np.asarray(low.isin(YES))] = True
    vals[np.asarray(low.isin(NO))] = False
    return _per_category(col, vals)


def parse_measurements(col: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split measurement text into (value, censoring, limit) per row.

    ``censoring`` is "observed" for a number, "below" for ``<x``, "above" for
    ``>x``, "missing" for an empty cell and "invalid" for anything else.
    ``value`` is the number (NaN unless observed); ``limit`` is x (NaN unless censored).
    """
    col = _as_categorical(col)
    cats = _categories(col)
    nums = pd.to_numeric(pd.Series(cats, dtype=object), errors="coerce").to_numpy(dtype=float)
    first = cats.str[:1]
    rest = pd.to_numeric(pd.Series(cats.str[1:].str.strip(STRAY_WHITESPACE), dtype=object),
                         errors="coerce").to_numpy(dtype=float)
    below = np.asarray(first == "<") & np.isfinite(rest)
    above = np.asarray(first == ">") & np.isfinite(rest)
    observed = ~np.isnan(nums)
    empty = np.asarray(cats == "")
    censoring = np.full(len(cats), "invalid", dtype=object)
    censoring[observed] = "observed"
    censoring[below] = "below"
    censoring[above] = "above"
    censoring[empty] = "missing"
    limit = np.where(below | above, rest, np.nan)
    value = np.where(observed, nums, np.nan)
    return _per_category(col, value), _per_category(col, censoring), _per_category(col, limit)
