"""The one rule for printing p-values, and that tables, figures and text all follow it."""

from __future__ import annotations

import math

import pytest

from alsreport.present.pvalues import format_p


@pytest.mark.parametrize("p, printed", [
    (0.0011596679687500004, "0.001"),   # R: wilcox.test(...)$p.value of the example's primary endpoint
    (0.00099, "<0.001"),
    (0.0499, "0.050"),
    (0.9991, ">0.999"),
    (1.0, ">0.999"),
    (math.nan, "—"),
    (None, "—"),
    ("not a number", "—"),
])
def test_format_p(p, printed) -> None:
    assert format_p(p) == printed


def test_escaped_signs_for_html_and_latex() -> None:
    assert format_p(1e-9, lt="&lt;") == "&lt;0.001"
    assert format_p(1.0, gt=r"\textgreater{}") == r"\textgreater{}0.999"
    assert format_p(math.inf, missing="") == ""


@pytest.mark.parametrize("p", [0.0004, 0.0123, 0.5, 0.99995, math.nan])
def test_tables_figures_and_text_print_the_same(p) -> None:
    from alsreport.present.figures.style import fmt_p as figure_p
    from alsreport.present.format import p_value as text_p
    from alsreport.present.tables.style import P_VALUE

    assert figure_p(p) == text_p(p) == P_VALUE.default(p) == format_p(p)
