"""A render writes into a private folder; the finished set is swapped in, the manifest last.

:func:`staged` gives a render a private folder ``.<out>.<random>.tmp`` beside the
output folder (same file system, so moving a file in is a rename; inside the output
folder when that is a mount point). The stage starts with hard links of the current
reports and the render cache, so the engine still reuses what is unchanged. The
documents are rendered there; nothing in the output folder changes while they are.

When every document succeeded the block ends and :func:`commit` swaps the set in:

1. a journal (:data:`JOURNAL`) listing the files to move is written into the stage;
2. the old manifest ``.alsreport-cache/reports.json`` (what :func:`manifest_hit
   <alsreport.documents.fingerprint.manifest_hit>` trusts) is removed;
3. every file is renamed into the output folder (``os.replace``: atomic per file),
   the new manifest last; the stage is removed.

A failure or kill before step 1 leaves the output folder as it was (a failed render
removes its stage at once; a killed render's stage is removed by the next run on
that folder, :func:`~alsreport.documents.outputs.remove_stale_temp`). A kill during
steps 2–3 (a handful of renames) leaves a journal: the next run on that folder,
holding the lock, finishes the renames (:func:`finish_interrupted`) before anything
else, so it starts from the complete new set; until then no manifest is trusted.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from alsreport.render.atomic import atomic_write_text

__all__ = ["JOURNAL", "MANIFEST", "commit", "finish_interrupted", "stage_folders", "staged"]

#: The list of files a commit moves, written into the stage before the first rename.
JOURNAL = ".alsreport-commit.json"
#: The manifest readers trust (relative to the output folder): moved last.
MANIFEST = Path(".alsreport-cache") / "reports.json"
_CACHE = ".alsreport-cache"


def _stage_parent(out: Path) -> Path:
    """``out``'s parent, or ``out`` itself when it is the root of another file system (a mount point)."""
    out.mkdir(parents=True, exist_ok=True)
    return out.parent if out.parent.stat().st_dev == out.stat().st_dev else out


def stage_folders(out: Path) -> list[Path]:
    """The stages of ``out`` that exist (a killed run's, or the current one)."""
    out = Path(out).absolute()
    found = list(out.parent.glob(f".{out.name}.*.tmp")) if out.parent.is_dir() else []
    found += list(out.glob(f".{out.name}.*.tmp")) if out.is_dir() else []
    return [p for p in found if p.is_dir() and not p.is_symlink()]


def _link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _seed(out: Path, stage: Path, names: Iterable[str]) -> None:
    """Hard links of the current reports and render cache (not the manifest): the engine's cache works in the stage."""
    for name in names:
        if (out / name).is_file():
            _link(out / name, stage / name)
    cache = out / _CACHE
    if cache.is_dir():
        for p in cache.rglob("*"):
            rel = p.relative_to(out)
            if p.is_file() and not p.is_symlink() and rel != MANIFEST and not p.name.endswith(".tmp"):
                _link(p, stage / rel)


@contextlib.contextmanager
def staged(out: Path, names: Iterable[str]) -> Iterator[Path]:
    """A private folder for the files ``names`` of ``out`` (and its render cache); committed if the block succeeds.

    Call with the output lock held (:func:`~alsreport.documents.outputs.output_lock`).
    """
    out = Path(out).absolute()
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=_stage_parent(out)))
    try:
        _seed(out, stage, names)
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    commit(stage, out)


def _files(stage: Path) -> list[str]:
    files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file() and p.name != JOURNAL
                   and not p.name.endswith(".tmp"))
    manifest = str(MANIFEST)
    return [f for f in files if f != manifest] + ([manifest] if manifest in files else [])


def _move(stage: Path, out: Path, files: list[str]) -> None:
    (out / MANIFEST).unlink(missing_ok=True)  # from here until the new one is in, no set is trusted
    for rel in files:
        src = stage / rel
        if src.is_file():  # a resumed commit: the files already moved are gone from the stage
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, out / rel)
    shutil.rmtree(stage, ignore_errors=True)


def commit(stage: Path, out: Path) -> None:
    """Swap the finished set in ``stage`` into ``out``, the manifest last (see the module's steps)."""
    files = _files(stage)
    atomic_write_text(stage / JOURNAL, json.dumps(files))
    _move(stage, out, files)


def finish_interrupted(out: Path) -> list[Path]:
    """Finish the commits a killed render began (stages with a journal); the stages finished."""
    out = Path(out).absolute()
    done = []
    for stage in stage_folders(out):
        try:
            files = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not committed: removed as a stale temp folder
        _move(stage, out, [str(f) for f in files])
        done.append(stage)
    return done
