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
