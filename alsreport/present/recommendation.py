"""The choices of the ethics report's recommendation boxes (investigators', then the DSMB's), by design.

A prospective study is still enrolling and treating, so a board may suspend enrolment or treatment. A
retrospective study enrols and treats nobody (the treatment was given in routine care before the study):
the choices are what a board reviewing it can decide, on its follow-up, its analysis and its safety findings.

A board recommends continuing or stopping the *study* (or the intervention); "the review" read as the board's own
safety review ("Continue the review", "Stop the review": reader 12a), so no choice calls the study a review.
"""

from __future__ import annotations

from alsreport.study.config import StudyConfig

__all__ = ["recommendation_choices", "PROSPECTIVE_CHOICES", "RETROSPECTIVE_CHOICES"]

PROSPECTIVE_CHOICES = (
    "Continue the study without changes",
    "Continue the study with changes (described below)",
    "Suspend enrolment or treatment pending further review",
    "Stop the study",
)

RETROSPECTIVE_CHOICES = (
    "Continue the study and its follow-up without changes",
    "Continue the study with changes to the analysis or the data collection (described below)",
    "Refer the safety findings on the intervention to the treating clinicians and the regulator for action",
    "Stop the study",
)


def recommendation_choices(config: StudyConfig) -> tuple[str, ...]:
    """The boxes a recommendation offers: :data:`RETROSPECTIVE_CHOICES` for a retrospective design, else
    :data:`PROSPECTIVE_CHOICES`."""
    return RETROSPECTIVE_CHOICES if config.retrospective else PROSPECTIVE_CHOICES
