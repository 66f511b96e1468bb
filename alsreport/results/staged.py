"""Writing the result files as their data become ready: the analysis dataset beside the statistics.

``analysis_data.csv`` (or ``.parquet``) is the largest result file (12 million rows for a
study of 10,000 participants) and its data, the analysis dataset, exist before any
statistic. :class:`StagedResults` writes it into the same temporary folder as the other
files while the statistics are computed: with ``fork`` (the command line's choice when a
second CPU is idle) and up to :data:`FORK_MAX_ROWS` rows by a forked child
(:mod:`alsreport.forked`), else on a background thread (Arrow's joining of lines, pandas'
hashing and NumPy release the GIL, but the writer's Python parts take turns with the
statistics': at 300 x 300 the tests took ~0.2 s longer beside the thread than beside the
child). :meth:`StagedResults.finish` then writes the other files, waits for the writer and
swaps the complete folder in.

The files are those :func:`alsreport.results.writer.write_results` writes, byte for byte:
the same function writes analysis_data.csv from the same frame, which nothing changes
once the analysis has built it. Writing stays all or nothing: an error of the thread is
raised by :meth:`~StagedResults.finish` (as it was raised there); a child that failed in
any way leaves the file to :meth:`~StagedResults.finish`, which writes it itself (so its
errors are raised as the thread's would be); leaving the ``with`` block without finishing
stops the thread after its current block of rows (or kills the child) and removes the
temporary folder, so an earlier output is untouched.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

import pandas as pd

from alsreport import forked
from alsreport.progress import Progress
from alsreport.results.csv_columns import Coded
from alsreport.results.model import Results
from alsreport.results.swap import swap_in
from alsreport.results.writer import remove_folder, temporary_folder, write_analysis_frame, write_files

__all__ = ["FORK_MAX_ROWS", "StagedResults"]

#: With ``fork``, an analysis dataset up to this many rows is written by a forked child (a larger one on a
#: thread: a fork of the process that holds it would add copy-on-write pages to the peak memory).
FORK_MAX_ROWS = 2_000_000
#: The forked writer runs this much nicer than the process that forked it: its file is waited for last,
#: after the tests and the other result files, so the tests keep a core (issue #13).
WRITER_NICE = 10


class _Stopped(Exception):
    """The background writer was told to stop (the run failed before finishing)."""


class StagedResults:
    """A set of result files written into a temporary folder, then swapped into ``out_dir`` at once.

    Use as a context manager::

        with StagedResults(out_dir, "csv") as staged:
            results = analyze(study, on_analysis_data=staged.start_analysis_data)
            paths = staged.finish(results)

    ``fork`` lets :meth:`start_analysis_data` write a dataset of up to :data:`FORK_MAX_ROWS` rows
    in a forked child (a library call keeps the default, a thread).
    """

    def __init__(self, out_dir: Path | str, fmt: str = "csv", fork: bool = False) -> None:
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"results format must be csv or parquet, got {fmt!r}")
        self.out_dir = Path(out_dir)
        self.fmt = fmt
        self.folder = temporary_folder(self.out_dir)
        self._fork = fork
        self._child: forked.Forked | None = None
        self._thread: threading.Thread | None = None
        self._frame: pd.DataFrame | None = None
        self._error: BaseException | None = None
        self._stop = threading.Event()

    @property
    def analysis_name(self) -> str:
        return f"analysis_data.{self.fmt}"

    def start_analysis_data(self, data: pd.DataFrame, coded: Mapping[str, Coded] | None = None) -> None:
        """Start writing the analysis dataset ``data`` in a child or on a thread (once; ``data`` must not change).

        ``coded`` (optional): some of its text columns as a code per row and their values, which the forked
        writer then need not encode again (:func:`alsreport.results.csv_columns.write_frame_csv`).
        """
        if self._thread is not None or self._child is not None:
            raise RuntimeError("the analysis dataset is already being written")
        self._frame = data
        if self._fork and len(data) <= FORK_MAX_ROWS:
            self._child = forked.start(_write_analysis_file, data, self.folder / self.analysis_name, self.fmt,
                                       None, coded, nice=WRITER_NICE)
            if self._child is not None:
                return
        self._thread = threading.Thread(target=self._write_analysis_data, args=(data,),
                                        name="alsreport-analysis-data", daemon=True)
        self._thread.start()

    def _write_analysis_data(self, data: pd.DataFrame) -> None:
        try:
            _write_analysis_file(data, self.folder / self.analysis_name, self.fmt, _StopCheck(self._stop))
        except BaseException as exc:  # raised again on the main thread by finish()
            self._error = exc

    def _wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self._child is not None:
            ok, _ = self._child.result()
            self._child = None
            if not ok and self._frame is not None:  # the child failed: written here, errors raised from here
                self._write_analysis_data(self._frame)

    def finish(self, results: Results, progress: Progress | None = None) -> list[Path]:
        """Write the other files, wait for the background one, swap the folder in; return the paths.

        The background writer must have been given ``results.analysis_data`` (that very frame);
        without :meth:`start_analysis_data` every file is written here.
        """
        skip: tuple[str, ...] = ()
        if self._thread is not None or self._child is not None:
            if self._frame is not results.analysis_data:
                raise ValueError("the analysis dataset being written is not that of these results")
            skip = (self.analysis_name,)
        try:
            names = write_files(results, self.folder, self.fmt, progress, skip=skip)
        finally:
            self._wait()
        if self._error is not None:
            raise self._error
        swap_in(self.folder, self.out_dir)
        return [self.out_dir / name for name in names]

    def __enter__(self) -> "StagedResults":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()  # after finish() the thread is done; otherwise it stops after its current block
        if self._child is not None:
            self._child.close(kill=True)
            self._child = None
        self._wait()
        remove_folder(self.folder)  # gone already when swapped in


def _write_analysis_file(data: pd.DataFrame, path: Path, fmt: str, stage: "_StopCheck | None" = None,
                         coded: Mapping[str, Coded] | None = None) -> None:
    if fmt == "parquet":
        from alsreport.results.parquet_writer import write_analysis_frame_parquet

        write_analysis_frame_parquet(data, path)
    else:
        write_analysis_frame(data, path, stage, coded)


class _StopCheck:
    """Stands in for a progress stage of the background writer: raises :class:`_Stopped` once told to stop."""

    def __init__(self, stop: threading.Event) -> None:
        self._stop = stop

    def advance(self) -> None:
        if self._stop.is_set():
            raise _Stopped()
