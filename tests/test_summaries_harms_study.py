"""Harms on the second safety study (tests/safety_fixtures.py): 40 participants, deaths, grade 3-5 events,
withdrawals, procedure-related events. Every number below is counted by hand from safety_fixtures.EVENTS."""

from __future__ import annotations

import pytest
from safety_fixtures import write_harms_study

from alsreport.analysis.summaries import safety_summary
from alsreport.study.loading import load_study

# R 4.2.2: binom.test(x, 40)$conf.int
R_CI_40 = {14: (0.206282490870767, 0.516844453648991), 5: (0.0418596261386167, 0.26803291736172),
           8: (0.0905224093999907, 0.356478018679235), 6: (0.0571022581545259, 0.298352666839577),
           1: (0.000632744932049419, 0.131585858482766), 4: (0.0279254152942193, 0.2366373998761),
           3: (0.0157421798510415, 0.203864748732899), 2: (0.00611364659935084, 0.169196863959418)}


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory):
    return load_study(write_harms_study(tmp_path_factory.mktemp("harms-study") / "harms"))


@pytest.fixture(scope="module")
def summary(study):
    return safety_summary(study)


def test_overview_by_hand(summary) -> None:
    s = summary
    assert s.n_enrolled == 40
    got = {e.category: (e.n_events, e.n_participants) for e in s.overview}
    # any: 16 events in H01-H12, H38, H39 = 14 participants; serious: H06, H38, H39, H07, H12;
    # related (possible+): H01 x2, H02, H03, H04 x2, H05, H06, H38, H09 = 10 events, 8 participants;
    # serious and related: H06 and H38 (probable aseptic meningitis; H07, H12 unlikely, H39 unrelated);
    # grade >= 3: H01 (3), H06 (3), H38 (4), H39 (5), H07 (3), H12 (4); discontinuation: H38 (withdrawn) and
    # H39 (died: a death ends participation, action "not applicable" notwithstanding); death: H39
    assert got == {"any": (16, 14), "serious": (5, 5), "related": (10, 8), "serious related": (2, 2),
                   "grade>=3": (6, 6), "discontinuation": (2, 2), "death": (1, 1)}
    assert s.action_recorded
    for e in s.overview:
        assert (e.ci.low, e.ci.high) == pytest.approx(R_CI_40[e.n_participants], rel=1e-9, abs=1e-12)


def test_worst_grade_and_strongest_relatedness_by_hand(summary) -> None:
    s = summary
    # worst grade: 1 = H02 H05 H08 H10; 2 = H03 H04 H09 H11; 3 = H01 H06 H07; 4 = H12 H38; 5 = H39
    assert [(e.level, e.n_participants, e.n_events) for e in s.by_grade] == [
        ("1", 4, 6), ("2", 4, 4), ("3", 3, 3), ("4", 2, 2), ("5", 1, 1)]
    # strongest: unrelated H08 H11 H39; unlikely H07 H10 H12; possible H05 H09; probable H04 H06 H38;
    # definite H01 H02 H03
    assert {e.level: e.n_participants for e in s.by_relatedness} == {
        "unrelated": 3, "unlikely": 3, "possible": 2, "probable": 3, "definite": 3}
    assert sum(e.n_participants for e in s.by_grade) == sum(e.n_participants for e in s.by_relatedness) == 14


def test_soc_and_term_by_hand(summary) -> None:
    s = summary
    assert [(e.level, e.n_participants, e.n_events) for e in s.by_soc] == [
        ("General disorders and administration site conditions", 4, 5),
        ("Nervous system disorders", 3, 4),
        ("Musculoskeletal and connective tissue disorders", 2, 2),
        ("Respiratory, thoracic and mediastinal disorders", 2, 2),
        ("Gastrointestinal disorders", 1, 1),
        ("Infections and infestations", 1, 1),
        ("Injury, poisoning and procedural complications", 1, 1),
    ]
    soc_grade = {(e.level, e.grade): e.n_participants for e in s.by_soc_grade}
    # Nervous system: H01 worst 3 (headaches 1 and 3), H06 3, H38 4
    assert [soc_grade[("Nervous system disorders", g)] for g in range(1, 6)] == [0, 0, 2, 1, 0]
    term_grade = {(e.level, e.grade): e.n_participants for e in s.by_term_grade}
    # headache: H01 only, counted once at grade 3 (not at 1 and 3)
    assert [term_grade[("Post lumbar puncture headache", g)] for g in range(1, 6)] == [0, 0, 1, 0, 0]
    flags = {(e.level, e.category): e.n_participants for e in s.serious_related_by_soc}
    assert flags[("Nervous system disorders", "serious")] == 2
    assert flags[("Nervous system disorders", "discontinuation")] == 1
    assert flags[("Respiratory, thoracic and mediastinal disorders", "death")] == 1
    assert flags[("Respiratory, thoracic and mediastinal disorders", "discontinuation")] == 1  # H39 died
    assert flags[("Respiratory, thoracic and mediastinal disorders", "related")] == 0


