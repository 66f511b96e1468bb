"""The bundled synthetic example: its headline properties, end to end (load → analyze → write)."""

from __future__ import annotations

import csv

import pytest
from analysis_helpers import example_results

from alsreport.results.writer import write_results


def test_enrolled_and_flow() -> None:
    res = example_results()
    f = res.flow
    assert (f.assessed, f.excluded, f.enrolled, f.infusions[-1].n_received, f.completed, f.analysed) == (
        21, 6, 15, 15, 15, 15)
    assert sorted(r.n for r in f.excluded_reasons) == [1, 1, 2, 2]
    assert len(res.analysis_data["participant_id"].unique()) == 15


def test_headline_finding_csf_tnf_alpha() -> None:
    res = example_results()
    c = res.primary
    # R: wilcox.test(M3, M0, paired = TRUE, conf.int = TRUE) on CSF TNF-alpha (half-LOD):
    #    V = 7, p-value = 0.001159668, (pseudo)median -1.91, 95% CI -2.51 to -1.11 (R 4.2.2)
    assert (c.analyte, c.compartment, c.contrast, c.test) == ("TNF-alpha", "CSF", "M3-M0", "wilcoxon")
    assert c.statistic == 7
    assert c.pvalue == pytest.approx(0.001159668, rel=1e-6)
    assert (c.estimate, c.ci.low, c.ci.high) == (pytest.approx(-1.91), pytest.approx(-2.51), pytest.approx(-1.11))
    assert res.is_significant(c) and res.is_significant(c, "holm") and res.is_significant(c, "BH")


def test_every_other_series_is_not_significant_at_month_3() -> None:
    others = [c for c in example_results().comparisons if c.contrast == "M3-M0" and c.test == "wilcoxon"
              and (c.analyte, c.compartment) != ("TNF-alpha", "CSF")]
    assert len(others) == 30
    assert all(c.reason is None for c in others)
    assert min(c.pvalue for c in others) >= 0.05
    assert min(c.pvalue for c in others) > 0.15  # as the example was generated


def test_safety() -> None:
    s = example_results().safety
    ov = {e.category: e for e in s.overview}
    assert ov["any"].n_events == 15 and ov["related"].n_events == 12 and ov["serious"].n_events == 0
    assert len(s.events) == 15


def test_written_files(tmp_path) -> None:
    paths = write_results(example_results(), tmp_path / "out")
    rows = list(csv.reader((tmp_path / "out" / "comparisons.csv").open(encoding="utf-8")))
    assert len(rows) - 1 == 31 * 7
    assert [p.name for p in paths] == ["results.json", "comparisons.csv", "comparisons-columns.csv", "descriptives.csv",
                                       "descriptives-columns.csv", "analysis_data.csv"]
