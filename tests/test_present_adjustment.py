"""alsreport.present.adjustment: which adjusted p the tables show, and none when every family holds one test."""

from __future__ import annotations

import re
from html import unescape

from alsreport.present.adjustment import adjustment, one_test_per_family, shown_adjustment
from alsreport.present.tables import biomarker_table, sensitivity_table


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace("\u2060", "")


def test_one_test_per_family_shows_no_adjusted_column(iv_one_analyte_results) -> None:
    # outside tester (session 33): serum NfL alone, one later visit; "p (Holm)" repeated every p
    r = iv_one_analyte_results
    assert all(c.p_holm == c.pvalue for c in r.comparisons)   # the results keep their adjusted p
    assert one_test_per_family(r) and adjustment(r.config).column == "p_holm"
    assert shown_adjustment(r).column is None
    table2 = _text(biomarker_table(r, ("neurofilament",)).gt.as_raw_html())
    assert "(Holm)" not in table2 and "Holm-adjusted" not in table2
    assert ("p: paired Wilcoxon signed-rank test (exact distribution); with one test per family, no adjustment for "
            "multiple testing applies.") in table2
    assert "Bold with *: p < 0.05." in table2
    sensitivity = _text(sensitivity_table(r).gt.as_raw_html())
    assert "(Holm)" not in sensitivity
    assert "Bold with *: p < 0.05. With one test per family, no adjustment for multiple testing applies." in sensitivity


def test_the_example_keeps_its_holm_column(example_analysis) -> None:
    assert not one_test_per_family(example_analysis)
    assert shown_adjustment(example_analysis) == adjustment(example_analysis.config)
    assert "p (Holm)" in _text(biomarker_table(example_analysis).gt.as_raw_html())
