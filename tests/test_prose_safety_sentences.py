"""The safety sentences read as sentences (issue #10, reader 8's defects 7 and 11): "One participant (8.3%)
died.", not "Deaths: 1 event in 1 participant (8.3%)"; "(grade 5, unrelated, fatal)", not "relatedness
unrelated, outcome fatal"; no "against these rules" without rules; no empty enrolment table without dates."""

from __future__ import annotations

import dataclasses

import pytest

from alsreport import analyze, load_study
from alsreport.present.prose.enrolment_dates import enrolment_has_dates, enrolment_without_dates
from alsreport.present.prose.safety import safety_sentence, serious_events_sentence, serious_events_summary
from alsreport.present.prose.safety_report import stopping_rule_counts
from alsreport.study.config_safety import DsmbMember
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant


@pytest.fixture(scope="module")
def six(tmp_path_factory):
    # 12 participants, events of grades 1 to 5: three serious (P03 aseptic meningitis grade 3 probable, P04
    # pulmonary embolism grade 4 unlikely, P05 respiratory failure grade 5 unrelated, fatal); no enrolment dates
    root = tmp_path_factory.mktemp("six")
    return analyze(load_study(write_variant(root / "six", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))))


def test_counts_are_sentences_not_a_pasted_list(six):
    text = safety_sentence(six)
    # the death is one of the three serious events: counted among them (session 36 reviewer), with its percentage
    assert "reached grade 3. One of them died (8.3% of all participants)." in text and "One participant (8.3%) died." not in text
    assert "Deaths:" not in text and "Serious adverse events:" not in text and " events in " not in text


def test_the_same_serious_and_severe_events_are_said_once(six):
    """Reader 9: "Three participants (25.0%) had a serious adverse event. Three participants (25.0%) had an event of
    grade 3 or higher." named the same three events twice."""
    text = safety_sentence(six)
    assert ("Three participants (25.0%) had a serious adverse event, each of grade 3 or higher, and no other event "
            "reached grade 3.") in text
    assert "had an event of grade 3 or higher" not in text and text.count("Three participants") == 1


def _with_events(res, change):
    """``res`` with its events changed by ``change`` (event, index) -> event, the overview recounted as analyze does."""
    from alsreport.analysis.summaries.harms import overview_counts
    import pandas as pd

    evs = tuple(change(e, i) for i, e in enumerate(res.safety.events))
    ae = pd.DataFrame({"participant_id": [e.participant_id for e in evs], "serious": [e.serious for e in evs],
                       "related": [e.related for e in evs], "grade": [e.grade for e in evs],
                       "discontinuation": [e.leading_to_discontinuation for e in evs],
                       "death": [e.outcome == "fatal" for e in evs]})
    ov = overview_counts(ae, res.safety.n_enrolled, res.safety.conf_level)
    return dataclasses.replace(res, safety=dataclasses.replace(res.safety, events=evs, overview=ov))


def test_the_same_participants_with_other_severe_events_are_named_once_with_both_counts(six):
    """A fourth, non-serious grade 3 event of a participant who also had a serious one: the same three people, so
    one sentence, but the events differ, so both counts."""
    first = next(i for i, e in enumerate(six.safety.events) if e.serious)
    extra = dataclasses.replace(six.safety.events[first], serious=False, term="Headache")
    res = _with_events(six, lambda e, i: e)
    res = dataclasses.replace(res, safety=dataclasses.replace(res.safety, events=res.safety.events + (extra,)))
    res = _with_events(res, lambda e, i: e)
    text = safety_sentence(res)
    assert ("Three participants (25.0%) had a serious adverse event and an event of grade 3 or higher (4 events)."
            in text)
    assert "each of grade 3" not in text


def test_other_participants_with_severe_events_keep_both_sentences(six):
    """A non-serious grade 3 event of a participant with no serious one: the sets differ, both sentences stay."""
    serious_people = {e.participant_id for e in six.safety.events if e.serious}
    other = next(i for i, e in enumerate(six.safety.events) if e.participant_id not in serious_people)
    res = _with_events(six, lambda e, i: dataclasses.replace(e, grade=3) if i == other else e)
    text = safety_sentence(res)
    assert "Three participants (25.0%) had a serious adverse event." in text
    assert "Four participants (33.3%) had an event of grade 3 or higher." in text


def test_one_serious_event_of_grade_3_or_higher_reads_in_the_singular(six):
    first = next(i for i, e in enumerate(six.safety.events) if e.serious)
    res = _with_events(six, lambda e, i: e if i == first or e.grade < 3 else
                       dataclasses.replace(e, serious=False, grade=2, outcome="recovered"))
    assert ("One participant (8.3%) had a serious adverse event of grade 3 or higher, and no other event reached "
            "grade 3.") in safety_sentence(res)


