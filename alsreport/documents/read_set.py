"""Every file a render reads, declared before it runs: the render cache's key covers all of them.

A conservative set, so that editing any of these files makes the next render a
miss (never "inputs unchanged" with stale content):

* the study folder, recursively (data files, study.yml, the bibliography, a file a
  cell opens there), leaving out hidden files and folders, folders starting with
  ``_`` (``_output``) and the output folder;
* the project: ``_quarto.yml``, ``report/`` and ``templates/`` (hashed by
  :func:`alsreport.documents.fingerprint.project_key`);
* what the documents name outside those folders: included files, markdown and
  HTML images, the files a stylesheet names with ``url()``, ``image-set()`` or
  ``@import`` (also through stylesheets it imports), and files named by values of
  the front matter and ``_quarto.yml`` (``css:``, ``bibliography:``, ``csl:``, …).

Not covered: a file that a trusted document's cell opens outside the study folder
and the project (docs/security.md says so).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

__all__ = ["referenced_files", "study_files"]

_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_SRC = re.compile(r"""\b(?:src|href|data)\s*=\s*["']([^"']+)["']""", re.I)
_MAX_FILES = 20_000


def study_files(study: Path, exclude: Iterable[Path] = ()) -> list[Path]:
    """Files of the study folder, recursively, without hidden/``_`` folders, hidden files and ``exclude``."""
    study = Path(study)
    skip = {Path(p).resolve() for p in exclude}
    found: list[Path] = []
    for root, dirs, files in os.walk(study):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and (here / d).resolve() not in skip)
        found += [here / f for f in sorted(files) if not f.startswith(".")]
        if len(found) > _MAX_FILES:
            break
    return found


def _local(ref: str, base: Path, project: Path) -> Path | None:
    """The existing local file ``ref`` names (relative to ``base``; ``/x`` from the project), else None."""
    ref = ref.split("#", 1)[0].split("?", 1)[0].strip()
    if not ref or ref.startswith(("data:", "//")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref):
        return None
    try:
        path = (project / ref.lstrip("/")) if ref.startswith("/") else (base / ref)
        return path.resolve() if path.is_file() else None
    except (OSError, ValueError):
        return None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _css_refs(path: Path, project: Path) -> list[Path]:
    from alsreport.render.css_urls import rewrite_css_urls

    refs: list[str] = []
    rewrite_css_urls(path.read_text(encoding="utf-8", errors="replace"), lambda u: refs.append(u) or u)
    return [p for p in (_local(r, path.parent, project) for r in refs) if p]


def _text_refs(path: Path, project: Path) -> list[Path]:
    text = path.read_text(encoding="utf-8", errors="replace")
    refs = _IMAGE.findall(text) + _SRC.findall(text)
    return [p for p in (_local(r, path.parent, project) for r in refs) if p]


def _yaml_refs(data: Any, base: Path, project: Path) -> list[Path]:
    return [p for p in (_local(s, base, project) for s in _strings(data) if len(s) < 4096) if p]


def _document_refs(qmd: Path, project: Path) -> list[Path]:
    """Included files, the front matter's files, and the images/links the expanded text names."""
    from alsreport.render.source import parse_qmd

    doc = parse_qmd(qmd, project_dir=project)
    found = [Path(f).resolve() for f in doc.files]
    found += _yaml_refs(doc.front_matter, qmd.parent, project)
    for f in doc.files:
        found += _text_refs(Path(f), project)
    return found


def referenced_files(project: Path, documents: Iterable[Path]) -> list[Path]:
    """Files the documents, the project's ``_quarto.yml`` and every stylesheet they reach name (sorted)."""
    import yaml

    project = Path(project).resolve()
    todo: list[Path] = []
    for qmd in documents:
        todo += _document_refs(Path(qmd).resolve(), project)
    config = project / "_quarto.yml"
    if config.is_file():
        todo.append(config)
        try:
            todo += _yaml_refs(yaml.safe_load(config.read_text(encoding="utf-8")), project, project)
        except yaml.YAMLError:
            pass  # the render itself reports a broken _quarto.yml
    todo += sorted(p.resolve() for p in (project / "templates").glob("*") if p.is_file())
    seen: set[Path] = set()
    while todo and len(seen) < _MAX_FILES:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        suffix = path.suffix.lower()
        if suffix == ".css":
            todo += _css_refs(path, project)
        elif suffix in (".html", ".htm", ".md", ".qmd"):
            todo += _text_refs(path, project)
    return sorted(seen)
