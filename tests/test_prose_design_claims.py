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
