"""Exceptions meant for people: the CLI prints their message, never a traceback.

This module imports nothing from alsreport, so every stage may raise these."""

from __future__ import annotations

from typing import Protocol

__all__ = ["AlsreportError", "StudyInvalid"]


class _Report(Protocol):
    """What :class:`StudyInvalid` needs of a validation report (``alsreport.study.validation.ValidationReport``)."""

    def format(self) -> str: ...


class AlsreportError(Exception):
    """An error whose message tells the user what went wrong and what was expected."""


class StudyInvalid(AlsreportError):
    """The study folder did not pass validation; ``report`` lists every problem."""

    def __init__(self, report: _Report) -> None:
        self.report = report
        super().__init__(report.format())
