"""alsreport/present/prose/secondary_sensitivity.py: the paired t-test beside each secondary comparison the Wilcoxon
test found significant (session 32 reviewer: only the primary endpoint's sensitivity results were in §3.4)."""

from __future__ import annotations

import dataclasses

from analysis_helpers import example_results

from alsreport.present.prose.methods import sensitivity_text
from alsreport.present.prose.secondary_sensitivity import secondary_sensitivity_sentence


def test_the_examples_two_exploratory_findings_with_their_t_tests():
    res = example_results()
    # comparisons.csv: CSF glucose M1-M0 paired_t p_holm 0.031 (R: t.test(M1, M0, paired = TRUE), then
    # p.adjust(method = "holm") within CSF biochemical markers at Month 1); CSF TNF-alpha M2-M0 p_holm < 0.001
    text = secondary_sensitivity_sentence(res).replace("\\", "").replace("\u00a0", " ")   # p\u00a0=\u00a00.031
    assert text == ("For the secondary comparisons significant on the Wilcoxon test, the paired t-test was also "
                    "significant for CSF glucose at Month 1 (Holm-adjusted p = 0.031) and CSF TNF-α at Month 2 "
                    "(Holm-adjusted p < 0.001).")
    assert secondary_sensitivity_sentence(res) in sensitivity_text(res)


def test_a_t_test_that_is_not_significant_is_said_after_a_semicolon_and_none_says_nothing():
    res = example_results()
    glucose = next(c for c in res.comparisons if (c.compartment, c.analyte, c.contrast, c.test)
                   == ("CSF", "glucose", "M1-M0", "paired_t"))
    weaker = dataclasses.replace(glucose, pvalue=0.2, p_holm=0.6, p_bh=0.4)
    changed = dataclasses.replace(res, comparisons=tuple(weaker if c is glucose else c for c in res.comparisons))
    assert secondary_sensitivity_sentence(changed).replace("\\", "").replace("\u00a0", " ").endswith(
        "the paired t-test was also significant for CSF TNF-α at Month 2 (Holm-adjusted p < 0.001); it was not "
        "significant for CSF glucose at Month 1 (Holm-adjusted p = 0.600).")
    no_t = dataclasses.replace(res, comparisons=tuple(c for c in res.comparisons if c.test != "paired_t"))
    assert secondary_sensitivity_sentence(no_t) == ""


def test_one_series_at_several_visits_is_named_once(tmp_path):
    """Session 32 reader: the six-visit study's sentence said "CSF TNF-α at Month …" four times."""
    from alsreport import analyze, load_study
    from manuscript_studies import write_variant
    from test_manuscript_layout import WIDE

    res = analyze(load_study(write_variant(tmp_path / "six", WIDE)))
    # comparisons.csv of that study: CSF TNF-alpha paired_t p_holm < 0.001 at M1, M2, M3 and M6 (vs M0)
    assert secondary_sensitivity_sentence(res).replace("\\", "").replace("\u00a0", " ") == (
        "For the secondary comparisons significant on the Wilcoxon test, the paired t-test was also significant for "
        "CSF TNF-α at Months 1, 2, 3, and 6 (Holm-adjusted p < 0.001 at each).")
