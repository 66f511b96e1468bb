"""Running a document's cells in a child process whose working directory is the document's folder.

Quarto's Jupyter kernel runs a document's cells with the document's folder as
working directory. The embedded engine does the same without changing this
process's working directory (process-global state): on POSIX it forks a child
that changes *its own* working directory, executes the document and sends back
the result (pickled through a pipe). The child inherits everything already in
memory (an analysis handed over by the caller, for example), so nothing is
computed twice. Where forking is not safe (Windows, or a process with several
threads) the cells run in this process and keep its working directory.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
from pathlib import Path
from typing import Any, Callable, TypeVar

__all__ = ["can_fork", "run_in_folder"]

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a child can be forked safely: POSIX and only one thread in this process."""
    return sys.platform != "win32" and hasattr(os, "fork") and threading.active_count() == 1


def _child(fn: Callable[..., Any], args: tuple[Any, ...], folder: Path, write_fd: int) -> None:
    try:
        os.chdir(folder)
        outcome: tuple[str, Any] = ("ok", fn(*args))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
        outcome = ("raise", exc)
    try:
        data = pickle.dumps(outcome)
    except Exception:
        data = pickle.dumps(("crash", traceback.format_exc()))
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(data)


def run_in_folder(fn: Callable[..., T], *args: Any, folder: Path) -> T:
    """``fn(*args)`` with ``folder`` as working directory, in a forked child (see the module docstring)."""
    if not can_fork():
        return fn(*args)
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child (coverage does not follow os._exit)
        os.close(read_fd)
        status = 0
        try:
            _child(fn, args, Path(folder), write_fd)
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError(f"executing the document in {folder} ended without a result (the child process died)")
    kind, value = pickle.loads(data)
    if kind == "ok":
        return value
    if kind == "raise":
        raise value
    raise RuntimeError(f"the result of executing the document in {folder} could not be sent back:\n{value}")
