"""alsreport.present.prose.survivorship: who a death or a discontinuation left out of the paired analyses, in the
Methods and the Limitations (reader 11b's item 1: the participant who died was left out of the primary analysis
silently, called "discontinued before Month 12" where the follow-up box said "Died")."""

from __future__ import annotations

import pytest

from analysis_helpers import discontinue, edited_example
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

from alsreport.analysis.run import analyze
from alsreport.present.prose import ReportText
from alsreport.study.loading import load_study


@pytest.fixture(scope="module")
def died(tmp_path_factory) -> ReportText:
    """The six-visit study of the reader: P05 died 5 days after infusion 3 (Month 2), no data later."""
    study = write_variant(tmp_path_factory.mktemp("died") / "s", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5,
                                                                          missed_visit=("P03", "M2")))
    return ReportText(analyze(load_study(study)))


def test_a_death_that_left_someone_out_is_stated_in_the_methods_and_the_limitations(died) -> None:
    assert ("Participants who died before the later visit of a comparison have no value there, so each paired "
            "comparison describes the participants alive and with a sample at both of its visits (complete "
            "cases).") in died.statistical_methods
    # said once, in the sentence before (session 30 reviewer: "; no value was imputed for them" said it again)
    assert died.statistical_methods.count("imputed") == 1 and "missing values were not imputed" in \
        died.statistical_methods
    assert ("One participant died before Month 12 and is not in the primary analysis: the change is estimated in "
            "those alive at the later visit and may be biased if those who died would have changed differently "
            "(survivorship bias).") in died.limitations
    assert "Month 12 vs Month 0); 1 was not (died before Month 12)." in died.participant_flow


def test_a_withdrawal_is_a_discontinuation_not_a_death(tmp_path) -> None:
    study = load_study(edited_example(tmp_path / "s", lambda t: discontinue(t, "P15")))
    text = ReportText(analyze(study))
    assert ("Participants who discontinued before the later visit of a comparison have no value there, so each "
            "paired comparison describes the participants still in the study and with a sample at both of its visits") in text.statistical_methods
    assert ("One participant discontinued before Month 3 and is not in the primary analysis: the change is "
            "estimated in those still in the study at the later visit and may be biased if those who discontinued "
            "would have changed differently (attrition bias).") in text.limitations
    assert "died" not in text.statistical_methods + text.limitations


def test_nothing_is_said_when_nobody_stopped_the_study(tmp_path) -> None:
    text = ReportText(analyze(load_study(write_variant(tmp_path / "s", Variant()))))
    assert "complete cases" not in text.statistical_methods
    assert "survivorship" not in text.limitations and "attrition" not in text.limitations
