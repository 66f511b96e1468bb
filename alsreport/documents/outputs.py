"""One writer per output folder, no leftovers from killed runs, no orphaned workers.

* :func:`output_lock` serialises runs on one output folder: the lock is an
  ``flock`` on ``.<folder>.lock`` beside the folder (not inside it, so swapping
  the folder in one step keeps the lock). A second run refuses at once with a
  message naming the process that holds it; the lock goes away with that
  process, however it ends.
* :func:`remove_stale_temp` (called with the lock held) deletes the
  ``.<folder>.*.tmp`` folders and files a killed run left beside or inside the
  output folder: while the lock is held nobody else can be writing them.
* ``render`` writes into a private folder and swaps the finished set in
  (:mod:`alsreport.documents.staging`); :func:`remove_stale_temp` first finishes
  a swap that a kill interrupted, then removes the stages of killed renders.
* :func:`die_with_parent` is the initializer of forked document workers: Linux
  kills them when the parent process dies, so a killed render leaves no worker
  writing files afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Iterator

from alsreport.errors import AlsreportError
from alsreport.forked import die_with_parent  # the forked workers' initializer (one prctl, in forked.py)

__all__ = ["OutputBusy", "output_lock", "remove_stale_temp", "die_with_parent"]


class OutputBusy(AlsreportError):
    """Another alsreport run is writing into the same output folder."""


def _lock_path(out_dir: Path) -> Path:
    out_dir = Path(out_dir).absolute()
    return out_dir.parent / f".{out_dir.name}.lock"


@contextlib.contextmanager
def output_lock(out_dir: Path | str) -> Iterator[Path]:
    """Hold the lock of ``out_dir`` for the block; raise :class:`OutputBusy` if another run holds it."""
    out_dir = Path(out_dir).absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    path = _lock_path(out_dir)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX: no lock
            pass
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip() or "?"
            raise OutputBusy(f"another alsreport run (process {holder}) is writing into {out_dir}; wait for it "
                             "to finish, or write elsewhere with --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        remove_stale_temp(out_dir)
        yield out_dir
    finally:
        os.close(fd)  # releases the lock


def remove_stale_temp(out_dir: Path) -> list[Path]:
    """Remove temporary folders/files earlier killed runs left for ``out_dir``; call with the lock held.

    A render killed while swapping its finished set in is finished first
    (:func:`alsreport.documents.staging.finish_interrupted`).
    """
    from alsreport.documents.staging import finish_interrupted

    out_dir = Path(out_dir).absolute()
    finish_interrupted(out_dir)
    stale = list(out_dir.parent.glob(f".{out_dir.name}.*.tmp"))
    if out_dir.is_dir():
        stale += [p for p in out_dir.glob(".*.tmp")]
    for p in stale:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                p.unlink()
    return stale