def test_procedure_harms_apart_from_product_harms(summary) -> None:
    s = summary
    # cell product: H04 H05 H06 H38 H10; bone marrow harvest: H02 H03; lumbar puncture: H01 H09;
    # other: H39 H07 H08 H11 H12
    assert [(e.level, e.n_participants, e.n_events) for e in s.by_attribution] == [
        ("cell product", 5, 6), ("procedure: bone marrow harvest", 2, 2), ("procedure: lumbar puncture", 2, 3),
        ("other", 5, 5), ("not recorded", 0, 0)]


def test_listings_carry_dates_and_unresolved_events(summary) -> None:
    s = summary
    assert len(s.events) == 16 and [e.participant_id for e in s.deaths] == ["H39"]
    cramps = next(e for e in s.events if e.participant_id == "H08")
    assert (cramps.outcome, cramps.resolution_date) == ("recovering", None)
    # H08 enrolled 2024-01-08 + 7 x 7 days = 2024-02-26; unlinked onset day 40 -> 2024-04-06
    assert cramps.onset_date == "2024-04-06"
    assert next(e for e in s.events if e.participant_id == "H38").leading_to_discontinuation
    assert next(e for e in s.events if e.participant_id == "H39").leading_to_discontinuation  # died
    assert not any(e.leading_to_discontinuation for e in s.events if e.participant_id not in ("H38", "H39"))


def test_laboratory_grades_by_hand(study) -> None:
    from alsreport.analysis.run import analyze
    from alsreport.results.missing_samples import not_collected_after_discontinuation

    results = analyze(study)
    d = results.dsmb
    # ALT 130 and 250 U/L with ULN 40: 3.25 x ULN -> grade 2, 6.25 x ULN -> grade 3; neutrophils 0.8 -> grade 3;
    # platelets 60 -> grade 2; creatinine 130 umol/L with baseline 80: 1.63 x baseline -> grade 2
    assert sorted((g.participant_id, g.analyte, g.visit, g.grade) for g in d.graded_values) == [
        ("H01", "creatinine", "M3", 2), ("H05", "platelets", "M3", 2), ("H06", "ALT", "M1", 2),
        ("H07", "neutrophils", "M1", 3), ("H12", "ALT", "M1", 3)]
    assert {g.analyte for g in d.grade_counts} == {"ALT", "creatinine", "neutrophils", "platelets"}  # not CSF NfL
    alt = {(s.baseline, s.worst): s.n for s in d.grade_shifts if s.analyte == "ALT" and s.n}
    # 40 enrolled: H38 and H40 have no later value (withdrawn after M0)
    assert alt == {(0, 0): 36, (0, 2): 1, (0, 3): 1, (0, -1): 2}
    # derived from the data, then the site's deviations.csv (safety_fixtures.SITE_DEVIATIONS), by participant
    assert [(x.participant_id, x.kind, x.where, x.source) for x in d.deviations] == [
        ("H03", "informed consent", "2024-01-20", "site"), ("H07", "concomitant medication", "day 40", "site"),
        ("H15", "missed dose", "infusion 2 (M1)", "data"), ("H20", "missing sample", "M3", "data"),
        ("H20", "procedure", "M1", "site")]
    # the samples the manuscript counts missing; a sample not collected after withdrawal (H38, H40) or death
    # (H39) is not a deviation (issue #10): 15 of them, counted apart; nor is a dose after withdrawal (H38's and
    # H40's infusion 2: session 34 DSMB reader)
    assert [(x.compartment, x.detail) for x in d.deviations if x.kind == "missing sample"] == [("CSF", "")]
    assert sum(g.n for g in not_collected_after_discontinuation(results.flow)) == 2 * 3 * 2 + 3
    assert d.deviations[0].detail == "Consent form version 2 signed after the harvest (action: Reported to the " \
                                     "ethics committee)"
    assert d.enrolment.target == 48 and d.enrolment.n_since_last_report == 1
    assert {e.category: e.n_participants for e in d.overview_since_last} == {
        "any": 2, "serious": 2, "related": 1, "serious related": 1, "grade>=3": 2, "discontinuation": 2,
        "death": 1}  # H38 withdrawn (its meningitis serious and related), H39 died


