"""Empty safety tables say why in one sentence, with no raw column name over it (issue #10, six-visit ethics
report p. 14: headers "visit" and "baseline"; "None reported" where no value could be checked)."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from alsreport.analysis.run import analyze
from alsreport.present.tables.dsmb import grade_shift_table, lab_grade_table
from alsreport.present.tables.safety import lab_shift_table, out_of_range_listing
from alsreport.study.example import example_study_path
from alsreport.study.loading import load_study


@pytest.fixture(scope="module")
def no_ranges(tmp_path_factory):
    """The example without reference ranges and without CTCAE-graded analytes (CSF only)."""
    folder = tmp_path_factory.mktemp("s") / "study"
    shutil.copytree(example_study_path(), folder)
    m = pd.read_csv(folder / "measurements.csv", dtype=str, keep_default_na=False)
    m = m[m["compartment"] == "CSF"].assign(ref_low="", ref_high="")
    m.to_csv(folder / "measurements.csv", index=False)
    return analyze(load_study(folder))


def _html(table) -> str:
    return table.gt.as_raw_html()


def test_the_out_of_range_listing_says_no_value_could_be_flagged(no_ranges) -> None:
    html = _html(out_of_range_listing(no_ranges))
    assert "No analyte has a reference range, so no value could be flagged" in html
    assert "None reported" not in html


def test_the_out_of_range_listing_of_the_example_says_none_found_or_lists(example_analysis) -> None:
    assert "None reported" not in _html(out_of_range_listing(example_analysis))


def test_empty_grade_tables_show_no_lower_case_header(no_ranges) -> None:
    for table in (lab_grade_table(no_ranges), grade_shift_table(no_ranges)):
        html = _html(table)
        assert "No analyte with CTCAE criteria" in html
        body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
        assert "gt_col_heading" not in body and not re.search(r">\s*(visit|baseline)\s*<", body), body


def test_an_empty_lab_shift_table_has_no_empty_header(no_ranges) -> None:
    body = re.sub(r"<style>.*?</style>", "", _html(lab_shift_table(no_ranges)), flags=re.S)
    assert "No analyte has a reference range." in body
    assert "gt_col_heading" not in body and "gt_col_headings" not in body, body
