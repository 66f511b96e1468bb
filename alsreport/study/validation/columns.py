"""Rules every table follows from the data contract: header, required cells, kinds of values, keys.

Each check is one mask over a whole column (computed per distinct text where the
column is categorical); problems are built only for the rows that are wrong.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from alsreport.study.contract import FAMILIES, MISSING_MARKERS, NO, YES, Column
from alsreport.study.validation.context import Context
from alsreport.study.validation.study_yml import lenient_names
from alsreport.study.validation.table import CheckedTable, repeated
from alsreport.study.validation.wording import a_key, also, did_you_mean, fmt_num, join

__all__ = ["check_table"]

_PERSONAL = re.compile(r"name|birth|dob|address|phone|mail|initials", re.I)
_DECIMAL_COMMA = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+),\d+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
#: A number (ASCII digits) followed by a unit: the unit starts with a letter, %, ° or µ; never a hexadecimal
#: 0x…, a digit separator (1_000) or a control character, which would make the hint suggest a wrong number.
_WITH_UNIT = re.compile(r"(?!0[xX])([+-]?[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*((?:[^\W\d_]|[%°µ]).*)", re.S)
_LOD_MARKERS = ("nd", "n.d.", "not detected", "bld", "blq", "bql", "<lod", "< lod", "lod", "below lod",
                "undetectable", "neg", "negative")
_NUMBER_KINDS = ("decimal-comma", "unit-in-value", "missing-marker", "lod-marker", "not-finite", "not-a-number")


def check_table(ctx: Context, view: CheckedTable) -> None:
    """Header, emptiness, every contract column, and duplicate keys of one table."""
    _header(ctx, view)
    _empty_table(ctx, view)
    for column in view.spec.columns:
        if view.has(column.name):
            _column(ctx, view, column)
    _duplicates(ctx, view)


# Header ------------------------------------------------------------------------------------------


def _header(ctx: Context, view: CheckedTable) -> None:
    expected = [c.name for c in view.spec.columns]
    renamed = _renamed(view.missing, view.unknown)
    if view.missing:
        hints = [f"rename {u!r} to {m}" for u, m in renamed.items()]
        hint = f" ({'; '.join(hints)})" if hints else ""
        optional = [c.name for c in view.spec.columns if not c.required]
        note = f" ({join(optional)} optional)" if optional else ""
        s = "s" if len(view.missing) > 1 else ""
        ctx.out.add(
            "error", view.file,
            f"missing required column{s} {join(view.missing)}{hint}; found: {join(view.header)}; "
            f"expected: {join(expected)}{note}",
            row=1, code="missing-column",
        )
    unknown = [u for u in view.unknown if u not in renamed]   # a misspelt required column: said once, above
    if unknown:
        personal = any(_PERSONAL.search(u) for u in unknown)
        privacy = (" Identifying data (such as names or dates of birth) should not be in the study folder."
                   if personal else "")
        several = len(unknown) > 1
        what = (f"ignored columns {join(unknown)}: not part of the data format, so they are dropped and "
                "never reach any output") if several else (
                f"ignored column {unknown[0]}: not part of the data format, so it is dropped and never "
                "reaches any output")
        ctx.out.add("warning", view.file, f"{what} (allowed columns: {join(expected)}).{privacy}",
                    row=1, code="unknown-column")


def _renamed(missing: Sequence[str], unknown: Sequence[str]) -> dict[str, str]:
    """{found: missing column} for the columns of the file that look like a missing one: the same but for case and
    spaces (``Participant_ID``), or a close spelling (``analyt``; session 33 user: no "did you mean")."""
    out: dict[str, str] = {}
    for m in missing:
        same = [u for u in unknown if u.replace(" ", "_").casefold() == m.casefold()]
        close = same or difflib.get_close_matches(m, [u for u in unknown if u not in out], n=1, cutoff=0.8)
        if close:
            out[close[0]] = m
    return out


def _empty_table(ctx: Context, view: CheckedTable) -> None:
    if len(view):
        return
    if view.name in ("participants", "measurements"):
        ctx.out.add("error", view.file, "no data rows (only a header, or every row could not be read)",
                    code="no-rows")
    elif view.name == "infusions":
        ctx.out.add("warning", view.file, "no data rows: no infusion is recorded", code="no-rows")


# Single columns ------------------------------------------------------------------------------------


def _column(ctx: Context, view: CheckedTable, column: Column) -> None:
    name = column.name
    empty = view.empty(name)
    if not column.nullable:
        what = f" ({column.description})" if column.description else ""
        ctx.out.rows("error", "required", view, name, empty,
                     lambda i, t: f"{name} is required and must not be empty{what}")
    if column.kind == "flag":
        bad = ~empty & np.asarray(view.flags(name).isna())
        spellings = join(f"{y}/{n}" for y, n in zip(YES[1:], NO[1:], strict=True))
        ctx.out.rows("error", "not-a-flag", view, name, bad,
                     lambda i, t: f"must be yes or no ({spellings} are accepted too, in any case)")
    elif column.kind in ("number", "integer"):
        _numbers(ctx, view, column, empty)
    elif column.kind == "measurement":
        _measurement_values(ctx, view, column)
    elif column.kind == "choice":
        _choice(ctx, view, column, empty)


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


def _unit_in_value(text: str, column: Column, measurement: bool) -> str:
    m = _WITH_UNIT.fullmatch(text)
    number = m.group(1).replace(",", ".") if m else text  # one separator: a comma is a decimal comma
    if measurement:
        return f"put the unit in the unit column and only the number here: {number}"
    unit = f" (the unit is fixed: {column.unit})" if column.unit else ""
    return f"write the number only: {number}{unit}"


def _number_message(kind: str, text: str, column: Column, measurement: bool) -> str:
    if kind == "decimal-comma":
        if _THOUSANDS.fullmatch(text):
            return (f"not a number: use a decimal point ({text.replace(',', '.')}), "
                    f"or no thousands separator ({text.replace(',', '')})")
        return f"not a number: use a decimal point: {_number_fix(text)}"
    if kind == "unit-in-value":
        return _unit_in_value(text, column, measurement)
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


def _invalid_numbers(ctx: Context, view: CheckedTable, column: Column, invalid: np.ndarray,
                     measurement: bool) -> None:
    """Report non-numbers, by kind (decimal comma, unit typed in, ...)."""
    if not invalid.any():
        return
    cats = view.categories(column.name)
    cat_invalid = np.zeros(len(cats), dtype=bool)
    cat_invalid[np.unique(view.codes(column.name)[invalid])] = True
    kinds = np.full(len(cats), "", dtype=object)
    kinds[cat_invalid] = _classify_invalid(cats[cat_invalid], measurement)
    row_kinds = view.per_category(column.name, kinds)
    for kind in _NUMBER_KINDS:
        ctx.out.rows("error", kind, view, column.name, invalid & (row_kinds == kind),
                     lambda i, t, k=kind: _number_message(k, t, column, measurement))


def _numbers(ctx: Context, view: CheckedTable, column: Column, empty: np.ndarray) -> None:
    name = column.name
    nums = view.numbers(name)
    invalid = ~empty & np.isnan(nums)
    _invalid_numbers(ctx, view, column, invalid, measurement=False)
    infinite = np.isinf(nums)
    ctx.out.rows("error", "not-finite", view, name, infinite,
                 lambda i, t: "not a finite number; write a number, or leave the cell empty if unknown")
    _range(ctx, view, column, nums, ~infinite & ~np.isnan(nums))
    if column.kind == "integer":
        whole = np.isfinite(nums) & (np.floor(nums) != nums)
        ctx.out.rows("error", "not-whole", view, name, whole,
                     lambda i, t: f"must be a whole number, e.g. {fmt_num(round(float(t)))}")


def _range_text(column: Column) -> str:
    lo, hi = column.minimum, column.maximum
    unit = f" {column.unit}" if column.unit else ""
    if lo is not None and hi is not None:
        return f"between {fmt_num(lo)} and {fmt_num(hi)}{unit}"
    if lo is not None:
        return f"at least {fmt_num(lo)}{unit}"
    return f"at most {fmt_num(hi)}{unit}"  # type: ignore[arg-type]


def _range(ctx: Context, view: CheckedTable, column: Column, nums: np.ndarray, valid: np.ndarray) -> None:
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
    ctx.out.rows("error", "out-of-range", view, column.name, valid & out,
                 lambda i, t: f"out of range: must be {_range_text(column)}{desc}")


def _measurement_values(ctx: Context, view: CheckedTable, column: Column) -> None:
    name = column.name
    value, limit = view.measured(name)
    invalid = view.censoring_is(name, "invalid")
    _invalid_numbers(ctx, view, column, invalid, measurement=True)
    infinite = np.isinf(value)
    ctx.out.rows("error", "not-finite", view, name, infinite,
                 lambda i, t: "not a finite number; leave the cell empty for a missing value")
    with np.errstate(invalid="ignore"):
        negative = np.isfinite(value) & (value < 0)
        bad_limit = view.censoring_is(name, "below", "above") & ~(limit > 0)
    ctx.out.rows("error", "negative", view, name, negative,
                 lambda i, t: "a concentration cannot be negative; check the value "
                              "(a result below the limit of detection is written <x, e.g. <0.5)")
    ctx.out.rows("error", "bad-limit", view, name, bad_limit,
                 lambda i, t: "the limit x in '<x' or '>x' must be a positive number, e.g. <0.5")


# Choices -------------------------------------------------------------------------------------------


def _allowed(ctx: Context, column: Column) -> tuple[str, ...] | None:
    if column.choices:
        return column.choices
    if column.choices_from is None:
        return None
    if ctx.config is not None:
        return ctx.config.visit_codes if column.choices_from == "visits" else ctx.config.analyte_names
    return lenient_names(ctx.raw.config, column.choices_from)


def _families(ctx: Context) -> tuple[str, ...]:
    """The declared families (study.yml's ``families:``, default :data:`FAMILIES`), also from a study.yml
    that failed validation when its families are readable."""
    if ctx.config is not None:
        return ctx.config.family_names
    data = ctx.raw.config.data if ctx.raw.config is not None else None
    items = data.get("families") if isinstance(data, dict) else None
    if isinstance(items, list):
        names = [i.get("name") for i in items if isinstance(i, dict)]
        if names and all(isinstance(n, str) and n.strip() for n in names):
            return tuple(n.strip() for n in names)
    return FAMILIES


def _choice_message(column: Column, allowed: tuple[str, ...],
                    families: tuple[str, ...] = FAMILIES) -> Callable[[str, np.ndarray], str]:
    if column.choices_from == "analytes":
        return lambda v, rows: (f"analyte {v} is not described in study.yml{did_you_mean(v, allowed)}; add it "
                                f"under analytes with a family ({join(families)}), e.g. "
                                f"- {{name: {v}, family: {families[0]}}}{also(rows)}")
    if column.choices_from == "visits":
        return lambda v, rows: (f"visit {v} is not a visit code in study.yml{did_you_mean(v, allowed)}; "
                                f"allowed: {join(allowed)}{also(rows)}")
    return lambda v, rows: (f"not an allowed {column.name}{did_you_mean(v, allowed)}; allowed: "
                            f"{join(allowed)}{also(rows)}")


def _choice(ctx: Context, view: CheckedTable, column: Column, empty: np.ndarray) -> None:
    allowed = _allowed(ctx, column)
    if allowed is None:
        return
    bad = ~empty & ~view.isin(column.name, allowed)
    ctx.out.values("error", f"unknown-{column.name}", view, column.name, bad, _choice_message(column, allowed, _families(ctx)))


# Keys ----------------------------------------------------------------------------------------------


def _duplicates(ctx: Context, view: CheckedTable) -> None:
    key = list(view.spec.key)
    exact = not key
    if exact:
        key = [c.name for c in view.spec.columns if view.has(c.name)]
    if not key or not view.has(*key) or not len(view):
        return
    combined, size = view.key_codes(key)
    dup = repeated(combined, size)
    if not dup.any():
        return
    pos = np.flatnonzero(dup)
    first_line = pd.Series(view.lines[pos]).groupby(combined[pos]).transform("min").to_numpy()
    later = np.zeros(len(view), dtype=bool)
    later[pos[view.lines[pos] != first_line]] = True
    first_of = dict(zip(pos.tolist(), first_line.tolist(), strict=True))
    first_pos = pd.Series(pos).groupby(combined[pos]).transform("min").to_numpy()
    twin = dict(zip(pos.tolist(), first_pos.tolist(), strict=True))   # the position of the first row of each key
    if exact:
        ctx.out.rows("warning", "duplicate-row", view, None, later,
                     lambda i, t: f"identical to row {first_of[i]}: is this event entered twice?")
        return

    others = [c.name for c in view.spec.columns if c.name not in key and view.has(c.name)]

    def message(i: int, t: str) -> str:
        values = a_key([view.text(c, i) for c in key])
        # what differs, so the user can choose the row to keep (session 33 user: 82.72 or 99.9?)
        j = twin[i]
        differ = [f'{c} = "{view.text(c, i)}" here, "{view.text(c, j)}" in row {first_of[i]}'
                  for c in others if view.text(c, i) != view.text(c, j)]
        which = f" ({'; '.join(differ)})" if differ else " (the other columns are the same too)"
        return (f"duplicate of row {first_of[i]}: the same {join(key)} ({values}) may appear only once; "
                f"keep one row{which}")

    if len(key) == 1:
        ctx.out.rows("error", "duplicate-key", view, key[0], later, message)
        return
    for i, more in ctx.out.capped(np.flatnonzero(later)):
        ctx.out.add("error", view.file, message(int(i), ""), row=int(view.lines[i]), column=None,
                    value=a_key(view.text(c, i) for c in key), code="duplicate-key", more=more)
