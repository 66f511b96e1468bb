"""analysis.analysis_set: all available pairs (default), completers, per-protocol -- n and V/p as R on the filtered data.

The study: the bundled example with P03's CSF visit at Month 1 removed (a missed visit) and
P09's intrathecal infusion 3 not given (in the example already: "Lumbar puncture unsuccessful").
"""

from __future__ import annotations

import json

import pytest
from analysis_helpers import edited_example, example_results, with_options
from pydantic import ValidationError

from alsreport.analysis.run import analyze
from alsreport.results.writer import results_json
from alsreport.study.config import AnalysisOptions
from alsreport.study.loading import load_study

# CSF TNF-alpha, P01..P15 (the example's values):
# R: m0 <- c(9.06, 6.51, 8.72, 7.52, 11.7, 4.85, 15.09, 9.06, 13.96, 6.11, 8.27, 10.14, 13.39, 9.68, 9.26)
#    m3 <- c(9.38, 5.01, 7.35, 5.02, 10.06, 3.57, 10.12, 6.47, 15.48, 5.17, 5.92, 6.76, 10.8, 7.48, 7.36)
R_WILCOXON = {
    # R: wilcox.test(m3, m0, paired = TRUE, exact = TRUE)             -> V = 7, p = 0.0011596679687500004
    "all": (15, 7.0, 0.0011596679687500004),
    # R: wilcox.test(m3[-c(3, 9, 12)], m0[-c(3, 9, 12)], paired = TRUE, exact = TRUE) -> V = 1,
    #    p = 0.00097656250000000065 (P03 out, P12, whose CSF Month 1 row has no value: no sample, as in the flow and
    #    the tables' n, and P09, without CSF at Month 2: the lumbar puncture of their IT dose failed)
    "completers": (12, 1.0, 0.00097656250000000065),
    # R: wilcox.test(m3[-9], m0[-9], paired = TRUE, exact = TRUE)     -> V = 1, p = 0.00024414062500000011 (P09 out)
    "per_protocol": (14, 1.0, 0.00024414062500000011),
}


def _missed_csf_visit(tables) -> None:
    m = tables["measurements"]
    tables["measurements"] = m[~((m["participant_id"] == "P03") & (m["compartment"] == "CSF") & (m["visit"] == "M1"))]


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return load_study(edited_example(tmp_path_factory.mktemp("sets") / "study", _missed_csf_visit))


@pytest.fixture(scope="module")
def by_set(study):
    return {name: analyze(with_options(study, analysis_set=name)) for name in R_WILCOXON}


@pytest.mark.parametrize("name", list(R_WILCOXON))
def test_each_set_gives_rs_n_and_v(by_set, name) -> None:
    c = by_set[name].comparison("TNF-alpha", "CSF", "M3-M0")
    assert (c.n, c.statistic, c.pvalue) == R_WILCOXON[name]
    assert c.method == "Wilcoxon signed rank exact test"


def test_completers_are_per_compartment(by_set) -> None:
    res = by_set["completers"]
    counts = {c.compartment: c for c in res.flow.analysis_set.by_compartment}
    # the example misses one serum (Month 2) and one blood (Month 3) sample: those participants leave that set
    assert (counts["CSF"].n_in_set, counts["serum"].n_in_set, counts["blood"].n_in_set) == (12, 14, 14)
    assert [(r.reason, r.participants) for r in counts["CSF"].left_out] == [
        ("no CSF sample at Month 1", ("P03", "P12")), ("no CSF sample at Month 2", ("P09",))]
    # P03 and P12 stay in the serum set
    assert not {"P03", "P12"} & {p for r in counts["serum"].left_out for p in r.participants}
    # the Friedman test of CSF, which needs every visit, is the same with or without the set
    assert res.comparison("TNF-alpha", "CSF", test="friedman") == by_set["all"].comparison("TNF-alpha", "CSF",
                                                                                       test="friedman")


def test_per_protocol_leaves_out_a_missed_infusion(by_set) -> None:
    flow = by_set["per_protocol"].flow
    assert {c.n_in_set for c in flow.analysis_set.by_compartment} == {14}
    (left,) = flow.analysis_set.by_compartment[0].left_out
    assert left.participants == ("P09",)
    assert left.reason == "did not receive infusion 3 IT (Lumbar puncture unsuccessful)"
    # the CONSORT "excluded from analysis" box says why
    assert flow.analysed == 14
    assert [(r.reason, r.participants) for r in flow.not_analysed] == [
        ("not in the per-protocol set: did not receive infusion 3 IT (Lumbar puncture unsuccessful)", ("P09",))]


