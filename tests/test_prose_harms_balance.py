"""The benefit–harm balance (reader 11a item 6): the Discussion characterises the harms (worst grades, serious or
not, the most frequent related terms) and the abstract's conclusions end with a clause on safety, for any study."""

from __future__ import annotations

from analysis_helpers import example_results
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

from alsreport.analysis.run import analyze
from alsreport.present.prose import ReportText
from alsreport.study.loading import load_study


def test_the_examples_discussion_and_conclusions_say_what_the_harms_were() -> None:
    text = ReportText(example_results())
    # no benefit implied: the study did not assess one (session 25 reader); no serious event with the upper end of
    # its interval, as Table 6 gives it (session 29 reader; R: binom.test(0, 15)$conf.int = 0, 0.2180194)
    # a sentence, not a heading with a colon (session 29 reader)
    assert ("Any clinical benefit, which this study did not assess, would have to be weighed against the harms: 14 of "
            "15 participants "
            "had an adverse event; every event "
            "was of grade 1 or 2 and none was serious (95%\u00a0CI 0.0%\u00a0to\u00a021.8% of participants); the related "
            "events were post lumbar puncture headache (4 "
            "participants), back pain (3), pyrexia (3), and bone marrow aspiration site pain (2).") in text.discussion
    # the abstract's Results state the harms; its Conclusions what "none was serious" allows (session 30 reviewer)
    assert text.abstract_conclusions.endswith("With 15 participants, serious harms cannot be excluded.")
    assert text.abstract_conclusions.count("serious") == 1   # "No serious adverse event" stays the Results' phrase


def test_a_study_with_grade_1_to_5_events(tmp_path) -> None:
    study = write_variant(tmp_path / "s", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))
    text = ReportText(analyze(load_study(study)))
    # each serious event with its grade and relatedness, the related one included, and the grades said once with
    # them (reader 12b item 1 and "Taste"); the death is among them, so its own sentence is not repeated
    assert text.abstract_conclusions.endswith(
        "Serious adverse events, to be weighed against any benefit, occurred in three participants: aseptic "
        "meningitis (grade 3, probably related), pulmonary embolism (grade 4, unlikely to be related), and fatal "
        "respiratory failure (grade 5, unrelated).")
    assert "grade 3 or higher" not in text.abstract_conclusions and text.abstract_conclusions.count("died") == 0
    # the serious events are counted once in the sentence; one participant per related term: none "most frequent",
    # all five named, strongest relatedness then worst grade first, the related serious one as serious (reader 12b)
    assert ("participants had an adverse event and 3 a serious adverse event; events of grade 3 or higher occurred "
            "in 3 participants (grades 3, 4, and 5, one participant each); the related events were "
            "injection site reaction, aseptic meningitis (serious, grade 3), post lumbar puncture headache, back "
            "pain, and fever, each in one participant.") in text.discussion   # session 27 six-visit reader


def test_a_severe_event_that_was_not_serious_keeps_the_grades_sentence(tmp_path) -> None:
    events = (("Anaemia", "Blood and lymphatic system disorders", 3, "no", "unrelated"), GRADES_1_TO_5[2])
    text = ReportText(analyze(load_study(write_variant(tmp_path / "s", Variant(events=events)))))
    assert text.abstract_conclusions.endswith(
        "Adverse events of grade 3 or higher occurred in 2 participants (grade 3 in both). A serious adverse event, to "
        "be weighed against any benefit, occurred in one participant: aseptic meningitis (grade 3, probably related).")


def test_past_five_serious_events_the_abstract_counts_them_and_names_the_related_ones(tmp_path) -> None:
    pneumonia = ("Pneumonia", "Infections and infestations", 3, "yes", "unrelated")
    events = (pneumonia,) * 5 + (GRADES_1_TO_5[2],)
    text = ReportText(analyze(load_study(write_variant(tmp_path / "s", Variant(events=events)))))
    assert text.abstract_conclusions.endswith(
        "Adverse events of grade 3 or higher occurred in 6 participants (grade 3 in all 6). Serious adverse events, to be "
        "weighed against any benefit, occurred in six participants; one event was judged possibly, probably or "
        "definitely related to the intervention: aseptic meningitis (grade 3).")


def test_the_grades_of_the_severe_events_are_counted_by_participant() -> None:
    """Session 31 reviewer: "(worst grade 5)" for three participants whose worst grades were 3, 4 and 5."""
    import dataclasses

    from alsreport.present.prose.harms_balance import grade_words

    res = example_results()

    def with_grades(counts: dict[str, int]):
        by_grade = tuple(dataclasses.replace(e, n_participants=counts.get(e.level, 0)) for e in res.safety.by_grade)
        return dataclasses.replace(res, safety=dataclasses.replace(res.safety, by_grade=by_grade))

    assert grade_words(with_grades({"1": 9, "3": 4, "4": 1, "5": 1})) == (
        "events of grade 3 or higher occurred in 6 participants (worst grade 3 in 4, 4 in 1, and 5 in 1)")
    assert grade_words(with_grades({"2": 3, "4": 1})) == "events of grade 3 or higher occurred in 1 participant (grade 4)"
    assert grade_words(with_grades({"1": 12, "2": 2})) == "every event was of grade 1 or 2"   # the example
