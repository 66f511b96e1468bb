"""Table S3 (present/tables/ratio_sensitivity.py): log-scale ratios beside the Wilcoxon result, from the results only.

The rendered-manuscript test uses the second study (P08 stops after infusion 1) with
analysis_set: per_protocol and both sensitivity analyses.
"""

from __future__ import annotations

import dataclasses
import math
import re

import pytest
import yaml
from analysis_helpers import example_results, example_study, with_options
from reports_helpers import html_text, write_second_study

from alsreport.analysis.run import analyze
from alsreport.present import format as fmt
from alsreport.present.tables.ratio_sensitivity import ratio_data, ratio_table
from alsreport.present.tables.registry import build_tables
from alsreport.stats.mixed import W_NOTCONV, W_SINGULAR
from alsreport.study.config_analysis import SensitivityOptions


@pytest.fixture(scope="module")
def sens():
    return analyze(with_options(example_study(), sensitivity=SensitivityOptions(transform="log", mixed_model=True)))


def test_only_built_when_chosen(sens) -> None:
    assert "supplementary_s2_ratios" not in build_tables(example_results())
    assert "supplementary_s2_ratios" in build_tables(sens)
    mixed_only = analyze(with_options(example_study(), sensitivity=SensitivityOptions(mixed_model=True)))
    html = ratio_table(mixed_only).gt.as_raw_html()
    assert "Linear mixed model" in html and "Paired t-test on log values" not in html


def test_every_number_is_the_results_number(sens) -> None:
    data = ratio_data(sens)
    later = [c for c in sens.comparisons if c.test in ("wilcoxon", "paired_t_log", "mixed_model")]
    assert len(data) == len(later) // 3 == len(sens.series) * 3
    for row in data.itertuples(index=False):
        for test, prefix in (("wilcoxon", "wilcoxon"), ("paired_t_log", "gmr"), ("mixed_model", "mixed")):
            c = sens.comparison(row.analyte, row.compartment, row.contrast, test)
            got = [getattr(row, f"{prefix}_{f}") for f in ("n", "estimate", "ci_low", "ci_high", "p_value", "p_holm")]
            assert got == [c.n, c.estimate, c.ci.low, c.ci.high, c.pvalue, c.p_holm]


def test_cells_print_through_format(sens) -> None:
    html = ratio_table(sens).gt.as_raw_html()
    t = sens.comparison("TNF-alpha", "CSF", "M3-M0", "paired_t_log")
    m = sens.comparison("TNF-alpha", "CSF", "M3-M0", "mixed_model")
    w = sens.comparison("TNF-alpha", "CSF", "M3-M0", "wilcoxon")
    # R: exp(t.test(log(m3), log(m0), paired = TRUE)$estimate) = 0.7918 [0.7287, 0.8603] (test_analysis_sensitivity)
    assert f"{fmt.number(t.estimate)} ({fmt.ci(t.ci.low, t.ci.high)})" == "0.79 (0.73\u00a0to\u00a00.86)"
    for c, d in ((t, 2), (m, 2), (w, 1)):
        assert f"{fmt.number(c.estimate, d)} ({fmt.ci(c.ci.low, c.ci.high, d)})" in html
    assert fmt.p_value(m.pvalue).replace("<", "&lt;") in html and f"Ratio ({fmt.conf_label(0.95)})" in html


def test_singular_and_unconverged_fits_are_footnoted(sens) -> None:
    def flag(c, warnings):
        return dataclasses.replace(c, warnings=warnings) if c.test == "mixed_model" and c.analyte == "IL-6" else c
    edited = dataclasses.replace(sens, comparisons=tuple(
        flag(c, (W_SINGULAR,) if c.compartment == "CSF" else (W_NOTCONV,)) for c in sens.comparisons))
    table = ratio_table(edited)
    assert any(f.startswith("Singular fit") for f in table.text.footnotes)
    assert any(f.startswith("The REML fit did not converge") for f in table.text.footnotes)
    data = ratio_data(edited)
    assert list(data.loc[data["mixed_singular"], "analyte"].unique()) == ["IL-6"]
    assert not any(f.startswith("Singular fit") for f in ratio_table(sens).text.footnotes)


def test_rendered_manuscript_shows_the_table_and_the_set(tmp_path) -> None:
    from manuscript_render import render_manuscript, section_text

    study = write_second_study(tmp_path / "study")
    config = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
    config["analysis"]["analysis_set"] = "per_protocol"
    config["analysis"]["sensitivity"] = {"transform": "log", "mixed_model": True}
    (study / "study.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    out = render_manuscript(study, tmp_path / "out", formats=("html",))
    html = next(out.rglob("manuscript.html")).read_text(encoding="utf-8")
    methods = section_text(html, "sec-statistics") if 'id="sec-statistics"' in html else html_text(html)
    assert "The biomarker analyses used the per-protocol set" in methods
    assert "7 of 8 enrolled participants" in methods
    results = section_text(html, "sec-sensitivity")
    # Table S2 is the paired t-test at every visit (reader 8), the ratios come after it, the checklist last
    assert "Table S3" in results and "On the log scale, for CSF NfL" in results
    assert "the paired t-test at every later visit is in Table S2" in results
    text = html_text(html)
    assert re.search(r"Table S2\.\s*Paired t-test at every later visit against Week 0", text)
    assert re.search(r"Table S3\.\s*Each later visit against Week 0 on the log scale", text)
    from alsreport.present.supplement_numbers import CHECKLIST, supplement_numbers
    from alsreport.study.loading import load_study

    res = analyze(load_study(study))
    # the checklist is the last S-table, after the adverse events and the CTCAE shifts when the study has them
    numbers = supplement_numbers(res)
    assert list(numbers)[-1] == CHECKLIST and list(numbers)[2] == "supplementary_s2_ratios"
    assert re.search(rf"{numbers[CHECKLIST]}\.\s*CONSORT 2025 checklist items", text)
    c = res.comparison("NfL", "CSF", "W12-W0", "mixed_model")
    assert c.n == 7 and math.isfinite(c.estimate)  # the per-protocol set: P08 left out
    assert f"{fmt.number(c.estimate)} ({fmt.ci(c.ci.low, c.ci.high)})".replace("\u00a0", " ") in text


def test_title_and_no_vertical_rules(sens) -> None:
    html = ratio_table(sens).gt.as_raw_html()
    assert 'class="gt_heading gt_title' in html and "Sensitivity analyses on the log scale" in html
    assert "border-right-style: solid" not in html and "border-left-style: solid" not in html
