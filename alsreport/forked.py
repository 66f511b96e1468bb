"""A call run ahead in a forked child process, so that the second core works while this one does other things.

:func:`start` forks; the child runs ``fn(*args)``, pickles what it returns into a pipe and
exits; :meth:`Forked.result` reads it back. The child is only ever a way to get the same
value sooner: when it fails in any way (an exception, a value that does not pickle, a
killed child, no ``fork`` on this platform, a single CPU), the caller computes the value
itself, in its own process, exactly as it would have without the child, so errors and
their messages come from the caller's own run. The child writes nothing to the terminal
and leaves with ``os._exit`` (no ``atexit`` handlers, no flushing of the parent's buffers).

Used by the command line only (``alsreport analyze`` and the commands that analyse first),
and only when a second CPU is idle (:func:`idle_core`): a library call never forks. This module imports no stage of alsreport.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from alsreport import forked_wire

__all__ = ["Ahead", "CHILD_TIMEOUT", "Forked", "ahead", "die_with", "idle_core", "start", "two_cpus"]

#: Seconds a child may stay silent before :meth:`Forked.result` gives up on it (only small inputs fork).
CHILD_TIMEOUT = 600.0


def two_cpus() -> bool:
    """Whether a child would run beside this process: ``fork`` exists and at least two CPUs are ours."""
    if not hasattr(os, "fork"):
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return (os.cpu_count() or 1) >= 2


def idle_core() -> bool:
    """Whether a second CPU is free now: :func:`two_cpus` and a 1-minute load average below the
    number of our CPUs minus a half. On a busy machine a child only adds its costs (the fork,
    copy-on-write pages, the pickles: ~0.7 CPU s at 300 x 300) and finishes no sooner, so the
    command line forks only when this is true; outputs are the same either way."""
    if not two_cpus():
        return False
    try:
        load = os.getloadavg()[0]
        cpus = len(os.sched_getaffinity(0))
    except (OSError, AttributeError):  # pragma: no cover - no load average on this platform
        return False
    return load < cpus - 0.5


class Forked:
    """A child computing ``fn(*args)``; :meth:`result` waits for it, :meth:`close` abandons it."""

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd: int | None = fd

    def result(self, timeout: float = CHILD_TIMEOUT) -> tuple[bool, Any]:
        """``(True, value)`` when the child returned a value, ``(False, None)`` when it did not.

        A child that has sent nothing new for ``timeout`` seconds is killed (a backstop: a child
        cannot deadlock on a lock another thread held at the fork, but should one hang, the
        caller computes the value itself instead of waiting forever).
        """
        if self._fd is None:
            return False, None
        try:
            status, value = forked_wire.read_value(self._fd, timeout)
        except forked_wire.Incomplete as exc:
            if exc.silent:
                os.kill(self._pid, signal.SIGKILL)
            status, value = "failed", None
        except Exception:  # noqa: BLE001 - a child that died half-way: compute in the caller instead
            status, value = "failed", None
        os.close(self._fd)
        self._fd = None
        self._reap()  # after the unpickling: the child's exit overlaps it
        return status == "ok", value

    def close(self, kill: bool = False) -> None:
        """Abandon the child (it stops at its next write into the closed pipe, or at once with ``kill``) and reap it."""
        if kill and self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - gone already
                pass
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._reap()

    def _reap(self) -> None:
        if self._pid:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:  # pragma: no cover - already reaped
                pass
            self._pid = 0


def _child(fn: Callable[..., Any], args: tuple[Any, ...], fd: int) -> None:
    """In the child: run, pickle into the pipe, and exit without returning into the parent's code."""
    try:
        try:
            value: Any = ("ok", fn(*args))
        except BaseException:  # noqa: BLE001 - any failure: the parent computes the value itself
            value = ("failed", None)
        forked_wire.write_value(fd, value, lambda: ("failed", None))
        os.close(fd)
    finally:
        os._exit(0)


def _die_with_parent() -> None:
    """Ask Linux to kill this (forked) process when its parent dies (``PR_SET_PDEATHSIG``); elsewhere nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """Call first in a forked child: it dies with ``parent``, the process that forked it, so a killed command
    leaves no child holding its output folder's lock (an inherited ``flock``) or writing afterwards. A parent
    killed between the fork and the ``prctl`` would not be noticed by Linux: the child checks and exits."""
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def start(fn: Callable[..., Any], *args: Any, nice: int = 0) -> Forked | None:
    """Fork a child that computes ``fn(*args)``; None when forking would not help (see :func:`two_cpus`).

    ``nice``: the child lowers its own priority by this much (:func:`os.nice`) before it starts, so that
    this process (the one the command waits on) keeps a core to itself while two children share the other.
    """
    if not two_cpus():
        return None
    read_fd, write_fd = os.pipe()
    forked_wire.widen(write_fd)
    for stream in (sys.stdout, sys.stderr):  # nothing buffered before the fork is written twice
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed or odd stream: nothing to flush
            pass
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which leaves by os._exit
        die_with(parent)
        # the parent's objects leave the child's collector generations (Python's advice after a fork):
        # its collections then do not walk them, writing to (and so copying) the shared pages
        gc.freeze()
        os.close(read_fd)
        if nice:
            with suppress(OSError):
                os.nice(nice)
        _devnull_output()
        _child(fn, args, write_fd)
    os.close(write_fd)
    return Forked(pid, read_fd)


class Ahead:
    """``fn(*args)``, computed by a child when one runs (see :func:`ahead`), else here when first asked for."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], child: Forked | None) -> None:
        self._fn, self._args, self._child = fn, args, child
        self._done, self._value = False, None

    @property
    def forked(self) -> bool:
        """Whether a child was started for it."""
        return self._child is not None

    def value(self) -> Any:
        """The child's value, or (when there was none or it failed) ``fn(*args)`` computed in this process."""
        if not self._done:
            ok, value = self._child.result() if self._child is not None else (False, None)
            self._value = value if ok else self._fn(*self._args)
            self._done = True
            self._args = ()
        return self._value

    def close(self, kill: bool = False) -> None:
        """Reap the child (``kill``: at once, without waiting for it to finish)."""
        if self._child is not None:
            self._child.close(kill=kill)


@contextmanager
def ahead(fn: Callable[..., Any], *args: Any, enabled: bool = True, nice: int = 0) -> Iterator[Ahead]:
    """Start ``fn(*args)`` in a child (when ``enabled`` and :func:`two_cpus`; ``nice``: see :func:`start`);
    the child is reaped on exit."""
    result = Ahead(fn, args, start(fn, *args, nice=nice) if enabled else None)
    try:
        yield result
    finally:
        result.close()


def _devnull_output() -> None:  # pragma: no cover - runs in the child
    """The child's stdout and stderr go nowhere: only the parent talks to the user."""
    null = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        try:
            os.dup2(null, fd)
        except OSError:
            pass
    os.close(null)
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until _exit
