"""Exposure: infusions by number × route and per participant (example: P09's third IT not given)."""

from __future__ import annotations

import pytest
from analysis_helpers import example_study

from alsreport.analysis.summaries import exposure_summary, summarise


def test_by_infusion_and_route() -> None:
    exp = exposure_summary(example_study())
    keys = [(e.infusion_no, e.route) for e in exp.by_infusion]
    assert keys == [(1, "IV"), (1, "IT"), (2, "IV"), (2, "IT"), (3, "IV"), (3, "IT")]
    third_it = exp.by_infusion[-1]
    assert (third_it.visit, third_it.n_planned, third_it.n_given) == ("M2", 15, 14)
    assert third_it.cells_per_kg.n == 14 and third_it.cells_per_kg.mean == 500000.0
    assert all(e.n_given == 15 for e in exp.by_infusion[:-1])


def test_by_participant_and_totals() -> None:
    exp = exposure_summary(example_study())
    by_p = {p.participant_id: p for p in exp.by_participant}
    assert len(by_p) == 15
    p09 = by_p["P09"]
    assert (p09.n_infusions, p09.n_iv, p09.n_it, p09.cumulative_cells_per_kg) == (3, 3, 2, 2_500_000.0)
    assert by_p["P01"].cumulative_cells_per_kg == 3_000_000.0
    assert exp.infusions_per_participant.n == 15 and exp.infusions_per_participant.median == 3
    cum = exp.cumulative_cells_per_kg
    assert (cum.min, cum.max, cum.median) == (2_500_000.0, 3_000_000.0, 3_000_000.0)
    assert cum.mean == pytest.approx((14 * 3e6 + 2.5e6) / 15)


def test_summarise_empty_is_nan_not_error() -> None:
    s = summarise([])
    assert s.n == 0 and s.mean != s.mean
