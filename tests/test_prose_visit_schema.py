"""The safety report's schema from the study's visits when study.yml gives none (present/prose/visit_schema.py;
session 29 ethics reader: "Schema. Not recorded." although the data hold the visits, infusions and samples)."""

from __future__ import annotations

import pytest

from alsreport.present.prose.visit_schema import visit_schema

from manuscript_studies import SIX_VISITS, Series, Variant, write_variant


def _schema(tmp_path, variant: Variant) -> list[str]:
    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    return visit_schema(analyze(load_study(write_variant(tmp_path / "s", variant))))


def test_six_visits_one_route_one_compartment(tmp_path):
    """IV only, two infusions, CSF only: each visit with its planned infusion and the compartment sampled."""
    variant = Variant(visits=SIX_VISITS, routes=("IV",), infusions=2,
                      series=(Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)),))
    assert _schema(tmp_path, variant) == [
        "Month 0 (baseline): infusion 1 (IV); CSF sample", "Month 1: infusion 2 (IV); CSF sample",
        "Month 2: CSF sample", "Month 3: CSF sample", "Month 6: CSF sample", "Month 12: CSF sample"]


@pytest.mark.parametrize("routes", [("IV", "IT"), ("IT",)])
def test_the_routes_are_those_planned(tmp_path, routes):
    """A dose not given is still part of the schema (the plan), by its route."""
    variant = Variant(routes=routes, missed_dose=("P02", 3, routes[-1], "Lumbar puncture unsuccessful"))
    schema = _schema(tmp_path, variant)
    assert schema[2] == f"Month 2: infusion 3 ({' and '.join(routes)}); CSF and serum samples"
    assert schema[-1] == "Month 3: CSF and serum samples"
