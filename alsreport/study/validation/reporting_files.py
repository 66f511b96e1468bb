"""Rule for ``reporting.references`` and ``reporting.csl``: a file study.yml names is a file of the study folder.

Checked up front, as the data are: otherwise the documents would fail (or cite nothing) only when rendered, and the
provenance record would miss an input (:mod:`alsreport.study.reading.reporting_files`).
"""

from __future__ import annotations

from pathlib import Path

from alsreport.study.reading import CONFIG_FILE
from alsreport.study.reading.reporting_files import REPORTING_KEYS, inside_folder
from alsreport.study.validation.context import Context

__all__ = ["check_reporting_files"]


def _why(folder: Path, name: str) -> str:
    root = folder.resolve()
    target = Path(name)
    if target.is_absolute() or not (root / target).resolve().is_relative_to(root):
        return "is outside the study folder"
    if (root / target).is_dir():
        return "is a folder, not a file"
    return "does not exist in the study folder"


def check_reporting_files(ctx: Context) -> None:
    """An error for each of ``reporting.references`` / ``reporting.csl`` that is not a file in the study folder."""
    cfg, doc = ctx.config, ctx.raw.config
    if cfg is None or doc is None:
        return
    folder = Path(ctx.raw.folder)
    for key, expected in REPORTING_KEYS.items():
        name = getattr(cfg.reporting, key)
        if not name or inside_folder(folder, name) is not None:
            continue
        ctx.out.add("error", CONFIG_FILE,
                    f"reporting.{key} names {name}, which {_why(folder, name)}; expected {expected} in the study "
                    f"folder, its path relative to study.yml (or remove reporting.{key})",
                    row=doc.line(("reporting", key)), column=f"reporting.{key}", value=name,
                    code="reporting-file-missing")
