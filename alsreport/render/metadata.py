"""Document and project metadata: front matter, ``_quarto.yml`` and how Quarto merges them.

Quarto merges the project's ``_quarto.yml`` with the document's front matter
(the document wins; mappings merge recursively; lists are concatenated without
duplicates), then resolves a format: top-level keys, overridden by the keys
under ``format: html:``. Keys this engine does not use are kept and ignored.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alsreport.render import clock
from alsreport.render.errors import QmdSyntaxError

__all__ = [
    "HtmlOptions",
    "html_options",
    "load_project_config",
    "merge_configs",
    "meta_lookup",
    "prepare_config",
    "resolve_format",
    "split_front_matter",
]

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    """Split ``text`` into (front matter mapping, body, 1-based line where the body starts)."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text, 1
    raw = match.group(1) or ""
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        line = None
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            line = mark.line + 2  # +1 for 1-based, +1 for the opening ---
        raise QmdSyntaxError(path, line, f"the YAML front matter is not valid YAML: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise QmdSyntaxError(path, 1, "the front matter must be a YAML mapping (key: value lines)")
    body_start = text[: match.end()].count("\n") + 1
    return data, text[match.end():], body_start


def merge_configs(*configs: dict[str, Any] | None) -> dict[str, Any]:
    """Merge mappings as Quarto's ``mergeConfigs``: later ones win, lists are concatenated."""
    result: dict[str, Any] = {}
    for config in configs:
        if config:
            result = _merge(result, config)
    return result


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base[key], value) if key in base else _copy(value)
        return merged
    if isinstance(base, list) and isinstance(over, list):
        out = list(base)
        for item in over:
            if item not in out:
                out.append(_copy(item))
        return out
    return _copy(over)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _normalize_formats(config: dict[str, Any]) -> dict[str, Any]:
    """Turn ``format: html`` / ``format: [html, pdf]`` / ``html: default`` into mappings."""
    fmt = config.get("format")
    if fmt is None:
        return config
    if isinstance(fmt, str):
        fmt = {fmt: {}}
    elif isinstance(fmt, list):
        fmt = {str(name): {} for name in fmt}
    elif isinstance(fmt, dict):
        fmt = {str(k): (v if isinstance(v, dict) else {}) for k, v in fmt.items()}
    else:
        fmt = {}
    out = dict(config)
    out["format"] = fmt
    return out


def _absolutize_css(config: dict[str, Any], base_dir: Path) -> dict[str, Any]:
    """Make ``css`` paths absolute relative to the file that declares them."""

    def fix(value: Any) -> Any:
        items = value if isinstance(value, list) else [value]
        out = []
        for item in items:
            if isinstance(item, str) and not re.match(r"^[a-z][a-z0-9+.-]*:", item, re.I):
                out.append(str((base_dir / item).resolve()))
            else:
                out.append(item)
        return out

    config = dict(config)
    if "css" in config:
        config["css"] = fix(config["css"])
    fmt = config.get("format")
    if isinstance(fmt, dict):
        fmt = dict(fmt)
        for name, opts in fmt.items():
            if isinstance(opts, dict) and "css" in opts:
                fmt[name] = {**opts, "css": fix(opts["css"])}
        config["format"] = fmt
    return config


def _fold_format(config: dict[str, Any], fmt: str = "html") -> dict[str, Any]:
    """One layer's ``format: <fmt>:`` options merged over its own top-level keys.

    Quarto resolves the format within each layer (project, then document) before
    merging the layers, so a document's top-level ``toc: false`` beats the
    project's ``format: html: toc: true``.
    """
    formats = config.get("format")
    if not isinstance(formats, dict) or not formats.get(fmt):
        return config
    folded = merge_configs({k: v for k, v in config.items() if k != "format"}, formats[fmt])
    folded["format"] = {**formats, fmt: {}}
    return folded


def prepare_config(config: dict[str, Any], base_dir: Path, fmt: str = "html") -> dict[str, Any]:
    """Normalize ``format:``, absolutize ``css`` paths and resolve ``format: <fmt>:`` within one config layer."""
    return _fold_format(_absolutize_css(_normalize_formats(config), base_dir), fmt)


