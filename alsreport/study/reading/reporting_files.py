"""The study folder's bibliography and citation style: inputs of the documents, hashed like the data files.

``study.yml`` names them (``reporting.references``, ``reporting.csl``; docs/data-format.md): the BibTeX file given,
else ``references.bib`` when the folder has one, and the CSL style given (without one the documents use the
Vancouver style alsreport ships, which its version identifies). :func:`reporting_files` says which files these are,
:func:`reporting_hashes` their SHA-256 for the provenance record (``results.provenance.inputs``), keyed by the path
as study.yml gives it. A path given that is not a file inside the folder is a validation error
(:mod:`alsreport.study.validation.reporting_files`) and is not hashed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from alsreport.study.config import StudyConfig

__all__ = ["DEFAULT_BIB", "REPORTING_KEYS", "inside_folder", "reporting_files", "reporting_hashes"]

#: The bibliography read from the study folder when ``reporting.references`` is not set.
DEFAULT_BIB = "references.bib"

#: The keys of ``reporting`` in study.yml that name a file of the study folder, and what that file must be.
REPORTING_KEYS: dict[str, str] = {
    "references": "a BibTeX file (.bib) of the manuscript's references",
    "csl": "a CSL citation style file (.csl)",
}


def reporting_files(config: StudyConfig, folder: Path | str) -> dict[str, str]:
    """``{key: path as given}`` for the files of :data:`REPORTING_KEYS` the study uses (the default
    ``references.bib`` when the folder has one and study.yml names none)."""
    given = {key: getattr(config.reporting, key) for key in REPORTING_KEYS}
    if not given["references"] and (Path(folder) / DEFAULT_BIB).is_file():
        given["references"] = DEFAULT_BIB
    return {key: path for key, path in given.items() if path}


def inside_folder(folder: Path | str, name: str) -> Path | None:
    """The file ``name`` of the study folder, or None when it is not a file there (missing, a folder, or
    outside the study folder: an absolute path, ``..`` or a link out of it)."""
    root = Path(folder).resolve()
    try:
        path = (root / name).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return path if path.is_file() and path.is_relative_to(root) else None


def reporting_hashes(config: StudyConfig, folder: Path | str) -> dict[str, str]:
    """SHA-256 of each file of :func:`reporting_files` that is a file inside the folder, keyed by its path."""
    out = {}
    for name in reporting_files(config, folder).values():
        path = inside_folder(folder, name)
        if path is not None:
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
