"""What a retrospective analysis may claim (issue #10, words4 item 6): nothing was prespecified or planned for
the analysis of data collected before it was defined; a prospective study's text keeps "prespecified"."""

from __future__ import annotations

import re

import pytest
import yaml

from alsreport import analyze, load_study
from alsreport.present.prose import ReportText
from alsreport.present.prose.text import TEXTS
from manuscript_studies import Variant, write_variant

RETRO = "Retrospective, open-label, single-arm study"


def _texts(folder, design: str, adjust: str | None) -> str:
    study = write_variant(folder, Variant(design=design))
    if adjust:
        cfg = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
        cfg["analysis"]["adjust"] = adjust
        (study / "study.yml").write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    t = ReportText(analyze(load_study(study)))
    return " ".join(getattr(t, k) for k in TEXTS)


@pytest.mark.parametrize("adjust", [None, "none"])
def test_a_retrospective_analysis_claims_no_prespecification(tmp_path, adjust):
    text = _texts(tmp_path / "retro", RETRO, adjust)
    assert not re.search(r"pre-?specified|\bplanned (analys|adjust|test)|\ba priori\b", text, re.I), text
    if adjust == "none":
        assert "(this retrospective analysis makes no adjustment for multiple testing)" in text


def test_a_prospective_study_says_what_was_prespecified(tmp_path):
    text = _texts(tmp_path / "pro", "Prospective, open-label, single-arm study", "none")
    assert "(no adjustment for multiple testing was prespecified)" in text
    assert "the single prespecified primary test" in text


def test_the_primary_endpoints_table_note_claims_prespecification_only_for_a_prospective_study():
    """Reader 7, item 1: the notes of Tables 2, 4 and S1 and Figure 4 said "(p < 0.05, as prespecified)" in the
    retrospective example, whose Limitations say the analysis was defined retrospectively."""
    from dataclasses import replace

    from alsreport.present.significance import primary_note
    from analysis_helpers import example_results

    res = example_results()
    assert res.config.retrospective
    note = primary_note(res, [res.primary])
    assert "judged on its unadjusted p (p < 0.05, as stated in the Methods)" in note and "prespecified" not in note
    prospective = replace(res, config=res.config.model_copy(update={"design": "Prospective, open-label, single-arm study"}))
    assert not prospective.config.retrospective
    assert "(p < 0.05, as prespecified)" in primary_note(prospective, [prospective.primary])
