"""Writing a :class:`~alsreport.results.model.Results` to disk: results.json, three CSV files and two dictionaries.

Files (in ``out_dir``):

``results.json``
    Everything (:meth:`Results.to_dict`): schema version, configuration, series,
    comparisons, descriptives, baseline, exposure, flow, safety, shifts,
    out-of-range values, provenance, warnings. Keys in the results model's field
    order (mappings such as input hashes sorted), floats as Python's shortest
    round-trip ``repr``, NaN as ``null``, UTF-8, two-space indent.
``comparisons.csv`` / ``descriptives.csv``
    One row per :class:`Comparison` / :class:`Descriptive`, columns
    :data:`~alsreport.results.model.COMPARISON_COLUMNS` / :data:`~alsreport.results.model.DESCRIPTIVE_COLUMNS`.
``comparisons-columns.csv`` / ``descriptives-columns.csv``
    Their data dictionaries (:mod:`alsreport.results.data_dictionary`): each column's type and meaning, from the
    definitions the CSV writer takes its columns from, and the codes the file holds (CSV output only).
``analysis_data.csv``
    The analysed values (:data:`alsreport.results.model.ANALYSIS_COLUMNS`).

CSV cells: floats as ``repr`` (shortest text that reads back to the same double,
so comparisons with R hold to the last bit), ``Inf``/``-Inf`` for infinities, empty
for NaN/None, booleans ``true``/``false``, LF line ends, quotes only where needed.
The same results give byte-identical files. The CSV files are written column-wise
(:mod:`alsreport.results.csv_columns`: each distinct value formatted once, lines joined
by Arrow), byte for byte what :func:`csv_text` writes cell by cell.
Text a spreadsheet would evaluate as a formula (``=HYPERLINK(…)``, ``+cmd|…``,
``@SUM(…)``) gets a leading ``'`` (:func:`alsreport.results.cells.neutralise`).

Writing is atomic as a set: every file is first written into a temporary folder
beside ``out_dir``, and only when all of them were produced does that folder take
the place of ``out_dir`` in one step (:func:`alsreport.results.swap.swap_in`). A
failure leaves an earlier output untouched and removes the temporary folder.
"""

from __future__ import annotations

import csv
import io
import math
import shutil
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alsreport.progress import Progress, Stage, quiet
from alsreport.results.csv_columns import Coded, n_blocks, write_frame_csv
from alsreport.results.data_dictionary import comparisons_dictionary_csv, descriptives_dictionary_csv
from alsreport.results.json_text import dumps_indented
from alsreport.results.cells import neutralise
from alsreport.results.model import ANALYSIS_COLUMNS, COMPARISON_COLUMNS, DESCRIPTIVE_COLUMNS, Results

__all__ = [
    "OUTPUT_FILES",
    "format_cell",
    "csv_text",
    "results_json",
    "write_results",
]

#: Files written by :func:`write_results`, in this order.
OUTPUT_FILES = ("results.json", "comparisons.csv", "comparisons-columns.csv", "descriptives.csv",
                "descriptives-columns.csv", "analysis_data.csv")
#: The files written a block of rows at a time (a progress step per block).
_BLOCK_FILES = ("comparisons.csv", "descriptives.csv", "analysis_data.csv")


def format_cell(value: Any) -> str:
    """One CSV cell (see the module docstring)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if math.isnan(x):
            return ""
        if math.isinf(x):
            return "Inf" if x > 0 else "-Inf"
        return repr(x)
    return str(neutralise(str(value)))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text: a header line, then one line per row of values formatted by :func:`format_cell`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([format_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def results_json(results: Results) -> str:
    """The text of results.json."""
    return dumps_indented(results.to_dict(columnar=True)) + "\n"


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def write_json(results: Results, path: Path) -> None:
    _write(path, results_json(results))


def _object_frame(records: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Records as object columns: values stay the Python objects :func:`format_cell` would see."""
    out = {}
    for k in columns:
        col = np.empty(len(records), dtype=object)
        col[:] = [r[k] for r in records]
        out[k] = col
    return pd.DataFrame(out, columns=list(columns))


def _write_frame(frame: pd.DataFrame, columns: Sequence[str], path: Path, stage: Stage | None,
                 coded: Mapping[str, Coded] | None = None) -> None:
    with open(path, "wb") as fh:
        write_frame_csv(frame, columns, fh, format_cell, None if stage is None else stage.advance, coded)


def write_comparisons(results: Results, path: Path, stage: Stage | None = None) -> None:
    records = [c.to_record() for c in results.comparisons]
    _write_frame(_object_frame(records, COMPARISON_COLUMNS), COMPARISON_COLUMNS, path, stage)


