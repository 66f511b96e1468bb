"""The safety report's summary bullets beyond the event counts (present/prose/board_summary.py; reader 11a, item 4:
the summary page left out the deviations, the most frequent related events, the event unresolved at the cut-off, the
grade 2 laboratory value, and said nowhere whether expectedness or SUSARs were assessed)."""

from __future__ import annotations

from dataclasses import replace

from alsreport.present.prose.board_summary import board_summary, laboratory_item, unresolved_item
from alsreport.present.prose.text import ReportText
from alsreport.results.dsmb import GradedValue

from tables_fixtures import example_results


def test_the_examples_summary_names_what_the_board_discusses():
    lines = board_summary(example_results()).splitlines()
    assert lines == [
        # P09's Month 2 CSF and partial dose (one failed lumbar puncture), P04, P07 and P12's missing samples; the count,
        # its participants (session 30 DSMB reader), what it counts (session 26 reader: "2 (Table 2): 2 missing samples")
        "- Protocol deviations: 5 in 4 participants (4 missing samples and 1 partial dose; @tbl-deviations)",
        "- Related adverse events (@tbl-related): 12 events in 11 participants, most frequent first: post lumbar "
        "puncture headache in 4 participants (26.7%); back pain in 3 participants (20.0%); pyrexia in 3 participants "
        "(20.0%); bone marrow aspiration site pain in 2 participants (13.3%)",
        # one bracket, no colon after a colon (session 29 reader)
        "- Adverse events not resolved as of the data cut-off (31 January 2024): 1 event (P15, muscle cramps, grade "
        "1, recovering; @tbl-all-events)",
        # every value after baseline is below grade 2 (reader 12a item 4: P12's haemoglobin fell to 9.3 g/dL), and
        # the grade 1 changes the laboratory section reports (session 29 reader: "none" hid them; 6 participants as
        # the shift table counts them, hand-counted from its rows)
        "- Laboratory values of CTCAE grade 2 or higher after baseline: none; 6 participants had values worse than "
        "at baseline, all of grade 1 (@tbl-grade-shifts)",
        # the example's study.yml gives none of the harms methods: the summary asks for them (session 29 reader)
        "- How harms were collected, graded and coded: to be added by the investigators (@sec-harms-methods)",
        "- Expectedness and SUSARs: not recorded",
    ]
    # one list with the key facts (the ethics report prints them together)
    text = ReportText(example_results())
    assert (text.key_facts + text.board_summary).count("\n\n") == 0


def test_the_items_follow_the_data():
    res = example_results()
    # every event resolved: "none"; an event without an outcome is not resolved
    events = tuple(replace(e, outcome="recovered") for e in res.safety.events)
    resolved = replace(res, safety=replace(res.safety, events=events))
    assert unresolved_item(resolved).endswith(": none")
    open_ = replace(res, safety=replace(res.safety, events=(replace(events[0], outcome=None), *events[1:])))
    assert f": 1 event ({events[0].participant_id}," in unresolved_item(open_)
    assert unresolved_item(open_).endswith("outcome not recorded; @tbl-all-events)")
    # past three events: "and n more" before the table
    four = replace(res, safety=replace(res.safety, events=tuple(replace(e, outcome="recovering") for e in events[:4])))
    assert unresolved_item(four).endswith("; and 1 more; @tbl-all-events)") and ": 4 events (" in unresolved_item(four)
    assert "outcome not recorded" in unresolved_item(open_)
    # no grade >= 2 value after baseline: "none"; the expectedness study.yml records is printed as written
    low = replace(res, dsmb=replace(res.dsmb, graded_values=tuple(g for g in res.dsmb.graded_values if g.grade < 2)))
    assert laboratory_item(low).endswith(": none; 6 participants had values worse than at baseline, all of grade 1 "
                                        "(@tbl-grade-shifts)")
    # a value of grade 2 after baseline is named with its participant, term, value and visit
    anaemia = GradedValue("P10", "M3", "blood", "haemoglobin", 9.6, "g/dL", 2, "Anemia")
    high = replace(res, dsmb=replace(res.dsmb, graded_values=res.dsmb.graded_values + (anaemia,)))
    assert laboratory_item(high) == ("- Laboratory values of CTCAE grade 2 or higher after baseline: 1 participant "
                                     "(@tbl-out-of-range): P10, anemia grade 2 (haemoglobin 9.6 g/\u2060dL at Month 3); not recorded "
                                     "as an adverse event")
    cfg = res.config.model_copy(update={"safety": res.config.safety.model_copy(
        update={"expectedness": "Against the investigator's brochure, SUSARs reported to the authority"})})
    assert ("- Expectedness and SUSARs: Against the investigator's brochure, SUSARs reported to the authority"
            in board_summary(replace(res, config=cfg)))