def test_the_events_are_counted_only_when_they_differ_from_the_participants(six):
    ov = {e.category: e for e in six.safety.overview}
    two = dataclasses.replace(ov["serious"], n_events=5)
    res = dataclasses.replace(six, safety=dataclasses.replace(
        six.safety, overview=tuple(two if e.category == "serious" else e for e in six.safety.overview)))
    assert "Three participants (25.0%) had a serious adverse event (5 events), each of grade 3" in safety_sentence(res)


def test_the_serious_events_name_grade_relatedness_outcome_and_onset_as_words(six):
    """Reader 11b's item 2: the Methods promise the day of onset after the infusion; the Results gave none (the
    death came 5 days after infusion 3, the data say)."""
    text = serious_events_summary(six)
    assert "respiratory failure (grade 5, unrelated, fatal; onset 5 days after infusion 3)" in text
    assert "aseptic meningitis (grade 3, probably related, recovered; onset 3 days after infusion 1)" in text
    assert "pulmonary embolism (grade 4, unlikely to be related, recovered; onset 4 days after infusion 1)" in text
    assert "relatedness" not in text and "outcome" not in text
    assert "(participant P05, grade 5, unrelated, fatal; onset 5 days after infusion 3)" in serious_events_sentence(six)


def test_a_recorded_seriousness_criterion_follows_the_grade_and_death_is_not_said_twice(six):
    """Session 31 DSMB reader: the listing and the text never said what made an event serious (ICH E2A)."""
    criteria = {"P03": "hospitalisation", "P04": "life-threatening", "P05": "death"}
    events = tuple(dataclasses.replace(e, seriousness=criteria[e.participant_id]) for e in six.safety.serious_events)
    res = dataclasses.replace(six, safety=dataclasses.replace(six.safety, serious_events=events))
    text = serious_events_summary(res)
    assert "aseptic meningitis (grade 3, requiring hospitalisation, probably related, recovered;" in text
    assert "pulmonary embolism (grade 4, life-threatening, unlikely to be related, recovered;" in text
    # "death" with a fatal outcome: the outcome says it
    assert "respiratory failure (grade 5, unrelated, fatal; onset 5 days after infusion 3)" in text
    assert "(participant P03, grade 3, requiring hospitalisation, probably related" in serious_events_sentence(res)


def test_a_death_among_the_serious_events_is_counted_with_them(iv_one_analyte_results):
    """Session 36 reviewer: the IV-only study's "One participant (8.3%) had a serious adverse event of grade 3 or
    higher, and no other event reached grade 3. One participant (8.3%) died." read as two participants; its only
    serious event is the death."""
    text = safety_sentence(iv_one_analyte_results)
    assert text.endswith("One participant (8.3%) had a serious adverse event of grade 3 or higher, and no other event "
                         "reached grade 3. That participant died.")
    assert safety_sentence(iv_one_analyte_results, brief=True).endswith("reached grade 3. That participant died.")


def test_onset_words_follow_what_the_data_record(six):
    from alsreport.present.prose.safety import onset_words

    e = six.safety.deaths[0]
    assert onset_words(e, 3) == "onset 5 days after infusion 3"
    assert onset_words(dataclasses.replace(e, onset_day=1), 3) == "onset 1 day after infusion 3"
    assert onset_words(dataclasses.replace(e, onset_day=0), 3) == "onset on the day of infusion 3"
    # not linked to an infusion: days from enrolment (reader 12a item 4: "study day 0" read as infusion 1's day)
    assert onset_words(dataclasses.replace(e, infusion_no=None, onset_day=40), 3) == "onset 40 days after enrolment"
    assert onset_words(dataclasses.replace(e, infusion_no=None, onset_day=0), 3) == "onset on the day of enrolment"
    assert onset_words(dataclasses.replace(e, onset_day=None), 3) == "after infusion 3, day of onset not recorded"


def test_a_death_not_reported_as_serious_is_described_with_its_onset(six):
    death = dataclasses.replace(six.safety.deaths[0], serious=False)
    events = tuple(death if e.participant_id == "P05" else e for e in six.safety.events)
    res = dataclasses.replace(six, safety=dataclasses.replace(
        six.safety, deaths=(death,), events=events, serious_events=tuple(e for e in events if e.serious)))
    assert serious_events_summary(res).endswith(
        " A fatal event was not reported as serious: respiratory failure (grade 5, unrelated, onset 5 days after "
        "infusion 3).")
    # not among the serious events: a sentence of its own, not "Of them, one died"
    assert "One participant (8.3%) died." in safety_sentence(res) and "Of them" not in safety_sentence(res)


