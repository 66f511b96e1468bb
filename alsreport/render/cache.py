"""Render cache, like Quarto's freeze: keys are hashes of everything an output depends on.

* ``exec`` key: the ``.qmd`` text and every included file, the merged
  metadata, the parameters, the caller's ``inputs_fingerprint`` (e.g. a hash of
  the study data and the package version) and the engine version. Its value is
  the executed markdown, so a CSS- or template-only change skips execution.
* ``html`` key: the ``exec`` key plus the page template, the CSS files'
  contents and the pandoc version.
* ``pdf`` key: the ``html`` key plus the print stylesheets and PDF options.

An output is reused when its key is unchanged and the file on disk (same name;
the output folder may have been renamed or staged) still has the hash recorded
when it was written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from alsreport.render.atomic import atomic_write_text

__all__ = ["ENGINE_CACHE_VERSION", "RenderCache", "file_sha256", "hash_files", "hash_parts", "stable_json"]

#: Bump when the engine's output for the same input changes.
ENGINE_CACHE_VERSION = "embedded-2"   # 2: HTML nowrap spans and Word files without U+2060/U+200B (render/unbroken.py)


def hash_parts(*parts: str | bytes) -> str:
    """sha256 of the parts, length-prefixed so that boundaries matter."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def hash_files(paths: Iterable[Path]) -> str:
    """sha256 over each file's name and bytes (a missing file hashes as missing)."""
    parts: list[str | bytes] = []
    for path in paths:
        path = Path(path)
        parts.append(str(path))
        parts.append(path.read_bytes() if path.is_file() else b"\0missing")
    return hash_parts(*parts)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def stable_json(value: Any) -> str | None:
    """Canonical JSON of ``value``; ``None`` when it holds objects JSON cannot represent."""
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_refuse)
    except (TypeError, ValueError):
        return None


def _refuse(obj: Any) -> Any:
    if isinstance(obj, Path):
        return str(obj)
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    raise TypeError(type(obj).__name__)


@dataclass
class RenderCache:
    """The cache folder of one document: executed markdown and a manifest of outputs."""

    folder: Path

    @classmethod
    def for_document(cls, cache_dir: Path, qmd: Path) -> "RenderCache":
        tag = hash_parts(str(Path(qmd).resolve()))[:12]
        return cls(Path(cache_dir) / f"{Path(qmd).stem}-{tag}")

    def _manifest_path(self) -> Path:
        return self.folder / "manifest.json"

    def manifest(self) -> dict[str, Any]:
        try:
            return json.loads(self._manifest_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def save_manifest(self, manifest: dict[str, Any]) -> None:
        atomic_write_text(self._manifest_path(), json.dumps(manifest, indent=1, sort_keys=True))

    def output_current(self, fmt: str, key: str, path: Path) -> bool:
        """Whether ``path`` is the output recorded for ``fmt`` under ``key`` and is unchanged."""
        entry = self.manifest().get(fmt) or {}
        if entry.get("key") != key or entry.get("path") != Path(path).name:
            return False
        try:
            return file_sha256(path) == entry.get("sha256")
        except OSError:
            return False

    def record_output(self, manifest: dict[str, Any], fmt: str, key: str, path: Path) -> None:
        manifest[fmt] = {"key": key, "path": Path(path).name, "sha256": file_sha256(path)}

    def load_markdown(self, key: str) -> tuple[str, list[str]] | None:
        md, meta = self.folder / f"exec-{key}.md", self.folder / f"exec-{key}.json"
        try:
            return md.read_text(encoding="utf-8"), json.loads(meta.read_text(encoding="utf-8"))["warnings"]
        except (OSError, ValueError, KeyError):
            return None

    def store_markdown(self, key: str, markdown: str, warnings: list[str]) -> None:
        for old in self.folder.glob("exec-*"):
            if key not in old.name:
                old.unlink(missing_ok=True)
        atomic_write_text(self.folder / f"exec-{key}.md", markdown)
        atomic_write_text(self.folder / f"exec-{key}.json", json.dumps({"warnings": warnings}))
