"""A study of 1,000 participants in words: every count of 1,000 or more with the thousands separator the tables use
(format.count), and no sentence starting with a numeral (session 33 tester's 2,000-participant study: "Of 2000
enrolled participants, 1801 were analysed" beside "medians of 2,000 and 1,801"; "360 participants (18.0%) had …",
"796 scheduled samples …", "8 further series …")."""

from __future__ import annotations

import re

import pytest

import alsreport
from alsreport.present.prose.results import biomarker_results
from alsreport.present.prose.text import TEXTS
from manuscript_studies import GRADES_1_TO_5, Series, Variant, write_variant

#: Twelve participants with a serious grade 3 event and ten with a fatal one, besides two with mild events.
_EVENTS = GRADES_1_TO_5[:2] + (GRADES_1_TO_5[2],) * 12 + (GRADES_1_TO_5[4],) * 10
#: Five CSF series that all fall: the primary endpoint and four secondary ones.
_SERIES = tuple(Series(a, "CSF", effect=(-0.2,)) for a in ("IL-6", "CRP", "CK", "ferritin", "albumin"))


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    study = write_variant(tmp_path_factory.mktemp("large") / "s",
                          Variant(n=1000, events=_EVENTS, series=_SERIES, primary=("IL-6", "CSF")))
    results = alsreport.analyze(alsreport.load_study(study))
    return {name: fn(results) for name, fn in TEXTS.items()} | {"results": results}


def test_counts_of_a_thousand_or_more_have_the_separator(texts):
    assert texts["abstract_results"].startswith("Of 1,000 enrolled participants, 990 were analysed for the primary "
                                                "endpoint (10 died before Month 3);")
    assert texts["participant_flow"].startswith("Of 1,001 people assessed for eligibility, 1,000 were enrolled and 1 "
                                                "was not (did not meet inclusion criteria). All planned doses of every "
                                                "infusion were given (IV and IT, 1,000 participants).")
    assert texts["safety"].startswith("At least one adverse event was recorded in 24 of 1,000 participants (2.4%; 24 "
                                      "events).")
    assert "would have to be weighed against the harms: 24 of 1,000 participants had an adverse event" in \
        texts["discussion"]
    assert "(1,001 assessed, 1,000 enrolled)" in texts["setting"]
    assert "All 1,000 enrolled participants contribute to each analysis" in texts["sample_size"]
    assert "990 of 1,000 participants had a sample at the last visit (Month 3); 2,990 participant-months in total." \
        in texts["follow_up"]
    assert "- Assessed for eligibility: 1,001\n- Not enrolled: 1\n- Enrolled: 1,000\n" in texts["disposition"]
    assert "- Participants enrolled: 1,000\n- Participants exposed (at least one infusion): 1,000\n" in \
        texts["key_facts"]
    # nowhere a count of four digits or more without its separator (years aside)
    for name, text in texts.items():
        if name == "results":
            continue
        bare = [m for m in re.findall(r"(?<![\d,.\w-])\d{4,}(?![\d,])", text) if not m.startswith("20")]
        assert not bare, (name, bare)


def test_no_sentence_starts_with_a_numeral(texts):
    assert ("Serious adverse events occurred in 22 participants (2.2%), all of grade 3 or higher, and no other event "
            "reached grade 3. Of them, 10 died (1.0% of all participants).") in texts["safety"]
    assert "Because 10 participants had died, 10 scheduled CSF samples were not collected." in \
        texts["participant_flow"]
    # the body's list, cut after three series (the abstract summarises four: test_prose_abstract_length)
    assert "One further series changed significantly at Month 3 (see the biomarker tables)." in \
        biomarker_results(texts["results"], max_listed=3)
    assert "In all, 10 participants died before Month 3 and are not in the primary analysis:" in texts["limitations"]
    for name in ("abstract_results", "participant_flow", "safety", "limitations", "discussion"):
        assert not re.search(r"(^|[.!?] )\d", texts[name]), name


def test_the_others_close_the_list_of_secondary_changes(texts):
    assert ("Among the exploratory secondary endpoints, CSF CRP, CSF CK, CSF ferritin, and one other series decreased;"
            in texts["discussion"])
