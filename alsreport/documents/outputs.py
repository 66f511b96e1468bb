"""One writer per output folder, no leftovers from killed runs, no orphaned workers.

* :func:`output_lock` serialises runs on one output folder: the lock is an
  ``flock`` on ``.<folder>.lock`` beside the folder (not inside it, so swapping
  the folder in one step keeps the lock). A second run refuses at once with a
  message naming the process that holds it; the lock goes away with that
  process, however it ends.
* :func:`remove_stale_temp` (called with the lock held) deletes the
  ``.<folder>.*.tmp`` folders and files a killed run left beside or inside the
  output folder: while the lock is held nobody else can be writing them.
* :func:`keep_previous_on_failure` makes a run that writes several files in
  place (``render``) all-or-nothing: the previous files are hard-linked aside
  and put back if the run fails (a full disk after the first document) or was
  killed (restored by the next run).
* :func:`die_with_parent` is the initializer of forked document workers: Linux
  kills them when the parent process dies, so a killed render leaves no worker
  writing files afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
from pathlib import Path
from typing import Iterable, Iterator

from alsreport.errors import AlsreportError

__all__ = ["OutputBusy", "output_lock", "remove_stale_temp", "die_with_parent", "keep_previous_on_failure",
           "restore_previous", "PREVIOUS"]


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
    """Remove temporary folders/files earlier killed runs left for ``out_dir``; call with the lock held."""
    out_dir = Path(out_dir).absolute()
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


def die_with_parent() -> None:
    """Ask Linux to kill this (forked worker) process when its parent dies (``PR_SET_PDEATHSIG``)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1


#: Where :func:`keep_previous_on_failure` keeps the previous set (hard links) while a render runs.
PREVIOUS = ".alsreport-previous"


@contextlib.contextmanager
def keep_previous_on_failure(out_dir: Path, names: Iterable[str]) -> Iterator[None]:
    """Keep the current files ``names`` of ``out_dir``; if the block fails, put exactly them back.

    Files are hard-linked aside (no extra disk space, so this works on a full
    disk); a name that did not exist is recorded as absent and removed again. A
    run killed inside the block leaves the folder :data:`PREVIOUS`, which the next
    run restores first (:func:`restore_previous`). Call with the output lock held.
    """
    out_dir = Path(out_dir)
    restore_previous(out_dir)
    keep = out_dir / PREVIOUS
    keep.mkdir(parents=True, exist_ok=True)
    for name in dict.fromkeys(names):
        src = out_dir / name
        if src.is_file():
            try:
                os.link(src, keep / name)
            except OSError:
                shutil.copy2(src, keep / name)
        else:
            (keep / f"{name}.absent").touch()
    (keep / "COMPLETE").touch()
    try:
        yield
    except BaseException:
        restore_previous(out_dir)
        raise
    shutil.rmtree(keep, ignore_errors=True)


def restore_previous(out_dir: Path) -> bool:
    """Put back the set a failed or killed run kept aside; True when there was one."""
    keep = Path(out_dir) / PREVIOUS
    if not (keep / "COMPLETE").is_file():
        shutil.rmtree(keep, ignore_errors=True)  # killed while keeping: nothing was written yet
        return False
    for p in keep.iterdir():
        if p.name == "COMPLETE":
            continue
        if p.name.endswith(".absent"):
            (Path(out_dir) / p.name[: -len(".absent")]).unlink(missing_ok=True)
        else:
            os.replace(p, Path(out_dir) / p.name)
    shutil.rmtree(keep, ignore_errors=True)
    return True
