"""Doses as protocol deviations (alsreport/analysis/summaries/dsmb.py): the infusions after a participant stopped the
study are not deviations, as the samples scheduled after it are not (session 34 DSMB reader: the withdrawn study's
"4 missed doses" were the two withdrawn participants' infusions 2 and 3)."""

from __future__ import annotations

import alsreport
from analysis_helpers import discontinue, edited_example


def _doses(results) -> list[tuple[str, str, str]]:
    return sorted((d.participant_id, d.kind, d.where) for d in results.dsmb.deviations
                  if d.kind in ("missed dose", "partial dose"))


def test_infusions_after_stopping_are_not_missed_doses(tmp_path, example_analysis) -> None:
    # the example: P09's IT dose of infusion 3 not given (lumbar puncture unsuccessful), a partial dose
    assert _doses(example_analysis) == [("P09", "partial dose", "infusion 3 (M2)")]
    stopped = alsreport.analyze(alsreport.load_study(edited_example(
        tmp_path / "s", lambda t: discontinue(t, "P05", after_infusion=1, gone_visits=("M2", "M3")))))
    assert _doses(stopped) == [("P09", "partial dose", "infusion 3 (M2)")]


def test_a_dose_missed_by_one_who_went_on_is_a_deviation(tmp_path) -> None:
    def skip_infusion_2(t):   # P05 misses infusion 2 by both routes, then has infusion 3 and completes
        i = t["infusions"]
        row = (i["participant_id"] == "P05") & (i["infusion_no"] == "2")
        i.loc[row, ["cells_per_kg", "given", "reason_not_given"]] = ["", "no", "Intercurrent infection"]

    results = alsreport.analyze(alsreport.load_study(edited_example(tmp_path / "s", skip_infusion_2)))
    assert _doses(results) == [("P05", "missed dose", "infusion 2 (M1)"), ("P09", "partial dose", "infusion 3 (M2)")]
