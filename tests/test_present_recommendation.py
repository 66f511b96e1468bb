"""The ethics report's recommendation boxes follow ``design:`` (issue #10, words4 item 3: a retrospective
review offered "Suspend enrolment", though nobody is enrolled) and whether its follow-up is over (session 26 example
reader: "Continue the study and its follow-up" for a retrospective study that ended at its data cut-off)."""

from __future__ import annotations

import dataclasses

from analysis_helpers import example_results

from alsreport.present.recommendation import (COMPLETED_CHOICES, PROSPECTIVE_CHOICES, RETROSPECTIVE_CHOICES,
                                              box_labels, recommendation_choices)


def test_a_retrospective_study_whose_follow_up_is_over_is_accepted_or_referred():
    res = example_results()
    assert res.config.retrospective and res.flow.completed == res.flow.enrolled == 15
    choices = recommendation_choices(res)
    assert choices == COMPLETED_CHOICES
    assert not any(w in c.lower() for c in choices for w in ("enrol", "continue", "stop", "review"))


def test_a_retrospective_study_still_following_up_offers_no_enrolment_or_treatment_choice():
    res = example_results()
    ongoing = dataclasses.replace(res, flow=dataclasses.replace(res.flow, completed=10))   # 5 still followed
    choices = recommendation_choices(ongoing)
    assert choices == RETROSPECTIVE_CHOICES
    assert not any("enrol" in c.lower() or "treatment" in c.lower() for c in choices)
    # a board continues or stops the study: "the review" read as the board's own review (reader 12a)
    assert choices[0] == "Continue the study and its follow-up without changes" and choices[-1] == "Stop the study"
    assert not any("review" in c.lower() for c in choices)


def _prospective(res):
    return dataclasses.replace(res, config=res.config.model_copy(
        update={"design": "Prospective, open-label, single-arm study"}))


def test_a_prospective_study_still_following_up_may_suspend_enrolment():
    res = example_results()
    prospective = _prospective(dataclasses.replace(res, flow=dataclasses.replace(res.flow, completed=10)))
    assert not prospective.config.retrospective
    assert recommendation_choices(prospective) == PROSPECTIVE_CHOICES
    assert "Suspend enrolment or treatment pending further review" in recommendation_choices(prospective)


def test_a_prospective_study_whose_follow_up_is_over_is_accepted_or_referred():
    """Session 30 DSMB reader: the six-visit study, whose follow-up had ended, was offered "Suspend enrolment"."""
    prospective = _prospective(example_results())
    assert prospective.flow.completed == prospective.flow.enrolled
    assert recommendation_choices(prospective) == COMPLETED_CHOICES


def test_the_investigators_box_asks_nothing_of_the_investigators():
    """Session 28 reader: the investigators' own box offered "Ask the investigators for further information"."""
    res = example_results()
    assert recommendation_choices(res, investigators=True) == (
        "Accept the safety findings as reported",
        "Accept the safety findings after changes to the analysis or the report (described below)",
        "Refer the safety findings on the intervention to the treating clinicians and the regulator for action")
    assert "Ask the investigators for further information (described below)" in recommendation_choices(res)


def test_the_investigators_weigh_benefit_against_risk_and_a_finished_study_has_no_next_report():
    """Session 30 DSMB reader: no benefit–risk placeholder; "action items for the next report" of a study whose
    follow-up is over."""
    res = example_results()
    assert box_labels(res) == ("Benefit–risk assessment, reasons and changes:",
                               "Reasons, changes and information requested:")
    ongoing = dataclasses.replace(res, flow=dataclasses.replace(res.flow, completed=10))
    assert box_labels(ongoing) == ("Benefit–risk assessment, reasons and changes:",
                                   "Reasons, changes, action items for the next report, and the date of the next "
                                   "review:")


def _dated(res, *, last_enrolled: str, cutoff: str):
    import datetime as dt

    enrolment = dataclasses.replace(res.dsmb.enrolment, first_date="2023-11-01", last_date=last_enrolled)
    return dataclasses.replace(res, dsmb=dataclasses.replace(res.dsmb, enrolment=enrolment),
                               config=res.config.model_copy(update={"data_cutoff": dt.date.fromisoformat(cutoff)}))


