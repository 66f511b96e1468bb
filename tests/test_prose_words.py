"""English word helpers (alsreport.present.prose.words): the indefinite article goes by how the first
word is spoken (issue #10, reader's item 10: "a MSC-based …")."""

from __future__ import annotations

import pytest

from alsreport.present.prose.words import counted, indefinite_article, number_word, plural, visits_words, with_article
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


def test_visits_words_share_the_visit_word_only_when_every_label_has_it() -> None:
    # the six-visit study's Methods (issue #10: the abstract's length)
    assert visits_words(["Month 0", "Month 1", "Month 2", "Month 3", "Month 6", "Month 12"]) == \
        "Months 0, 1, 2, 3, 6, and 12"
    assert visits_words(["Month 1", "Month 2"], "or") == "Months 1 or 2"
    assert visits_words(["Week 0", "Week 4"]) == "Weeks 0 and 4"
    # labels that do not share one visit word and a number stay as written
    assert visits_words(["Baseline", "Month 3"]) == "Baseline and Month 3"
    assert visits_words(["Month 0", "Week 4"]) == "Month 0 and Week 4"
    assert visits_words(["Month 3 (end)", "Month 6"]) == "Month 3 (end) and Month 6"
    assert visits_words(["Screening 1", "Screening 2"]) == "Screening 1 and Screening 2"
    assert visits_words(["Month 3"]) == "Month 3"


@pytest.mark.parametrize(("reason", "said"), [
    ("declined the treatment", "declined the treatment"),
    ("did not meet inclusion criteria", "did not meet inclusion criteria"),
    ("lost to follow-up", "lost to follow-up"),
    ("withdrew consent", "withdrew consent"),
    ("not meeting inclusion criteria", "not meeting inclusion criteria"),
    ("contraindication to lumbar puncture", "was not included because of contraindication to lumbar puncture"),
    ("pregnancy", "was not included because of pregnancy"),
])
def test_a_reason_reads_after_a_count(reason, said):
    """Session 29 readers: "…; 2 declined the treatment; 1 contraindication to lumbar puncture" had no verb; session
    36 reviewer: "… and 1 because of contraindication to lumbar puncture" had none in its second half."""
    from alsreport.present.prose.words import reason_after_count

    assert reason_after_count(reason, 1) == said
    assert reason_after_count("other reasons", 2) == "were not included because of other reasons"


def test_counts_of_a_thousand_or_more_have_the_tables_separator() -> None:
    # as format.count writes them in the tables (session 33 tester: "Of 2000 … medians of 2,000 and 1,801")
    assert plural(2000, "participant") == "2,000 participants"
    assert plural(1, "participant") == "1 participant"
    assert number_word(1801) == "1,801"
    assert number_word(3) == "three"
    assert counted(1173, "event") == "1,173 events"


def test_all_of_says_the_one_both_or_all() -> None:
    from alsreport.present.prose.words import all_of
    assert all_of(1, "event") == "the event"
    assert all_of(2, "event") == "both events"
    assert all_of(3, "person", "people") == "all 3 people"


def test_a_count_opening_a_sentence_is_never_a_numeral():
    from alsreport.present.prose.words import counted_opening

    assert [counted_opening(n, "participant") for n in (1, 2, 9, 10, 2000)] == [
        "One participant", "Two participants", "Nine participants", "In all, 10 participants",
        "In all, 2,000 participants"]
