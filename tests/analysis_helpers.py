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


def withdraw_two(t: dict[str, pd.DataFrame]) -> None:
    """Edit the example's tables (for :func:`edited_example`): P05 and P06 withdraw consent after infusion 1 (session
    34 readers' withdrawn study; P05 had a probably related headache after infusion 1, P06's pyrexia is linked to
    infusion 2, which P06 then never received)."""
    for pid in ("P05", "P06"):
        discontinue(t, pid, after_infusion=1, gone_visits=("M2", "M3"))


def discontinue(t: dict[str, pd.DataFrame], participant: str = "P15", *, after_infusion: int = 2,
                gone_visits: tuple[str, ...] = ("M3",), reason: str = "Withdrew consent") -> None:
    """Edit the example's tables (for :func:`edited_example`): ``participant`` discontinues after
    infusion ``after_infusion`` (the next one not given, for ``reason``) and has no measurement at
    ``gone_visits``."""
    p = t["participants"]
    p.loc[p["participant_id"] == participant, ["completed", "discontinuation_reason"]] = ["no", reason]
    i = t["infusions"]
    missed = (i["participant_id"] == participant) & (i["infusion_no"].astype(int) > after_infusion)
    i.loc[missed, ["cells_per_kg", "given", "reason_not_given"]] = ["", "no", reason]
    m = t["measurements"]
    t["measurements"] = m[~((m["participant_id"] == participant) & m["visit"].isin(gone_visits))].copy()