def test_descriptives_count_within_the_set(by_set) -> None:
    def d(res, visit):
        return next(x for x in res.descriptives if (x.analyte, x.compartment, x.visit) == ("TNF-alpha", "CSF", visit))
    # all: P03 (no CSF sample) and P12 (a CSF row without values) are missing at Month 1;
    # completers: both are outside the set, not missing
    assert (d(by_set["all"], "M1").n, d(by_set["all"], "M1").n_missing) == (13, 2)
    assert (d(by_set["completers"], "M1").n, d(by_set["completers"], "M1").n_missing) == (12, 0)  # P09 out too
    assert (d(by_set["completers"], "M0").n, d(by_set["completers"], "M0").n_missing) == (12, 0)
    # R: mean(m0[-9]) -> 9.24
    assert d(by_set["per_protocol"], "M0").mean == pytest.approx(9.24, rel=1e-15)


def test_the_dataset_marks_the_set_and_safety_keeps_everyone(by_set) -> None:
    data = by_set["per_protocol"].analysis_data
    assert set(data.loc[~data["analysis_set"], "participant_id"]) == {"P09"}
    assert "analysis_set" not in by_set["all"].analysis_data.columns  # analysis_data.csv unchanged by default
    assert by_set["per_protocol"].shifts == by_set["all"].shifts


def test_the_set_is_recorded_in_results_json(by_set) -> None:
    doc = json.loads(results_json(by_set["completers"]))
    assert doc["config"]["analysis"]["analysis_set"] == "completers"
    assert doc["flow"]["analysis_set"]["name"] == "completers"
    assert doc["flow"]["analysis_set"]["by_compartment"][0] == {
        "compartment": "CSF", "n_in_set": 12,
        "left_out": [{"reason": "no CSF sample at Month 1", "n": 2, "participants": ["P03", "P12"]},
                     {"reason": "no CSF sample at Month 2", "n": 1, "participants": ["P09"]}]}
    default = json.loads(results_json(example_results()))
    assert "analysis_set" not in default["config"]["analysis"] and default["flow"]["analysis_set"]["name"] == "all"


def test_methods_state_the_set(by_set) -> None:
    from alsreport.present.prose import statistical_methods

    assert "per-protocol" not in statistical_methods(by_set["all"])
    text = statistical_methods(by_set["per_protocol"])
    assert "The biomarker analyses used the per-protocol set" in text and "14 of 15 included participants" in text  # retrospective
    text = statistical_methods(by_set["completers"])
    assert "the completers" in text and "CSF: 12 of 15, serum: 14 of 15, blood: 14 of 15" in text


def test_an_unknown_set_lists_the_allowed_ones() -> None:
    with pytest.raises(ValidationError, match="'all', 'completers' or 'per_protocol'"):
        AnalysisOptions(analysis_set="itt")


def _emptied_csf_visit(tables) -> None:
    m = tables["measurements"]
    rows = (m["participant_id"] == "P03") & (m["compartment"] == "CSF") & (m["visit"] == "M1")
    assert rows.sum() > 0
    m.loc[rows, "value"] = ""  # the rows stay, their values are empty: no sample (as in the flow and tables)


def test_a_visit_with_only_empty_values_is_no_sample_for_completers(tmp_path, by_set) -> None:
    emptied = load_study(edited_example(tmp_path / "study", _emptied_csf_visit))
    res = analyze(with_options(emptied, analysis_set="completers"))
    counts = {c.compartment: c for c in res.flow.analysis_set.by_compartment}
    assert [(r.reason, r.participants) for r in counts["CSF"].left_out] == [
        ("no CSF sample at Month 1", ("P03", "P12")), ("no CSF sample at Month 2", ("P09",))]
    # the same test as when the rows are missing: R: wilcox.test(m3[-3], m0[-3], paired = TRUE)
    c = res.comparison("TNF-alpha", "CSF", "M3-M0")
    assert (c.n, c.statistic, c.pvalue) == R_WILCOXON["completers"]
    # and the flow's samples at Month 1 agree with the set
    (csf,) = [f for f in res.flow.compartments if f.compartment == "CSF"]
    assert csf == next(f for f in by_set["completers"].flow.compartments if f.compartment == "CSF")
