"""Multiplicity families declared in ``study.yml`` (``families:``): names, labels and their order.

.. code-block:: yaml

    families:
      - {name: neurofilament, label: Neurofilament light}
      - {name: immunological}

Each analyte names one of them (``analytes[].family``); p-values are adjusted within each
family (``analysis.adjust_scope: family``), and tables, figures and prose list the families
in this order, shown by their labels. Without the section the families are
:data:`~alsreport.study.contract.FAMILIES` (immunological, biochemical, haematological),
so a study.yml written before the section existed reads unchanged.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from alsreport.study.contract import FAMILIES

__all__ = ["DEFAULT_FAMILIES", "FamilySpec", "duplicate_families"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class FamilySpec(_Strict):
    """One family of analytes (a panel): the unit within which p-values are adjusted."""

    name: str = Field(min_length=1, description="Name the analytes give as their family, e.g. neurofilament.")
    label: str | None = Field(default=None, description="Label shown in reports (default: the name), "
                              "e.g. Neurofilament light.")

    @field_validator("name")
    @classmethod
    def _has_letters(cls, v: str) -> str:
        if not re.search(r"[A-Za-z0-9]", v):
            raise ValueError("a family name needs at least one letter or digit (it names files and figures)")
        return v

    @property
    def display(self) -> str:
        return self.label or self.name


#: The families of a study.yml without ``families:``.
DEFAULT_FAMILIES: tuple[FamilySpec, ...] = tuple(FamilySpec(name=n) for n in FAMILIES)


def duplicate_families(families: list[FamilySpec]) -> list[str]:
    """Names declared more than once (compared without case: they name files and figure keys)."""
    seen: dict[str, int] = {}
    for f in families:
        seen[f.name.casefold()] = seen.get(f.name.casefold(), 0) + 1
    return sorted({f.name for f in families if seen[f.name.casefold()] > 1})
