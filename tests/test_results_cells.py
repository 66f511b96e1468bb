"""Spreadsheet formulas in text never reach a results CSV alive (issue 14: live formulas from ``analyze``)."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from alsreport.results.cells import FORMULA_START, neutralise
from alsreport.results.writer import csv_text, format_cell


def test_formula_text_is_prefixed():
    for s in ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(A1:A2)", "-2+3+cmd|' /C calc'!A0",
              "\t=1", "\r=1"):
        assert neutralise(s) == "'" + s


def test_numbers_and_plain_text_are_untouched():
    for s in ("1e-3", "M3-M0", "TNF-alpha", "", "<0.5"):
        assert neutralise(s) == s
    assert neutralise(-1.5) == -1.5
    assert format_cell(-1.5) == "-1.5" and format_cell(float("-inf")) == "-Inf"
    assert format_cell("-1.5") == "'-1.5"  # text that a spreadsheet would turn into a number stays text


@given(st.text(max_size=20))
def test_no_cell_of_a_results_csv_starts_a_formula(text: str):
    rows = list(csv.reader(io.StringIO(csv_text(["a"], [[text]]), newline="")))
    value = rows[1][0] if len(rows) > 1 and rows[1] else ""
    assert not value.startswith(FORMULA_START)
