"""The documents' figures drawn as inline SVG by a helper process while the documents run.

The manuscript draws its figures (CONSORT, trajectories, forest plots) in the middle of its own
execution, on the core that then makes its PDF, the longest path of ``alsreport render``; the other
core has the ethics report, which is done earlier. :func:`start_svg_helper` forks one process that
draws every figure the documents show, in their order, and writes each one's SVG
(:func:`alsreport.documents.context.figure_svg`, the same function the documents call, so the
markup is the same) to a private folder inside the render's stage, so a killed render leaves it
where the next run on that output folder removes it (:mod:`alsreport.documents.staging`). A document asking for a figure takes the helper's file
when it is written, waits while the helper is still drawing, and draws the figure itself when the
helper has stopped without it (an error in a figure is then raised where it always was).
"""

from __future__ import annotations

import os
import select
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["SvgHelper", "start_svg_helper"]


def _draw_all(figures: Mapping[str, Any], keys: Sequence[str], folder: Path, done_fd: int, parent: int) -> None:
    """The helper's work: ``<key>.svg`` for each key, each file complete when it appears."""
    from alsreport.forked import die_with

    die_with(parent)
    from alsreport.documents.context import figure_svg

    try:
        for key in keys:
            tmp = folder / f".{key}.svg.tmp"
            tmp.write_text(figure_svg(figures[key]), encoding="utf-8")
            os.replace(tmp, folder / f"{key}.svg")
    except Exception:  # noqa: BLE001 - the document draws this figure itself and reports its error for people
        pass
    finally:
        os.close(done_fd)  # the reader sees end-of-file: nothing more will come


class SvgHelper:
    """The SVG of the figures a helper process draws (:func:`start_svg_helper`)."""

    def __init__(self, process: Any, folder: Path, keys: Sequence[str], done_fd: int) -> None:
        self._process = process
        self._folder = folder
        self._keys = frozenset(keys)
        self._done_fd = done_fd
        self._finished = False

    def _helper_finished(self, wait: float) -> bool:
        """True once the helper has stopped (finished or failed); waits at most ``wait`` seconds."""
        if not self._finished:
            ready, _, _ = select.select([self._done_fd], [], [], wait)
            self._finished = bool(ready)  # only end-of-file makes the pipe readable: the helper writes nothing
        return self._finished

    def svg(self, key: str) -> str | None:
        """The figure's SVG markup, waiting for the helper if it is still drawing; None when the helper does
        not draw this figure or stopped before it (the caller then draws it)."""
        if key not in self._keys:
            return None
        path = self._folder / f"{key}.svg"
        while not path.exists():
            if self._helper_finished(0.05):
                break
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def close(self) -> None:
        """Stop the helper if it still runs, reap it, remove its folder (in the process that started it)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        os.close(self._done_fd)
        shutil.rmtree(self._folder, ignore_errors=True)


def start_svg_helper(figures: Mapping[str, Any], keys: Sequence[str], where: Path) -> SvgHelper:
    """Fork a process drawing ``figures[key]`` as SVG for each of ``keys``, in that order, into a new folder
    in ``where``.

    Call it in a single-threaded process before forking the documents' workers (they inherit the
    returned helper and read its files), and :meth:`SvgHelper.close` it in the same process.
    """
    import multiprocessing

    folder = Path(tempfile.mkdtemp(prefix=".figures.", suffix=".tmp", dir=where))
    read_fd, write_fd = os.pipe()
    process = multiprocessing.get_context("fork").Process(target=_draw_all, args=(figures, list(keys), folder,
                                                                                  write_fd, os.getpid()),
                                                  daemon=True)
    try:
        process.start()
    except OSError:
        os.close(read_fd)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        os.close(write_fd)  # the helper holds the only write end: its exit is the end-of-file
    return SvgHelper(process, folder, keys, read_fd)


def svg_helper_for(ctx: Any, documents: Sequence[str], formats: Sequence[str], workers: int,
                   where: Path) -> SvgHelper | None:
    """A helper drawing every figure of ``ctx`` (a :class:`~alsreport.documents.context.ReportContext`) into a
    folder in ``where`` (the render's stage) when the manuscript, which shows them all, is rendered to HTML or
    PDF beside another document in ``workers`` processes (one core each); None otherwise (the documents draw
    their own figures)."""
    if workers < 2 or "manuscript" not in documents or not {"html", "pdf"} & set(formats):
        return None
    try:
        return start_svg_helper(ctx.figures, list(ctx.figures), where)
    except OSError:  # no temporary folder or no process to spare: the documents draw their own figures
        return None