def test_a_study_whose_schedule_runs_past_the_cut_off_is_still_going_on():
    """Session 35 DSMB reader #4: rules2 (prospective, enrolled until 1 April 2024, last visit Month 12, cut-off 30 June
    2024) was offered only choices about the report ("Accept the safety findings …"), none about running the study,
    as its disposition columns said everyone had completed or died."""
    from alsreport.present.recommendation import schedule_past_cutoff

    res = example_results()   # the example's last visit is Month 3
    assert res.flow.completed == res.flow.enrolled and res.config.visits[-1].month == 3
    ongoing = _prospective(_dated(res, last_enrolled="2024-04-01", cutoff="2024-06-30"))   # Month 3 due 1 July 2024
    assert schedule_past_cutoff(ongoing)
    assert recommendation_choices(ongoing) == PROSPECTIVE_CHOICES == (
        "Continue the study without changes", "Continue the study with changes (described below)",
        "Suspend enrolment or treatment pending further review",
        # a board may ask before it decides (session 35 second reader: rules2's box had lost this choice)
        "Ask the investigators for further information (described below)", "Stop the study")
    assert "Ask the investigators for further information (described below)" in RETROSPECTIVE_CHOICES
    assert "Ask the investigators" not in " ".join(recommendation_choices(ongoing, investigators=True))
    assert box_labels(ongoing)[1] == ("Reasons, changes, action items for the next report, and the date of the next "
                                      "review:")
    # Month 3 of the last enrolled fell before the cut-off (1 March 2024 + 91 days = 31 May 2024): follow-up over
    over = _prospective(_dated(res, last_enrolled="2024-03-01", cutoff="2024-06-30"))
    assert not schedule_past_cutoff(over) and recommendation_choices(over) == COMPLETED_CHOICES
    # the example (retrospective, no enrolment dates): the choices about the report, as before
    assert res.dsmb.enrolment.last_date is None and recommendation_choices(res) == COMPLETED_CHOICES


def test_the_board_s_box_is_the_dsmb_s_only_when_the_report_is_for_one():
    """Session 35 DSMB reader #21: "Recommendation of the DSMB / ethics committee" in a report titled "for the ethics
    committee" (no DSMB members in study.yml)."""
    from alsreport.present.recommendation import board_box_title, investigators_box_title
    from alsreport.study.config_safety import DsmbMember

    cfg = example_results().config
    assert not cfg.safety.dsmb_members
    # the committee alone decides (session 36 second reader: its box said "Recommendation")
    assert board_box_title(cfg) == ("Decision of the ethics committee (to be completed by the committee, "
                                    "independently of the investigators)")
    assert investigators_box_title(cfg) == ("Investigators' recommendation to the ethics committee (to be completed "
                                            "by the investigators)")
    board = cfg.model_copy(update={"safety": cfg.safety.model_copy(update={"dsmb_members": [
        DsmbMember(name="Prof Cora Chair", role="Chair")]})})
    # session 36 DSMB reader: the DSMB recommends, the committee decides: a box each; the investigators write to both
    assert board_box_title(board) == ("Recommendation of the DSMB (to be completed by the DSMB, independently of the "
                                      "investigators)")
    assert investigators_box_title(board) == ("Investigators' recommendation to the DSMB and the ethics committee (to "
                                              "be completed by the investigators)")


def test_the_committee_decides_on_its_favourable_opinion_while_the_study_goes_on():
    """Session 36 DSMB reader: one box for "the DSMB / ethics committee" could not record a DSMB's recommendation and
    a different decision of the committee; the committee's box offers its own decisions."""
    from alsreport.present.recommendation import COMPLETED_DECISIONS, ONGOING_DECISIONS, committee_decisions

    res = example_results()   # follow-up over at its cut-off: the findings noted or questioned
    assert committee_decisions(res) == COMPLETED_DECISIONS
    assert committee_decisions(res)[0] == "Note the safety findings and the DSMB's recommendation"
    going = dataclasses.replace(res, flow=dataclasses.replace(res.flow, completed=res.flow.completed - 3))   # 3 still followed
    assert committee_decisions(going) == ONGOING_DECISIONS
    assert "Suspend the favourable opinion" in committee_decisions(going)
