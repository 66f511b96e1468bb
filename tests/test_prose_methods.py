"""Methods paragraphs of alsreport.present.prose.methods read as a journal reviewer reads them (reader 12a item 2)."""

from __future__ import annotations

from analysis_helpers import example_results

from alsreport.present.prose import ReportText


def test_laboratory_harms_methods_name_the_ctcae_version_and_the_supplementary_table() -> None:
    """§2.6 sent readers to the confidential safety report for the laboratory data and asked the authors for "the
    grading scale and its version", while §3.6 and Table S4 state CTCAE version 5.0."""
    t = ReportText(example_results())
    assert ("Laboratory values were graded with the Common Terminology Criteria for Adverse Events (CTCAE) version "
            "5\\.0 wherever its criteria cover the analyte, and each participant's worst grade after baseline was "
            "compared with their baseline grade; @sec-safety counts those whose grade worsened, by term.") in t.harms_methods
    # what §3.6 does: it names the worsened terms and cites Table S4 (session 28 reader: "gives this shift for every
    # graded analyte" overstated it)
    assert ("worse than at baseline in 6 participants ([Table S4](#tbl-table-s4){.quarto-xref}); by CTCAE term:"
            in t.laboratory_harms)
    # the Results' section: citing Table S4 here put it before Tables S1-S3 (session 27 HTML reader)
    assert "Table S4" not in t.harms_methods
    assert "safety report" not in t.harms_methods
    # what is really unknown: the adverse events' grading scale, not the laboratory values'
    assert t.harms_collection.startswith("*To be added by the authors:* the grading scale of the adverse events and "
                                         "its version, the coding dictionary and its version,")


def test_the_statistical_methods_say_that_zero_differences_are_dropped() -> None:
    """Reader 12b item 13: §2.8 named zero differences only as a reason for the normal approximation, while the
    tables' n counts pairs the signed-rank test drops."""
    res = example_results()
    wil = [c for c in res.comparisons if c.test == "wilcoxon"]
    with_zeros = [c.n_zeros for c in wil if c.n_zeros]
    assert (len(with_zeros), len(wil), min(with_zeros), max(with_zeros)) == (40, 93, 1, 7)
    assert ("Zero differences were dropped from the ranks and from the Hodges–Lehmann estimate, as in R's wilcox.test "
            "(here 40 of 93 tests had 1 to 7 zero differences); the tables' n counts every complete pair."
            ) in ReportText(res).statistical_methods


def test_the_friedman_tests_participants_are_said_where_they_are_fewer_than_the_wilcoxon_tests(make_study) -> None:
    """Session 25 reader (six visits): the Friedman test uses the participants with a value at every visit (10 of the
    12 the Wilcoxon test used) and the text did not say so. The example: 13 blocks against 15 pairs at Month 3."""
    from alsreport import analyze, load_study
    from alsreport.present.prose.methods import sensitivity_text

    res = example_results()
    friedman = res.comparison("TNF-alpha", "CSF", test="friedman")
    assert (friedman.n, res.primary.n) == (13, 15)
    assert sensitivity_text(res).startswith(
        "For the primary endpoint, CSF TNF\\-α (Wilcoxon signed-rank test: p\u00a0=\u00a00.001), the paired t-test "
        "gave p\u00a0<\u00a00.001 and the Friedman test across all visits p\u00a0<\u00a00.001 in the 13 participants "
        "with a value at every visit. ")
    # adjusted as they are (session 25 reader); the Friedman test supports, it does not check the primary contrast,
    # and Table 4's Kendall's W is introduced (session 26 reader)
    assert ("The paired t-test was used as a sensitivity analysis of each comparison, and the Friedman test across "
            "all four visits (in the participants with a value at every visit; effect size Kendall's W) as a supportive "
            "test of any change over time; both with Holm adjustment within each biomarker family and "
            "compartment.") in ReportText(res).statistical_methods
    complete = analyze(load_study(make_study()))           # no missed visit: nothing to add
    prim = complete.primary
    assert complete.comparison(prim.analyte, prim.compartment, test="friedman").n == prim.n
    assert sensitivity_text(complete).startswith("For the primary endpoint, ")
    assert "with a value at every visit." not in sensitivity_text(complete)



def test_the_outcomes_say_what_a_series_is() -> None:
    """Session 28 six-visit reader: "all 4 secondary series" used a word the text never defined."""
    t = ReportText(example_results())
    assert ("Values are reported in the units of the laboratory; each series (one biomarker in one compartment) was "
            "analysed on its own.") in t.outcomes


def test_the_software_sentence_says_how_its_claim_to_follow_r_is_checked():
    """Session 32 reviewer: "… reproduce R's stats package" stood without support; the sentence names the check."""
    from analysis_helpers import example_results

    from alsreport.present.prose.methods import software_sentence

    text = software_sentence(example_results()).replace("\\", "")
    assert text.startswith("Analyses were run with alsreport ")
    assert text.endswith("whose test statistics, p-values, confidence intervals and adjustments are computed as in "
                         "R's stats package; its verify command recomputes every one of them in R.")


def test_no_other_series_left_is_not_counted_as_zero(tmp_path) -> None:
    """Session 33 reader (2,000 participants): "…; the other 0 series showed no significant change over time"."""
    from alsreport import analyze, load_study
    from alsreport.present.prose.methods import friedman_sentence
    from manuscript_studies import Series, Variant, write_variant

    series = (Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)), Series("IL-6", "CSF", effect=(-0.4,)),
              Series("CRP", "serum", family="biochemical", unit="mg/L", base=3.0, effect=(0.5,)))
    text = friedman_sentence(analyze(load_study(write_variant(tmp_path / "s", Variant(series=series)))))
    assert text.startswith("Across all visits, the Friedman test was significant for both other series: CSF IL\\-6 (")
    assert "the other 0" not in text and "showed no significant change" not in text
