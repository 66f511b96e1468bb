"""The safety report's §2.1 (alsreport/present/prose/synopsis.py): the synopsis first, or the design and intervention
first with a request for it (session 30 DSMB reader)."""

from __future__ import annotations

import dataclasses

from analysis_helpers import example_results

from alsreport.present.prose.synopsis import SYNOPSIS_REQUEST, synopsis_blocks


def _with(res, **fields):
    config = res.config.model_copy(update=fields)
    return dataclasses.replace(res, config=config)


def _plain(markdown: str) -> str:
    return markdown.replace("\\", "")


def test_the_example_description_leads_and_its_design_is_not_said_again():
    res = example_results()
    blocks = synopsis_blocks(res)
    # study.yml: the description opens "Retrospective, open-label, single-arm study of …", its design's words
    assert _plain(blocks.lead).startswith("Retrospective, open-label, single-arm study of repeated autologous")
    assert _plain(blocks.after_schema).startswith("**Intervention.** Three monthly infusions of autologous")
    assert "**Design.**" not in blocks.after_schema
    # the intervention text names its infusions: no schedule from the data after it
    assert "The intervention was given as" not in blocks.after_schema


def test_a_synopsis_of_its_own_leads_and_the_design_follows_the_schema():
    res = example_results()
    res = _with(res, safety=res.config.safety.model_copy(update={"protocol_synopsis": "Open-label pilot of MSC."}))
    blocks = synopsis_blocks(res)
    assert _plain(blocks.lead) == "Open-label pilot of MSC."
    assert _plain(blocks.after_schema).startswith("**Design.** Retrospective, open-label, single-arm study. "
                                                  "**Intervention.** Three monthly infusions")


def test_without_synopsis_or_description_design_and_intervention_lead_and_the_synopsis_is_asked_for():
    res = _with(example_results(), description=None, intervention="Autologous mesenchymal stem cells.")
    blocks = synopsis_blocks(res)
    assert blocks.after_schema == ""
    design, request = blocks.lead.split("\n\n")
    assert request == SYNOPSIS_REQUEST
    # the example's infusions.csv: three infusions at Months 0, 1, 2, by both routes, 1 × 10⁶ cells/kg
    assert _plain(design).startswith("**Design.** Retrospective, open-label, single-arm study. **Intervention.** "
                                     "Autologous mesenchymal stem cells. The intervention was given as three "
                                     "infusions, at Months 0, 1, and 2")
    missing = synopsis_blocks(_with(res, design=None, intervention=None)).lead
    assert missing.startswith("**Design.** Not recorded. **Intervention.** Not recorded")
