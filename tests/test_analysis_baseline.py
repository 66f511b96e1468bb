"""analysis.baseline: a screening visit before Month 0 is allowed, described, and not tested."""

from __future__ import annotations

import copy
import shutil

import pytest
from click.testing import CliRunner
from conftest import BASE_CONFIG, BASE_TABLES, write_study
from pydantic import ValidationError

from alsreport.analysis.run import analyze
from alsreport.cli import main
from alsreport.study.config import StudyConfig
from alsreport.study.loading import load_study


def _with_screening(folder):
    """The base study plus a screening visit (SCR, month -1) with values, baseline M0."""
    config = copy.deepcopy(BASE_CONFIG)
    config["visits"].insert(0, {"code": "SCR", "label": "Screening", "month": -1})
    config["analysis"]["baseline"] = "M0"
    config["analysis"]["sensitivity"] = {"transform": "log", "mixed_model": True}
    header, rows = copy.deepcopy(BASE_TABLES["measurements"])
    j_visit, j_value = header.index("visit"), header.index("value")
    scr = []
    for r in rows:
        if r[j_visit] == "M0" and r[j_value] not in ("", "<0.5"):
            s = list(r)
            s[j_visit], s[j_value] = "SCR", f"{float(r[j_value]) * 1.5:.2f}"
            scr.append(s)
    return write_study(folder, config=config, tables={"measurements": (header, scr + rows)})


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = tmp_path_factory.mktemp("baseline")
    plain = copy.deepcopy(BASE_CONFIG)
    plain["analysis"]["sensitivity"] = {"transform": "log", "mixed_model": True}
    return (analyze(load_study(_with_screening(root / "scr"))),
            analyze(load_study(write_study(root / "plain", config=plain))))


def test_screening_is_described_not_tested(both) -> None:
    res, plain = both
    assert res.config.baseline.code == "M0" and res.config.contrasts == ("M1-M0", "M2-M0")
    assert {c.contrast for c in res.comparisons} == {"M1-M0", "M2-M0", "M0,M1,M2"}
    assert any(d.visit == "SCR" and d.n > 0 for d in res.descriptives)
    assert res.comparison("TNF-alpha", "CSF", test="friedman").contrast == "M0,M1,M2"


def test_tests_equal_those_of_the_study_without_screening(both) -> None:
    res, plain = both
    # every test, sensitivity analyses included (frames: NaN equals NaN)
    assert res.comparisons_frame().equals(plain.comparisons_frame())
    assert res.shifts == plain.shifts


def test_methods_state_the_baseline(both) -> None:
    from alsreport.present.prose import statistical_methods

    res, plain = both
    assert "The baseline was Month 0; Screening is described but not tested." in statistical_methods(res)
    assert "described but not tested" not in statistical_methods(plain)


def test_baseline_must_be_a_visit_with_a_later_visit() -> None:
    config = copy.deepcopy(BASE_CONFIG)
    config["analysis"]["baseline"] = "M2"
    with pytest.raises(ValidationError, match="allowed: M0, M1"):
        StudyConfig.model_validate(config)


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not on PATH")
def test_verify_with_a_screening_visit(tmp_path) -> None:
    res = CliRunner().invoke(main, ["verify", str(_with_screening(tmp_path / "s")), "--out", str(tmp_path / "v")])
    assert res.exit_code == 0, res.output
    assert "0 mismatches" in res.output
