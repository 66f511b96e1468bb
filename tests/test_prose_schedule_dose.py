"""The Methods' intervention paragraph states the planned dose whenever the abstract does, from one source
(``alsreport.present.prose.schedule.planned_dose``; reader 7's item 7, #10: the six-visit study's abstract gave
"1 × 10⁶ cells/kg body weight per infusion" and its §2.4 no dose)."""

from __future__ import annotations

import dataclasses

from alsreport.present.prose.methods import intervention_text
from alsreport.present.prose.schedule import abstract_schedule, planned_dose


def _with(res, **update):
    return dataclasses.replace(res, config=res.config.model_copy(update=update))


def test_a_short_intervention_text_gets_the_dose_in_the_abstract_and_the_methods(example_analysis) -> None:
    res = _with(example_analysis, intervention="Autologous mesenchymal stem cells.")
    # the dose per route, as the exposure table shows it (reader 12b item 9: "1 × 10⁶ … per infusion" beside
    # 0.50 × 10⁶ per route in Table 5 read as 1 × 10⁶ by each route)
    # each part with its unit (session 25 reader)
    dose = "1\u00a0×\u00a010⁶ cells/kg body weight per infusion, split 0.5\u00a0×\u00a010⁶ cells/kg IV and 0.5\u00a0×\u00a010⁶ cells/kg IT"
    assert planned_dose(res) == dose
    assert abstract_schedule(res).endswith(f"intravenously (IV) and intrathecally (IT), {dose}.")
    methods = intervention_text(res)
    assert methods.startswith("Participants received autologous mesenchymal stem cells\\. Schedule: ")
    assert methods.endswith(f"(IV and IT). The planned dose was {dose}.")   # after the schedule names the routes


def test_one_route_has_no_split_and_doses_that_do_not_add_up_are_not_split(tmp_path) -> None:
    from manuscript_studies import Variant, write_variant

    from alsreport import analyze, load_study
    from alsreport.present.prose.schedule import route_doses

    iv = analyze(load_study(write_variant(tmp_path / "iv", Variant(routes=("IV",)))))
    assert route_doses(iv) == {} and planned_dose(iv) == "1\u00a0×\u00a010⁶ cells/kg body weight per infusion"
    both = analyze(load_study(write_variant(tmp_path / "both", Variant())))
    assert route_doses(both) == {"IV": 500000.0, "IT": 500000.0}
    assert route_doses(_with(both, dose_cells_per_kg=2_000_000)) == {}   # 0.5 + 0.5 is not the whole dose


def test_the_examples_own_words_carry_the_dose_once(example_analysis) -> None:
    assert abstract_schedule(example_analysis) == ""   # its intervention text names the infusions and the dose
    methods = intervention_text(example_analysis)
    assert methods.count("cells/kg body weight per infusion") == 1 and "The planned dose" not in methods


def test_no_dose_without_dose_cells_per_kg(example_analysis) -> None:
    res = _with(example_analysis, intervention="Autologous mesenchymal stem cells.", dose_cells_per_kg=None)
    assert planned_dose(res) == "" and "cells/kg" not in intervention_text(res) + abstract_schedule(res)
