"""Cell options (``#| key: value``): which are supported and their resolved values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alsreport.render.errors import QmdSyntaxError
from alsreport.render.source import Cell

__all__ = ["CellSettings", "ENGINE_DEFAULTS", "SUPPORTED_OPTIONS", "resolve_cell_settings"]

#: Options the embedded engine honours.
SUPPORTED_OPTIONS: frozenset[str] = frozenset(
    {"label", "echo", "include", "output", "warning", "eval", "tbl-cap", "fig-cap", "tags"}
)

#: Defaults when neither the cell nor ``execute:`` in the metadata says otherwise.
#: Quarto's defaults (``echo: true``); the reports' ``_quarto.yml`` sets ``execute: echo: false``.
ENGINE_DEFAULTS: dict[str, Any] = {"echo": True, "include": True, "output": True, "warning": True, "eval": True}

_ALLOWED: dict[str, tuple[Any, ...]] = {
    "echo": (True, False, "fenced"),
    "include": (True, False),
    "output": (True, False, "asis"),
    "warning": (True, False),
    "eval": (True, False),
}


@dataclass(frozen=True)
class CellSettings:
    """Resolved options of one cell."""

    label: str | None
    echo: bool | str
    include: bool
    output: bool | str
    warning: bool
    eval: bool
    tbl_cap: str | None
    fig_cap: str | None
    tags: tuple[str, ...]

    @property
    def float_kind(self) -> str | None:
        """``"tbl"``/``"fig"`` when the cell is a captioned cross-referenceable float."""
        if self.label and self.label.startswith("tbl-") and self.tbl_cap is not None:
            return "tbl"
        if self.label and self.label.startswith("fig-") and self.fig_cap is not None:
            return "fig"
        return None


def resolve_cell_settings(cell: Cell, execute: dict[str, Any] | None = None) -> tuple[CellSettings, list[str]]:
    """Merge engine defaults, ``execute:`` metadata and the cell's own options.

    Returns the settings and warnings for options this engine ignores.
    """
    warnings: list[str] = []
    values: dict[str, Any] = dict(ENGINE_DEFAULTS)
    for key, value in (execute or {}).items():
        if key in _ALLOWED:
            values[key] = value
    for key, value in cell.options.items():
        if key not in SUPPORTED_OPTIONS:
            warnings.append(f"cell {cell.describe()}: option {key!r} is not supported by the embedded engine; ignored")
            continue
        values[key] = value
    for key, allowed in _ALLOWED.items():
        if values[key] not in allowed:
            line = cell.option_lines.get(key, cell.loc.line)
            choices = ", ".join(str(a).lower() if isinstance(a, bool) else a for a in allowed)
            raise QmdSyntaxError(cell.loc.path, line, f"cell option {key}: {values[key]!r} is not one of {choices}")
    for key in ("tbl-cap", "fig-cap", "label"):
        value = values.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            line = cell.option_lines.get(key, cell.loc.line)
            raise QmdSyntaxError(cell.loc.path, line, f"cell option {key} must be a single text value")
    tags = values.get("tags") or ()
    tags = (tags,) if isinstance(tags, str) else tuple(str(t) for t in tags)
    settings = CellSettings(
        label=None if values.get("label") is None else str(values["label"]),
        echo=values["echo"],
        include=values["include"],
        output=values["output"],
        warning=values["warning"],
        eval=values["eval"],
        tbl_cap=None if values.get("tbl-cap") is None else str(values["tbl-cap"]),
        fig_cap=None if values.get("fig-cap") is None else str(values["fig-cap"]),
        tags=tags,
    )
    return settings, warnings
