"""analysis.sensitivity in study.yml: off by default (results unchanged), log-t and mixed-model rows when set."""

from __future__ import annotations

import json
import math

import pytest
from analysis_helpers import example_results, example_study, with_options
from pydantic import ValidationError

from alsreport.analysis.run import analyze
from alsreport.results.writer import results_json
from alsreport.study.config_analysis import SensitivityOptions


@pytest.fixture(scope="module")
def sens():
    return analyze(with_options(example_study(), sensitivity=SensitivityOptions(transform="log", mixed_model=True)))


def test_default_adds_nothing_and_states_nothing() -> None:
    res = example_results()
    assert {c.test for c in res.comparisons} == {"wilcoxon", "paired_t", "friedman"}
    assert '"sensitivity"' not in results_json(res)  # results.json as before the option existed


def test_options_add_rows_and_are_stated_in_results_json(sens) -> None:
    base = example_results()
    assert sens.comparisons[: len(base.comparisons)] == base.comparisons  # the main analysis is untouched
    extra = sens.comparisons[len(base.comparisons):]
    assert len(extra) == len(sens.series) * 3 * 2  # 3 later visits x (log t, mixed model)
    assert [(c.contrast, c.test) for c in extra[:2]] == [("M1-M0", "paired_t_log"), ("M1-M0", "mixed_model")]
    stated = json.loads(results_json(sens))["config"]["analysis"]["sensitivity"]
    assert stated == {"transform": "log", "mixed_model": True}


def test_log_t_row_is_r_t_test_on_logs(sens) -> None:
    c = sens.comparison("TNF-alpha", "CSF", "M3-M0", "paired_t_log")
    # R: m0 <- c(9.06, 6.51, 8.72, 7.52, 11.7, 4.85, 15.09, 9.06, 13.96, 6.11, 8.27, 10.14, 13.39, 9.68, 9.26)
    #    m3 <- c(9.38, 5.01, 7.35, 5.02, 10.06, 3.57, 10.12, 6.47, 15.48, 5.17, 5.92, 6.76, 10.8, 7.48, 7.36)
    #    r <- t.test(log(m3), log(m0), paired = TRUE); exp(r$estimate); exp(r$conf.int); r$p.value
    #    -> 0.79179485320632091 [0.72871161328161352, 0.86033909455719934] p = 3.0868527848399135e-05
    assert c.estimate == pytest.approx(0.79179485320632091, rel=1e-14)
    assert (c.ci.low, c.ci.high) == pytest.approx((0.72871161328161352, 0.86033909455719934), rel=1e-13)
    assert c.pvalue == pytest.approx(3.0868527848399135e-05, rel=1e-12)
    assert (c.n, c.parameter, c.estimate_name) == (15, 14.0, "geometric mean ratio")


def test_mixed_model_row_is_lmer(sens) -> None:
    c = sens.comparison("TNF-alpha", "CSF", "M3-M0", "mixed_model")
    # R: lmer(log(value) ~ visit + (1 | participant), REML = TRUE) on CSF TNF-alpha (tests/test_stats_mixed.py)
    #    fixef visitM3 -0.23345294445; Wald CI lower -0.314403236016 (R 4.2.2, lme4; P09 has no Month 2 CSF)
    assert math.log(c.estimate) == pytest.approx(-0.23345294445, rel=1e-4)
    assert math.log(c.ci.low) == pytest.approx(-0.314403236016, rel=1e-4)
    assert c.n == 15 and c.statistic_name == "z" and c.warnings == ()


def test_invalid_option_lists_what_is_allowed() -> None:
    with pytest.raises(ValidationError, match="'none' or 'log'"):
        SensitivityOptions(transform="sqrt")


def test_methods_state_the_chosen_analyses(sens) -> None:
    from alsreport.present.prose import statistical_methods

    assert "geometric mean" not in statistical_methods(example_results())
    text = statistical_methods(sens)
    assert "t.test of the log values" in text and "geometric mean ratio" in text
    assert "random intercept per participant" in text and "lme4::lmer" in text and "95% Wald" in text


def test_adjust_scope_all_is_one_family_per_test() -> None:
    from alsreport.present.prose import statistical_methods
    from alsreport.stats import p_adjust

    base = example_results()
    res = analyze(with_options(example_study(), adjust_scope="all"))
    wil = [c for c in res.comparisons if c.test == "wilcoxon"]
    # R: w <- subset(read.csv("comparisons.csv"), test == "wilcoxon"); p.adjust(w$p_value, "holm")
    assert [c.p_holm for c in wil] == list(p_adjust([c.pvalue for c in wil], "holm"))
    assert [c.pvalue for c in res.comparisons] == [c.pvalue for c in base.comparisons]
    assert any(a.p_holm != b.p_holm for a, b in zip(res.comparisons, base.comparisons, strict=True))
    assert "across all biomarkers, compartments and visits of each test" in statistical_methods(res)
    assert json.loads(results_json(res))["config"]["analysis"]["adjust_scope"] == "all"
    assert "adjust_scope" not in results_json(base)