def test_no_rules_to_assess_against_is_said_once(six):
    assert not six.config.safety.stopping_rules
    text = stopping_rule_counts(six)
    # a report for the ethics committee alone names it (no DSMB members in study.yml)
    assert text.startswith("No stopping rules are recorded for this study. As of ")
    assert "against these rules" not in text and "board" not in text
    ruled = dataclasses.replace(six, config=six.config.model_copy(update={"safety": six.config.safety.model_copy(
        update={"stopping_rules": ["Two related grade 4 events."], "dsmb_members": [DsmbMember(name="A. Chair", role="Chair")]})}))
    assert stopping_rule_counts(ruled).startswith("For the board's assessment against these rules, as of ")
    assert stopping_rule_counts(ruled).endswith("\n\nWhether a rule was met is the board's judgement from these counts "
                                                "and the listings.\n")


def test_without_enrolment_dates_one_sentence_replaces_the_empty_table(six):
    assert not enrolment_has_dates(six)
    assert enrolment_without_dates(six) == (
        "In all, 12 participants were enrolled (no target recorded); enrolment and "
        "consent dates are not among the data analysed, so enrolment over time cannot be shown.")


def test_the_missing_dates_are_worded_alike_in_section_3_1_the_checklist_and_the_safety_report(six):
    """Reader 9: the six-visit checklist's item 23a said "no enrolment or consent dates", §3.1 "no enrolment
    dates"; one wording (present.population.no_dates) for all three."""
    from alsreport.documents.checklist_study import study_checklist
    from alsreport.present.prose.methods import recruitment_text

    words = "enrolment and consent dates are not among the data analysed"
    # the Methods ask for the dates without saying they do not exist (session 30 reviewer)
    assert "the dates of the first and last enrolment, which are not among the data analysed." in recruitment_text(six)
    assert {i.item: i.note for i in study_checklist(six)}["23a"] == f"to be added by the authors: {words}"
    assert f"; {words}, so enrolment over time" in enrolment_without_dates(six)


def test_with_enrolment_dates_the_table_stays(six):
    from alsreport.results.dsmb import EnrolmentMonth
    e = six.dsmb.enrolment
    dated = dataclasses.replace(six, dsmb=dataclasses.replace(six.dsmb, enrolment=dataclasses.replace(
        e, by_month=(EnrolmentMonth("2025-01", 12, 12),))))
    assert enrolment_has_dates(dated) and enrolment_without_dates(dated) == ""


# Outside reader of the six-visit study (issue #10, session 25): "(did not meet inclusion criteria, 1)" in the
# manuscript's and the safety report's flow, "1 (Died) — P05" with a capital mid-line in the disposition list, and
# "one related adverse event of grade 3 or higher and 1 death" mixing a word and a numeral.

def test_the_flow_counts_the_people_not_enrolled_before_their_reason(six):
    from alsreport.present.prose.results import participant_flow

    assert participant_flow(six, samples=False).startswith(
        "Of 13 people assessed for eligibility, 12 were enrolled and 1 was not (did not meet inclusion criteria).")   # one reason for all: its count not repeated (session 27 six-visit reader)


def test_the_disposition_list_writes_the_reason_in_lower_case(six):
    from alsreport.present.prose.safety import disposition_list

    # P05 had all 3 infusions, then died: only the follow-up was left to stop (session 26 six-visit reader)
    assert "- Did not complete follow-up after the last infusion: 1 (died) — P05\n" in disposition_list(six)
    # the death is counted once, under follow-up, as the diagram's box counts (session 30 DSMB reader: "Excluded: 1
    # died before Month 12" beside the diagram's "Excluded (n = 0)")
    lines = disposition_list(six).replace("\u00a0", " ").splitlines()
    assert "- CSF analysed (samples at Month 0 and Month 12): 11 of the 12 enrolled (1 died before Month 12)." in lines


