"""Helpers for the analysis/summaries/output tests: the example study, loaded once, and edited copies."""

from __future__ import annotations

import dataclasses
import functools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from alsreport.analysis.run import analyze
from alsreport.study.loading import load_study
from alsreport.study.example import example_study_path
from alsreport.results.model import Results
from alsreport.study.model import Study

EXAMPLE = example_study_path()
TABLE_NAMES = ("participants", "infusions", "measurements", "adverse_events")


@functools.cache
def example_study() -> Study:
    """The bundled example, validated and loaded (shared: do not mutate its frames)."""
    return load_study(EXAMPLE)


@functools.cache
def example_results() -> Results:
    """The bundled example, analysed once per test session (every test module shares this one;
    results are frozen, so sharing is safe)."""
    return analyze(example_study())


def with_options(study: Study, **options: Any) -> Study:
    """``study`` with ``analysis`` options replaced (e.g. ``below_lod="lod"``)."""
    analysis = study.config.analysis.model_copy(update=options)
    return dataclasses.replace(study, config=study.config.model_copy(update={"analysis": analysis}))


def edited_example(folder: Path, edit: Callable[[dict[str, pd.DataFrame]], None]) -> Path:
    """Copy the example into ``folder`` and let ``edit`` change its tables (text cells) in place."""
    shutil.copytree(EXAMPLE, folder)
    tables = {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False) for name in TABLE_NAMES}
    edit(tables)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    return folder
