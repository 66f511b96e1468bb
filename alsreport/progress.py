"""Progress of long commands: stages, steps within a stage, and how long each stage took.

A :class:`Progress` is made by the CLI and passed down as an argument (never a
global): ``bar`` redraws one line per stage on a terminal, ``lines`` prints plain
lines (at most one per tenth of a stage, for logs and pipes), ``quiet`` prints
nothing. Every mode records each stage's wall-clock seconds in :attr:`Progress.timings`
(the ``--timings`` table). Library functions take ``progress=None`` and then use a
:func:`quiet` one of their own. This module imports no stage of alsreport, so every
stage may use it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal, TextIO

__all__ = ["Mode", "Progress", "Stage", "quiet", "for_stream"]

Mode = Literal["bar", "lines", "quiet"]
_BAR_WIDTH = 24


@dataclass
class Stage:
    """One running stage; :meth:`advance` after each step of its ``total``."""

    progress: Progress
    name: str
    total: int | None
    done: int = 0
    _shown: int = 0

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        self.progress._show(self)

    def fraction(self) -> float | None:
        return None if not self.total else min(self.done / self.total, 1.0)


@dataclass
class Progress:
    """Reports stages to ``stream`` in ``mode`` and keeps their timings (seconds, in order)."""

    mode: Mode = "quiet"
    stream: TextIO | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Stage]:
        """Time a stage; yields a :class:`Stage` to advance. Nested or repeated names add up."""
        st = Stage(self, name, total)
        self._write_start(st)
        start = time.perf_counter()
        try:
            yield st
        finally:
            seconds = time.perf_counter() - start
            self.timings[name] = self.timings.get(name, 0.0) + seconds
            self._write_end(st, seconds)

    def note(self, text: str) -> None:
        """A line of its own (not in quiet mode)."""
        if self.mode != "quiet" and self.stream is not None:
            self.stream.write(text + "\n")
            self.stream.flush()

    # Output ------------------------------------------------------------------------
    def _write_start(self, st: Stage) -> None:
        if self.mode == "lines":
            self.note(f"{st.name} ...")
        elif self.mode == "bar":
            self._bar(st, end="")

    def _write_end(self, st: Stage, seconds: float) -> None:
        if self.mode == "lines":
            self.note(f"{st.name}: done in {seconds:.2f} s")
        elif self.mode == "bar" and self.stream is not None:
            if st.total:
                st.done = st.total
            self._bar(st, end=f" {seconds:.2f} s\n")

    def _show(self, st: Stage) -> None:
        frac = st.fraction()
        if frac is None or self.mode == "quiet":
            return
        tenth = int(frac * 10)
        if self.mode == "lines" and tenth > st._shown and st.done < (st.total or 0):
            st._shown = tenth
            self.note(f"{st.name}: {st.done}/{st.total}")
        elif self.mode == "bar":
            self._bar(st, end="")

    def _bar(self, st: Stage, end: str) -> None:
        if self.stream is None:
            return
        frac = st.fraction()
        if frac is None:
            text = f"{st.name} ..."
        else:
            filled = int(round(frac * _BAR_WIDTH))
            text = f"{st.name} [{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {st.done}/{st.total}"
        self.stream.write("\r\x1b[K" + text + end)
        self.stream.flush()

    def timings_table(self) -> str:
        """One line per stage and a total, for ``--timings``."""
        rows = [f"{name:<28}{seconds:8.2f} s" for name, seconds in self.timings.items()]
        rows.append(f"{'total':<28}{sum(self.timings.values()):8.2f} s")
        return "\n".join(rows)


def quiet() -> Progress:
    """A progress that prints nothing (it still keeps timings)."""
    return Progress("quiet", None)


def for_stream(stream: TextIO | None = None, *, silent: bool = False) -> Progress:
    """``bar`` on a terminal, ``lines`` otherwise, ``quiet`` when ``silent``."""
    stream = sys.stderr if stream is None else stream
    if silent:
        return Progress("quiet", stream)
    return Progress("bar" if stream.isatty() else "lines", stream)
