"""The bundled, synthetic example study (package data)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["example_study_path"]


def example_study_path() -> Path:
    """The bundled, synthetic example study (package data)."""
    return Path(str(resources.files("alsreport.study") / "example_study"))
