"""Words of the generated sentences (issue #10, words4 items 2 and 4): MedDRA terms in running text are lower
case unless a proper noun or an abbreviation; small counts are words, with the noun in the right number."""

from __future__ import annotations

import pytest

from alsreport.present.prose.words import counted, number_word, term_in_text


@pytest.mark.parametrize(("term", "text"), [
    ("Pneumonia", "pneumonia"), ("Aseptic meningitis", "aseptic meningitis"),
    ("Post lumbar puncture headache", "post lumbar puncture headache"),
    ("CSF leak", "CSF leak"), ("ALT increased", "ALT increased"),                # abbreviations
    ("Guillain-Barré syndrome", "Guillain-Barré syndrome"), ("Bell's palsy", "Bell's palsy"),  # proper nouns
    ("McArdle disease", "McArdle disease"), ("fever", "fever"),
])
def test_a_term_in_running_text(term, text):
    assert term_in_text(term) == text


def test_small_counts_are_words_with_the_noun_in_the_right_number():
    assert [number_word(n) for n in (0, 1, 2, 9, 10, 31)] == ["no", "one", "two", "nine", "10", "31"]
    assert counted(1, "biomarker series", "biomarker series") == "one biomarker series"
    assert counted(0, "sample") == "no samples" and counted(1, "sample") == "one sample"
    assert counted(6, "scheduled sample") == "six scheduled samples" and counted(12, "visit") == "12 visits"
