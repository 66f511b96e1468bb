"""Results as Parquet (``alsreport analyze --format parquet``): the three tables typed, for large studies.

``comparisons.parquet``, ``descriptives.parquet`` and ``analysis_data.parquet`` hold the
same columns as the CSV files, as typed columns (floats at full precision, NaN as
null where pandas writes it so, booleans, integers), written by pyarrow with its
defaults (Snappy compression). They are read back with ``pandas.read_parquet``, R's
``arrow::read_parquet`` or DuckDB (``SELECT * FROM 'analysis_data.parquet'``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from alsreport.results.model import ANALYSIS_COLUMNS, Results

__all__ = ["PARQUET_FILES", "write_comparisons_parquet", "write_descriptives_parquet",
           "write_analysis_data_parquet", "write_analysis_frame_parquet"]

#: Tables written by ``write_results(..., fmt="parquet")`` besides results.json.
PARQUET_FILES = ("comparisons.parquet", "descriptives.parquet", "analysis_data.parquet")


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False, engine="pyarrow")


def write_comparisons_parquet(results: Results, path: Path) -> None:
    _write(results.comparisons_frame(), path)


def write_descriptives_parquet(results: Results, path: Path) -> None:
    _write(results.descriptives_frame(), path)


def write_analysis_frame_parquet(data: pd.DataFrame, path: Path) -> None:
    """analysis_data.parquet from the analysis dataset itself (it exists before the statistics do)."""
    columns = [c for c in ANALYSIS_COLUMNS if c in data.columns] + [c for c in data.columns if c not in ANALYSIS_COLUMNS]
    _write(data[columns], path)


def write_analysis_data_parquet(results: Results, path: Path) -> None:
    write_analysis_frame_parquet(results.analysis_data, path)
