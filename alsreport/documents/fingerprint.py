"""What a render of the reports depends on, as hashes; the manifest of a finished render.

``render_reports`` skips everything when the key of a request (study files,
alsreport's code, library versions, the project's ``_quarto.yml``, ``report/``
and ``templates/``, engine, reports, formats) equals the key recorded with the
outputs, and every output still has the hash recorded when it was written.
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

__all__ = ["CACHE_DIR", "inputs_fingerprint", "manifest_hit", "project_key", "request_key", "write_manifest"]

CACHE_DIR = ".alsreport-cache"
_MANIFEST = "reports.json"
_DISTRIBUTIONS = ("great-tables", "matplotlib", "weasyprint", "pypandoc-binary", "pandas", "numpy", "scipy")


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith("."))


def _project_files(project: Path) -> list[Path]:
    files = [project / "_quarto.yml"]
    for folder in ("report", "templates"):
        root = project / folder
        if root.is_dir():
            files += [p for p in sorted(root.rglob("*")) if p.is_file()
                      and not any(part.startswith((".", "__")) for part in p.relative_to(root).parts)]
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


def inputs_fingerprint(study: Path, epoch: str | None = None) -> str:
    """What the documents' cells read: the study's files, alsreport's code, library versions, ``SOURCE_DATE_EPOCH``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "") if epoch is None else epoch
    return hash_parts(hash_files(_data_files(study)), _code_key(), _versions(), epoch)


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


def write_manifest(out_dir: Path, key: str, outputs: list[Path], warnings: list[str]) -> None:
    data = {"key": key, "outputs": [[p.name, file_sha256(p)] for p in outputs], "warnings": warnings}
    path = _manifest_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(data, indent=1, sort_keys=True))
