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
* Forked children call :func:`alsreport.forked.die_with` first: Linux kills
  them when the parent process dies, so a killed render leaves no worker
  writing files afterwards. Their copies of the lock go with them; a run that
  finds the lock held by a process that has ended waits a few seconds for those
  children to be gone (:data:`ORPHAN_WAIT`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path
from typing import Any, Iterator

from alsreport.errors import AlsreportError
__all__ = ["ORPHAN_WAIT", "OutputBusy", "output_lock", "remove_stale_temp"]

#: Seconds a run waits for the lock when the process that took it has ended: its forked children, which
#: share the lock, are being killed with it (``PR_SET_PDEATHSIG``) and take a moment to exit.
ORPHAN_WAIT = 10.0


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

            if not _lock(fcntl, fd):
                holder = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip() or "?"
                if not (_ended(holder) and _lock(fcntl, fd, wait=ORPHAN_WAIT)):
                    raise OutputBusy(f"another alsreport run (process {holder}) is writing into {out_dir}; wait "
                                     "for it to finish, or write elsewhere with --out")
        except ImportError:  # pragma: no cover - not POSIX: no lock
            pass
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        remove_stale_temp(out_dir)
        yield out_dir
    finally:
        os.close(fd)  # releases the lock


def _lock(fcntl: Any, fd: int, wait: float = 0.0) -> bool:
    """Take the exclusive lock on ``fd``; False if it is still held after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _ended(holder: str) -> bool:
    """True when the process ``holder`` (the pid the lock's owner wrote) no longer runs."""
    if not holder.isdigit():
        return False
    try:
        os.kill(int(holder), 0)
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: it runs, as another user
        return False
    return False


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