def test_the_board_s_counts_are_the_quantities_rules_are_written_on(six):
    """Session 33 DSMB reader: one count of "related adverse events of grade 3 or higher" answered neither a rule on
    grade 4 events nor one on participants with related serious events: events and participants for each."""
    related = six.safety.related_events
    assert sorted((e.participant_id, e.grade, e.serious) for e in related if e.grade >= 3 or e.serious) == [
        ("P03", 3, True)]
    # each participant count with its share of the 12, as the Deaths bullet gives it (a later DSMB reader)
    assert stopping_rule_counts(six).endswith(
        ":\n\n- Related adverse events of grade 3 or higher: 1 event in 1 participant (8.3%); of grade 4 or higher: "
        "none\n"
        "- Related serious adverse events: 1 event in 1 participant (8.3%)\n"
        "- Deaths: 1 participant (8.3%), not related\n")
    # with rules, of any relatedness too (rules are often on all-cause events): P04's pulmonary embolism (grade 4,
    # unlikely) and P05's respiratory failure (grade 5, unrelated), serious as P03's meningitis
    ruled = dataclasses.replace(six, config=six.config.model_copy(update={"safety": six.config.safety.model_copy(
        update={"stopping_rules": ["Any death."]})}))
    assert ("(8.3%); of grade 4 or higher: none\n"
            "- Adverse events of grade 4 or higher (any relatedness): 2 events in 2 participants (16.7%)\n"
            "- Related serious adverse events: 1 event in 1 participant (8.3%)\n"
            "- Serious adverse events (any relatedness): 3 events in 3 participants (25.0%)\n"
            "- Deaths: 1 participant (8.3%), not related\n\n") in stopping_rule_counts(ruled)


def test_the_key_facts_say_the_participant_who_left_early_is_the_one_who_died(six):
    """Session 27 six-visit reader: "Participants who discontinued: 1" beside "Deaths: 1" read as two people; P05
    died after the last infusion and is both."""
    from alsreport.present.prose.safety import safety_key_facts
    from analysis_helpers import example_results

    facts = safety_key_facts(six)
    assert "- Participants who left the study early: 1 (died)\n" in facts
    assert "- Deaths: 1 participant (8.3%), not related\n" in facts
    assert "discontinued" not in facts
    assert "- Participants who left the study early: 0\n" in safety_key_facts(example_results())


def test_the_key_facts_give_why_the_others_left_early(tmp_path, harms):
    """Session 35 DSMB reader: the withdrawn study's Summary said "Participants who left the study early: 2", where the
    six-visit study's said "1 (died)"; P05 and P06 withdrew consent, and no action taken is recorded, so whether an
    adverse event led them to leave is not known (as Table 4 says "Not recorded")."""
    from alsreport.present.prose.safety import safety_key_facts
    from analysis_helpers import edited_example, withdraw_two

    withdrawn = analyze(load_study(edited_example(tmp_path / "withdrawn", withdraw_two)))
    assert withdrawn.flow.n_discontinued == 2 and not withdrawn.safety.action_recorded
    # and who of them had had a related event (session 36 DSMB reader: P05's probably related headache, P06's possibly
    # related pyrexia, found only by reading the listing against the disposition)
    assert ("- Participants who left the study early: 2 (withdrew consent); whether an adverse event led them to "
            "leave: not recorded; both had a related adverse event recorded (P05, post lumbar puncture headache; P06, "
            "pyrexia)\n") in safety_key_facts(withdrawn)
    unrelated = dataclasses.replace(withdrawn, safety=dataclasses.replace(withdrawn.safety, events=tuple(
        dataclasses.replace(e, related=False) if e.participant_id == "P06" else e for e in withdrawn.safety.events)))
    assert ("leave: not recorded; one of them had a related adverse event recorded (P05, post lumbar puncture headache)\n"
            in safety_key_facts(unrelated))
    # the harms study records the action taken: H39 died, H38 was withdrawn after an aseptic meningitis (action taken
    # "withdrawn from study"), H40 withdrew consent
    assert harms.safety.action_recorded
    assert ("- Participants who left the study early: 3 (1 died; 1 left after an adverse event; 1 withdrew "
            "consent)\n") in safety_key_facts(harms)


def test_the_disposition_list_gives_each_compartments_samples_missing_at_the_other_visits():
    """Session 27 readers: the analysis lines covered Month 0 and Month 3 only; CSF was missing at Months 1 and 2
    (the Month 1 and Month 2 tests have 14 pairs), as the flow diagram's boxes now say too."""
    from alsreport.present.prose.safety import disposition_list
    from analysis_helpers import example_results

    text = disposition_list(example_results()).replace("\u00a0", " ")
    # each count before its reason (session 27 PDF reader: "died before Month 12, 1")
    # ... and a sample missing without a reason says so (session 27 readers)
    assert ("- CSF analysed (samples at Month 0 and Month 3): 15. Sample missing at another visit: 1 missing at "
            "Month 1 with no reason recorded; 1 lumbar puncture unsuccessful at Month 2.\n") in text
    assert ("- Serum analysed (samples at Month 0 and Month 3): 15. Sample missing at another visit: 1 missing at "
            "Month 2 with no reason recorded.\n") in text
    assert ("- Blood analysed (samples at Month 0 and Month 3): 14 of the 15 included. Not analysed: 1 missing at "
            "Month 3 with no reason recorded.\n") in text


