"""Failures meant for people: the CLI prints one line, never a traceback.

:class:`AlsreportError` and its subclasses carry a message written for the user.
For anything else that escapes a command (a full disk, a read-only or missing output
folder, a permission, a broken encoding, input too large or too deeply nested for
memory or the interpreter's stack, a bug), :func:`describe` gives one line saying what
failed and what to do; ``alsreport --debug ...`` shows the traceback.
This module imports nothing from alsreport, so every stage may use it."""

from __future__ import annotations

import errno
from typing import Protocol

__all__ = ["DEBUG_HINT", "AlsreportError", "StudyInvalid", "describe"]


class _Report(Protocol):
    """What :class:`StudyInvalid` needs of a validation report (``alsreport.study.validation.ValidationReport``)."""

    def format(self) -> str: ...


class AlsreportError(Exception):
    """An error whose message tells the user what went wrong and what was expected."""


class StudyInvalid(AlsreportError):
    """The study folder did not pass validation; ``report`` lists every problem."""

    def __init__(self, report: _Report) -> None:
        self.report = report
        super().__init__(report.format())


DEBUG_HINT = "run `alsreport --debug ...` for the details (a traceback)"

_OS_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space, or write elsewhere with --out",
    errno.EDQUOT: "the disk quota is exhausted; free some space, or write elsewhere with --out",
    errno.EROFS: "the file system is read-only; write elsewhere with --out",
    errno.EACCES: "permission denied; check the folder's permissions, or write elsewhere with --out",
    errno.EPERM: "operation not permitted; check the folder's permissions, or write elsewhere with --out",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "a folder is where a file was expected",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n)",
}


def describe(exc: BaseException) -> str:
    """What went wrong, in one line, with the pointer to ``--debug``."""
    if isinstance(exc, OSError):
        what = _OS_ADVICE.get(exc.errno or -1, exc.strerror or type(exc).__name__)
        where = f": {exc.filename}" if exc.filename else ""
        return f"cannot write or read a file{where}: {what}"
    if isinstance(exc, MemoryError):
        return f"out of memory; the input is too large for this machine ({DEBUG_HINT})"
    if isinstance(exc, RecursionError):
        return f"the input is nested too deeply to process ({DEBUG_HINT})"
    if isinstance(exc, UnicodeError):
        return f"a file is not valid text ({exc}); save it as UTF-8 ({DEBUG_HINT})"
    text = str(exc).splitlines()[0] if str(exc) else ""
    detail = f": {text[:200]}" if text else ""
    return f"unexpected failure ({type(exc).__name__}{detail}); this is a bug in alsreport, please report it; " \
           f"{DEBUG_HINT}"
