"""Who left the study, in §3.1's sentence (alsreport/present/prose/results.py): the reason as recorded, and for a death
the fatal adverse event it followed (CONSORT Harms: withdrawals due to harms; session 32 reviewer: "(died)")."""

from __future__ import annotations

from dataclasses import replace

from analysis_helpers import example_results

from alsreport.present.prose.results import participant_flow
from alsreport.results.exposure_flow import Discontinuation
from alsreport.results.model import AdverseEvent


def _left(res, discontinued, died=(), deaths=()):
    flow = replace(res.flow, discontinued=tuple(discontinued), died=tuple(died))
    return replace(res, flow=flow, safety=replace(res.safety, deaths=tuple(deaths)))


def _death(pid: str, term: str) -> AdverseEvent:
    return AdverseEvent(pid, term, "Respiratory, thoracic and mediastinal disorders", 5, True, "unrelated", False, 3,
                        5, "fatal")


def test_a_reason_as_recorded_and_a_death_with_its_fatal_event():
    res = example_results()    # three infusions
    consent = Discontinuation(after_infusion=1, reason="Withdrew consent", n=1, participants=("P15",))
    assert "One participant discontinued after infusion 1 (withdrew consent)." in participant_flow(_left(res, [consent]))
    died = Discontinuation(after_infusion=3, reason="Died", n=1, participants=("P14",))
    text = participant_flow(_left(res, [died], died=["P14"], deaths=[_death("P14", "Respiratory failure")]))
    assert ("One participant did not complete follow-up after the last infusion (died: respiratory failure, a fatal "
            "adverse event).") in text
    # a death the harms do not record keeps the recorded reason
    assert "after the last infusion (died)." in participant_flow(_left(res, [died], died=["P14"]))
    both = participant_flow(_left(res, [consent, replace(died, n=2, participants=("P13", "P14"))], died=["P13", "P14"],
                                  deaths=[_death("P13", "Sepsis"), _death("P14", "Respiratory failure")]))
    assert ("In all, 3 participants left the study: 1 after infusion 1 (withdrew consent) and 2 after the last infusion "
            "(died: sepsis and respiratory failure, fatal adverse events).") in both


def test_several_who_left_at_one_time_for_one_reason_are_one_clause():
    # session 34 reviewer: "In all, 2 participants left the study: 2 after infusion 1 (withdrew consent)."
    res = example_results()
    two = Discontinuation(after_infusion=1, reason="Withdrew consent", n=2, participants=("P05", "P06"))
    text = participant_flow(_left(res, [two]))
    assert "Two participants discontinued after infusion 1 (withdrew consent)." in text and "In all" not in text
    many = replace(two, n=12, participants=tuple(f"P{k:02d}" for k in range(1, 13)))
    assert "In all, 12 participants discontinued after infusion 1 (withdrew consent)." in \
        participant_flow(_left(res, [many]))


def test_the_disposition_list_counts_a_withdrawal_once_not_under_each_route(tmp_path):
    # session 34 DSMB reader: "Received infusion 2 (Month 1): 13 (IV 13, IT 13; IV dose not given: 2 withdrew consent;
    # IT dose not given: 2 withdrew consent)" beside "Discontinued after infusion 1: 2 (withdrew consent)"
    import alsreport
    from analysis_helpers import edited_example, withdraw_two

    from alsreport.present.prose.safety import disposition_list


    text = disposition_list(alsreport.analyze(alsreport.load_study(edited_example(tmp_path / "s", withdraw_two))))
    assert "- Received infusion 2 (Month 1): 13 (IV 13, IT 13)\n" in text
    assert ("- Received infusion 3 (Month 2): 13 (IV 13, IT 12; IT dose not given: 1 lumbar puncture unsuccessful)\n"
            in text)
    assert "- Discontinued after infusion 1: 2 (withdrew consent) — P05, P06\n" in text


def test_the_harms_say_whether_an_adverse_event_led_those_who_left_to_leave(tmp_path):
    # session 34 reviewer: P05 withdrew after a probably related headache; §3.6 said nothing of the withdrawals
    import alsreport
    from analysis_helpers import edited_example, withdraw_two

    from alsreport.present.prose.safety import safety_sentence


    text = safety_sentence(alsreport.analyze(alsreport.load_study(edited_example(tmp_path / "s", withdraw_two))))
    assert text.endswith("or death occurred. Two participants left the study (withdrew consent); whether an adverse "
                         "event led them to leave is not recorded.")
    assert "left the study" not in safety_sentence(example_results())   # nobody left
    assert "left the study" not in safety_sentence(alsreport.analyze(alsreport.load_study(
        edited_example(tmp_path / "t", withdraw_two))), brief=True)   # not in the abstract's words


def test_exposure_counts_who_received_how_many(tmp_path):
    # session 34 reviewer: "Participants received a median of 3 of the 3 planned infusions (range 1–3)"
    import alsreport
    from analysis_helpers import edited_example, withdraw_two

    from alsreport.present.prose.results import exposure_sentence


    text = exposure_sentence(alsreport.analyze(alsreport.load_study(edited_example(tmp_path / "s", withdraw_two))))
    # the infusions in words, as the example's sentence (session 36 DSMB reader)
    assert text == ("Of the 15 participants, 13 received all three planned infusions and 2 received one, by at least "
                    "one route.")
    assert exposure_sentence(example_results()) == ("Every participant received all three planned infusions by at "
                                                    "least one route.")
