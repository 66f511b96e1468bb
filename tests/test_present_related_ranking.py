"""One ranking of the related adverse events for both documents (present/related_ranking.py; reader 12b item 3: the
Discussion named three of five tied events alphabetically, the safety report's summary three others in table order
and called the tie "most frequent"; reader 12a item 7: "…; back pain in 3 participants (20.0%), and 1 other term")."""

from __future__ import annotations

import re

from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

from alsreport.analysis.run import analyze
from alsreport.present.prose import ReportText
from alsreport.present.prose.board_summary import related_item
from alsreport.present.related_ranking import NamedRelated, named_related, related_ranking
from alsreport.study.loading import load_study

#: Seven related terms, one participant each, the last (alphabetically) serious.
SEVEN = tuple(("Term " + c, "General disorders and administration site conditions", 1, "no", "possible")
              for c in "ABCDEF") + (("Term Z", "Nervous system disorders", 3, "yes", "probable"),)


def _named_in(text: str, terms) -> list[str]:
    """The terms in the order the text names them."""
    found = [(text.find(t), t) for t in terms if t in text]
    return [t for _, t in sorted(found)]


def test_a_five_way_tie_is_ranked_by_relatedness_then_grade_and_both_documents_name_it_alike(tmp_path) -> None:
    res = analyze(load_study(write_variant(tmp_path / "s", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))))
    ranked = [t.term for t in related_ranking(res)]
    # definite; probable grade 3, probable grade 1; possible grade 2, possible grade 1
    assert ranked == ["Injection site reaction", "Aseptic meningitis", "Post lumbar puncture headache", "Back pain",
                      "Fever"]
    assert named_related(res) == NamedRelated(related_ranking(res), 0, single=True)
    item = related_item(res)
    assert item == ("- Related adverse events (@tbl-related): 5 events in 5 participants, no term in more than one "
                    "participant: injection site reaction; aseptic meningitis (serious, grade 3); post lumbar puncture "
                    "headache; back pain; fever")
    assert "most frequent" not in item.lower()
    words = [t.lower() for t in ranked]
    assert _named_in(ReportText(res).discussion.lower(), words) == _named_in(item.lower(), words) == words


def test_past_five_terms_the_first_three_and_every_serious_one_are_named_and_the_rest_counted(tmp_path) -> None:
    res = analyze(load_study(write_variant(tmp_path / "s", Variant(events=SEVEN))))
    names = named_related(res)
    named, rest, single = names.named, names.rest, names.single
    # Term Z ranks first (probable, grade 3), then A and B by term; C to F are counted
    assert [t.term for t in named] == ["Term Z", "Term A", "Term B"] and rest == 4 and single
    item = related_item(res)
    assert item.lower().endswith("term z (serious, grade 3); term a; term b; and 4 other terms (@tbl-related)")
    assert not re.search(r"\), and \d", item)          # one separator throughout (reader 12a item 7)
    assert ("the related events were term z (serious, grade 3), term a, term b, and 4 other terms (@tbl-ae), each "
            "in one participant.") in ReportText(res).discussion.lower()


def test_a_term_serious_in_some_of_its_participants_says_in_how_many() -> None:
    from alsreport.present.related_ranking import RelatedTerm, serious_note

    term = RelatedTerm("Aseptic meningitis", "Nervous system disorders", 3, 25.0, "probable", 3, 3, 1)
    assert serious_note(term) == "serious in 1, grade 3"
    assert serious_note(RelatedTerm("Fever", "General", 1, 8.3, "possible", 1)) == ""


def test_the_example_has_a_term_in_more_than_one_participant_so_the_ranking_is_not_single() -> None:
    from alsreport.study.example import example_study_path

    names = named_related(analyze(load_study(example_study_path())))
    # post lumbar puncture headache in 4 participants (adverse_events.csv: P02, P05, P09, P13)
    assert not names.single and names.named[0].term == "Post lumbar puncture headache"
    assert names.named[0].n_participants == 4 and names.rest == 0
