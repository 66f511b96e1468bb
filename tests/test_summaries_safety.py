"""Adverse-event summaries: the example (15 mild events) and with a serious grade-3 event and a death."""

from __future__ import annotations

import pandas as pd
import pytest
from analysis_helpers import edited_example, example_study

from alsreport.study.loading import load_study
from alsreport.analysis.summaries import safety_summary


def overview(s) -> dict[str, tuple[int, int]]:
    return {e.category: (e.n_events, e.n_participants) for e in s.overview}


def test_example_counts() -> None:
    s = safety_summary(example_study())
    assert s.n_enrolled == 15
    assert overview(s) == {"any": (15, 14), "serious": (0, 0), "related": (12, 11), "serious related": (0, 0),
                           "grade>=3": (0, 0), "discontinuation": (0, 0), "death": (0, 0)}
    assert s.overview[0].percent == pytest.approx(14 / 15 * 100)
    assert len(s.events) == 15 and len(s.related_events) == 12
    assert s.serious_events == () and s.deaths == ()
    # events by grade; participants once, at their worst grade (P02: grade 2 headache, grade 1 back pain)
    assert [(e.level, e.n_events, e.n_participants) for e in s.by_grade] == [
        ("1", 13, 12), ("2", 2, 2), ("3", 0, 0), ("4", 0, 0), ("5", 0, 0)]
    assert sum(e.n_participants for e in s.by_grade) == 14
    assert {e.level: e.n_events for e in s.by_relatedness} == {
        "unrelated": 2, "unlikely": 1, "possible": 6, "probable": 3, "definite": 3}
    # participants once, at their strongest relatedness (P02: probable headache, possible back pain)
    assert {e.level: e.n_participants for e in s.by_relatedness} == {
        "unrelated": 2, "unlikely": 1, "possible": 5, "probable": 3, "definite": 3}
    assert sum(e.n_participants for e in s.by_relatedness) == 14
    # the two bone-marrow aspiration-site pains follow the harvest at enrolment, weeks before infusion 1: linked to
    # no infusion (reader 11a item 1)
    assert [(e.level, e.n_events, e.denominator) for e in s.by_infusion] == [
        ("1", 5, 15), ("2", 4, 15), ("3", 2, 15), ("not linked", 4, 15)]
    top = s.by_soc[0]
    assert (top.level, top.n_events, top.n_participants) == ("General disorders and administration site conditions",
                                                             5, 5)
    headache = next(e for e in s.by_term if e.level == "Post lumbar puncture headache")
    assert (headache.n_events, headache.system_organ_class) == (4, "Nervous system disorders")
    grid = [e for e in s.by_term_grade if e.level == "Post lumbar puncture headache"]
    assert [(e.grade, e.n_events) for e in grid] == [(1, 2), (2, 2), (3, 0), (4, 0), (5, 0)]
    assert len(s.by_term_grade) == 5 * len(s.by_term)
    # listing: participant order, then infusion, then onset
    assert [e.participant_id for e in s.events][:3] == ["P01", "P02", "P02"]
    assert [e.infusion_no for e in s.events if e.participant_id == "P02"] == [1, 2]


def _inject(t: dict[str, pd.DataFrame]) -> None:
    extra = pd.DataFrame([
        ["P03", "Aseptic meningitis", "Nervous system disorders", "3", "yes", "probable", "2", "2", "recovered"],
        ["P11", "Respiratory failure", "Respiratory, thoracic and mediastinal disorders", "5", "yes", "unrelated",
         "", "75", "fatal"],
    ], columns=t["adverse_events"].columns)
    t["adverse_events"] = pd.concat([t["adverse_events"], extra], ignore_index=True)
    # a participant who died did not complete follow-up (validation says so since issue 11)
    p = t["participants"]
    p.loc[p["participant_id"] == "P11", ["completed", "discontinuation_reason"]] = ["no", "Died (respiratory failure)"]


