"""Exceptions meant for people: the CLI prints their message, never a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .validation import ValidationReport

__all__ = ["AlsreportError", "StudyInvalid"]


class AlsreportError(Exception):
    """An error whose message tells the user what went wrong and what was expected."""


class StudyInvalid(AlsreportError):
    """The study folder did not pass validation; ``report`` lists every problem."""

    def __init__(self, report: "ValidationReport") -> None:
        self.report = report
        super().__init__(report.format())
