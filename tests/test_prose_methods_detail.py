"""alsreport/present/prose/methods_detail.py: what the authors are asked to add about the cell product (§2.4)."""

from __future__ import annotations

import dataclasses

from analysis_helpers import example_results


def _with(res, **fields):
    return dataclasses.replace(res, config=res.config.model_copy(update=fields))


def _plain(markdown: str) -> str:
    return markdown.replace("\\", "")


def test_the_authors_are_asked_about_a_bone_marrow_harvest_only_where_the_study_names_the_marrow():
    """Session 32 reviewer: the six-visit study's "autologous mesenchymal stem cells" were asked about "how the bone
    marrow was harvested", a source the text never named."""
    from alsreport.present.prose.methods_detail import intervention_detail

    res = example_results()      # "autologous bone-marrow-derived mesenchymal stem cells"
    assert "how the bone marrow was harvested (and when, relative to the first infusion)" in intervention_detail(res)
    other = _with(res, intervention="Autologous mesenchymal stem cells.", description="Cell therapy in ALS.")
    assert _plain(intervention_detail(other)) == (
        "*To be added by the authors:* the source of the cells and how they were obtained (and when, relative to the "
        "first infusion), how the cells were isolated and expanded (passages, viability and release criteria), and "
        "how each dose was prepared and infused.")
