"""``json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)``, the same text, several times faster.

With ``indent`` set, the standard library encodes in pure Python through nested
generators (one generator step per value: seconds for the 600,000 derived deviations
of a 10,000-participant study). :func:`dumps_indented` builds the same text with one
``join`` per container, using the standard library's own C string encoder and the
``repr`` of ints and floats, exactly as :mod:`json` does. Anything outside plain JSON
types (a NaN or infinity, a non-string key, an unknown object) is left to
:func:`json.dumps` itself, so errors and edge cases are the standard library's.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring  # the C encoder json uses with ensure_ascii=False
from typing import Any

__all__ = ["dumps_indented", "JsonColumns", "JsonRecords"]

_INDENT = "  "


class _Fallback(Exception):
    """A value this encoder leaves to :func:`json.dumps`."""


def _float(o: float) -> str:
    if o != o or o in (float("inf"), float("-inf")):
        raise _Fallback
    return float.__repr__(o)


_LITERALS = {None: "null", True: "true", False: "false"}


def _leaf(o: Any) -> str | None:
    """The text of a string, number, bool or None; None for a container or anything else."""
    if isinstance(o, str):
        return encode_basestring(o)
    if o is None or o is True or o is False:
        return _LITERALS[o]
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    return None


class JsonRecords:
    """A list of records (dicts with the same string keys) given column-wise, each cell already JSON text.

    :func:`dumps_indented` writes it as the list of those dicts (e.g. 600,000 deviations without a dict each).
    """

    __slots__ = ("keys", "cells")

    def __init__(self, keys: tuple[str, ...], cells: list[list[str]]) -> None:
        self.keys = keys
        self.cells = cells


class JsonColumns:
    """A list of records (dicts with the same string keys) given column-wise: ``columns[j][i]`` is the value
    of ``keys[j]`` in record i, each a plain JSON value (None, str, int, finite float, bool, list, dict).

    :func:`dumps_indented` writes it as the list of those dicts (e.g. the ~2,000 comparisons of a 300-series
    study without building a dict per comparison); each column of one scalar type is encoded at once.
    """

    __slots__ = ("keys", "columns")

    def __init__(self, keys: tuple[str, ...], columns: list[list[Any]]) -> None:
        self.keys = keys
        self.columns = columns

    def records(self) -> list[dict[str, Any]]:
        """The list of dicts it stands for."""
        return [dict(zip(self.keys, row, strict=True)) for row in zip(*self.columns, strict=True)]


def _encode(o: Any, level: int) -> str:
    leaf = _leaf(o)
    if leaf is not None:
        return leaf
    if isinstance(o, JsonColumns):
        if not o.keys or not o.columns[0]:
            return "[]"
        inner = "\n" + _INDENT * (level + 1)
        template = _template(o.keys, level + 1).format
        cells = [_column(values, level + 1) for values in o.columns]
        return "[" + inner + ("," + inner).join([template(*row) for row in zip(*cells, strict=True)]) + \
            "\n" + _INDENT * level + "]"
    if isinstance(o, JsonRecords):
        if not o.keys or not o.cells[0]:
            return "[]"
        inner = "\n" + _INDENT * (level + 1)
        items = _template(o.keys, level + 1).format
        return "[" + inner + ("," + inner).join([items(*row) for row in zip(*o.cells, strict=True)]) + \
            "\n" + _INDENT * level + "]"
    inner = "\n" + _INDENT * (level + 1)
    if isinstance(o, dict):
        if not o:
            return "{}"
        if not all(isinstance(k, str) for k in o):
            raise _Fallback
        items = [encode_basestring(k) + ": " + _encode(v, level + 1) for k, v in o.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + _INDENT * level + "}"
    if isinstance(o, (list, tuple)):
        if not o:
            return "[]"
        items = _records(o, level + 1) if type(o[0]) is dict else None
        if items is None:
            items = [_encode(v, level + 1) for v in o]
        return "[" + inner + ("," + inner).join(items) + "\n" + _INDENT * level + "]"
    raise _Fallback


def _finite_float_texts(values: list[float]) -> list[str]:
    if not all(map(math.isfinite, values)):
        raise _Fallback
    return list(map(float.__repr__, values))


#: The text of a column of values that all have one of these types, without a call per value in Python.
_COLUMN_OF = {str: lambda vs: list(map(encode_basestring, vs)), int: lambda vs: list(map(int.__repr__, vs)),
              float: _finite_float_texts, bool: lambda vs: [_LITERALS[v] for v in vs]}

_NONE = type(None)


def _column(values: list[Any], level: int) -> list[str]:
    """The text of each of ``values`` (one key of records at ``level``), a column of one scalar type at once."""
    kinds = set(map(type, values))
    if len(kinds) == 1:
        encode = _COLUMN_OF.get(kinds.pop())
        if encode is not None:
            return encode(values)
    elif len(kinds) == 2 and _NONE in kinds:  # one scalar type and None (null): e.g. NaN statistics
        encode = _COLUMN_OF.get(next(k for k in kinds if k is not _NONE))
        if encode is not None:
            texts = iter(encode([v for v in values if v is not None]))
            return ["null" if v is None else next(texts) for v in values]
    if kinds <= {dict, _NONE}:  # records inside records (a confidence interval or None): column-wise too
        present = [v for v in values if v is not None]
        found = _records(present, level + 1) if present else None
        if found is not None:
            texts = iter(found)
            return ["null" if v is None else next(texts) for v in values]
    return [_encode(v, level + 1) for v in values]


def _records(rows: list[Any] | tuple[Any, ...], level: int) -> list[str] | None:
    """Each of ``rows`` (dicts with the same string keys) encoded through one template; None if they are not."""
    keys = tuple(rows[0])
    if not keys or not all(type(k) is str for k in keys):
        return None
    try:
        columns = [_column([r[k] for r in rows], level) for k in keys]
    except (_Fallback, KeyError, TypeError):
        return None
    if not all(type(r) is dict and tuple(r) == keys for r in rows):  # same keys in the same order
        return None
    template = _template(keys, level)
    return [template.format(*cells) for cells in zip(*columns, strict=True)]


def _template(keys: tuple[str, ...], level: int) -> str:
    """The ``str.format`` template of one record with these keys at this indent level."""
    inner, outer = "\n" + _INDENT * (level + 1), "\n" + _INDENT * level
    heads = ["{" + inner + encode_basestring(keys[0]) + ": "]
    heads += ["," + inner + encode_basestring(k) + ": " for k in keys[1:]]
    return "".join(h.replace("{", "{{").replace("}", "}}") + "{}" for h in heads) + outer + "}}"


def dumps_indented(obj: Any) -> str:
    """The text of ``json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)``."""
    try:
        return _encode(obj, 0)
    except (_Fallback, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False, default=_plain)


def _plain(o: Any) -> Any:
    """For :func:`json.dumps`: :class:`JsonRecords` as the list of dicts it stands for."""
    if isinstance(o, JsonRecords):
        return [dict(zip(o.keys, (json.loads(c) for c in row), strict=True)) for row in zip(*o.cells, strict=True)]
    if isinstance(o, JsonColumns):
        return o.records()
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")
