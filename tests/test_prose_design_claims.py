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


def _texts(folder, design: str, adjust: str | None, registration: str | None = None) -> str:
    extra = {"registration": registration} if registration else {}
    study = write_variant(folder, Variant(design=design, extra_config=extra))
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


def test_a_registered_prospective_study_says_what_was_prespecified(tmp_path):
    text = _texts(tmp_path / "pro", "Prospective, open-label, single-arm study", "none",
                  registration="ClinicalTrials.gov NCT00000000")
    assert "(no adjustment for multiple testing was prespecified)" in text
    assert "the single prespecified primary test" in text


def test_a_prospective_study_without_protocol_or_registration_claims_no_prespecification(tmp_path):
    """Session 27 six-visit reader: "as the single prespecified primary test" and "(CSF TNF-α, as prespecified)" in
    a study whose Declarations say "To be added by the authors: … whether they prespecified this analysis"."""
    text = _texts(tmp_path / "pro", "Prospective, open-label, single-arm study", "none")
    assert not re.search(r"pre-?specified", text, re.I), text
    assert "(the analysis makes no adjustment for multiple testing)" in text
    assert "judged on its unadjusted p-value; all other comparisons" in text


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
    # the example records its protocol; without a protocol or registration nobody knows it was prespecified
    # (session 27 six-visit reader)
    assert prospective.config.reporting.protocol
    assert "(p < 0.05, as prespecified)" in primary_note(prospective, [prospective.primary])
    bare = prospective.config.model_copy(update={
        "registration": None, "reporting": prospective.config.reporting.model_copy(update={"protocol": None})})
    unrecorded = replace(prospective, config=bare)
    assert "(p < 0.05, as stated in the Methods)" in primary_note(unrecorded, [unrecorded.primary])