def test_a_serious_related_event_without_expectedness_is_an_action_for_the_investigators():
    """Session 28 readers: "Expectedness and SUSARs: not recorded" beside a probably related serious event (aseptic
    meningitis) left the board without the expedited-reporting question."""
    from alsreport.present.prose.board_summary import expectedness_item

    res = example_results()
    assert not res.safety.serious_events and expectedness_item(res) == "- Expectedness and SUSARs: not recorded"
    event = replace(res.safety.events[0], serious=True)
    assert event.related
    one = replace(res, safety=replace(res.safety, serious_events=(event,)))
    assert expectedness_item(one) == (
        "- Expectedness and SUSARs: not recorded; the investigators are to assess whether the serious related event "
        "was expected and, if not, whether it was reported to the authority as a SUSAR")


def test_the_harms_methods_item_names_only_what_is_missing():
    from alsreport.present.prose.board_summary import harms_methods_item

    res = example_results()
    sc = res.config.safety.model_copy(update={"harms_collection": "Open question at every visit",
                                              "surveillance_window": "From the first infusion to Month 3",
                                              "relatedness_assessor": "The treating neurologist",
                                              "ctcae_version": "5.0"})
    some = replace(res, config=res.config.model_copy(update={"safety": sc}))
    assert harms_methods_item(some) == ("- Harms methods to be added by the investigators: the coding dictionary "
                                        "(@sec-harms-methods)")
    every = replace(res, config=res.config.model_copy(update={"safety": sc.model_copy(update={"meddra_version": "26.1"})}))
    assert harms_methods_item(every) == ""


def test_one_related_event_is_named_without_a_clause_about_terms_and_its_one_narrative_in_the_singular(tmp_path):
    """The IV-only study (one infusion, a related headache and a fatal serious event; DSMB reader): "1 event in 1
    participant, no term in more than one participant" said nothing, and "Narratives of the serious adverse event
    (fatal)" one narrative in the plural."""
    from manuscript_studies import iv_one_analyte, write_variant

    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    res = analyze(load_study(write_variant(tmp_path / "iv", iv_one_analyte())))
    lines = board_summary(res).splitlines()
    assert ("- Related adverse events (@tbl-related): 1 event in 1 participant: post lumbar puncture headache"
            in lines)
    assert ("- Narrative of the serious adverse event (fatal): not recorded; to be added by the investigators "
            "(@sec-ae-serious)" in lines)
    assert "no term in more than one" not in board_summary(res)


def test_the_stopping_rules_are_counted_in_the_summary_for_whoever_weighs_them(tmp_path):
    """Session 36 DSMB reader: rules2's Summary never mentioned its four stopping rules, one of them at its threshold
    (serious adverse events in 25.0% of participants, the rule "more than 25%")."""
    import alsreport
    from alsreport.present.prose.board_summary import stopping_rules_item
    from safety_fixtures import write_harms_study

    harms = alsreport.analyze(alsreport.load_study(write_harms_study(tmp_path / "harms")))
    assert len(harms.config.safety.stopping_rules) == 2 and harms.config.safety.dsmb_members
    assert stopping_rules_item(harms) == ("- Stopping rules: 2 recorded, with the counts for the board's assessment "
                                          "(@sec-stopping)")
    alone = replace(harms, config=harms.config.model_copy(update={"safety": harms.config.safety.model_copy(
        update={"dsmb_members": []})}))
    assert "the committee's assessment" in stopping_rules_item(alone)


def test_the_related_events_since_the_previous_report_as_the_overview_table_gives_them(tmp_path):
    """Session 35 DSMB reader #10: the Summary gave counts since the previous report for serious events and deaths
    only, not for related events, though the overview table has them. In the harms study H38's probably related
    aseptic meningitis is the one related event with onset after 30 September 2024; without onset dates, nothing."""
    import alsreport
    from alsreport.present.prose.board_summary import related_item
    from safety_fixtures import write_harms_study

    harms = alsreport.analyze(alsreport.load_study(write_harms_study(tmp_path / "harms")))
    assert related_item(harms).startswith(
        "- Related adverse events (@tbl-related): 10 events in 8 participants (since the previous report: 1 "
        "participant, 1 event), most frequent first: ")
    no_onsets = replace(harms, dsmb=replace(harms.dsmb, overview_since_last=()))
    assert "since" not in related_item(no_onsets)
