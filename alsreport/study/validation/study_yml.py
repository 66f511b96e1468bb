"""Rules for ``study.yml``: pydantic's errors turned into located messages that say what is allowed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel, ValidationError

from alsreport.study.config import InvalidKey, StudyConfig
from alsreport.study.reading import CONFIG_FILE, YamlDocument
from alsreport.study.validation.problems import Collector
from alsreport.study.validation.wording import join

__all__ = ["check_config", "lenient_names"]


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


@dataclass(frozen=True)
class _Error:
    """One pydantic error, unpacked."""

    kind: str
    loc: tuple[str | int, ...]
    ctx: dict[str, Any]
    input: Any
    value: str | None
    msg: str


_Message = tuple[str, "str | None"]


def _missing(e: _Error) -> _Message:
    model = _model_at(e.loc[:-1])
    info = model.model_fields.get(str(e.loc[-1])) if model is not None else None
    desc = f": {info.description.rstrip('.')}" if info is not None and info.description else ""
    return f"required key {e.loc[-1]} is missing {_where(e.loc[:-1])}{desc}", None


def _extra(e: _Error) -> _Message:
    model = _model_at(e.loc[:-1])
    allowed = join(model.model_fields) if model is not None else "?"
    return f"unknown key {e.loc[-1]} {_where(e.loc[:-1])}; allowed keys there: {allowed}", e.value


def _literal(e: _Error) -> _Message:
    return f"must be one of: {e.ctx.get('expected', '').replace(chr(39), '')}", e.value


def _number(e: _Error) -> _Message:
    what = "a whole number" if e.kind.startswith("int") else "a number (with a decimal point)"
    return f"must be {what}", e.value


def _string(e: _Error) -> _Message:
    hint = f"; put it in quotes: '{e.value}'" if e.value not in (None, "") else ""
    if isinstance(e.input, bool):
        hint += " (YAML reads yes/no/on/off as true/false)"
    return f"must be text{hint}", e.value


def _too_short(e: _Error) -> _Message:
    n = e.ctx.get("min_length")
    return f"needs at least {n} {'entries' if n != 1 else 'entry'}", None


def _mapping(e: _Error) -> _Message:
    model = _model_at(e.loc) if e.loc else StudyConfig
    keys = join(model.model_fields) if model is not None else ""
    where = "study.yml" if not e.loc else _loc_text(e.loc)
    return f"{where} must be a mapping of keys ({keys})", e.value


_BOUND_WORDS = {"greater_than_equal": "at least", "greater_than": "greater than",
                "less_than": "less than", "less_than_equal": "at most"}


def _bound(e: _Error) -> _Message:
    bound = next(iter(e.ctx.values()))
    return f"must be {_BOUND_WORDS[e.kind]} {bound}", e.value


def _value_error(e: _Error) -> _Message:
    error = e.ctx.get("error")
    if isinstance(error, InvalidKey):
        return str(error), _yaml_value(error.value)
    return str(error) if error is not None else e.msg, None


def _fixed(text: str) -> Callable[[_Error], _Message]:
    return lambda e: (text, e.value)


_MESSAGES: dict[str, Callable[[_Error], _Message]] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "literal_error": _literal,
    **dict.fromkeys(("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"), _number),
    "string_type": _string,
    **dict.fromkeys(("bool_parsing", "bool_type"), _fixed("must be true or false")),
    "string_too_short": _fixed("must not be empty"),
    "too_short": _too_short,
    "list_type": _fixed("must be a list (one '- ' item per line, or [a, b])"),
    **dict.fromkeys(("model_type", "model_attributes_type", "dict_type"), _mapping),
    **dict.fromkeys(_BOUND_WORDS, _bound),
    "value_error": _value_error,
}


def _config_message(err: dict[str, Any]) -> _Message:
    """(message, value) for one pydantic error."""
    e = _Error(kind=err["type"], loc=tuple(err["loc"]), ctx=err.get("ctx") or {}, input=err.get("input"),
               value=_yaml_value(err.get("input")), msg=err["msg"])
    if e.kind in _MESSAGES:
        return _MESSAGES[e.kind](e)
    if e.kind.startswith("date"):
        return "must be a date written YYYY-MM-DD, e.g. 2024-01-31", e.value
    return e.msg.replace("Input should be", "should be"), e.value


def check_config(doc: YamlDocument, out: Collector) -> StudyConfig | None:
    """The validated configuration, or None after reporting every error in it."""
    try:
        return StudyConfig.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            ctx = err.get("ctx") or {}
            error = ctx.get("error")
            if isinstance(error, InvalidKey):
                loc = loc + tuple(int(k) if k.isdigit() else k for k in error.key.split("."))
            message, value = _config_message(err)
            out.add("error", CONFIG_FILE, message, row=doc.line(loc), column=_loc_text(loc) or None,
                    value=value, code=f"config-{err['type']}")
    return None


def lenient_names(doc: YamlDocument | None, key: Literal["visits", "analytes"]) -> tuple[str, ...] | None:
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
