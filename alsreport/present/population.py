"""The word for the study population: a retrospective study *includes* people from records (nobody was
enrolled), a prospective one *enrols* them (issue #10, "Wording")."""

from __future__ import annotations

from alsreport.study.config import StudyConfig

__all__ = ["enrolled_word", "enrolment_word"]


def enrolled_word(config: StudyConfig, *, capital: bool = False) -> str:
    """``included`` for a retrospective study, else ``enrolled`` (``Included`` / ``Enrolled`` with ``capital``)."""
    word = "included" if config.retrospective else "enrolled"
    return word.capitalize() if capital else word


def enrolment_word(config: StudyConfig) -> str:
    """The CONSORT diagram's first phase: ``Inclusion`` (retrospective) or ``Enrolment``."""
    return "Inclusion" if config.retrospective else "Enrolment"
