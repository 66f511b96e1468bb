"""Validation of a study folder: every problem at once, each located and explained.

:func:`validate_study` reads the folder (:mod:`alsreport.study.reading`) and checks it
against the data contract (:mod:`alsreport.study.contract`) and ``study.yml``
(:mod:`alsreport.study.config`). Each :class:`Problem` names the file, the spreadsheet
row, the column and the value, and says what was expected. Problems of one kind
in one column are listed up to :data:`LIMIT` times; the last one listed counts
the rest (``more``).

The checks are vectorised: masks are computed per column (per distinct value
for the categorical text columns), and :class:`Problem` objects are built only
for offending rows.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd
from pydantic import BaseModel, ValidationError

from alsreport.study.config import InvalidKey, StudyConfig
from alsreport.study.contract import FAMILIES, MISSING_MARKERS, NO, TABLES, YES, Column, TableSpec
from alsreport.study.reading import (
    CONFIG_FILE,
    RawStudy,
    Table,
    YamlDocument,
    parse_flags,
    parse_measurements,
    parse_numbers,
    read_study,
)

__all__ = [
    "LIMIT",
    "Severity",
    "Problem",
    "StudySummary",
    "ValidationReport",
    "CheckedTable",
    "CheckedStudy",
    "check_study",
    "validate_study",
]

Severity = Literal["error", "warning"]

#: How many problems of one kind (per file and column) are listed before "and N more like this".
LIMIT = 20


# Report --------------------------------------------------------------------------


def _visible(value: str) -> str:
    """``value`` with invisible characters spelled out (``9.06\\x1f`` → ``9.06<U+001F>``), so people see them."""
    return "".join(f"<U+{ord(ch):04X}>" if (not ch.isprintable() and ch != " ") else ch for ch in str(value))


@dataclass(frozen=True)
class Problem:
    """One problem found in the input."""

    severity: Severity
    file: str
    """File name (``measurements.csv``, ``study.yml``) or workbook sheet (``[data.xlsx]measurements``)."""
    row: int | None
    """Spreadsheet row (header = 1, first data row = 2); the line for study.yml; None for the whole file."""
    column: str | None
    """Column name, or the dotted key path in study.yml (``visits[2].month``)."""
    value: str | None
    """The value as typed ("" for an empty cell); None when not about one value."""
    message: str
    """What is wrong and what was expected."""
    code: str = ""
    """A stable identifier of the kind of problem, e.g. ``decimal-comma``."""
    more: int = 0
    """How many further problems of this kind (same file and column) are not listed."""

    @property
    def location(self) -> str:
        """``row 7, value = "12,5"``-style location (without the file)."""
        parts = []
        if self.row is not None:
            parts.append(f"{'line' if self.file == CONFIG_FILE else 'row'} {self.row}")
        if self.column is not None:
            if self.value is None:
                parts.append(self.column)
            elif self.value == "":
                parts.append(f"{self.column} (empty)")
            else:
                parts.append(f'{self.column} = "{_visible(self.value)}"')
        return ", ".join(parts)

    def format(self) -> str:
        """One line: location and message (the file is given by the report's grouping)."""
        return f"{self.location}: {self.message}" if self.location else self.message

    def describe(self) -> str:
        """One self-contained line, including the file."""
        more = f" (and {self.more} more like this)" if self.more else ""
        return f"{self.file}, {self.format()}{more}"


@dataclass(frozen=True)
class StudySummary:
    """Counts shown when a study is valid."""

    assessed: int
    enrolled: int
    visits: int
    series: int
    """Distinct analyte x compartment combinations measured."""
    measurements: int


@dataclass(frozen=True)
class ValidationReport:
    """Every problem found in a study folder."""

    path: str
    problems: tuple[Problem, ...] = ()
    summary: StudySummary | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    @property
    def error_count(self) -> int:
        """Errors including those not listed individually."""
        return sum(1 + p.more for p in self.errors)

    @property
    def warning_count(self) -> int:
        return sum(1 + p.more for p in self.warnings)

    def format(self) -> str:
        """A readable listing grouped by file, ending with a count line."""
        lines: list[str] = []
        current: str | None = None
        for p in self.problems:
            if p.file != current:
                current = p.file
                lines.append(p.file)
            lines.append(f"  {p.severity:<8} {p.format()}")
            if p.more:
                lines.append(f"  {'':<8} ... and {p.more} more like this")
        lines.append(self._count_line())
        return "\n".join(lines)

    def _count_line(self) -> str:
        warnings = _plural(self.warning_count, "warning")
        if not self.ok:
            counts = _plural(self.error_count, "error") + (f", {warnings}" if self.warning_count else "")
            return f"{counts} in {self.path}"
        s = self.summary
        text = "study OK"
        if s is not None:
            text += (f": {_plural(s.enrolled, 'enrolled participant')}, {_plural(s.visits, 'visit')}, "
                     f"{s.series} series (analyte x compartment), {_plural(s.measurements, 'measurement row')}")
        text += f" in {self.path}"
        return text + (f"; {warnings}" if self.warning_count else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# Helpers -------------------------------------------------------------------------


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else f"{x:g}"


def _rows_text(lines: Sequence[int] | np.ndarray, shown: int = 5) -> str:
    lines = [int(x) for x in lines]
    if len(lines) == 1:
        return f"row {lines[0]}"
    head = ", ".join(str(x) for x in lines[:shown])
    rest = len(lines) - shown
    return f"rows {head}" + (f" and {rest} more" if rest > 0 else "")


def _also(lines: Sequence[int] | np.ndarray) -> str:
    """`` (3 rows: 7, 9, 12)`` for a value found on several rows, else nothing."""
    if len(lines) < 2:
        return ""
    return f" ({len(lines)} rows: {_rows_text(lines)[5:]})"


def _repeated(keys: np.ndarray, size: int) -> np.ndarray:
    """Rows whose key occurs more than once."""
    if size <= 4 * len(keys) + 1_000_000:
        return np.bincount(keys, minlength=size)[keys] > 1
    return pd.Series(keys).duplicated(keep=False).to_numpy()


def _distinct(keys: np.ndarray) -> np.ndarray:
    """Distinct non-negative integer keys, sorted."""
    if not len(keys):
        return keys
    top = int(keys.max()) + 1
    if top <= 4 * len(keys) + 1_000_000:
        return np.flatnonzero(np.bincount(keys, minlength=top))
    return np.sort(pd.unique(keys))


def _did_you_mean(value: str, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    folded = [a for a in allowed if a.casefold() == value.casefold()]
    close = folded or difflib.get_close_matches(value, allowed, n=1, cutoff=0.75)
    return f" (did you mean {close[0]}?)" if close else ""


def _list(values: Iterable[str]) -> str:
    return ", ".join(values)


def _a_key(values: Sequence[str]) -> str:
    return " / ".join(values)


class _Collector:
    """Accumulates problems; caps repetitive ones."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, severity: Severity, file: str, message: str, *, row: int | None = None,
            column: str | None = None, value: str | None = None, code: str = "", more: int = 0) -> None:
        self.items.append(Problem(severity, file, row, column, value, message, code, more))

    def rows(self, severity: Severity, code: str, view: "CheckedTable", column: str | None,
             mask: np.ndarray, message: Callable[[int, str], str], *, show_column: str | None = None) -> None:
        """One problem per offending row (capped); ``message(position, text)``."""
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        shown = idx[:LIMIT]
        col = show_column or column
        texts = view.texts(col, shown) if col is not None else [None] * len(shown)
        for k, (i, text) in enumerate(zip(shown, texts)):
            more = len(idx) - len(shown) if k == len(shown) - 1 else 0
            self.add(severity, view.file, message(int(i), text or ""), row=int(view.lines[i]),
                     column=col, value=text, code=code, more=more)

    def values(self, severity: Severity, code: str, view: "CheckedTable", column: str,
               mask: np.ndarray, message: Callable[[str, np.ndarray], str]) -> None:
        """One problem per distinct offending value (capped); ``message(value, rows)``."""
        idx = np.flatnonzero(mask)
        if not len(idx):
            return
        codes = view.codes(column)[idx]
        uniq = pd.unique(codes)
        cats = view.categories(column)
        shown = uniq[:LIMIT]
        for k, u in enumerate(shown):
            rows = view.lines[idx[codes == u]]
            more = len(uniq) - len(shown) if k == len(shown) - 1 else 0
            value = str(cats[u])
            self.add(severity, view.file, message(value, rows), row=int(rows[0]), column=column,
                     value=value, code=code, more=more)


# Tables as checked -----------------------------------------------------------------


class CheckedTable:
    """A table restricted to the contract's columns, with parsed columns cached.

    Used by the checks and, once the study is valid, by :mod:`alsreport.study.loading`.
    """

    def __init__(self, table: Table, spec: TableSpec) -> None:
        self.spec = spec
        self.name = table.name
        self.file = table.file
        self.header = table.header
        known = [c.name for c in spec.columns if c.name in table.frame.columns]
        self.unknown = [c for c in table.header if c not in {x.name for x in spec.columns}]
        self.missing = [c for c in spec.required_columns if c not in table.frame.columns]
        self.frame = table.frame[known]
        self.lines = self.frame.index.to_numpy()
        self._cache: dict[tuple[str, str], Any] = {}

    def __len__(self) -> int:
        return len(self.frame)

    def has(self, *columns: str) -> bool:
        return all(c in self.frame.columns for c in columns)

    def categories(self, column: str) -> pd.Index:
        return self.frame[column].cat.categories

    def codes(self, column: str) -> np.ndarray:
        return self.frame[column].cat.codes.to_numpy()

    def per_category(self, column: str, values: np.ndarray) -> np.ndarray:
        """Spread one value per category to the rows."""
        return np.asarray(values)[self.codes(column)]

    def isin(self, column: str, allowed: Iterable[str]) -> np.ndarray:
        return self.per_category(column, np.asarray(self.categories(column).isin(list(allowed))))

    def empty(self, column: str) -> np.ndarray:
        return self.per_category(column, np.asarray(self.categories(column) == ""))

    def texts(self, column: str, idx: np.ndarray | Sequence[int]) -> list[str]:
        """The text of ``column`` at row positions ``idx``."""
        return self.categories(column).take(self.codes(column)[np.asarray(idx, dtype=np.int64)]).tolist()

    def text(self, column: str, i: int) -> str:
        """The text of ``column`` at row position ``i``."""
        return str(self.categories(column)[self.codes(column)[i]])

    def key_codes(self, columns: Sequence[str]) -> tuple[np.ndarray, int]:
        """One int64 per row identifying the combination of ``columns``, and the number of possible keys."""
        key = np.zeros(len(self), dtype=np.int64)
        radix = 1
        for c in columns:
            n = len(self.categories(c))
            if radix * n >= 2**62:  # too many combinations for one integer: renumber
                key = pd.factorize(key)[0].astype(np.int64)
                radix = int(key.max()) + 1 if len(key) else 1
            key = key * n + self.codes(c)
            radix *= n
        return key, radix

    def _cached(self, kind: str, column: str, fn: Callable[[pd.Series], Any]) -> Any:
        key = (kind, column)
        if key not in self._cache:
            self._cache[key] = fn(self.frame[column])
        return self._cache[key]

    def numbers(self, column: str) -> np.ndarray:
        return self._cached("number", column, parse_numbers)

    def flags(self, column: str) -> pd.arrays.BooleanArray:
        return self._cached("flag", column, parse_flags)

    def flag_is(self, column: str, value: bool) -> np.ndarray:
        """Rows whose flag is exactly ``value`` (False for empty or invalid cells)."""
        if not self.has(column):
            return np.zeros(len(self), dtype=bool)
        return (self.flags(column) == value).fillna(False).to_numpy(dtype=bool)

    def measurements(self, column: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self._cached("measurement", column, parse_measurements)


@dataclass(frozen=True)
class CheckedStudy:
    """The outcome of :func:`check_study`: the report plus what was read, for the loader."""

    report: ValidationReport
    raw: RawStudy
    config: StudyConfig | None
    tables: dict[str, CheckedTable] = field(default_factory=dict)


# study.yml ----------------------------------------------------------------------------


def _loc_text(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = StudyConfig
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if model is not None else None
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


def _yaml_value(x: Any) -> str | None:
    if isinstance(x, bool):
        return "true" if x else "false"
    if x is None:
        return ""
    if isinstance(x, (dict, list)):
        return None
    return str(x)


def _where(loc: Sequence[str | int]) -> str:
    return f"in {_loc_text(loc)}" if loc else "at the top level"


def _config_message(err: dict[str, Any]) -> tuple[str, str | None]:
    """(message, value) for one pydantic error."""
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    x = err.get("input")
    value = _yaml_value(x)
    if kind == "missing":
        model = _model_at(loc[:-1])
        info = model.model_fields.get(str(loc[-1])) if model is not None else None
        desc = f": {info.description.rstrip('.')}" if info is not None and info.description else ""
        return f"required key {loc[-1]} is missing {_where(loc[:-1])}{desc}", None
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = _list(model.model_fields) if model is not None else "?"
        return (f"unknown key {loc[-1]} {_where(loc[:-1])}; allowed keys there: {allowed}", value)
    if kind == "literal_error":
        return f"must be one of: {ctx.get('expected', '').replace(chr(39), '')}", value
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        what = "a whole number" if kind.startswith("int") else "a number (with a decimal point)"
        return f"must be {what}", value
    if kind == "string_type":
        hint = f"; put it in quotes: '{value}'" if value not in (None, "") else ""
        if isinstance(x, bool):
            hint += " (YAML reads yes/no/on/off as true/false)"
        return f"must be text{hint}", value
    if kind in ("bool_parsing", "bool_type"):
        return "must be true or false", value
    if kind in ("string_too_short",):
        return "must not be empty", value
    if kind == "too_short":
        n = ctx.get("min_length")
        return f"needs at least {n} {'entries' if n != 1 else 'entry'}", None
    if kind == "list_type":
        return "must be a list (one '- ' item per line, or [a, b])", value
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        model = _model_at(loc) if loc else StudyConfig
        keys = _list(model.model_fields) if model is not None else ""
        where = "study.yml" if not loc else _loc_text(loc)
        return f"{where} must be a mapping of keys ({keys})", value
    if kind.startswith("date"):
        return "must be a date written YYYY-MM-DD, e.g. 2024-01-31", value
    if kind in ("greater_than_equal", "greater_than", "less_than", "less_than_equal"):
        words = {"greater_than_equal": "at least", "greater_than": "greater than",
                 "less_than": "less than", "less_than_equal": "at most"}
        bound = next(iter(ctx.values()))
        return f"must be {words[kind]} {bound}", value
    if kind == "value_error":
        error = ctx.get("error")
        if isinstance(error, InvalidKey):
            return str(error), _yaml_value(error.value)
        return str(error) if error is not None else err["msg"], None
    return err["msg"].replace("Input should be", "should be"), value


def _check_config(doc: YamlDocument, out: _Collector) -> StudyConfig | None:
    try:
        return StudyConfig.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            ctx = err.get("ctx") or {}
            error = ctx.get("error")
            if isinstance(error, InvalidKey):
                loc = loc + tuple(error.key.split("."))
            message, value = _config_message(err)
            out.add("error", CONFIG_FILE, message, row=doc.line(loc), column=_loc_text(loc) or None,
                    value=value, code=f"config-{err['type']}")
    return None


# Columns ------------------------------------------------------------------------------------

_PERSONAL = re.compile(r"name|birth|dob|address|phone|mail|initials", re.I)
_DECIMAL_COMMA = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+),\d+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_WITH_UNIT = re.compile(r"([+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?)\s*([^\d\s.,+-].*)")
_LOD_MARKERS = ("nd", "n.d.", "not detected", "bld", "blq", "bql", "<lod", "< lod", "lod", "below lod",
                "undetectable", "neg", "negative")


def _number_fix(text: str) -> str:
    """The text with a decimal comma turned into a decimal point."""
    return text.replace(".", "").replace(",", ".") if "." in text else text.replace(",", ".")


def _classify_invalid(texts: pd.Index, measurement: bool) -> np.ndarray:
    """Kind of problem for texts that are not numbers."""
    kinds = np.full(len(texts), "not-a-number", dtype=object)
    low = texts.str.lower()
    kinds[np.asarray(texts.str.fullmatch(_DECIMAL_COMMA.pattern))] = "decimal-comma"
    kinds[np.asarray(texts.str.fullmatch(_WITH_UNIT.pattern))] = "unit-in-value"
    kinds[np.asarray(low.isin(MISSING_MARKERS))] = "missing-marker"
    if measurement:
        kinds[np.asarray(low.isin(_LOD_MARKERS))] = "lod-marker"
    kinds[np.asarray(low.isin(("nan", "+nan", "-nan")))] = "not-finite"
    return kinds


def _number_message(kind: str, text: str, column: Column, measurement: bool) -> str:
    if kind == "decimal-comma":
        if _THOUSANDS.fullmatch(text):
            return (f"not a number: use a decimal point ({text.replace(',', '.')}), "
                    f"or no thousands separator ({text.replace(',', '')})")
        return f"not a number: use a decimal point: {_number_fix(text)}"
    if kind == "unit-in-value":
        m = _WITH_UNIT.fullmatch(text)
        number = _number_fix(m.group(1)) if m else text
        if measurement:
            return f"put the unit in the unit column and only the number here: {number}"
        unit = f" (the unit is fixed: {column.unit})" if column.unit else ""
        return f"write the number only: {number}{unit}"
    if kind == "missing-marker":
        if column.nullable:
            return "not a number; leave the cell empty for a missing value"
        return "not a number; a value is required here"
    if kind == "lod-marker":
        return ("not a number; for a result below the limit of detection write '<' and the limit, "
                "e.g. <0.5 (or leave the cell empty if there is no result)")
    if kind == "not-finite":
        return "not a finite number; leave the cell empty for a missing value"
    expected = "a number (with a decimal point), '<x', '>x' or empty" if measurement else \
        "a number with a decimal point, e.g. 12.5"
    return f"not a number; expected {expected}"


def _range_text(column: Column) -> str:
    lo, hi = column.minimum, column.maximum
    unit = f" {column.unit}" if column.unit else ""
    if lo is not None and hi is not None:
        return f"between {_fmt_num(lo)} and {_fmt_num(hi)}{unit}"
    if lo is not None:
        return f"at least {_fmt_num(lo)}{unit}"
    return f"at most {_fmt_num(hi)}{unit}"  # type: ignore[arg-type]


def _lenient_names(doc: YamlDocument | None, key: Literal["visits", "analytes"]) -> tuple[str, ...] | None:
    """Visit codes or analyte names from a study.yml that failed validation, when they are readable.

    Lets the tables be checked against study.yml even while study.yml has other errors.
    """
    field_name = "code" if key == "visits" else "name"
    items = doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return None
    names = [i.get(field_name) for i in items if isinstance(i, dict)]
    if not names or len(names) != len(items) or not all(isinstance(n, str) and n.strip() for n in names):
        return None
    return tuple(n.strip() for n in names)


class _Checker:
    """Runs every check over a read study."""

    def __init__(self, raw: RawStudy) -> None:
        self.raw = raw
        self.out = _Collector()
        self.config: StudyConfig | None = None
        self.tables: dict[str, CheckedTable] = {}

    # Entry ---------------------------------------------------------------------------------
    def run(self) -> None:
        for err in self.raw.errors:
            self.out.add("error", err.file, err.message, row=err.row, column=err.column, value=err.value,
                         code="unreadable")
        if self.raw.config is not None:
            self.config = _check_config(self.raw.config, self.out)
        for name, table in self.raw.tables.items():
            view = CheckedTable(table, TABLES[name])
            self.tables[name] = view
            self._header(view)
            self._empty_table(view)
            for column in view.spec.columns:
                if view.has(column.name):
                    self._column(view, column)
            self._duplicates(view)
        self._participants()
        self._references()
        self._infusions()
        self._measurements()
        self._adverse_events()

    def table(self, name: str, *columns: str) -> CheckedTable | None:
        """The table if it was read and has ``columns``."""
        view = self.tables.get(name)
        return view if view is not None and view.has(*columns) else None

    # Headers ---------------------------------------------------------------------------------
    def _header(self, view: CheckedTable) -> None:
        expected = [c.name for c in view.spec.columns]
        if view.missing:
            hints = [f"rename {u!r} to {m}" for m in view.missing for u in view.unknown
                     if u.replace(" ", "_").casefold() == m.casefold()]
            hint = f" ({'; '.join(hints)})" if hints else ""
            optional = [c.name for c in view.spec.columns if not c.required]
            note = f" ({_list(optional)} optional)" if optional else ""
            s = "s" if len(view.missing) > 1 else ""
            self.out.add(
                "error", view.file,
                f"missing required column{s} {_list(view.missing)}{hint}; found: {_list(view.header)}; "
                f"expected: {_list(expected)}{note}",
                row=1, code="missing-column",
            )
        if view.unknown:
            personal = any(_PERSONAL.search(u) for u in view.unknown)
            privacy = (" Identifying data (such as names or dates of birth) should not be in the study folder."
                       if personal else "")
            several = len(view.unknown) > 1
            what = (f"ignored columns {_list(view.unknown)}: not part of the data format, so they are dropped and "
                    "never reach any output") if several else (
                    f"ignored column {view.unknown[0]}: not part of the data format, so it is dropped and never "
                    "reaches any output")
            self.out.add("warning", view.file, f"{what} (allowed columns: {_list(expected)}).{privacy}",
                         row=1, code="unknown-column")

    def _empty_table(self, view: CheckedTable) -> None:
        if len(view):
            return
        if view.name in ("participants", "measurements"):
            self.out.add("error", view.file, "no data rows (only a header, or every row could not be read)",
                         code="no-rows")
        elif view.name == "infusions":
            self.out.add("warning", view.file, "no data rows: no infusion is recorded",
                         code="no-rows")

    # Single columns -----------------------------------------------------------------------------
    def _column(self, view: CheckedTable, column: Column) -> None:
        name = column.name
        empty = view.empty(name)
        if not column.nullable:
            what = f" ({column.description})" if column.description else ""
            self.out.rows("error", "required", view, name, empty,
                          lambda i, t: f"{name} is required and must not be empty{what}")
        if column.kind == "flag":
            bad = ~empty & np.asarray(view.flags(name).isna())
            self.out.rows("error", "not-a-flag", view, name, bad,
                          lambda i, t: f"must be yes or no ({_list(f'{y}/{n}' for y, n in zip(YES[1:], NO[1:]))} "
                                       "are accepted too, in any case)")
        elif column.kind in ("number", "integer"):
            self._numbers(view, column, empty)
        elif column.kind == "measurement":
            self._measurement_values(view, column, empty)
        elif column.kind == "choice":
            self._choice(view, column, empty)

    def _invalid_numbers(self, view: CheckedTable, column: Column, invalid: np.ndarray, measurement: bool) -> None:
        """Report non-numbers, by kind (decimal comma, unit typed in, ...)."""
        if not invalid.any():
            return
        cats = view.categories(column.name)
        cat_invalid = np.zeros(len(cats), dtype=bool)
        cat_invalid[np.unique(view.codes(column.name)[invalid])] = True
        kinds = np.full(len(cats), "", dtype=object)
        kinds[cat_invalid] = _classify_invalid(cats[cat_invalid], measurement)
        row_kinds = view.per_category(column.name, kinds)
        for kind in ("decimal-comma", "unit-in-value", "missing-marker", "lod-marker", "not-finite", "not-a-number"):
            self.out.rows("error", kind, view, column.name, invalid & (row_kinds == kind),
                          lambda i, t, k=kind: _number_message(k, t, column, measurement))

    def _numbers(self, view: CheckedTable, column: Column, empty: np.ndarray) -> None:
        name = column.name
        nums = view.numbers(name)
        invalid = ~empty & np.isnan(nums)
        self._invalid_numbers(view, column, invalid, measurement=False)
        infinite = np.isinf(nums)
        self.out.rows("error", "not-finite", view, name, infinite,
                      lambda i, t: "not a finite number; write a number, or leave the cell empty if unknown")
        self._range(view, column, nums, ~infinite & ~np.isnan(nums))
        if column.kind == "integer":
            whole = np.isfinite(nums) & (np.floor(nums) != nums)
            self.out.rows("error", "not-whole", view, name, whole,
                          lambda i, t: f"must be a whole number, e.g. {_fmt_num(round(float(t)))}")

    def _range(self, view: CheckedTable, column: Column, nums: np.ndarray, valid: np.ndarray) -> None:
        lo, hi = column.minimum, column.maximum
        if lo is None and hi is None:
            return
        out = np.zeros(len(nums), dtype=bool)
        with np.errstate(invalid="ignore"):
            if lo is not None:
                out |= nums < lo
            if hi is not None:
                out |= nums > hi
        desc = f" ({column.description.rstrip('.')})" if column.description else ""
        self.out.rows("error", "out-of-range", view, column.name, valid & out,
                      lambda i, t: f"out of range: must be {_range_text(column)}{desc}")

    def _measurement_values(self, view: CheckedTable, column: Column, empty: np.ndarray) -> None:
        name = column.name
        value, censoring, limit = view.measurements(name)
        invalid = censoring == "invalid"
        self._invalid_numbers(view, column, invalid, measurement=True)
        infinite = np.isinf(value)
        self.out.rows("error", "not-finite", view, name, infinite,
                      lambda i, t: "not a finite number; leave the cell empty for a missing value")
        with np.errstate(invalid="ignore"):
            negative = np.isfinite(value) & (value < 0)
            bad_limit = ((censoring == "below") | (censoring == "above")) & ~(limit > 0)
        self.out.rows("error", "negative", view, name, negative,
                      lambda i, t: "a concentration cannot be negative; check the value "
                                   "(a result below the limit of detection is written <x, e.g. <0.5)")
        self.out.rows("error", "bad-limit", view, name, bad_limit,
                      lambda i, t: "the limit x in '<x' or '>x' must be a positive number, e.g. <0.5")

    def _allowed(self, column: Column) -> tuple[str, ...] | None:
        if column.choices:
            return column.choices
        if column.choices_from is None:
            return None
        if self.config is not None:
            return self.config.visit_codes if column.choices_from == "visits" else self.config.analyte_names
        return _lenient_names(self.raw.config, column.choices_from)

    def _choice(self, view: CheckedTable, column: Column, empty: np.ndarray) -> None:
        allowed = self._allowed(column)
        if allowed is None:
            return
        bad = ~empty & ~view.isin(column.name, allowed)
        name = column.name
        if column.choices_from == "analytes":
            def message(v: str, rows: np.ndarray) -> str:
                return (f"analyte {v} is not described in study.yml{_did_you_mean(v, allowed)}; add it under "
                        f"analytes with a family ({_list(FAMILIES)}), e.g. "
                        f"- {{name: {v}, family: immunological}}{_also(rows)}")
        elif column.choices_from == "visits":
            def message(v: str, rows: np.ndarray) -> str:
                return (f"visit {v} is not a visit code in study.yml{_did_you_mean(v, allowed)}; "
                        f"allowed: {_list(allowed)}{_also(rows)}")
        else:
            def message(v: str, rows: np.ndarray) -> str:
                return f"not an allowed {name}{_did_you_mean(v, allowed)}; allowed: {_list(allowed)}{_also(rows)}"
        self.out.values("error", f"unknown-{name}", view, name, bad, message)

    # Keys ----------------------------------------------------------------------------------------
    def _duplicates(self, view: CheckedTable) -> None:
        key = list(view.spec.key)
        exact = not key
        if exact:
            key = [c.name for c in view.spec.columns if view.has(c.name)]
        if not key or not view.has(*key) or not len(view):
            return
        combined, size = view.key_codes(key)
        dup = _repeated(combined, size)
        if not dup.any():
            return
        pos = np.flatnonzero(dup)
        first_line = pd.Series(view.lines[pos]).groupby(combined[pos]).transform("min").to_numpy()
        later = np.zeros(len(view), dtype=bool)
        later[pos[view.lines[pos] != first_line]] = True
        first_of = dict(zip(pos, first_line))
        col = key[0] if len(key) == 1 else None
        if exact:
            self.out.rows("warning", "duplicate-row", view, None, later,
                          lambda i, t: f"identical to row {first_of[i]}: is this event entered twice?")
            return

        def message(i: int, t: str) -> str:
            values = _a_key([view.text(c, i) for c in key])
            return (f"duplicate of row {first_of[i]}: the same {_list(key)} ({values}) may appear only once; "
                    "keep one row")

        if col is not None:
            self.out.rows("error", "duplicate-key", view, col, later, message)
        else:
            idx = np.flatnonzero(later)
            for k, i in enumerate(idx[:LIMIT]):
                values = _a_key(view.text(c, i) for c in key)
                self.out.add("error", view.file, message(int(i), ""), row=int(view.lines[i]),
                             column=None, value=values, code="duplicate-key",
                             more=len(idx) - LIMIT if k == LIMIT - 1 and len(idx) > LIMIT else 0)

    # Participant flow --------------------------------------------------------------------------------
    def _participants(self) -> None:
        view = self.table("participants", "participant_id", "eligible", "enrolled")
        if view is None:
            return
        eligible_no = view.flag_is("eligible", False)
        enrolled_yes = view.flag_is("enrolled", True)
        enrolled_no = view.flag_is("enrolled", False)
        rows = self.out.rows
        if len(view) and view.flags("enrolled").isna().sum() == 0 and not enrolled_yes.any():
            self.out.add("error", view.file, "nobody is enrolled (enrolled = yes); the analysis needs at least "
                         "one enrolled participant", column="enrolled", code="none-enrolled")
        if view.has("exclusion_reason"):
            no_reason = view.empty("exclusion_reason")
            rows("error", "exclusion-reason-missing", view, "exclusion_reason", enrolled_no & no_reason,
                 lambda i, t: f"{view.text('participant_id', i)} was not enrolled (enrolled = no), so exclusion_reason is required: "
                              "why they were not enrolled (e.g. Declined to participate)")
            rows("warning", "exclusion-reason-ignored", view, "exclusion_reason", enrolled_yes & ~no_reason,
                 lambda i, t: f"{view.text('participant_id', i)} is enrolled, so exclusion_reason is ignored; clear it or set enrolled = no")
        rows("error", "enrolled-not-eligible", view, "enrolled", eligible_no & enrolled_yes,
             lambda i, t: f"{view.text('participant_id', i)} is not eligible (eligible = no) but enrolled = yes; only eligible people "
                          "can be enrolled: correct eligible or enrolled")
        if not view.has("completed"):
            return
        completed_empty = view.empty("completed")
        completed_no = view.flag_is("completed", False)
        completed_yes = view.flag_is("completed", True)
        rows("error", "completed-missing", view, "completed", enrolled_yes & completed_empty,
             lambda i, t: f"{view.text('participant_id', i)} is enrolled, so completed is required: yes if they completed follow-up, "
                          "no if they discontinued")
        rows("error", "completed-not-enrolled", view, "completed", enrolled_no & ~completed_empty,
             lambda i, t: f"{view.text('participant_id', i)} was not enrolled (enrolled = no), so completed must be empty")
        if view.has("discontinuation_reason"):
            no_reason = view.empty("discontinuation_reason")
            rows("error", "discontinuation-reason-missing", view, "discontinuation_reason",
                 enrolled_yes & completed_no & no_reason,
                 lambda i, t: f"{view.text('participant_id', i)} did not complete (completed = no), so discontinuation_reason is "
                              "required: why they discontinued")
            rows("warning", "discontinuation-reason-ignored", view, "discontinuation_reason",
                 completed_yes & ~no_reason,
                 lambda i, t: f"{view.text('participant_id', i)} completed (completed = yes), so discontinuation_reason is ignored; "
                              "clear it or set completed = no")
            rows("warning", "discontinuation-reason-not-enrolled", view, "discontinuation_reason",
                 enrolled_no & ~no_reason,
                 lambda i, t: f"{view.text('participant_id', i)} was not enrolled, so discontinuation_reason is ignored; "
                              "use exclusion_reason")

    def _people(self) -> tuple[pd.Index, pd.Index, pd.Index, dict[str, tuple[int, str]]] | None:
        """(all ids, enrolled ids, not enrolled ids, id -> (row, enrolled text)) from participants.csv.

        People whose enrolled cell is invalid are neither enrolled nor not enrolled
        (their cell is reported already).
        """
        view = self.table("participants", "participant_id", "enrolled")
        if view is None:
            return None
        everyone = np.arange(len(view))
        ids = view.texts("participant_id", everyone)
        all_ids = pd.Index(ids)
        where = dict(zip(ids, zip(view.lines.tolist(), view.texts("enrolled", everyone))))
        return (all_ids, all_ids[view.flag_is("enrolled", True)], all_ids[view.flag_is("enrolled", False)],
                where)

    def _status(self) -> pd.DataFrame:
        """Enrolled participants with their completed flag (NA when unknown), indexed by id."""
        view = self.table("participants", "participant_id", "enrolled")
        if view is None:
            return pd.DataFrame(columns=["completed"])
        enrolled = view.flag_is("enrolled", True)
        ids = np.asarray(view.texts("participant_id", np.flatnonzero(enrolled)), dtype=object)
        completed = view.flags("completed")[enrolled] if view.has("completed") else \
            pd.array([pd.NA] * int(enrolled.sum()), dtype="boolean")
        frame = pd.DataFrame({"completed": completed}, index=pd.Index(ids, name="participant_id"))
        return frame[~frame.index.duplicated()]

    def _references(self) -> None:
        people = self._people()
        if people is None:
            return
        all_ids, _, not_enrolled_ids, line_of = people
        source = self.tables["participants"].file
        for name, what in (("infusions", "infusions"), ("measurements", "measurements"),
                           ("adverse_events", "adverse events")):
            view = self.table(name, "participant_id")
            if view is None:
                continue
            empty = view.empty("participant_id")
            known = view.isin("participant_id", all_ids)
            not_enrolled = view.isin("participant_id", not_enrolled_ids)
            self.out.values(
                "error", "unknown-participant", view, "participant_id", ~empty & ~known,
                lambda v, rows: f"participant {v} is not in {source}{_did_you_mean(v, all_ids)}; every "
                                f"participant must have a row there{_also(rows)}")
            self.out.values(
                "error", "not-enrolled", view, "participant_id", not_enrolled,
                lambda v, rows, w=what: f"{v} is not enrolled ({source}, row {line_of[v][0]}: enrolled = "
                                        f"{line_of[v][1] or '(empty)'}), so cannot have {w}{_also(rows)}")

    # Infusions ----------------------------------------------------------------------------------------
    def _given_per_infusion(self, view: CheckedTable) -> pd.DataFrame:
        """Valid infusion rows: participant, infusion_no, visit, route, given, row, position."""
        nums = view.numbers("infusion_no")
        given = view.flags("given")
        ok = np.isfinite(nums) & (np.floor(nums) == nums) & ~np.asarray(given.isna())
        pos = np.flatnonzero(ok)
        return pd.DataFrame({
            "participant_id": view.texts("participant_id", pos),
            "infusion_no": nums[pos].astype(np.int64),
            "given": given[pos].to_numpy(dtype=bool),
            "row": view.lines[pos],
            "pos": pos,
        })

    def _infusions(self) -> None:
        view = self.table("infusions", "participant_id", "infusion_no", "given")
        if view is None:
            return
        given_no = view.flag_is("given", False)
        given_yes = view.flag_is("given", True)
        if view.has("reason_not_given"):
            no_reason = view.empty("reason_not_given")
            self.out.rows("error", "reason-not-given-missing", view, "reason_not_given", given_no & no_reason,
                          lambda i, t: f"infusion {view.text('infusion_no', i)} of {view.text('participant_id', i)} was not given (given = no), so "
                                       "reason_not_given is required")
            self.out.rows("warning", "reason-not-given-ignored", view, "reason_not_given", given_yes & ~no_reason,
                          lambda i, t: f"infusion {view.text('infusion_no', i)} of {view.text('participant_id', i)} was given (given = yes), so "
                                       "reason_not_given is ignored; clear it or set given = no")
        if view.has("cells_per_kg"):
            cells = view.numbers("cells_per_kg")
            with np.errstate(invalid="ignore"):
                dosed = np.isfinite(cells) & (cells > 0)
            self.out.rows("error", "dose-not-given", view, "cells_per_kg", given_no & dosed,
                          lambda i, t: f"infusion {view.text('infusion_no', i)} of {view.text('participant_id', i)} was not given (given = no), so "
                                       "cells_per_kg must be empty")
            self.out.rows("warning", "dose-missing", view, "cells_per_kg", given_yes & view.empty("cells_per_kg"),
                          lambda i, t: f"infusion {view.text('infusion_no', i)} of {view.text('participant_id', i)} was given but cells_per_kg is empty; "
                                       "the dose tables will show it as unknown")
        rows = self._given_per_infusion(view)
        if rows.empty:
            return
        if view.has("visit"):
            self._infusion_visits(view, rows)
        self._infusion_sequence(view, rows)

    def _infusion_visits(self, view: CheckedTable, rows: pd.DataFrame) -> None:
        visits = pd.Series(view.texts("visit", rows["pos"].to_numpy()), index=rows.index)
        n = visits.groupby([rows["participant_id"], rows["infusion_no"]]).transform("nunique")
        first = visits.groupby([rows["participant_id"], rows["infusion_no"]]).transform("first")
        mask = np.zeros(len(view), dtype=bool)
        mask[rows["pos"].to_numpy()[(n > 1).to_numpy() & (visits != first).to_numpy()]] = True
        firsts = dict(zip(rows["pos"], first))
        self.out.rows("warning", "infusion-visit-mismatch", view, "visit", mask,
                      lambda i, t: f"other routes of infusion {view.text('infusion_no', i)} of "
                                   f"{view.text('participant_id', i)} are at visit {firsts[i]}; "
                                   "one infusion happens at one visit")

    def _missed(self, rows: pd.DataFrame) -> pd.Series:
        """First infusion_no given by no route, per participant."""
        any_given = rows.groupby(["participant_id", "infusion_no"])["given"].any()
        missed = any_given[~any_given].reset_index()
        return missed.groupby("participant_id")["infusion_no"].min()

    def _infusion_sequence(self, view: CheckedTable, rows: pd.DataFrame) -> None:
        status = self._status()
        if status.empty:
            return
        first_missed = self._missed(rows)
        completed = status["completed"]
        stopped = completed[completed.eq(False).fillna(False).astype(bool)].index
        done = completed[completed.eq(True).fillna(False).astype(bool)].index
        limit = rows["participant_id"].map(first_missed)
        after = rows["participant_id"].isin(stopped) & rows["given"] & (rows["infusion_no"] > limit)
        mask = np.zeros(len(view), dtype=bool)
        mask[rows.loc[after, "pos"].to_numpy()] = True
        route = (lambda i: f" ({view.text('route', i)})") if view.has("route") else (lambda i: "")
        self.out.rows(
            "error", "infusion-after-discontinuation", view, "given", mask,
            lambda i, t: (f"{view.text('participant_id', i)} discontinued (completed = no) and infusion "
                          f"{int(first_missed[view.text('participant_id', i)])} was given by no route, "
                          f"so no later infusion can have been given, yet infusion "
                          f"{view.text('infusion_no', i)}{route(i)} is recorded as given; "
                          "correct given, or completed"))
        self._completed_infusions(view, rows, done)

    def _completed_infusions(self, view: CheckedTable, rows: pd.DataFrame, done: pd.Index) -> None:
        any_given = rows.groupby(["participant_id", "infusion_no"])["given"].any()
        first_row = rows.groupby(["participant_id", "infusion_no"])["row"].min()
        missed = any_given[~any_given]
        missed = missed[missed.index.get_level_values(0).isin(done)]
        for k, ((person, number), _) in enumerate(missed.items()):
            if k == LIMIT:
                break
            self.out.add(
                "warning", view.file,
                f"{person} completed (completed = yes) but infusion {number} was given by no route; if they "
                "stopped the intervention, set completed = no with a discontinuation_reason",
                row=int(first_row[(person, number)]), column="participant_id", value=person,
                code="completed-missed-infusion", more=max(len(missed) - LIMIT, 0) if k == LIMIT - 1 else 0)
        planned = set(rows["infusion_no"])
        have = rows.groupby("participant_id")["infusion_no"].agg(set)
        status = self._status()
        lacking = [(p, sorted(planned - have.get(p, set()))) for p in status.index
                   if p in done and planned - have.get(p, set())]
        no_rows = [p for p in status.index if p not in have.index]
        for k, (person, numbers) in enumerate(lacking[:LIMIT]):
            self.out.add(
                "warning", view.file,
                f"{person} completed but has no rows for infusion {_list(str(n) for n in numbers)} "
                f"(infusions in this file: {_list(str(n) for n in sorted(planned))})",
                column="participant_id", value=person, code="infusion-rows-missing",
                more=len(lacking) - LIMIT if k == LIMIT - 1 and len(lacking) > LIMIT else 0)
        for k, person in enumerate(no_rows[:LIMIT]):
            self.out.add(
                "warning", view.file, f"{person} is enrolled but has no rows in this file",
                column="participant_id", value=person, code="no-infusions",
                more=len(no_rows) - LIMIT if k == LIMIT - 1 and len(no_rows) > LIMIT else 0)

    # Measurements ------------------------------------------------------------------------------------
    def _measurements(self) -> None:
        view = self.table("measurements", "participant_id", "visit", "compartment", "analyte")
        if view is None:
            return
        if view.has("unit"):
            self._units(view)
        if view.has("value"):
            self._lod(view)
        if view.has("ref_low", "ref_high"):
            low, high = view.numbers("ref_low"), view.numbers("ref_high")
            with np.errstate(invalid="ignore"):
                crossed = low > high
            self.out.rows("error", "reference-range", view, "ref_high", crossed,
                          lambda i, t: f"ref_high is below ref_low ({_fmt_num(low[i])}); the reference range "
                                       "is ref_low to ref_high")
        if self.config is not None and len(view):
            self._config_coverage(view)
            if view.has("value"):
                self._baseline(view)
                self._after_discontinuation(view)

    def _series_key(self, view: CheckedTable) -> np.ndarray:
        return view.key_codes(["analyte", "compartment"])[0]

    def _units(self, view: CheckedTable) -> None:
        if not len(view):
            return
        series = self._series_key(view)
        unit = view.codes("unit").astype(np.int64)
        unit_empty = view.empty("unit")
        units = view.categories("unit")
        pairs = _distinct(series[~unit_empty] * len(units) + unit[~unit_empty])
        n_units = pd.Series(pairs // len(units)).value_counts()
        mixed = sorted(n_units[n_units > 1].index)
        for s in mixed:
            pos = np.flatnonzero((series == s) & ~unit_empty)
            counts = pd.Series(unit[pos]).value_counts()
            main = counts.index[0]
            parts = []
            first_minor: tuple[int, str] | None = None
            for u, n in counts.items():
                lines = view.lines[pos[unit[pos] == u]]
                rows = f": {_rows_text(lines)}" if u != main else ""
                parts.append(f"{units[u]} ({_plural(int(n), 'row')}{rows})")
                if u != main and first_minor is None:
                    first_minor = (int(lines[0]), str(units[u]))
            i = pos[0]
            analyte, compartment = view.text("analyte", i), view.text("compartment", i)
            self.out.add(
                "error", view.file,
                f"{analyte} in {compartment} is recorded in {len(counts)} units: {_list(parts)}; use one unit per "
                "analyte and compartment (convert the values: alsreport never converts units)",
                row=first_minor[0] if first_minor else None, column="unit",
                value=first_minor[1] if first_minor else None, code="mixed-units")

    def _lod(self, view: CheckedTable) -> None:
        if not view.has("lod"):
            return
        value, censoring, limit = view.measurements("value")
        lod = view.numbers("lod")
        has_lod = np.isfinite(lod) & (lod > 0)
        with np.errstate(invalid="ignore"):
            differs = (censoring == "below") & has_lod & (limit > 0) & ~np.isclose(limit, lod, rtol=1e-9, atol=0)
            under = (censoring == "observed") & has_lod & (value >= 0) & (value < lod)
        self.out.rows("warning", "lod-mismatch", view, "value", differs,
                      lambda i, t: f"the limit in {t} differs from lod = {_fmt_num(lod[i])}; below the limit of "
                                   "detection write '<' and the lod, or correct lod")
        self.out.rows("warning", "below-lod", view, "value", under,
                      lambda i, t: f"{t} is below the limit of detection (lod = {_fmt_num(lod[i])}) but recorded "
                                   f"as a number; if it was not detected write <{_fmt_num(lod[i])}")

    def _config_coverage(self, view: CheckedTable) -> None:
        cfg, doc = self.config, self.raw.config
        assert cfg is not None and doc is not None
        measured = set(view.categories("analyte")[np.unique(view.codes("analyte"))])
        for i, analyte in enumerate(cfg.analytes):
            if analyte.name not in measured:
                self.out.add("warning", CONFIG_FILE,
                             f"analyte {analyte.name} is described in study.yml but never measured in "
                             f"{view.file}", row=doc.line(("analytes", i, "name")),
                             column=f"analytes[{i}].name", value=analyte.name, code="unused-analyte")
        visited = set(view.categories("visit")[np.unique(view.codes("visit"))])
        for i, visit in enumerate(cfg.visits):
            if visit.code not in visited:
                self.out.add("warning", CONFIG_FILE, f"visit {visit.code} has no rows in {view.file}",
                             row=doc.line(("visits", i, "code")), column=f"visits[{i}].code", value=visit.code,
                             code="unused-visit")
        primary = cfg.analysis.primary
        if primary is not None:
            a = view.isin("analyte", [primary.analyte]) & view.isin("compartment", [primary.compartment])
            if not a.any():
                where = sorted(set(view.texts("compartment", np.flatnonzero(view.isin("analyte", [primary.analyte])))))
                found = f"it is measured in {_list(where)}" if where else "it is not measured at all"
                self.out.add("error", CONFIG_FILE,
                             f"the primary endpoint {primary.analyte} in {primary.compartment} has no rows in "
                             f"{view.file}; {found}",
                             row=doc.line(("analysis", "primary", "compartment")),
                             column="analysis.primary.compartment", value=primary.compartment,
                             code="primary-not-measured")

    def _baseline(self, view: CheckedTable) -> None:
        assert self.config is not None
        status = self._status()
        if status.empty:
            return
        _, censoring, _ = view.measurements("value")
        at_base = view.isin("visit", [self.config.baseline.code]) & (censoring != "missing")
        have = set(view.categories("participant_id")[np.unique(view.codes("participant_id")[at_base])])
        lacking = [p for p in status.index if p not in have]
        for k, person in enumerate(lacking[:LIMIT]):
            self.out.add("warning", view.file,
                         f"{person} is enrolled but has no baseline ({self.config.baseline.code}) value; "
                         "changes from baseline cannot be computed for them",
                         column="participant_id", value=person, code="no-baseline",
                         more=len(lacking) - LIMIT if k == LIMIT - 1 and len(lacking) > LIMIT else 0)

    def _discontinued_at(self) -> pd.DataFrame:
        """Discontinued participants (index) with their first infusion given by no route and its visit."""
        empty = pd.DataFrame(columns=["infusion_no", "visit"])
        view = self.table("infusions", "participant_id", "infusion_no", "given", "visit")
        status = self._status()
        if view is None or status.empty:
            return empty
        rows = self._given_per_infusion(view)
        if rows.empty:
            return empty
        rows["visit"] = view.texts("visit", rows["pos"].to_numpy())
        stopped = status.index[status["completed"].eq(False).fillna(False).astype(bool)]
        first_missed = self._missed(rows)
        first_missed = first_missed[first_missed.index.isin(stopped)]
        visits = rows.drop_duplicates(["participant_id", "infusion_no"]).set_index(["participant_id", "infusion_no"])
        keys = pd.MultiIndex.from_arrays([first_missed.index, first_missed.to_numpy()])
        return pd.DataFrame({"infusion_no": first_missed.to_numpy(),
                             "visit": visits["visit"].reindex(keys).to_numpy()}, index=first_missed.index)

    def _after_discontinuation(self, view: CheckedTable) -> None:
        """Values at visits after the visit of a discontinued participant's first missed infusion."""
        assert self.config is not None
        stops = self._discontinued_at()
        order = {v: k for k, v in enumerate(self.config.visit_codes)}
        stops = stops[stops["visit"].isin(list(order))]
        if stops.empty:
            return
        stop_order = stops["visit"].map(order)
        person_stop = pd.Series(view.categories("participant_id")).map(stop_order).to_numpy(dtype=float)
        visit_order = pd.Series(view.categories("visit")).map(order).to_numpy(dtype=float)
        _, censoring, _ = view.measurements("value")
        with np.errstate(invalid="ignore"):
            late = (view.per_category("visit", visit_order) > view.per_category("participant_id", person_stop))
        late &= censoring != "missing"
        idx = np.flatnonzero(late)
        if not len(idx):
            return
        codes = view.codes("participant_id")[idx]
        people = pd.unique(codes)
        for k, code in enumerate(people[:LIMIT]):
            rows = idx[codes == code]
            person = str(view.categories("participant_id")[code])
            lines = view.lines[rows]
            visits = sorted(set(view.texts("visit", rows)), key=order.get)
            number, visit = stops.loc[person, "infusion_no"], stops.loc[person, "visit"]
            self.out.add("warning", view.file,
                         f"{person} discontinued at {visit} (infusion {number} was given by no route) but has "
                         f"{_plural(len(rows), 'value')} at later visits {_list(visits)} "
                         f"({_rows_text(lines)}); check completed, the infusions or these rows",
                         row=int(lines[0]), column="participant_id", value=person,
                         code="measured-after-discontinuation",
                         more=len(people) - LIMIT if k == LIMIT - 1 and len(people) > LIMIT else 0)

    # Adverse events -----------------------------------------------------------------------------------
    def _adverse_events(self) -> None:
        view = self.table("adverse_events", "participant_id")
        if view is None:
            return
        if view.has("grade", "outcome"):
            grade = view.numbers("grade")
            fatal = view.isin("outcome", ["fatal"])
            self.out.rows("warning", "fatal-grade", view, "grade", fatal & np.isfinite(grade) & (grade != 5),
                          lambda i, t: "the outcome is fatal, so the CTCAE grade is 5 (death); check grade or outcome")
            self.out.rows("warning", "grade5-not-fatal", view, "outcome", (grade == 5) & ~fatal & ~view.empty("outcome"),
                          lambda i, t: "grade 5 means death (CTCAE), but the outcome is not fatal; "
                                       "check grade or outcome")
        if not view.has("infusion_no"):
            return
        inf = self.table("infusions", "participant_id", "infusion_no", "given")
        if inf is None:
            return
        rows = self._given_per_infusion(inf)
        any_given = rows.groupby(["participant_id", "infusion_no"])["given"].any()
        nums = view.numbers("infusion_no")
        linked = np.flatnonzero(np.isfinite(nums) & (np.floor(nums) == nums))
        if not len(linked):
            return
        people = view.texts("participant_id", linked)
        pairs = pd.MultiIndex.from_arrays([people, nums[linked].astype(np.int64)])
        status = any_given.reindex(pairs)
        enrolled = self._status().index
        known = np.asarray(pd.Index(people).isin(enrolled))
        absent = np.zeros(len(view), dtype=bool)
        absent[linked[status.isna().to_numpy() & known]] = True
        not_given = np.zeros(len(view), dtype=bool)
        not_given[linked[status.eq(False).fillna(False).to_numpy(dtype=bool)]] = True
        have = rows.groupby("participant_id")["infusion_no"].agg(lambda s: sorted(set(s)))
        self.out.rows("error", "unknown-infusion", view, "infusion_no", absent,
                      lambda i, t: f"{view.text('participant_id', i)} has no infusion {t} in {inf.file} "
                                   f"(their infusions: {_list(str(n) for n in have.get(view.text('participant_id', i), [])) or 'none'})")
        self.out.rows("warning", "event-after-missed-infusion", view, "infusion_no", not_given,
                      lambda i, t: f"the event follows infusion {t} of {view.text('participant_id', i)}, "
                                   f"which was given by no route ({inf.file}); check infusion_no")

    # Summary ---------------------------------------------------------------------------------------
    def summary(self) -> StudySummary | None:
        people = self._people()
        view = self.table("measurements", "analyte", "compartment")
        if people is None or view is None or self.config is None:
            return None
        series = len(_distinct(self._series_key(view)))
        return StudySummary(assessed=len(people[0]), enrolled=len(people[1]), visits=len(self.config.visits),
                            series=series, measurements=len(view))


_FILE_ORDER = {CONFIG_FILE: 0, **{t.filename: i + 2 for i, t in enumerate(TABLES.values())}}


def _file_rank(file: str) -> tuple[int, str]:
    if file in _FILE_ORDER:
        return _FILE_ORDER[file], file
    m = re.fullmatch(r"\[(.+)\](\w+)", file)
    if m and f"{m.group(2)}.csv" in _FILE_ORDER:
        return _FILE_ORDER[f"{m.group(2)}.csv"], file
    return 1, file


def check_study(path: Path | str) -> CheckedStudy:
    """Read and check a study folder; the loader builds the Study from the result."""
    raw = read_study(path)
    checker = _Checker(raw)
    checker.run()
    problems = sorted(checker.out.items, key=lambda p: (_file_rank(p.file), p.row or 0))
    report = ValidationReport(path=str(path), problems=tuple(problems), summary=checker.summary())
    return CheckedStudy(report=report, raw=raw, config=checker.config, tables=checker.tables)


def validate_study(path: Path | str) -> ValidationReport:
    """Check a study folder and return every problem found (never raises for bad input)."""
    return check_study(path).report
