"""The intervention of study.yml as a sentence (alsreport.present.prose.intervention; issue #10, reader's
item 10: "Autologous mesenchymal stem cells." printed on its own, without a verb)."""

from __future__ import annotations

import pytest

from alsreport.present.prose.intervention import intervention_sentence


@pytest.mark.parametrize("text, expected", [
    ("Autologous mesenchymal stem cells.", "Participants received autologous mesenchymal stem cells."),
    ("Three monthly infusions of autologous BM-MSC, given IV and IT on the same day",
     "Participants received three monthly infusions of autologous BM-MSC, given IV and IT on the same day."),
    ("BM-MSC, 1 × 10⁶ cells/kg", "Participants received BM-MSC, 1 × 10⁶ cells/kg."),   # an acronym keeps its capitals
    ("Patients were given three infusions.", "Patients were given three infusions."),  # a sentence already
    ("Each participant received one infusion", "Each participant received one infusion."),
    ("The cells were thawed and infused within an hour.", "The cells were thawed and infused within an hour."),
    ("", ""),
])
def test_a_noun_phrase_becomes_what_participants_received(text, expected):
    assert intervention_sentence(text) == expected
