"""What a render of the reports depends on, as hashes; the manifest of a finished render.

``render_reports`` skips everything when the key of a request (the study
folder's files, alsreport's code, library versions, the project's
``_quarto.yml``, ``report/`` and ``templates/``, every file the documents and
stylesheets name (:mod:`alsreport.documents.read_set`), engine, reports,
formats) equals the key recorded with the outputs, and every output still has
the hash recorded when it was written. The same fingerprint is part of the
render engine's own cache keys, so a changed image is never reused from there.
Hashing uses :mod:`alsreport.render.cache` (the engine's own cache keys).
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence

from alsreport.render.atomic import atomic_write_text
from alsreport.render.cache import file_sha256, hash_files, hash_parts

__all__ = ["CACHE_DIR", "inputs_fingerprint", "made_from", "manifest_hit", "project_key", "request_key", "write_manifest"]

CACHE_DIR = ".alsreport-cache"
_MANIFEST = "reports.json"
_DISTRIBUTIONS = ("great-tables", "matplotlib", "weasyprint", "pypandoc-binary", "pandas", "numpy", "scipy")


# what ``quarto render``/``quarto preview`` writes beside a document while it runs: its outputs and by-products
_QUARTO_WRITES = (".html", ".pdf", ".docx", ".ipynb", ".quarto_ipynb", ".knit.md", ".embed.ipynb")


def _quarto_output(path: Path, root: Path) -> bool:
    """Whether ``path`` is something Quarto writes beside a ``<stem>.qmd`` (``<stem>.html``, ``<stem>_files/``…).

    Not an input: a render or preview running meanwhile must not change the key of the project."""
    rel = path.relative_to(root)
    for i, part in enumerate(rel.parts[:-1]):
        if part.endswith("_files") and (root.joinpath(*rel.parts[:i]) / f"{part[:-6]}.qmd").is_file():
            return True
    name = path.name
    return any(name.endswith(suffix) and (path.parent / f"{name[:-len(suffix)]}.qmd").is_file()
               for suffix in _QUARTO_WRITES)


def _project_files(project: Path) -> list[Path]:
    """``_quarto.yml`` and the files of ``report/`` and ``templates/``: not hidden, not ``__x``, not Quarto's output."""
    files = [project / "_quarto.yml"]
    for folder in ("report", "templates"):
        root = project / folder
        if root.is_dir():
            files += [p for p in sorted(root.rglob("*")) if p.is_file()
                      and not any(part.startswith((".", "__")) for part in p.relative_to(root).parts)
                      and not _quarto_output(p, root)]
    return files


def _versions() -> str:
    out = []
    for dist in _DISTRIBUTIONS:
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=?")
    return ",".join(out)


def _code_key() -> str:
    """alsreport's version and the bytes of its Python sources (a code change invalidates renders)."""
    from alsreport import __version__

    package = Path(__file__).resolve().parents[1]
    return hash_parts(__version__, hash_files(sorted(package.rglob("*.py"))))


def _hash_read_set(files: Sequence[Path]) -> str:
    """Like :func:`hash_files`, but a symbolic link is hashed as where it points (never read through)."""
    parts: list[str | bytes] = []
    for path in files:
        parts.append(str(path))
        if path.is_symlink():
            parts.append("link:" + os.readlink(path))
        else:
            try:
                parts.append(path.read_bytes())
            except OSError:
                parts.append(b"\0unreadable")
    return hash_parts(*parts)


def inputs_fingerprint(study: Path, epoch: str | None = None, *, project: Path | None = None,
                       documents: Sequence[Path] = (), exclude: Sequence[Path] = ()) -> str:
    """What a render reads besides the project: the study folder, the files the documents and stylesheets name.

    Also alsreport's code, library versions and ``SOURCE_DATE_EPOCH``. ``exclude``: folders
    inside the study folder that are not read (the output folder). See :mod:`alsreport.documents.read_set`.
    """
    from alsreport.documents.read_set import referenced_files, study_files

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "") if epoch is None else epoch
    named = referenced_files(project, documents) if project is not None else []
    return hash_parts(_hash_read_set(study_files(study, exclude)), hash_files(named), _code_key(), _versions(),
                      epoch)


def project_key(project: Path) -> str:
    return hash_files(_project_files(Path(project)))


def request_key(fingerprint: str, project: Path, study: Path, engine: str, reports: Sequence[str],
                formats: Sequence[str]) -> str:
    return hash_parts(json.dumps([fingerprint, project_key(project), str(study), engine, list(reports),
                                  list(formats)]))


def _manifest_path(out_dir: Path) -> Path:
    return Path(out_dir) / CACHE_DIR / _MANIFEST


def manifest_hit(out_dir: Path, key: str) -> tuple[list[Path], list[str]] | None:
    """(outputs, warnings) of the last render when its key is ``key`` and its outputs are intact."""
    try:
        data: dict[str, Any] = json.loads(_manifest_path(out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("key") != key:
        return None
    outputs = []
    for name, digest in data.get("outputs", []):
        p = Path(out_dir) / name
        if not p.is_file() or file_sha256(p) != digest:
            return None
        outputs.append(p)
    return (outputs, list(data.get("warnings", []))) if outputs else None


def made_from(out_dir: Path) -> dict[str, str]:
    """The inputs fingerprint each file of the folder's renders was made from, as the last manifest records it
    (this run's files and those earlier runs left); {} without one."""
    try:
        data = json.loads(_manifest_path(out_dir).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("made_from", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def write_manifest(out_dir: Path, key: str, outputs: list[Path], warnings: list[str],
                   sources: dict[str, str] | None = None) -> None:
    """``sources``: :func:`made_from` for every file in the folder, kept for the next run."""
    data = {"key": key, "outputs": [[p.name, file_sha256(p)] for p in outputs], "warnings": warnings,
            "made_from": sources or {}}
    path = _manifest_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(data, indent=1, sort_keys=True))
