"""Units as printed: ``10^9/L`` → ``10⁹/L`` (tables, figures and text share this)."""

from __future__ import annotations

import re

__all__ = ["display_unit"]

_SUPERSCRIPT = str.maketrans("0123456789-−+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁺")
_POWER = re.compile(r"\^\{?([-−+]?\d+)\}?")


def display_unit(unit: str | None) -> str:
    """A unit as printed: powers written ``10^9/L`` become ``10⁹/L`` (plain text; escape where needed)."""
    return _POWER.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), unit or "")
