"""The intervention as delivered: routes with the same count and reasons said once (session 33 tester: "Infusion 2
was given IV to 1801 of 2000 (199 withdrew consent) and IT to 1801 of 2000 (199 withdrew consent)")."""

from __future__ import annotations

import alsreport
from alsreport.present.prose.delivery import delivery_sentence
from analysis_helpers import discontinue, edited_example


def test_routes_with_the_same_count_and_reasons_are_said_once(tmp_path):
    # P15 withdraws after infusion 1: both routes of infusion 2 miss them alone; infusion 3 also misses an IT dose
    # (lumbar puncture unsuccessful), so its routes differ and stay apart
    study = edited_example(tmp_path / "s", lambda t: discontinue(t, after_infusion=1, gone_visits=("M2", "M3")))
    text = delivery_sentence(alsreport.analyze(alsreport.load_study(study)))
    assert text == ("All planned doses of infusion 1 were given (IV and IT, 15 participants). Infusion 2 was given IV "
                    "and IT to 14 of 15 (1 withdrew consent). Infusion 3 was given IV to 14 of 15 (1 withdrew consent) "
                    "and IT to 13 of 15 (1 lumbar puncture unsuccessful; 1 withdrew consent).")


def test_the_doses_not_given_count_the_participants_behind_each_reason(tmp_path):
    """Session 33 reader: "199 intravenous doses and 199 intrathecal doses were not given (398 withdrew consent)";
    session 36 reviewer: "(2 withdrew consent; 1 lumbar puncture unsuccessful)" after 9 doses counted participants."""
    from alsreport.present.prose.delivery import doses_reference

    study = edited_example(tmp_path / "s", lambda t: discontinue(t, after_infusion=1, gone_visits=("M2", "M3")))
    # P15 misses infusions 2 and 3 by both routes (4 doses), another participant an IT dose of infusion 3
    assert doses_reference(alsreport.analyze(alsreport.load_study(study))) == (
        "Two intravenous doses and three intrathecal doses were not given (withdrew consent: 4 doses in 1 "
        "participant; lumbar puncture unsuccessful: 1 dose), as stated in")
