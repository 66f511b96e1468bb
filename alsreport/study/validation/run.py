"""Running every rule over a study folder, in a fixed order, and sorting the problems by file and row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from alsreport.study.config import StudyConfig
from alsreport.study.contract import TABLES
from alsreport.study.reading import CONFIG_FILE, RawStudy, read_study
from alsreport.study.validation.adverse_events import check_adverse_events
from alsreport.study.validation.chronology import check_chronology
from alsreport.study.validation.columns import check_table
from alsreport.study.validation.context import Context
from alsreport.study.validation.cross_table import (
    check_csf_without_puncture,
    check_event_infusions,
    check_measured_after_discontinuation,
    check_puncture_event_without_puncture,
    check_references,
)
from alsreport.study.validation.infusions import check_infusions
from alsreport.study.validation.measurements import check_measurements, series_count
from alsreport.study.validation.participants import check_participants
from alsreport.study.validation.constant_values import check_constant_values
from alsreport.study.validation.copied_series import check_copied_series
from alsreport.study.validation.plausibility import check_csf_albumin_protein
from alsreport.study.validation.prior_report import check_prior_report
from alsreport.study.validation.reporting_files import check_reporting_files
from alsreport.study.validation.problems import Problem, StudySummary, ValidationReport
from alsreport.study.validation.study_yml import check_config
from alsreport.study.validation.table import CheckedTable

__all__ = ["CheckedStudy", "check_read", "check_study", "validate_study"]


@dataclass(frozen=True)
class CheckedStudy:
    """The outcome of :func:`check_study`: the report plus what was read, for the loader."""

    report: ValidationReport
    raw: RawStudy
    config: StudyConfig | None
    tables: dict[str, CheckedTable] = field(default_factory=dict)


def _run(ctx: Context) -> None:
    for err in ctx.raw.errors:
        ctx.out.add("error", err.file, err.message, row=err.row, column=err.column, value=err.value,
                    code="unreadable")
    if ctx.raw.config is not None:
        ctx.config = check_config(ctx.raw.config, ctx.out)
    check_reporting_files(ctx)
    for name, table in ctx.raw.tables.items():
        view = CheckedTable(table, TABLES[name])
        ctx.tables[name] = view
        check_table(ctx, view)
    check_participants(ctx)
    check_references(ctx)
    check_infusions(ctx)
    check_measurements(ctx)
    check_csf_albumin_protein(ctx)
    check_constant_values(ctx)
    check_copied_series(ctx)
    check_prior_report(ctx)
    check_measured_after_discontinuation(ctx)
    check_csf_without_puncture(ctx)
    check_adverse_events(ctx)
    check_event_infusions(ctx)
    check_puncture_event_without_puncture(ctx)
    check_chronology(ctx)


def _summary(ctx: Context) -> StudySummary | None:
    people = ctx.people
    view = ctx.table("measurements", "analyte", "compartment")
    if people is None or view is None or ctx.config is None:
        return None
    return StudySummary(assessed=len(people.everyone), enrolled=len(people.enrolled), visits=len(ctx.config.visits),
                        series=series_count(view), measurements=len(view))


_FILE_ORDER = {CONFIG_FILE: 0, **{t.filename: i + 2 for i, t in enumerate(TABLES.values())}}


def _file_rank(file: str) -> tuple[int, str]:
    if file in _FILE_ORDER:
        return _FILE_ORDER[file], file
    m = re.fullmatch(r"\[(.+)\](\w+)", file)
    if m and f"{m.group(2)}.csv" in _FILE_ORDER:
        return _FILE_ORDER[f"{m.group(2)}.csv"], file
    return 1, file


def _sorted(problems: list[Problem]) -> tuple[Problem, ...]:
    """By file (study.yml, then the tables in contract order) and row; stable within a row."""
    return tuple(sorted(problems, key=lambda p: (_file_rank(p.file), p.row or 0)))


def check_study(path: Path | str) -> CheckedStudy:
    """Read and check a study folder; the loader builds the Study from the result."""
    return check_read(read_study(path), path)


def check_read(raw: RawStudy, path: Path | str) -> CheckedStudy:
    """Check what :func:`~alsreport.study.reading.read_study` read from the study folder ``path``."""
    ctx = Context(raw)
    _run(ctx)
    report = ValidationReport(path=str(path), problems=_sorted(ctx.out.items), summary=_summary(ctx))
    return CheckedStudy(report=report, raw=ctx.raw, config=ctx.config, tables=ctx.tables)


def validate_study(path: Path | str) -> ValidationReport:
    """Check a study folder and return every problem found (never raises for bad input)."""
    return check_study(path).report