@pytest.fixture(scope="module")
def harms(tmp_path_factory):
    """The harms study: previous report's cut-off 30 September 2024, enrolment and onset dates recorded; since then
    H40 was enrolled, H38's aseptic meningitis (serious, withdrawn) and H39's fatal respiratory failure began."""
    from safety_fixtures import write_harms_study

    return analyze(load_study(write_harms_study(tmp_path_factory.mktemp("harms") / "harms")))


def test_the_key_facts_say_what_is_new_since_the_previous_report(harms):
    """DSMB reader: the enrolment since the last report was computed and never printed; the serious events and deaths
    since then only in the overview table's columns."""
    from alsreport.present.prose.safety import safety_key_facts

    assert harms.dsmb.enrolment.n_since_last_report == 1
    lines = safety_key_facts(harms).splitlines()
    assert lines[:2] == ["- Participants enrolled: 40", "- Enrolled since the previous report (30 September 2024): 1"]
    assert ("- Serious adverse events: 5 participants (12.5%), 5 events; since the previous report: 2 participants, "
            "2 events") in lines
    assert "- Deaths: 1 participant (2.5%), not related; since the previous report: 1 participant" in lines
    # session 35 DSMB reader #10: any adverse event since then too, as the overview table's columns (H38's aseptic
    # meningitis and H39's respiratory failure began after 30 September 2024)
    assert ("- Any adverse event: 14 participants (35.0%), 16 events; since the previous report: 2 participants, "
            "2 events") in lines
    # session 36 DSMB reader: the related serious and the grade 3 or higher counts too (H38's probably related aseptic
    # meningitis, grade 3, and H39's fatal respiratory failure)
    assert ("- Serious adverse events possibly, probably or definitely related: 2 participants (5.0%), 2 events; since "
            "the previous report: 1 participant, 1 event") in lines
    assert ("- Adverse events of grade 3 or higher: 6 participants (15.0%), 6 events; since the previous report: 2 "
            "participants, 2 events") in lines
    # without enrolment dates the date goes with the first count since then, once; without onset dates no such count
    undated = dataclasses.replace(harms, dsmb=dataclasses.replace(
        harms.dsmb, enrolment=dataclasses.replace(harms.dsmb.enrolment, n_since_last_report=None)))
    facts = safety_key_facts(undated)
    assert "Enrolled since" not in facts
    assert "16 events; since the previous report (30 September 2024): 2 participants, 2 events\n" in facts
    assert facts.count("30 September 2024") == 1
    no_onsets = dataclasses.replace(harms, dsmb=dataclasses.replace(harms.dsmb, overview_since_last=()))
    assert "; since" not in safety_key_facts(no_onsets)
    assert "- Enrolled since the previous report (30 September 2024): 1\n" in safety_key_facts(no_onsets)


def test_the_board_s_counts_give_all_cause_events_beside_the_related_ones(harms):
    """DSMB reader: boards' rules are often on all-cause events; the block gave related ones only. Each count in
    events and participants with the participants' share of the 40, as the Deaths bullet (counts by hand in
    tests/test_summaries_harms_study.py)."""
    assert stopping_rule_counts(harms) == (
        "For the board's assessment against these rules, as of the data cut-off (31 March 2025):\n\n"
        "- Related adverse events of grade 3 or higher: 3 events in 3 participants (7.5%); of grade 4 or higher: 1 "
        "event in 1 participant (2.5%)\n"
        "- Adverse events of grade 4 or higher (any relatedness): 3 events in 3 participants (7.5%)\n"
        "- Related serious adverse events: 2 events in 2 participants (5.0%)\n"
        "- Serious adverse events (any relatedness): 5 events in 5 participants (12.5%)\n"
        "- Deaths: 1 participant (2.5%), not related\n\n"
        "Whether a rule was met is the board's judgement from these counts and the listings.\n")
    # results written before these counts existed: said, never read as "none"
    older = dataclasses.replace(harms, dsmb=dataclasses.replace(harms.dsmb, rule_counts=()))
    assert ("- Serious adverse events (any relatedness): not in these results (written by an earlier alsreport: run "
            "alsreport analyze again)\n") in stopping_rule_counts(older)
