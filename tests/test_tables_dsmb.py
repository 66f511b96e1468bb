"""present/tables/dsmb.py: the CTCAE grade tables call grade 0 "Grade 0", never "Within limits" (reader 10a: the example's
ALT at Month 0 read "Within limits 15" beside a range up to 50 U/L, above its upper limit of 41, because CTCAE grades a
participant with an abnormal baseline from 1.5 x baseline)."""

from __future__ import annotations

from alsreport.present.tables.dsmb import GRADE0_NOTE, grade_shift_table, lab_grade_data, lab_grade_table

from tables_fixtures import example_results
from test_tables_snapshots import structure


def test_the_example_has_values_above_the_upper_limit_at_grade_0():
    """The situation: at Month 0 every ALT value is grade 0, and some are above the upper limit."""
    results = example_results()
    frame = lab_grade_data(results)
    alt = frame[(frame["analyte"] == "ALT") & (frame["visit"] == "M0")].iloc[0]
    upper = max(o.ref_high for o in results.out_of_range if o.analyte == "ALT" and o.visit == "M0")
    assert alt["grade0"] == alt["n"] == 15 and alt["maximum"] > upper


def test_grade_tables_say_grade_0_and_explain_it():
    for table in (lab_grade_table(example_results()), grade_shift_table(example_results())):
        shown = structure(table)
        text = " ".join(shown["header"]) + " " + " ".join(shown["body"])
        assert "Within limits" not in text and "Grade 0" in text
        assert GRADE0_NOTE in shown["notes"]


def test_the_abnormal_baseline_rule_is_read_from_the_criteria():
    """CTCAE v5.0 grade 1 if baseline was abnormal: ALT/AST >1.5-3.0 x baseline, ALP/GGT >2.0-2.5 x baseline,
    bilirubin >1.0-1.5 x baseline (the notes said 1.5 x for all five)."""
    assert ("ALT and AST from 1.5 × baseline; ALP and GGT from 2 × baseline; bilirubin from 1 × baseline"
            in GRADE0_NOTE)
