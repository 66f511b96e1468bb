"""The ethics report's recommendation boxes follow ``design:`` (issue #10, words4 item 3: a retrospective
review offered "Suspend enrolment", though nobody is enrolled)."""

from __future__ import annotations

from analysis_helpers import example_results

from alsreport.present.recommendation import PROSPECTIVE_CHOICES, RETROSPECTIVE_CHOICES, recommendation_choices


def test_a_retrospective_review_offers_no_enrolment_or_treatment_choice():
    cfg = example_results().config
    assert cfg.retrospective
    choices = recommendation_choices(cfg)
    assert choices == RETROSPECTIVE_CHOICES
    assert not any("enrol" in c.lower() or "treatment" in c.lower() for c in choices)
    # a board continues or stops the study: "the review" read as the board's own review (reader 12a)
    assert choices[0] == "Continue the study and its follow-up without changes" and choices[-1] == "Stop the study"
    assert not any("review" in c.lower() for c in choices)


def test_a_prospective_study_may_suspend_enrolment():
    cfg = example_results().config.model_copy(update={"design": "Prospective, open-label, single-arm study"})
    assert not cfg.retrospective
    assert recommendation_choices(cfg) == PROSPECTIVE_CHOICES
    assert "Suspend enrolment or treatment pending further review" in recommendation_choices(cfg)
