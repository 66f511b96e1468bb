"""Table S2 (present/tables/supplementary_ttest.py): every paired t-test the Limitations count is shown, not
only those at the final visit in Table 4 (issue #10, reader 8's defect 5), and the supplementary tables are
numbered in one place (present/supplement_numbers.py)."""

from __future__ import annotations

import math
import re
from html import unescape

import pytest

from alsreport.present.prose.limitations import limitations
from alsreport.present.supplement_numbers import CHECKLIST, supplement_numbers
from alsreport.present.tables import build_table_data, build_tables


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace("\u2060", "").replace("\u00a0", " ")


@pytest.fixture(scope="module")
def example():
    from analysis_helpers import example_results
    return example_results()


def test_every_paired_t_test_is_a_row(example):
    tests = [c for c in example.comparisons if c.test == "paired_t"]
    data = build_table_data(example)["supplementary_ttest"]
    assert len(data) == len(tests) == 93      # 31 series at Months 1, 2 and 3
    assert list(dict.fromkeys(data["contrast"])) == ["M1-M0", "M2-M0", "M3-M0"]
    by_key = {(c.compartment, c.analyte, c.contrast): c for c in tests}
    for r in data.itertuples():
        c = by_key[(r.compartment, r.analyte, r.contrast)]
        assert (r.n_pairs, r.p_value, r.p_holm) == (c.n, c.pvalue, c.p_holm) or math.isnan(c.pvalue)


def test_the_earlier_holm_significant_t_tests_are_shown_and_marked(example):
    # reader 8: CSF glucose at Month 1 (p_holm 0.031) and TNF-α at Month 2 were only in the CSV; TNF-α at Month 2
    # has 14 pairs since P09's Month 2 CSF was not obtained (R: t.test(M2, M0, paired = TRUE)$p.value 6.7512e-06,
    # Holm over 6: 4.05e-05)
    data = build_table_data(example)["supplementary_ttest"]
    sig = data[data["significant"]]
    assert list(zip(sig["compartment"], sig["analyte"], sig["contrast"], sig["p_holm"].round(4), strict=True)) == [
        ("CSF", "glucose", "M1-M0", 0.0312), ("CSF", "TNF-alpha", "M2-M0", 0.0000), ("CSF", "TNF-alpha", "M3-M0", 0.0020)]
    text = _text(build_tables(example)["supplementary_ttest"].gt.as_raw_html())
    assert "Paired t-test at every later visit" in text
    assert "Month 1 vs Month 0" in text and "Month 2 vs Month 0" in text and "Month 3 vs Month 0" in text
    assert "p (Holm)" in text.replace("\u00a0", " ")
    assert re.search(r"Month 1 vs Month 0 .*CSF glucose \(mg/dL\) 14 −3\.6 \(−6\.2 to −1\.0\) 0\.010 0\.031\* .*Month 2", text)


def test_numbers_follow_the_tables_that_apply(example):
    assert supplement_numbers(example) == {"supplementary_s1": "Table S1", "supplementary_ttest": "Table S2",
                                           "supplementary_events": "Table S3", "lab_grade_shifts": "Table S4",
                                           CHECKLIST: "Table S5"}


def test_the_limitations_say_where_the_tests_are(example):
    text = limitations(example)
    assert ("93 paired t-tests (@tbl-sensitivity and [Table S2](#tbl-table-s2){.quarto-xref}) and 31 Friedman tests "
            "(@tbl-sensitivity)") in text   # a link, as @tbl-sensitivity (reader 9)


def test_one_later_visit_leaves_out_the_every_visit_tables(iv_one_analyte_results) -> None:
    # outside tester (session 33): with Month 6 the only later visit, Tables S1 and S2 repeated Tables 2 and 3
    from alsreport.present.tables.registry import table_entries
    r = iv_one_analyte_results
    assert r.config.contrasts == ("M6-BL",)
    numbers = supplement_numbers(r)
    assert "supplementary_s1" not in numbers and "supplementary_ttest" not in numbers
    assert list(numbers.values())[0] == "Table S1"   # the next table takes the first number
    keys = {t.key for t in table_entries(r)}
    assert "supplementary_s1" not in keys and "supplementary_ttest" not in keys and "sensitivity" in keys
