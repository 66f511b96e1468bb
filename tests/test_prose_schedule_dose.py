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
    assert planned_dose(res.config) == "1 × 10⁶ cells/kg body weight per infusion"
    assert abstract_schedule(res).endswith(", 1 × 10⁶ cells/kg body weight per infusion.")
    methods = intervention_text(res)
    assert methods.startswith("Participants received autologous mesenchymal stem cells\\. "
                              "The planned dose was 1 × 10⁶ cells/kg body weight per infusion. Schedule: ")


def test_the_examples_own_words_carry_the_dose_once(example_analysis) -> None:
    assert abstract_schedule(example_analysis) == ""   # its intervention text names the infusions and the dose
    methods = intervention_text(example_analysis)
    assert methods.count("cells/kg body weight per infusion") == 1 and "The planned dose" not in methods


def test_no_dose_without_dose_cells_per_kg(example_analysis) -> None:
    res = _with(example_analysis, intervention="Autologous mesenchymal stem cells.", dose_cells_per_kg=None)
    assert planned_dose(res.config) == "" and "cells/kg" not in intervention_text(res) + abstract_schedule(res)
