"""A death ends participation: the harms tables count a fatal event of a participant who left the study
as leading to discontinuation, even when the data record no action taken (issue #10, CONSORT Harms 2022)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from alsreport import analyze, load_study
from alsreport.present.tables import adverse_event_overview_table, adverse_event_table
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r'<span class="gt_footnote_marks"[^>]*>.*?</span>', "", html, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace("\u2060", "").replace("\u00a0(", " (")  # joiners unseen; n (%) read with a space


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    # six visits, events of grades 1 to 5 and no action_taken column: P05's respiratory failure (grade 5,
    # fatal) ended their participation (completed = no, "Died")
    root = tmp_path_factory.mktemp("death")
    return analyze(load_study(write_variant(root / "six", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))))


def test_the_fatal_event_of_a_participant_who_left_is_leading_to_discontinuation(results):
    s = results.safety
    assert not s.action_recorded
    fatal = [e for e in s.events if e.outcome == "fatal"]
    assert [(e.term, e.grade) for e in fatal] == [("Respiratory failure", 5)]
    assert [e.leading_to_discontinuation for e in s.events] == [e.outcome == "fatal" for e in s.events]
    ov = {e.category: (e.n_events, e.n_participants) for e in s.overview}
    assert ov["discontinuation"] == ov["death"] == (1, 1)


def test_overview_counts_it_and_says_how(results):
    text = _text(adverse_event_overview_table(results).gt.as_raw_html())
    n = results.safety.n_enrolled
    assert re.search(rf"Adverse event ending treatment or study participation 1 \({100 / n:.1f}\)", text), text
    assert "Not recorded" not in text
    assert "or the event was fatal before the participant completed the study" in text
    assert "the participants' disposition" in text


def test_table_by_term_shows_the_column_with_the_death(results):
    text = _text(adverse_event_table(results).gt.as_raw_html())
    # a column header in words, defined in the note (session 30 DSMB reader: "Led to discont." was an undefined
    # abbreviation, and "discontinuation" for a death after the last infusion contradicted "every participant
    # received all three infusions")
    # known, not "Not recorded" cells or the note of an unknown count ("… are not known: the action taken …")
    assert "Discontinued" in text and "discont." not in text and "Not recorded" not in text and "not known" not in text
    # reader's item 1: the definition no longer nests a bracket inside the note's own
    note = re.search(r"Discontinued: [^.]*\.", text).group()
    assert not re.search(r"\([^()]*\(", note), note
    assert note == ("Discontinued: the event ended the participant's treatment or study participation, that is, the "
                    "action taken was discontinuation of the treatment or withdrawal from the study, or the event was "
                    "fatal before the participant completed the study.")
    # the disposition accounts for everyone (P05 died, the others completed): the count is known
    assert ("The action taken was not recorded for any event, so the count follows from the participants' disposition: "
            "every participant who did not complete the study had a fatal event") in text


@pytest.fixture(scope="module")
def example():
    from analysis_helpers import example_results
    return example_results()


def test_everyone_completed_so_none_led_to_discontinuation(example):
    """Reader's item 1: the example records no action taken, but every participant completed the study and
    received every infusion by at least one route (§3.1: "No participant discontinued"; one IT dose was not
    given, reader 8), so the count is a known 0."""
    assert not example.safety.action_recorded and example.flow.completed == example.flow.enrolled
    text = _text(adverse_event_overview_table(example).gt.as_raw_html())
    assert "Not recorded" not in text
    assert re.search(r"Adverse event ending treatment or study participation 0 0\.0–\d+\.\d 0 ", text), text
    assert ("the count follows from the participants' disposition: every participant completed the study and "
            "received every infusion by at least one route.") in text
    by_term = _text(adverse_event_table(example).gt.as_raw_html())
    assert "Discontinued" in by_term and "Not recorded" not in by_term and "not known" not in by_term


def test_without_disposition_the_count_is_not_recorded_in_one_wording(example):
    """Reader's item 1: when nobody's disposition accounts for it, both tables say so in the same words."""
    from dataclasses import replace

    from alsreport.present.tables.harms_discontinuation import NOT_RECORDED_NOTE
    flow = replace(example.flow, completed=example.flow.completed - 1)   # one participant's disposition unknown
    unknown = replace(example, flow=flow)
    overview = _text(adverse_event_overview_table(unknown).gt.as_raw_html())
    by_term = _text(adverse_event_table(unknown).gt.as_raw_html())
    assert "Adverse event ending treatment or study participation Not recorded Not recorded Not recorded" in overview
    # the column kept, "Not recorded" in every row as in the overview (session 35 DSMB reader #13: Table 5 had dropped
    # it); the example's 15 events: the "Any adverse event" row, 5 system organ classes and 7 terms
    assert "Discontinued" in by_term
    assert by_term.count("Not recorded") == 13
    assert overview.count(NOT_RECORDED_NOTE) == by_term.count(NOT_RECORDED_NOTE) == 1


def test_the_note_says_whose_leaving_is_open(tmp_path):
    """Session 34 readers: "the participants' disposition does not account for everyone" named nobody, though two
    had withdrawn consent after infusion 1 (one of them after a probably related headache)."""
    import alsreport
    from analysis_helpers import edited_example, withdraw_two

    from alsreport.present.tables.harms_discontinuation import discontinuation_note


    results = alsreport.analyze(alsreport.load_study(edited_example(tmp_path / "s", withdraw_two)))
    note = ("Adverse events ending treatment or study participation are not known: the action taken was not recorded "
            "for any event, and 2 participants left the study (withdrew consent) without a fatal event, so whether an "
            "adverse event led them to leave is not recorded.")
    assert discontinuation_note(results) == note
    assert note in _text(adverse_event_overview_table(results).gt.as_raw_html())
    # only the rows with an event of P05 or P06 are unknown (session 36 DSMB reader: "Not recorded" in all 13 rows,
    # though the participants of 8 of them all completed the study): the "Any adverse event" row, General disorders
    # and its pyrexia (P06), Nervous system disorders and its post lumbar puncture headache (P05)
    from alsreport.present.tables.harms import adverse_event_data
    from alsreport.present.tables.harms_discontinuation import unknown_rows

    frame = adverse_event_data(results)
    unknown = frame.loc[unknown_rows(results, frame).to_numpy(), "label"].tolist()
    assert unknown == ["Any adverse event", "General disorders and administration site conditions", "Pyrexia",
                       "Nervous system disorders", "Post lumbar puncture headache"]
    by_term = _text(adverse_event_table(results).gt.as_raw_html())
    assert by_term.count("Not recorded") == 5
    # n (%), CI, events, grades 1 and 2, serious, related, discontinued (a known 0: P15 completed), fatal
    assert "Muscle cramps 1 (6.7) 0.2–31.9 1 1 (6.7) 0 0 0 0 0 " in by_term
    assert "Pyrexia 3 (20.0) 4.3–48.1 3 3 (20.0) 0 0 3 (20.0) Not recorded 0 " in by_term
    assert ("Ending treatment or study participation in rows without an event of P05 or P06: counted from the "
            "participants' disposition") in by_term
