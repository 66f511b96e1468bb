"""Validation of a study folder: every problem at once, each located and explained.

:func:`validate_study` reads the folder (:mod:`alsreport.study.reading`) and checks it
against the data contract (:mod:`alsreport.study.contract`) and ``study.yml``
(:mod:`alsreport.study.config`). Each :class:`Problem` names the file, the spreadsheet
row, the column and the value, and says what was expected. Problems of one kind
in one column are listed up to :data:`LIMIT` times; the last one listed counts
the rest (``more``).

Modules:

* :mod:`~.problems` — the report model (:class:`Problem`, :class:`ValidationReport`) and the
  collector that caps repeated problems;
* :mod:`~.table` — :class:`CheckedTable`, a table as the checks (and the loader) see it;
* :mod:`~.context` — the study under validation and the facts several rules share;
* one rules module per input: :mod:`~.study_yml`, :mod:`~.columns` (what the contract says of
  every column of every table), :mod:`~.participants`, :mod:`~.infusions`,
  :mod:`~.measurements`, :mod:`~.plausibility` (values one sample cannot hold), :mod:`~.adverse_events`, and
  :mod:`~.cross_table`;
* :mod:`~.run` — runs the rules in order: :func:`check_study`, :func:`check_read`, :func:`validate_study`.

The checks are vectorised: masks are computed per column (per distinct value
for the categorical text columns), and :class:`Problem` objects are built only
for offending rows.
"""

from __future__ import annotations

from alsreport.study.validation.problems import LIMIT, Problem, Severity, StudySummary, ValidationReport
from alsreport.study.validation.run import CheckedStudy, check_read, check_study, validate_study
from alsreport.study.validation.table import CheckedTable

__all__ = [
    "LIMIT",
    "Severity",
    "Problem",
    "StudySummary",
    "ValidationReport",
    "CheckedTable",
    "CheckedStudy",
    "check_read",
    "check_study",
    "validate_study",
]
