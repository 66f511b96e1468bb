"""Results as plain JSON values: what ``dataclasses.asdict`` followed by NaN -> None gives, in one pass.

:func:`json_safe` turns dataclasses into dicts, tuples into lists, NaN and infinities into None and
NumPy scalars into Python numbers, without deep copies. :func:`json_columns` gives a tuple of results
of one dataclass (the comparisons, the descriptives) column-wise, as
:class:`~alsreport.results.json_text.JsonColumns`: the same JSON text from
:func:`~alsreport.results.json_text.dumps_indented`, without a dict per result and with a column of
floats checked in one pass (issue #13: ~0.03 s of ``results.json`` at 300 x 300).
"""

from __future__ import annotations

import functools
import math
from dataclasses import fields
from typing import Any

from alsreport.results.deviation_table import DEVIATION_FIELDS, DeviationTable
from alsreport.results.json_text import JsonColumns

__all__ = ["field_names", "json_columns", "json_safe", "uniform_dataclasses"]


@functools.cache
def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def uniform_dataclasses(items: tuple[Any, ...]) -> bool:
    """Whether ``items`` are one or more instances of one dataclass."""
    if not items:
        return False
    kind = type(items[0])
    return hasattr(kind, "__dataclass_fields__") and all(type(x) is kind for x in items)


def _safe_column(values: list[Any]) -> list[Any]:
    """``[json_safe(v) for v in values]``, a column of str, int, bool, None or float without a call per value."""
    kinds = set(map(type, values))
    if kinds <= {str, int, bool, type(None)}:
        return values
    if kinds <= {float, type(None)}:
        return [None if v is None or not math.isfinite(v) else v for v in values]
    return [json_safe(v) for v in values]


def json_columns(items: tuple[Any, ...]) -> JsonColumns:
    """``json_safe(items)`` (instances of one dataclass) as :class:`JsonColumns`: one column per field."""
    keys = field_names(type(items[0]))
    return JsonColumns(keys, [_safe_column([getattr(x, k) for x in items]) for k in keys])


def json_safe(obj: Any) -> Any:
    """Dataclasses as dicts, tuples as lists, NaN/±Inf as None, numpy scalars as Python numbers."""
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, (str, int)) or obj is None:
        return obj
    if hasattr(type(obj), "__dataclass_fields__"):
        return {k: json_safe(getattr(obj, k)) for k in field_names(type(obj))}
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v) for v in obj]
    if isinstance(obj, DeviationTable):
        return [dict(zip(DEVIATION_FIELDS, row, strict=True)) for row in zip(
            *(obj.column(k).tolist() for k in DEVIATION_FIELDS), strict=True)]
    if hasattr(obj, "item") and callable(obj.item):  # numpy scalars
        return json_safe(obj.item())
    return obj