# R 4.2.2: binom.test(0, 40)$conf.int -- no event: the upper bound is still stated
R_CI_40[0] = (0.0, 0.0880973028788024)


def test_every_proportion_interval_matches_binom_test(summary) -> None:
    s = summary
    rows = [*s.overview, *s.by_grade, *s.by_relatedness, *s.by_attribution]
    assert ("not recorded", 0) in [(e.level, e.n_participants) for e in s.by_attribution]
    for e in rows:
        assert e.denominator == 40
        assert (e.ci.low, e.ci.high) == pytest.approx(R_CI_40[e.n_participants], rel=1e-9, abs=1e-12), e


def test_withdrawals_and_deaths_by_hand(study) -> None:
    from alsreport.analysis.run import analyze

    r = analyze(study)
    # H38 discontinued after an adverse event, H39 died, H40 withdrew consent; 37 completed
    assert r.flow.enrolled == 40 and r.flow.n_discontinued == 3 and r.flow.completed == 37
    assert [(e.participant_id, e.grade, e.outcome) for e in r.safety.deaths] == [("H39", 5, "fatal")]
    # since the previous report (2024-09-30): H38's meningitis and H39's death; R: binom.test(2, 40)
    since = {e.category: e for e in r.dsmb.overview_since_last}
    assert (since["any"].ci.low, since["any"].ci.high) == pytest.approx(R_CI_40[2], rel=1e-9)


def test_results_dsmb_is_its_frozen_dataclass_end_to_end(study) -> None:
    import dataclasses
    import typing

    from alsreport.analysis.run import analyze
    from alsreport.results.dsmb import DsmbSummary
    from alsreport.results.model import Results

    assert typing.get_type_hints(Results)["dsmb"] == DsmbSummary | None  # was Any
    r = analyze(study)
    assert isinstance(r.dsmb, DsmbSummary)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.dsmb.ctcae_version = "4.03"  # type: ignore[misc]
    written = r.to_dict()["dsmb"]  # results.json
    assert written["ctcae_version"] == "5.0" and written["deviations"][0] == {
        "participant_id": "H03", "kind": "informed consent", "where": "2024-01-20",
        "detail": "Consent form version 2 signed after the harvest (action: Reported to the ethics committee)",
        "source": "site", "routes": "", "compartment": "", "visit_infusion": "", "visit_routes": "",
        "visit_sampled": ""}


def test_the_seriousness_criterion_reaches_the_listed_events(make_study) -> None:
    """adverse_events.csv's optional ``seriousness`` (ICH E2A) is carried to each event as recorded; None where empty
    or where the study has no such column (conftest's two events: P01's headache, P03's back pain)."""
    folder = make_study(columns={"adverse_events": {"seriousness": ["hospitalisation", ""], "serious": ["yes", "no"]}})
    events = safety_summary(load_study(folder)).events
    assert [(e.participant_id, e.serious, e.seriousness) for e in events] == [("P01", True, "hospitalisation"),
                                                                            ("P03", False, None)]
    assert [e.seriousness for e in safety_summary(load_study(make_study())).events] == [None, None]


def test_the_stopping_rule_counts_by_hand_related_and_of_any_relatedness(study) -> None:
    """What a board weighs against its stopping rules (DSMB reader: rules are often on all-cause events)."""
    from alsreport.analysis.run import analyze

    d = analyze(study).dsmb
    got = {e.category: (e.n_events, e.n_participants, e.percent, e.denominator) for e in d.rule_counts}
    # related grade >= 3: H01's headache (3, definite), H06's and H38's meningitis (3 and 4, probable); of grade >= 4
    # H38 alone; grade >= 4 of any relatedness: H38, H12's pulmonary embolism (4, unlikely), H39's respiratory failure
    # (5, unrelated); serious related: H06, H38; serious: H06, H38, H39, H07's pneumonia, H12
    assert got == {"related grade>=3": (3, 3, 7.5, 40), "related grade>=4": (1, 1, 2.5, 40),
                   "grade>=4": (3, 3, 7.5, 40), "serious related": (2, 2, 5.0, 40), "serious": (5, 5, 12.5, 40)}
    serious = next(e for e in d.rule_counts if e.category == "serious")
    assert (serious.ci.low, serious.ci.high) == pytest.approx(R_CI_40[5], rel=1e-9)   # R: binom.test(5, 40)
