"""The choices of the ethics report's recommendation boxes (investigators', then the DSMB's), by design.

A prospective study is still enrolling and treating, so a board may suspend enrolment or treatment. A
retrospective study enrols and treats nobody (the treatment was given in routine care before the study):
the choices are what a board reviewing it can decide, on its follow-up, its analysis and its safety findings.

A board recommends continuing or stopping the *study* (or the intervention); "the review" read as the board's own
safety review ("Continue the review", "Stop the review": reader 12a), so no choice calls the study a review.

A study whose follow-up is over (every participant completed or left it, as the example's at its data cut-off) has
nothing left to continue, suspend or stop, whatever its design: the board accepts its safety findings, asks for more,
or refers them (session 26 example reader: "Continue the study and its follow-up" for a study that ended in 2024;
session 30 DSMB reader: a prospective study whose follow-up had ended was offered "Suspend enrolment or treatment").
A study whose last enrolled participant was due at the last visit after the data cut-off is still going on at the
cut-off, and its board decides on running it: continue, continue with changes, suspend, stop (session 35 DSMB reader).
"""

from __future__ import annotations

import datetime as dt

from alsreport.results.model import Results
from alsreport.study.config import StudyConfig
from alsreport.study.contract import DAYS_PER_MONTH

__all__ = ["recommendation_choices", "box_labels", "board_box_title", "committee_decisions", "investigators_box_title",
           "COMMITTEE_DECISION_BOX", "ONGOING_DECISIONS", "COMPLETED_DECISIONS", "PROSPECTIVE_CHOICES", "RETROSPECTIVE_CHOICES",
           "COMPLETED_CHOICES"]

PROSPECTIVE_CHOICES = (
    "Continue the study without changes",
    "Continue the study with changes (described below)",
    "Suspend enrolment or treatment pending further review",
    "Ask the investigators for further information (described below)",
    "Stop the study",
)

RETROSPECTIVE_CHOICES = (
    "Continue the study and its follow-up without changes",
    "Continue the study with changes to the analysis or the data collection (described below)",
    "Refer the safety findings on the intervention to the treating clinicians and the regulator for action",
    "Ask the investigators for further information (described below)",
    "Stop the study",
)


COMPLETED_CHOICES = (
    "Accept the safety findings as reported",
    "Accept the safety findings after changes to the analysis or the report (described below)",
    "Ask the investigators for further information (described below)",
    "Refer the safety findings on the intervention to the treating clinicians and the regulator for action",
)


def follow_up_over(results: Results) -> bool:
    """Every enrolled participant completed the follow-up or left it, and the schedule does not run past the data
    cut-off (:func:`schedule_past_cutoff`)."""
    f = results.flow
    return f.enrolled > 0 and f.completed + f.n_discontinued >= f.enrolled and not schedule_past_cutoff(results)


def schedule_past_cutoff(results: Results) -> bool:
    """The last participant enrolled was due at the last visit after the data cut-off (enrolment date + the visit's
    month × 30.44 days, as the data checks count it): the study was still following people at its cut-off, whatever
    the disposition columns say (session 35 DSMB reader #4: rules2, enrolling until 1 April 2024 with a Month 12
    visit and a cut-off of 30 June 2024, was offered only choices about the report, none about running the study).
    False without the cut-off or the enrolment dates."""
    cutoff = results.config.data_cutoff
    enrolment = results.dsmb.enrolment if results.dsmb is not None else None
    if cutoff is None or enrolment is None or not enrolment.last_date or not results.config.visits:
        return False
    last_month = max(v.month for v in results.config.visits)
    due = dt.date.fromisoformat(enrolment.last_date) + dt.timedelta(days=round(last_month * DAYS_PER_MONTH))
    return due > cutoff


def recommendation_choices(results: Results, *, investigators: bool = False) -> tuple[str, ...]:
    """The boxes a recommendation offers: :data:`COMPLETED_CHOICES` once the follow-up is over, whatever the design;
    before that :data:`PROSPECTIVE_CHOICES` for a prospective design, :data:`RETROSPECTIVE_CHOICES` for a
    retrospective one. The investigators'
    own box (``investigators=True``) leaves out the choices that ask something of the investigators (session 28
    reader: their box offered "Ask the investigators for further information")."""
    if follow_up_over(results):
        choices = COMPLETED_CHOICES
    else:
        choices = RETROSPECTIVE_CHOICES if results.config.retrospective else PROSPECTIVE_CHOICES
    return tuple(c for c in choices if "the investigators" not in c) if investigators else choices


def box_labels(results: Results) -> tuple[str, str]:
    """The write-in labels under the investigators' choices and under the board's.

    The investigators weigh benefit against risk there: the report gives the harms and the manuscript the efficacy,
    and no generated sentence can weigh them (session 30 DSMB reader: no benefit–risk paragraph or placeholder). The
    board lists action items for a next report only while the study goes on; once its follow-up is over there is no
    next report, so it lists the information it asks for."""
    # and when the board reviews the study next (session 35 DSMB reader #4)
    board = ("Reasons, changes and information requested:" if follow_up_over(results)
             else "Reasons, changes, action items for the next report, and the date of the next review:")
    return "Benefit–risk assessment, reasons and changes:", board


def investigators_box_title(cfg: StudyConfig) -> str:
    """The title of the investigators' box, addressed as the report is: to the ethics committee, or to the DSMB and
    the ethics committee when study.yml names DSMB members (session 36 second reader: "to the committee" above the
    DSMB's box and the committee's)."""
    to = "the DSMB and the ethics committee" if cfg.safety.dsmb_members else "the ethics committee"
    return f"Investigators' recommendation to {to} (to be completed by the investigators)"


def board_box_title(cfg: StudyConfig) -> str:
    """The title of the board's box: the DSMB's when study.yml names DSMB members (the report is then for both:
    :func:`~alsreport.present.ethics_cover.document_type`; the committee decides in a box of its own,
    :data:`COMMITTEE_DECISION_BOX`), else the ethics committee's (session 35 DSMB reader #21: "Recommendation of
    the DSMB / ethics committee" in a report "for the ethics committee"; session 36 DSMB reader: one box for two
    bodies, the DSMB recommending and the committee deciding, could not record both)."""
    if cfg.safety.dsmb_members:
        return "Recommendation of the DSMB (to be completed by the DSMB, independently of the investigators)"
    # the committee alone decides (session 36 second reader: "Recommendation" of the body that decides)
    return "Decision of the ethics committee (to be completed by the committee, independently of the investigators)"


#: The ethics committee's box after the DSMB's, in a report for both
COMMITTEE_DECISION_BOX = ("Decision of the ethics committee (to be completed by the committee, after the DSMB's "
                          "recommendation)")

#: What the committee decides on its approval while the study goes on, having read the DSMB's recommendation
ONGOING_DECISIONS = (
    "Continue the favourable opinion",
    "Continue the favourable opinion with conditions (described below)",
    "Ask the investigators for further information (described below)",
    "Suspend the favourable opinion",
)

#: ... and once the follow-up is over: nothing left to approve, the findings noted or questioned
COMPLETED_DECISIONS = (
    "Note the safety findings and the DSMB's recommendation",
    "Ask the investigators for further information (described below)",
)


def committee_decisions(results: Results) -> tuple[str, ...]:
    """The ethics committee's choices beside the DSMB's box: on its favourable opinion while the study goes on,
    else on the findings (:func:`follow_up_over`)."""
    return COMPLETED_DECISIONS if follow_up_over(results) else ONGOING_DECISIONS