def write_descriptives(results: Results, path: Path, stage: Stage | None = None) -> None:
    records = [d.to_record() for d in results.descriptives]
    _write_frame(_object_frame(records, DESCRIPTIVE_COLUMNS), DESCRIPTIVE_COLUMNS, path, stage)


def write_comparisons_dictionary(results: Results, path: Path) -> None:
    _write(path, comparisons_dictionary_csv(results))


def write_descriptives_dictionary(results: Results, path: Path) -> None:
    _write(path, descriptives_dictionary_csv(results))


def analysis_columns(data: pd.DataFrame) -> list[str]:
    """The columns of analysis_data.csv / .parquet: :data:`ANALYSIS_COLUMNS` first, then any others."""
    return [c for c in ANALYSIS_COLUMNS if c in data.columns] + [c for c in data.columns if c not in ANALYSIS_COLUMNS]


def write_analysis_frame(data: pd.DataFrame, path: Path, stage: Stage | None = None,
                         coded: Mapping[str, Coded] | None = None) -> None:
    """analysis_data.csv from the analysis dataset itself (it exists before the statistics do); ``coded``:
    text columns given as codes and values (see :func:`alsreport.results.csv_columns.write_frame_csv`)."""
    _write_frame(data, analysis_columns(data), path, stage, coded)


def write_analysis_data(results: Results, path: Path, stage: Stage | None = None) -> None:
    write_analysis_frame(results.analysis_data, path, stage)


def _steps(results: Results, fmt: str) -> int:
    """Progress steps of :func:`write_results`: one per file, plus a block count per CSV file."""
    if fmt != "csv":
        return 4
    return 3 + sum(n_blocks(n) for n in (len(results.comparisons), len(results.descriptives),
                                         len(results.analysis_data)))


def _writers(fmt: str) -> dict[str, Callable[..., None]]:
    if fmt == "parquet":
        from alsreport.results import parquet_writer as pq

        return {"results.json": write_json, "comparisons.parquet": pq.write_comparisons_parquet,
                "descriptives.parquet": pq.write_descriptives_parquet,
                "analysis_data.parquet": pq.write_analysis_data_parquet}
    if fmt != "csv":
        raise ValueError(f"results format must be csv or parquet, got {fmt!r}")
    return {"results.json": write_json, "comparisons.csv": write_comparisons,
            "comparisons-columns.csv": write_comparisons_dictionary, "descriptives.csv": write_descriptives,
            "descriptives-columns.csv": write_descriptives_dictionary, "analysis_data.csv": write_analysis_data}


def write_results(results: Results, out_dir: Path | str, fmt: str = "csv",
                  progress: Progress | None = None) -> list[Path]:
    """Write :data:`OUTPUT_FILES` into ``out_dir`` (created if needed), all or nothing; return their paths.

    ``fmt="parquet"`` writes the three tables as Parquet instead of CSV
    (:mod:`alsreport.results.parquet_writer`); results.json is always written.
    """
    from alsreport.results.staged import StagedResults

    with StagedResults(out_dir, fmt) as staged:
        return staged.finish(results, progress)


def temporary_folder(out_dir: Path) -> Path:
    """A new empty folder beside ``out_dir`` (same file system) for a set of results to be swapped in.

    Made by ``mkdir``, so with the permissions any new folder gets (the umask's): it becomes the output folder, and
    ``tempfile.mkdtemp``'s private 0700 made ``analyze --out`` folders unreadable to the group where ``render --out``
    folders were not (session 33 new user)."""
    parent = out_dir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        folder = parent / f".{out_dir.name}.{secrets.token_hex(6)}.tmp"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(f"no free temporary folder name beside {out_dir}")


def write_files(results: Results, folder: Path, fmt: str, progress: Progress | None = None,
                skip: Sequence[str] = ()) -> list[str]:
    """Write the result files but ``skip`` into ``folder`` (stage ``write results``); return all their names."""
    writers = _writers(fmt)
    progress = quiet() if progress is None else progress
    total = _steps(results, fmt) - sum(_file_steps(results, name) for name in skip)
    with progress.stage("write results", total=total) as stage:
        for name, write in writers.items():
            if name in skip:
                continue
            if name in _BLOCK_FILES:  # a step per block of rows
                write(results, folder / name, stage)
            else:
                write(results, folder / name)
                stage.advance()
    return list(writers)


def _file_steps(results: Results, name: str) -> int:
    """Progress steps of one file in :func:`_steps`."""
    return n_blocks(len(results.analysis_data)) if name == "analysis_data.csv" else 1


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
