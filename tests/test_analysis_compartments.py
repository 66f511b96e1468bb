"""compartments: in study.yml — CSF with its own sampling schedule; a test that cannot run says why."""

from __future__ import annotations

import copy
import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import BASE_CONFIG, BASE_TABLES, write_study
from pydantic import ValidationError

from alsreport.analysis.run import analyze
from alsreport.cli import main
from alsreport.results.writer import results_json
from alsreport.study.config import StudyConfig
from alsreport.study.loading import load_study

NOT_SAMPLED = "M1 is not a sampling visit for CSF in the study's settings"


def _csf_at_m0_m2(folder):
    config = copy.deepcopy(BASE_CONFIG)
    config["compartments"] = [{"name": "CSF", "label": "Cerebrospinal fluid", "visits": ["M0", "M2"]}]
    header, rows = copy.deepcopy(BASE_TABLES["measurements"])
    jv, jc = header.index("visit"), header.index("compartment")
    rows = [r for r in rows if not (r[jc] == "CSF" and r[jv] == "M1")]  # no lumbar puncture at M1
    return write_study(folder, config=config, tables={"measurements": (header, rows)})


@pytest.fixture(scope="module")
def res(tmp_path_factory):
    return analyze(load_study(_csf_at_m0_m2(tmp_path_factory.mktemp("comp") / "s")))


def test_unsampled_visit_is_not_tested_and_says_why(res) -> None:
    for test in ("wilcoxon", "paired_t"):
        c = res.comparison("TNF-alpha", "CSF", "M1-M0", test)
        assert c.reason == NOT_SAMPLED and math_nan(c.pvalue) and math_nan(c.p_holm)
    csv = res.comparisons_frame()
    assert (csv["reason"] == NOT_SAMPLED).sum() == 2
    assert res.comparison("TNF-alpha", "serum", "M1-M0").reason is None


def test_friedman_uses_the_compartment_visits(res) -> None:
    fr = res.comparison("TNF-alpha", "CSF", "M0,M2", "friedman")
    # R: friedman.test(cbind(M0 = c(5.37, 8.70, 12.03), M2 = c(7.59, 10.92, 14.25)))  (P01-P03; P04 has no M2)
    #    -> Friedman chi-squared = 3, df = 1, p-value = 0.083264516663550558
    assert (fr.n, fr.statistic, fr.parameter) == (3, 3.0, 1.0)
    assert fr.pvalue == pytest.approx(0.08326451666355042, rel=1e-13)
    assert res.comparison("TNF-alpha", "serum", "M0,M1,M2", "friedman").n == 2  # P02 M1 missing, P04 no M2
    assert json.loads(results_json(res))["config"]["compartments"][0]["visits"] == ["M0", "M2"]


def test_methods_state_the_schedule(res) -> None:
    from alsreport.present.prose import statistical_methods

    assert ("Cerebrospinal fluid (CSF) was sampled at Month 0 and Month 2 only; its comparisons used these "
            "visits") in statistical_methods(res)


def test_compartment_visits_are_validated() -> None:
    config = copy.deepcopy(BASE_CONFIG)
    config["compartments"] = [{"name": "CSF", "visits": ["M0", "M9"]}]
    with pytest.raises(ValidationError, match="allowed: M0, M1, M2"):
        StudyConfig.model_validate(config)
    config["compartments"] = [{"name": "CSF", "visits": ["M1", "M2"]}]
    with pytest.raises(ValidationError, match="must include the baseline M0"):
        StudyConfig.model_validate(config)


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not on PATH")
def test_verify_with_a_compartment_schedule(tmp_path) -> None:
    out = CliRunner().invoke(main, ["verify", str(_csf_at_m0_m2(tmp_path / "s")), "--out", str(tmp_path / "v")])
    assert out.exit_code == 0, out.output
    assert "0 mismatches" in out.output


def math_nan(x: float) -> bool:
    return x != x
