"""alsreport.present.provenance_options: the Provenance appendix's analysis settings in words, the test of the
change and the multiplicity rule included (reader 11b's item 8: neither was listed)."""

from __future__ import annotations

from analysis_helpers import example_study, with_options

from alsreport.present.provenance_options import option_rows
from alsreport.present.prose.lookups import several_comparisons


def _rows(**options) -> dict[str, str]:
    config = with_options(example_study(), **options).config if options else example_study().config
    return dict(option_rows(config, config.analysis.model_dump(mode="json"), several=True))


def test_the_test_and_the_default_multiplicity_rule_are_listed() -> None:
    rows = _rows()
    assert rows["Test of the change from baseline"].startswith(
        "two-sided paired Wilcoxon signed-rank test of each later visit against the baseline (as R's wilcox.test")
    assert "Hodges–Lehmann estimate with its 95% confidence interval" in rows["Test of the change from baseline"]
    # named as the Methods name them (session 26 six-visit reader: "both as sensitivity analyses" here only)
    assert rows["Test of the change from baseline"].endswith(
        "paired t-test as a sensitivity analysis and Friedman test across all visits as a supportive test")
    assert rows["Multiple testing (secondary endpoints)"] == (
        "Holm method (family-wise error rate), within each biomarker family and compartment, separately for each "
        "visit; the primary endpoint is judged on its unadjusted p-value")


def test_a_changed_adjustment_is_said_once_in_the_multiplicity_row() -> None:
    rows = _rows(adjust="BH", adjust_scope="all")
    assert rows["Multiple testing (secondary endpoints)"].startswith(
        "Benjamini–Hochberg method (false discovery rate), across all biomarkers, compartments and visits of each test")
    assert "Adjusted p-values used for the secondary endpoints" not in rows and "Adjustment families" not in rows
    assert _rows(adjust="none")["Multiple testing (secondary endpoints)"].startswith(
        "none: the secondary endpoints are judged on unadjusted p-values")


def test_the_primary_endpoint_reads_as_every_series_in_text(iv_one_analyte_results) -> None:
    # outside tester (session 33): "serum Neurofilament light chain" here, lower case in the text
    config = iv_one_analyte_results.config
    rows = dict(option_rows(config, config.analysis.model_dump(mode="json"),
                            several=several_comparisons(iv_one_analyte_results)))
    assert rows["Primary endpoint"].startswith("serum neurofilament light chain, Month 6 vs Month 0, judged")
    # its one comparison: no adjustment of secondary endpoints it does not have (session 36 reviewer)
    assert rows["Multiple testing"] == ("none needed: a single comparison with baseline (its Holm-adjusted p, in the "
                                        "tables, equals its p)")   # session 36 second reader: Table 3 marks on it
    assert "Multiple testing (secondary endpoints)" not in rows
