"""How a forked child's value travels to its parent through a pipe (:mod:`alsreport.forked`).

The value is pickled with protocol 5: arrays of 64 KiB or more (the columns of a study's frames)
travel *out of band*, written from their own memory and read into one buffer each, which the
unpickled arrays then use as theirs. Compared with one pickle read in 1 MiB chunks and joined,
each array's bytes are copied once less on each side, the parent allocates no chunk list and no
joined copy, and the pipe holds 1 MiB instead of Linux's default 64 KiB, so the child is not
woken and put to sleep ~16 times per MiB (issue #13: the 20 MB study of a 300 x 300 study took
~0.1 s from the child's last statement to the parent's loaded value; see the README's profile).

Wire format: a header of two little-endian 64-bit integers (length of the pickle, number of
out-of-band buffers), one 64-bit length per buffer, the pickle, then each buffer's bytes. A
short read (the child died half-way) gives :class:`Incomplete`.

This module imports no stage of alsreport.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
from collections.abc import Callable
from contextlib import suppress
from typing import Any

__all__ = ["Incomplete", "OUT_OF_BAND_BYTES", "PIPE_BYTES", "read_value", "widen", "write_value"]

#: Buffers of at least this many bytes travel out of band (smaller ones stay inside the pickle).
OUT_OF_BAND_BYTES = 64 * 1024

#: What :func:`widen` asks the kernel to buffer in a pipe (Linux's default maximum for a user: 1 MiB).
PIPE_BYTES = 1 << 20

_HEADER = struct.Struct("<QQ")
_LENGTH = struct.Struct("<Q")


class Incomplete(Exception):
    """The pipe ended (or stayed silent past the timeout) before the whole value had arrived."""

    def __init__(self, silent: bool = False) -> None:
        super().__init__("timed out" if silent else "the pipe ended early")
        self.silent = silent


def widen(fd: int) -> None:
    """Ask for a :data:`PIPE_BYTES` buffer in the pipe of ``fd`` (Linux); elsewhere, or when refused, nothing."""
    import fcntl

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is not None:
        with suppress(OSError):
            fcntl.fcntl(fd, setting, PIPE_BYTES)


def _dumps(value: Any) -> tuple[bytes, list[memoryview]]:
    """The pickle of ``value`` and its out-of-band buffers (contiguous, at least :data:`OUT_OF_BAND_BYTES`)."""
    buffers: list[memoryview] = []

    def out_of_band(buffer: pickle.PickleBuffer) -> bool:
        try:
            view = buffer.raw()
        except BufferError:  # not contiguous: inside the pickle
            return True
        if view.nbytes < OUT_OF_BAND_BYTES:
            return True
        buffers.append(view)
        return False

    return pickle.dumps(value, protocol=5, buffer_callback=out_of_band), buffers


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data).cast("B")
    while view.nbytes:
        view = view[os.write(fd, view):]


def write_value(fd: int, value: Any, fallback: Callable[[], Any]) -> None:
    """Write ``value`` into ``fd``; when it does not pickle, ``fallback()`` (which must) instead."""
    try:
        data, buffers = _dumps(value)
    except BaseException:  # noqa: BLE001 - any failure to pickle: the parent is told so by the fallback
        data, buffers = _dumps(fallback())
    head = _HEADER.pack(len(data), len(buffers)) + b"".join(_LENGTH.pack(b.nbytes) for b in buffers)
    _write_all(fd, head)
    _write_all(fd, data)
    for buffer in buffers:
        _write_all(fd, buffer)


def _read_into(fd: int, view: memoryview, timeout: float) -> None:
    """Fill ``view`` from ``fd``; :class:`Incomplete` when the pipe ends or stays silent for ``timeout`` s."""
    while view.nbytes:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            raise Incomplete(silent=True)
        got = os.readv(fd, [view])
        if not got:
            raise Incomplete()
        view = view[got:]


def _read(fd: int, size: int, timeout: float) -> bytearray:
    out = bytearray(size)
    _read_into(fd, memoryview(out), timeout)
    return out


def read_value(fd: int, timeout: float) -> Any:
    """The value :func:`write_value` wrote into the other end of ``fd`` (see :class:`Incomplete`)."""
    size, count = _HEADER.unpack(_read(fd, _HEADER.size, timeout))
    lengths = struct.unpack(f"<{count}Q", _read(fd, _LENGTH.size * count, timeout)) if count else ()
    data = _read(fd, size, timeout)
    buffers = [_read(fd, n, timeout) for n in lengths]
    return pickle.loads(data, buffers=buffers)
