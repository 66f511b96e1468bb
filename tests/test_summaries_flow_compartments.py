"""Per-compartment CONSORT analysis boxes and samples per visit (issue #10, "Missing data unreported").

The example has one participant without a sample at one visit in each compartment (empty value
cells: P12 CSF at Month 1, P07 serum at Month 2, P04 blood at Month 3), so one n is 14 in each, and P09 no CSF at
Month 2, where the lumbar puncture of their intrathecal dose failed.
"""

from __future__ import annotations

import pandas as pd
from analysis_helpers import discontinue, edited_example, example_results, with_options

from alsreport.analysis.run import analyze
from alsreport.study.loading import load_study


def _visits(c) -> dict[str, tuple[int, int]]:
    return {v.visit: (v.n, v.n_missing) for v in c.visits}


def test_example_samples_per_visit_and_analysed_per_compartment() -> None:
    comps = {c.compartment: c for c in example_results().flow.compartments}
    assert list(comps) == ["CSF", "serum", "blood"]
    assert _visits(comps["CSF"]) == {"M0": (15, 0), "M1": (14, 1), "M2": (14, 1), "M3": (15, 0)}
    assert _visits(comps["serum"]) == {"M0": (15, 0), "M1": (15, 0), "M2": (14, 1), "M3": (15, 0)}
    assert _visits(comps["blood"]) == {"M0": (15, 0), "M1": (15, 0), "M2": (15, 0), "M3": (14, 1)}
    [(m1,)] = [v.missing for v in comps["CSF"].visits if v.visit == "M1"]
    assert (m1.reason, m1.participants) == ("no sample", ("P12",))
    # P09's intrathecal dose at Month 2 was not given (lumbar puncture unsuccessful): no CSF then, and the flow
    # gives the dose's reason (reader 11a item 1)
    [(m2,)] = [v.missing for v in comps["CSF"].visits if v.visit == "M2"]
    assert (m2.reason, m2.participants) == ("Lumbar puncture unsuccessful", ("P09",))
    # analysed at the primary visit (Month 3 vs Month 0): blood loses P04
    assert {k: (c.contrast, c.analysed) for k, c in comps.items()} == {
        "CSF": ("M3-M0", 15), "serum": ("M3-M0", 15), "blood": ("M3-M0", 14)}
    assert [(r.reason, r.participants) for r in comps["blood"].not_analysed] == [("no sample at Month 3", ("P04",))]
    assert comps["CSF"].not_analysed == ()


def _failed_baseline_puncture(t: dict[str, pd.DataFrame]) -> None:
    i, m = t["infusions"], t["measurements"]
    dose = (i["participant_id"] == "P05") & (i["infusion_no"] == "1") & (i["route"] == "IT")
    i.loc[dose, ["given", "cells_per_kg", "reason_not_given"]] = ["no", "", "Dry tap"]
    m.loc[(m["participant_id"] == "P05") & (m["visit"] == "M0") & (m["compartment"] == "CSF"), "value"] = ""


def test_the_analysis_box_gives_the_reason_of_the_failed_puncture(tmp_path) -> None:
    """Reader 11a item 1: a CSF sample missing at a visit whose intrathecal dose was not given carries the dose's
    reason, in the visit's count and in the analysis box of the primary contrast."""
    comps = {c.compartment: c for c in analyze(load_study(edited_example(tmp_path / "s",
                                                                          _failed_baseline_puncture))).flow.compartments}
    csf = comps["CSF"]
    [m0] = [v.missing for v in csf.visits if v.visit == "M0"]
    assert [(r.reason, r.participants) for r in m0] == [("Dry tap", ("P05",))]
    assert [(r.reason, r.participants) for r in csf.not_analysed] == [("no sample at Month 0: Dry tap", ("P05",))]
    assert comps["serum"].not_analysed == ()  # only CSF is taken at the lumbar puncture


def _discontinue_p15(t: dict[str, pd.DataFrame]) -> None:
    discontinue(t, "P15", gone_visits=("M2", "M3"))
    m = t["measurements"]
    m.loc[(m["participant_id"] == "P02") & (m["visit"] == "M0") & (m["compartment"] == "CSF")
          & (m["analyte"] == "IL-6"), "value"] = "<0.4"


def test_discontinued_participant_and_excluded_below_lod_value(tmp_path) -> None:
    study = with_options(load_study(edited_example(tmp_path / "s", _discontinue_p15)), below_lod="exclude")
    comps = {c.compartment: c for c in analyze(study).flow.compartments}
    csf = comps["CSF"]
    assert _visits(csf)["M2"] == (13, 2) and _visits(csf)["M3"] == (14, 1)
    [m2] = [v.missing for v in csf.visits if v.visit == "M2"]
    assert [(r.reason, r.participants) for r in m2] == [("Lumbar puncture unsuccessful", ("P09",)),
                                                        ("discontinued", ("P15",))]
    assert csf.analysed == 14
    assert [(r.reason, r.n, r.participants) for r in csf.not_analysed] == [
        ("discontinued before Month 3", 1, ("P15",))]
    # P02's IL-6 at Month 0 is below the LOD and excluded: P02 still has a CSF sample, but not an IL-6 pair.
    # Hand-counted from measurements.csv ("<x" at Month 0 or Month 3): IL-17A P01, P12 (and P15, discontinued);
    # IFN-γ P05, P09, P13.
    assert [(r.reason, r.participants) for r in csf.below_lod_excluded] == [
        ("IL-6", ("P02",)), ("IL-17A", ("P01", "P12")), ("IFN-γ", ("P05", "P09", "P13"))]
    blood = comps["blood"]
    assert [(r.reason, r.participants) for r in blood.not_analysed] == [
        ("discontinued before Month 3", ("P15",)), ("no sample at Month 3", ("P04",))]
    assert blood.analysed == 13


def test_participants_outside_the_analysis_set_are_counted_with_the_sets_reason(tmp_path) -> None:
    study = with_options(load_study(edited_example(tmp_path / "s", _discontinue_p15)), analysis_set="per_protocol")
    comps = {c.compartment: c for c in analyze(study).flow.compartments}
    csf = comps["CSF"]
    # P15 missed infusion 3 (withdrew consent) and P09 its IT dose (lumbar puncture unsuccessful, in the
    # example): both outside the per-protocol set, whatever the compartment
    assert csf.analysed == 13
    assert sorted(p for r in csf.not_analysed for p in r.participants) == ["P09", "P15"]
    assert all(r.reason.startswith("not in the per-protocol set: did not receive infusion 3") for r in csf.not_analysed)
    m0 = [v for v in csf.visits if v.visit == "M0"][0]
    assert (m0.n, m0.n_missing) == (13, 2)
    assert [(r.reason, r.participants) for r in m0.missing] == [("not in the per-protocol set", ("P09", "P15"))]
