"""A call run on a second thread while this one does other things, for data too large to fork for.

:func:`beside` starts ``fn(*args)`` on a thread and yields an object with the interface of
:class:`alsreport.forked.Ahead`: :meth:`Beside.value` waits for the thread and returns what it
returned. The thread is only ever a way to get the same value sooner: when it raised, the
caller computes the value itself, in its own thread, exactly as it would have without the
thread, so errors and their messages come from the caller's own run. The function must only
read its arguments (the caller goes on reading them meanwhile). The thread is joined on
leaving the ``with`` block, so none outlives it (e.g. into a later fork). This module imports
no stage of alsreport.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Beside", "beside"]


class Beside:
    """``fn(*args)`` computed on a thread; :meth:`value` joins it (or computes here if the thread failed)."""

    forked = False

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args
        self._ok, self._value, self._done = False, None, False
        self._thread = threading.Thread(target=self._run, name=f"alsreport-{getattr(fn, '__name__', 'call')}",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value, self._ok = self._fn(*self._args), True
        except BaseException:  # noqa: BLE001 - any failure: the caller computes the value itself
            self._value = None

    def value(self) -> Any:
        """The thread's value, or (when it raised) ``fn(*args)`` computed in the calling thread."""
        if not self._done:
            self._thread.join()
            if not self._ok:
                self._value = self._fn(*self._args)
            self._done, self._args = True, ()
        return self._value

    def close(self) -> None:
        self._thread.join()


@contextmanager
def beside(fn: Callable[..., Any], *args: Any) -> Iterator[Beside]:
    """Start ``fn(*args)`` on a thread; it is joined when the block is left."""
    result = Beside(fn, args)
    try:
        yield result
    finally:
        result.close()
