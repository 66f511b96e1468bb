"""Where the bundled example study, report documents and templates live."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

__all__ = ["example_study_path", "project_dir"]


def example_study_path() -> Path:
    """The bundled, synthetic example study (package data)."""
    return Path(str(resources.files("alsreport") / "example_study"))


def project_dir() -> Path:
    """The folder holding ``_quarto.yml``, ``report/`` and ``templates/``.

    In a source checkout or editable install that is the repository root; in a
    regular install, ``<prefix>/share/alsreport`` (installed as data files).
    """
    root = Path(__file__).resolve().parent.parent
    if (root / "_quarto.yml").is_file() and (root / "report").is_dir():
        return root
    shared = Path(sys.prefix) / "share" / "alsreport"
    if (shared / "_quarto.yml").is_file():
        return shared
    raise FileNotFoundError(
        "cannot find the alsreport report templates (_quarto.yml, report/, templates/); "
        f"looked in {root} and {shared}. Reinstall alsreport."
    )
