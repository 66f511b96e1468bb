"""An ``n (%)`` cell never breaks between its count and its percent (reader 8's defect 9: "7 / (58.3)" in a
narrow column of the Quarto HTML): format.N_PERCENT joins them with a no-break space, in every n (%) table."""

from __future__ import annotations

import re
from html import unescape

import pytest

from alsreport.present.format import N_PERCENT, NBSP
from alsreport.present.tables import adverse_event_overview_table, adverse_event_table, baseline_table


@pytest.fixture(scope="module")
def example():
    from analysis_helpers import example_results
    return example_results()


def _cells(html: str) -> list[str]:
    return [unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)]


def test_the_pattern_joins_count_and_percent():
    assert N_PERCENT.format("7", "58.3") == f"7{NBSP}(58.3)"


@pytest.mark.parametrize("build", [adverse_event_overview_table, adverse_event_table, baseline_table])
def test_n_percent_cells_hold_a_no_break_space(example, build):
    cells = _cells(build(example).gt.as_raw_html())
    n_pct = [c for c in cells if re.fullmatch(r"\d+\s\(\d+\.\d\)", c)]
    assert n_pct, cells[:40]                                    # the table has n (%) cells
    assert all(c == re.sub(r"\s", NBSP, c, count=1) for c in n_pct), [c for c in n_pct if NBSP not in c]