def test_injected_serious_grade3_event_and_a_death(tmp_path) -> None:
    s = safety_summary(load_study(edited_example(tmp_path / "s", _inject)))
    # P11 died and did not complete the study: the fatal event led to discontinuation (a death ends participation)
    # serious and related: P03's aseptic meningitis (P11's respiratory failure is unrelated)
    assert overview(s) == {"any": (17, 14), "serious": (2, 2), "related": (13, 12), "serious related": (1, 1),
                           "grade>=3": (2, 2), "discontinuation": (1, 1), "death": (1, 1)}
    assert [(e.participant_id, e.term) for e in s.serious_events] == [("P03", "Aseptic meningitis"),
                                                                      ("P11", "Respiratory failure")]
    assert [(e.participant_id, e.grade) for e in s.deaths] == [("P11", 5)]
    assert [e.term for e in s.related_events if e.participant_id == "P03"] == ["Aseptic meningitis"]
    assert {e.level: e.n_events for e in s.by_grade} == {"1": 13, "2": 2, "3": 1, "4": 0, "5": 1}
    # P03 (nausea 1, meningitis 3) counts at grade 3, P11 (back pain 1, respiratory failure 5) at grade 5
    assert {e.level: e.n_participants for e in s.by_grade} == {"1": 10, "2": 2, "3": 1, "4": 0, "5": 1}
    nervous = next(e for e in s.by_soc if e.level == "Nervous system disorders")
    assert (nervous.n_events, nervous.n_participants) == (5, 5)
    assert s.by_soc[0].level == "General disorders and administration site conditions"  # 5 = 5: then name
    second = next(e for e in s.by_infusion if e.level == "2")
    assert (second.n_events, second.n_participants) == (5, 4)  # P03 had nausea after infusion 2 too
    # P03's listing: nausea and meningitis both after infusion 2, onset 2 before 3
    assert [e.term for e in s.events if e.participant_id == "P03"] == ["Aseptic meningitis", "Nausea"]
    # an unlinked event of a participant sorts after the linked ones
    assert [e.infusion_no for e in s.events if e.participant_id == "P11"] == [3, None]


def test_serious_and_related_by_soc_and_term(tmp_path) -> None:
    example = safety_summary(example_study())
    # a serious, related, discontinuation and death row per term and per SOC, in the order of by_term / by_soc
    flags = ("serious", "related", "discontinuation", "death")
    assert [(e.level, e.category) for e in example.serious_related_by_term] == [
        (t.level, flag) for t in example.by_term for flag in flags]
    assert [(e.level, e.category) for e in example.serious_related_by_soc] == [
        (c.level, flag) for c in example.by_soc for flag in flags]
    assert all(e.n_events == 0 for e in example.serious_related_by_term if e.category == "serious")
    related_by_term = {e.level: e.n_participants for e in example.serious_related_by_term if e.category == "related"}
    for term in related_by_term:  # counted again from the listing of related events
        assert related_by_term[term] == len({e.participant_id for e in example.related_events if e.term == term})
    assert sum(related_by_term.values()) >= 1

    s = safety_summary(load_study(edited_example(tmp_path / "s", _inject)))
    flags = {(e.level, e.category): (e.n_events, e.n_participants) for e in s.serious_related_by_term}
    assert flags[("Aseptic meningitis", "serious")] == (1, 1)
    assert flags[("Aseptic meningitis", "related")] == (1, 1)      # probable
    assert flags[("Respiratory failure", "serious")] == (1, 1)
    assert flags[("Respiratory failure", "related")] == (0, 0)     # unrelated
    soc = {(e.level, e.category): e.n_participants for e in s.serious_related_by_soc}
    assert soc[("Nervous system disorders", "serious")] == 1
    assert soc[("Respiratory, thoracic and mediastinal disorders", "serious")] == 1


def test_each_row_counts_participants_once_at_their_worst_grade() -> None:
    s = safety_summary(example_study())
    grid: dict[tuple[str, str], list[int]] = {}
    for e in s.by_term_grade:
        grid.setdefault((e.system_organ_class, e.level), []).append(e.n_participants)
    for t in s.by_term:
        assert sum(grid[(t.system_organ_class, t.level)]) == t.n_participants, t.level
    soc_grid: dict[str, list[int]] = {}
    for e in s.by_soc_grade:
        soc_grid.setdefault(e.level, []).append(e.n_participants)
    for c in s.by_soc:
        assert sum(soc_grid[c.level]) == c.n_participants, c.level
    # Musculoskeletal: back pain P02, P08, P11 and cramps P15, all grade 1: 4 participants at grade 1
    assert soc_grid["Musculoskeletal and connective tissue disorders"] == [4, 0, 0, 0, 0]
    # Nervous system: headache grade 2 (P02, P13) and grade 1 (P05, P09)
    assert soc_grid["Nervous system disorders"] == [2, 2, 0, 0, 0]


def test_exact_intervals_match_r_binom_test() -> None:
    s = safety_summary(example_study())
    by = {e.category: e for e in s.overview}
    # R: binom.test(14, 15)$conf.int
    assert (by["any"].ci.low, by["any"].ci.high) == pytest.approx((0.680515433421697, 0.998313569758647))
    # R: binom.test(0, 15)$conf.int -- no serious event: the upper bound is still stated
    assert (by["serious"].ci.low, by["serious"].ci.high) == pytest.approx((0, 0.218019360910534))
    # R: binom.test(11, 15)$conf.int
    assert (by["related"].ci.low, by["related"].ci.high) == pytest.approx((0.448996758963029, 0.922128453708956))
    assert by["any"].ci.level == 0.95
    # R: binom.test(2, 15)$conf.int  (worst grade 2)
    g2 = next(e for e in s.by_grade if e.level == "2")
    assert (g2.ci.low, g2.ci.high) == pytest.approx((0.0165759134400836, 0.404602696603372))
