"""English word helpers (alsreport.present.prose.words): the indefinite article goes by how the first
word is spoken (issue #10, reader's item 10: "a MSC-based …")."""

from __future__ import annotations

import pytest

from alsreport.present.prose.words import indefinite_article, with_article
from alsreport.present.title import manuscript_title
from alsreport import load_study
from alsreport.study.example import example_study_path


@pytest.mark.parametrize(("phrase", "article"), [
    # acronyms: spoken letter by letter, so the first letter's NAME decides
    ("MSC-based study", "an"), ("ALS cohort", "an"), ("HLA-matched study", "an"), ("FDA-approved product", "an"),
    ("LP procedure", "an"), ("NIH trial", "an"), ("RCT", "an"), ("SAE", "an"), ("X-ray study", "an"),
    ("IV infusion", "an"), ("EMA filing", "an"), ("OR", "an"),
    ("BM-MSC study", "a"), ("CSF sample", "a"), ("DSMB review", "a"), ("TNF-α level", "a"), ("US site", "a"),
    ("UK study", "a"), ("GCP audit", "a"), ("PK study", "a"),
    # ordinary words: the vowel-letter rule, nothing cleverer
    ("open-label study", "an"), ("retrospective, open-label study", "a"), ("uncontrolled study", "an"),
    ("interim analysis", "an"), ("single-arm study", "a"), ("hour", "a"), ("uniform dose", "an"),
    ("Open-label study", "an"), ("Multicentre study", "a"),
    # numbers, as read
    ("8-week study", "an"), ("80-participant study", "an"), ("11-centre study", "an"), ("18-month study", "an"),
    ("12-month study", "a"), ("1-year study", "a"),
    ("", "a"),
])
def test_indefinite_article(phrase, article):
    assert indefinite_article(phrase) == article
    assert with_article(phrase) == f"{article} {phrase}"


def test_the_title_takes_an_before_an_acronym_spoken_with_a_vowel_sound():
    cfg = load_study(example_study_path()).config
    title = manuscript_title(cfg.model_copy(update={"title": "Cells in ALS", "design": "MSC-based, single arm study"}))
    assert title == "Cells in ALS: an MSC-based, single arm study"
    title = manuscript_title(cfg.model_copy(update={"title": "Cells in ALS", "design": "BM-MSC study, single arm"}))
    assert title == "Cells in ALS: a BM-MSC study, single arm"
