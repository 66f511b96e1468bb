"""The study's description in the Methods, the design said once (issue #10: "description fields of study.yml never
shown"; reader 7: only in the PDF's Subject)."""

from __future__ import annotations

from analysis_helpers import example_results

from alsreport.present.prose import ReportText
from alsreport.present.prose.description import description_repeats_design, design_and_description
from alsreport.study.config import StudyConfig


def _config(**fields) -> StudyConfig:
    return StudyConfig(title="T", visits=[{"code": "M0", "label": "Month 0", "month": 0},
                                          {"code": "M3", "label": "Month 3", "month": 3}],
                       analytes=[{"name": "IL-6", "family": "immunological"}], **fields)


def _plain(markdown: str) -> str:
    return markdown.replace("\\", "")


def test_a_description_opening_with_the_design_replaces_the_design_sentence():
    cfg = _config(design="Prospective, open-label, single-arm study",
                  description="Prospective, open-label,  single-arm study of cell therapy in ALS")
    assert description_repeats_design(cfg)
    # a noun phrase made a sentence (session 26 reader: the Methods opened without a verb)
    assert _plain(design_and_description(cfg)) == ("This was a prospective, open-label, single-arm study of cell "
                                                    "therapy in ALS.")


def test_another_description_follows_the_design_and_none_leaves_it_alone():
    cfg = _config(design="Prospective single-arm study", description="Biomarkers after cell therapy.")
    assert not description_repeats_design(cfg)
    assert _plain(design_and_description(cfg)) == "This was a prospective single-arm study. Biomarkers after cell therapy."
    assert design_and_description(_config(design="Pilot study")) == "This was a pilot study."
    assert _plain(design_and_description(_config(design="Open-label pilot"))) == "This was an open-label pilot."
    assert design_and_description(_config()) == "This was a single-arm study."
    # already a sentence: kept
    assert design_and_description(_config(design="We followed 20 people")) == "We followed 20 people."
    assert _plain(design_and_description(_config(design="The study was single-arm"))) == "The study was single-arm."


def test_the_example_methods_show_its_description_once_with_the_design_once():
    res = example_results()
    design = ReportText(res).design.replace("\\", "")
    assert "of repeated autologous bone-marrow mesenchymal stem cell infusions" in design
    assert design.lower().count("retrospective, open-label, single-arm study") == 1
    assert design.startswith("This was a retrospective, open-label, single-arm study of repeated")
