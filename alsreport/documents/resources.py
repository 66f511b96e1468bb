"""Where the report documents and templates live (`_quarto.yml`, `report/`, `templates/`)."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["project_dir"]


def project_dir() -> Path:
    """The folder holding ``_quarto.yml``, ``report/`` and ``templates/``.

    In a source checkout or editable install that is the repository root; in a
    regular install, ``<prefix>/share/alsreport`` (installed as data files).
    """
    root = Path(__file__).resolve().parents[2]
    if (root / "_quarto.yml").is_file() and (root / "report").is_dir():
        return root
    shared = Path(sys.prefix) / "share" / "alsreport"
    if (shared / "_quarto.yml").is_file():
        return shared
    raise FileNotFoundError(
        "cannot find the alsreport report templates (_quarto.yml, report/, templates/); "
        f"looked in {root} and {shared}. Reinstall alsreport."
    )