def load_project_config(project_dir: Path, fmt: str = "html") -> dict[str, Any]:
    """Read ``<project_dir>/_quarto.yml`` (an empty mapping when there is none), resolved for ``fmt``."""
    path = Path(project_dir) / "_quarto.yml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise QmdSyntaxError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise QmdSyntaxError(path, 1, "_quarto.yml must be a YAML mapping")
    return prepare_config(data, Path(project_dir), fmt)


def resolve_format(merged: dict[str, Any], fmt: str = "html") -> dict[str, Any]:
    """Top-level options overridden by ``format: <fmt>:`` options, as Quarto resolves a format."""
    base = {k: v for k, v in merged.items() if k != "format"}
    specific = (merged.get("format") or {}).get(fmt) or {}
    return merge_configs(base, specific)


def meta_lookup(meta: dict[str, Any], key: str) -> Any:
    """Value of a dotted key (``study.name``, ``authors.1``) in ``meta``; ``KeyError`` when absent.

    List items are numbered from 1, as in Quarto's ``{{< meta key.1 >}}``.
    """
    node: Any = meta
    for part in key.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and 1 <= int(part) <= len(node):
            node = node[int(part) - 1]
        else:
            raise KeyError(key)
    return node


@dataclass(frozen=True)
class HtmlOptions:
    """The ``format: html`` options the embedded engine honours."""

    title: str | None = None
    subtitle: str | None = None
    pagetitle: str | None = None
    """The page's ``<title>`` (and the PDF's title) when it is not the title (the safety report's)."""
    body_classes: str | None = None
    """``body-classes:``, on the page's ``<body>`` as Quarto puts them."""
    authors: tuple[str, ...] = ()
    date: str | None = None
    lang: str = "en"
    description: str | None = None
    keywords: tuple[str, ...] = ()
    toc: bool = False
    toc_depth: int = 3
    toc_title: str = "Table of contents"
    css: tuple[str, ...] = ()
    embed_resources: bool = True
    number_sections: bool = False
    execute: dict[str, Any] = field(default_factory=dict)


def _authors(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, dict):
            name = item.get("name", "")
            if isinstance(name, dict):
                name = name.get("literal") or " ".join(
                    str(name[k]) for k in ("given", "family") if name.get(k)
                )
            if name:
                names.append(str(name))
        else:
            names.append(str(item))
    return tuple(names)


def _date(value: Any, source: Path | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    text = str(value)
    if text == "today":
        return clock.today().isoformat()
    if text == "now":
        return clock.now().isoformat()
    if text == "last-modified" and source is not None and source.exists():
        return _dt.date.fromtimestamp(source.stat().st_mtime).isoformat()
    return text


def _keywords(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(k.strip() for k in value.split(",") if k.strip())
    return tuple(str(k) for k in value)


def html_options(merged: dict[str, Any], source: Path | None = None) -> HtmlOptions:
    """The honoured HTML options of a merged project + document configuration."""
    fmt = resolve_format(merged, "html")
    css = fmt.get("css") or []
    css = css if isinstance(css, list) else [css]
    embed = fmt.get("embed-resources", fmt.get("self-contained", True))
    execute = fmt.get("execute") if isinstance(fmt.get("execute"), dict) else {}
    return HtmlOptions(
        title=None if fmt.get("title") is None else str(fmt["title"]),
        subtitle=None if fmt.get("subtitle") is None else str(fmt["subtitle"]),
        pagetitle=None if fmt.get("pagetitle") is None else str(fmt["pagetitle"]),
        body_classes=None if fmt.get("body-classes") is None else str(fmt["body-classes"]),
        authors=_authors(fmt.get("author")),
        date=_date(fmt.get("date"), source),
        lang=str(fmt.get("lang") or "en"),
        description=None if fmt.get("description") is None else str(fmt["description"]),
        keywords=_keywords(fmt.get("keywords")),
        toc=bool(fmt.get("toc", False)),
        toc_depth=int(fmt.get("toc-depth", 3)),
        toc_title=str(fmt.get("toc-title") or "Table of contents"),
        css=tuple(str(c) for c in css if isinstance(c, (str, Path))),
        embed_resources=bool(embed),
        number_sections=bool(fmt.get("number-sections", False)),
        execute=dict(execute),
    )
