"""CONSORT flow derived from the data: the example, and edited copies with a discontinuation."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from analysis_helpers import discontinue, edited_example, example_results, example_study, with_options

from alsreport.analysis.run import analyze
from alsreport.analysis.dataset import build_analysis_data, build_series_array
from alsreport.errors import AlsreportError
from alsreport.study.loading import load_study
from alsreport.analysis.summaries import consort_flow
from alsreport.analysis.summaries.flow import check_flow


def test_example_flow() -> None:
    flow = example_results().flow
    assert (flow.assessed, flow.excluded, flow.enrolled) == (21, 6, 15)
    reasons = {r.reason: r.n for r in flow.excluded_reasons}
    assert reasons == {
        "Did not meet inclusion criteria (ALSFRS-R below 24)": 2,
        "Did not meet inclusion criteria (forced vital capacity below 50%)": 1,
        "Contraindication to lumbar puncture": 1,
        "Declined the treatment": 2,
    }
    # those not eligible first, then the eligible (session 32 reviewer); in each, count descending, then text
    assert [(r.eligible, r.n) for r in flow.excluded_reasons] == [(False, 2), (False, 1), (False, 1), (True, 2)]
    assert flow.excluded_reasons[1].reason == "Contraindication to lumbar puncture"
    assert flow.excluded_reasons[3].reason == "Declined the treatment"
    assert flow.excluded_reasons[3].participants == ("S05", "S06")
    assert [(s.infusion_no, s.visit, s.n_received) for s in flow.infusions] == [(1, "M0", 15), (2, "M1", 15),
                                                                                   (3, "M2", 15)]
    assert flow.discontinued == () and flow.n_discontinued == 0
    assert (flow.completed, flow.analysed) == (15, 15)
    assert (flow.analysed_series, flow.analysed_contrast) == ("CSF TNF-α", "M3-M0")
    assert (flow.analysed_analyte, flow.analysed_compartment) == ("TNF-alpha", "CSF")
    assert flow.not_analysed == ()


def _discontinue_p15_and_drop_p03_value(t: dict[str, pd.DataFrame]) -> None:
    discontinue(t, "P15")
    m = t["measurements"]
    m.loc[(m["participant_id"] == "P03") & (m["visit"] == "M3") & (m["compartment"] == "CSF")
          & (m["analyte"] == "TNF-alpha"), "value"] = ""


def test_discontinued_participant_and_missing_final_sample(tmp_path) -> None:
    study = load_study(edited_example(tmp_path / "s", _discontinue_p15_and_drop_p03_value))
    res = analyze(study)
    flow = res.flow
    assert (flow.assessed, flow.excluded, flow.enrolled) == (21, 6, 15)
    assert [s.n_received for s in flow.infusions] == [15, 15, 14]
    assert flow.infusions[1].not_received == ()
    # P15 stopped after infusion 2: counted once, as discontinued, not also as missing infusion 3
    assert flow.infusions[2].not_received == ()
    [d] = flow.discontinued
    assert (d.after_infusion, d.reason, d.n, d.participants) == (2, "Withdrew consent", 1, ("P15",))
    assert (flow.completed, flow.n_discontinued) == (14, 1)
    assert flow.analysed == 13
    assert flow.analysed == res.primary.n  # analysed = complete pairs of the primary endpoint
    reasons = {r.reason: r.participants for r in flow.not_analysed}
    # P15 stopped the study: discontinued, not a missing sample (issue #10); P03's value is missing
    assert reasons == {"discontinued before Month 3": ("P15",), "no TNF-α value at Month 3": ("P03",)}


def test_excluded_below_lod_value_is_a_reason(tmp_path) -> None:
    def edit(t: dict[str, pd.DataFrame]) -> None:
        m = t["measurements"]
        m.loc[(m["participant_id"] == "P02") & (m["visit"] == "M0") & (m["compartment"] == "CSF")
              & (m["analyte"] == "TNF-alpha"), "value"] = "<0.5"

    study = with_options(load_study(edited_example(tmp_path / "s", edit)), below_lod="exclude")
    flow = analyze(study).flow
    assert flow.analysed == 14
    assert [(r.reason, r.participants) for r in flow.not_analysed] == [
        ("TNF-α below the limit of detection at Month 0 (excluded)", ("P02",))]


def test_default_endpoint_without_primary() -> None:
    study = with_options(example_study(), primary=None)
    flow = analyze(study).flow
    assert (flow.analysed_series, flow.analysed_contrast, flow.analysed) == ("CSF TNF-α", "M3-M0", 15)


def _skip_second_infusion(person: str):
    def edit(t: dict[str, pd.DataFrame]) -> None:
        i = t["infusions"]
        second = (i["participant_id"] == person) & (i["infusion_no"] == "2")
        i.loc[second, ["cells_per_kg", "given", "reason_not_given"]] = ["", "no", "Pyrexia"]
    return edit


def test_infusion_after_a_missed_one_is_counted_as_resumed(tmp_path) -> None:
    # P04 missed infusion 2 (pyrexia) and received infusion 3: valid data (validation warns), and the
    # flow adds up: 15 - 1 missed = 14 received infusion 2; 14 + 1 resumed = 15 received infusion 3.
    res = analyze(load_study(edited_example(tmp_path / "s", _skip_second_infusion("P04"))))
    flow = res.flow
    assert [s.n_received for s in flow.infusions] == [15, 14, 15]
    assert [(r.reason, r.participants) for r in flow.infusions[1].not_received] == [("Pyrexia", ("P04",))]
    assert [s.resumed for s in flow.infusions] == [(), (), ("P04",)]
    assert flow.discontinued == () and flow.completed == 15
    assert any("P04 received infusion 3 without infusion 2" in w for w in res.warnings)


def test_missed_infusion_and_a_discontinuation_add_up(tmp_path) -> None:
    def edit(t: dict[str, pd.DataFrame]) -> None:
        _skip_second_infusion("P04")(t)
        _discontinue_p15_and_drop_p03_value(t)

    res = analyze(load_study(edited_example(tmp_path / "s", edit)))
    flow = res.flow
    assert [s.n_received for s in flow.infusions] == [15, 14, 14]
    assert [(r.reason, r.participants) for r in flow.infusions[1].not_received] == [("Pyrexia", ("P04",))]
    assert flow.infusions[2].not_received == () and flow.infusions[2].resumed == ("P04",)
    assert [(d.after_infusion, d.participants) for d in flow.discontinued] == [(2, ("P15",))]


def test_flow_whose_counts_do_not_add_up_raises_naming_the_stage() -> None:
    study = example_study()
    flow = analyze(study).flow
    stages = list(flow.infusions)
    stages[1] = dataclasses.replace(stages[1], n_received=stages[1].n_received - 1)
    with pytest.raises(AlsreportError, match=r"infusion 2 was received by 14, but 15 received the previous "
                                             r"infusion, 0 missed it, 0 stopped before it and 0 resumed"):
        check_flow(dataclasses.replace(flow, infusions=tuple(stages)), study)


def test_unknown_completion_status_raises_naming_participants() -> None:
    study = example_study()
    part = study.participants.copy()
    part.loc[part["participant_id"] == "P07", "completed"] = pd.NA
    broken = dataclasses.replace(study, participants=part)
    arr = build_series_array(broken, build_analysis_data(broken))
    with pytest.raises(AlsreportError, match="completed is neither yes nor no for: P07"):
        consort_flow(broken, arr)


def test_a_participant_who_died_is_discontinued_not_missing_at_the_later_visits(tmp_path) -> None:
    """Issue #10: the six-visit test study's P05 died after infusion 3 (Month 2); the flow counts them as
    discontinued, not analysed, at Months 3 to 12 (was: analysed at Month 12 with values after the death).
    Reader 11b's item 1: the analysis boxes say the participant died (was: "discontinued before Month 12", while the
    follow-up box said "Died")."""
    from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

    from alsreport.present.prose import ReportText

    study = write_variant(tmp_path / "s", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5,
                                                  missed_visit=("P03", "M2")))
    results = analyze(load_study(study))
    flow = results.flow
    assert [(d.after_infusion, d.reason, d.participants) for d in flow.discontinued] == [(3, "Died", ("P05",))]
    assert (flow.analysed_contrast, flow.analysed, flow.completed) == ("M12-M0", 11, 11)
    assert flow.died == ("P05",)
    assert [(r.reason, r.participants) for r in flow.not_analysed] == [("died before Month 12", ("P05",))]
    for c in flow.compartments:
        assert [(r.reason, r.participants) for r in c.not_analysed] == [("died before Month 12", ("P05",))]
        missing = {v.visit: [(r.reason, r.participants) for r in v.missing] for v in c.visits}
        assert missing["M2"] == [("no sample", ("P03",))]
        assert all(missing[v] == [("discontinued", ("P05",))] for v in ("M3", "M6", "M12"))
    text = ReportText(results).participant_flow
    assert "Month 12 vs Month 0); 1 was not (died before Month 12)." in text
    # the two samples missed while in the study are missing; the six after the death are counted apart, as not
    # collected, not as missing (issue #10: a sample after a discontinuation is no protocol deviation)
    # one participant missed both compartments: said once (session 25 reader read "CSF (1 participant) and serum
    # (1 participant)" as two people)
    # one visit: "this visit"; who left, apart from P03 (session 26 six-visit reader)
    assert ("Samples were missing at Month 2 for CSF and serum (1 participant, the same in both; no reason recorded); the "
            "comparisons involving this visit include fewer participants (the tables give the number of participants at "
            "each visit). A further 6 scheduled samples (CSF 3, "
            "serum 3) were not collected because one participant had died.") in text
    assert "8 samples" not in text and "had discontinued and" not in text
