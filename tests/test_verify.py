"""``alsreport verify``: the R script recomputes every statistic; 0 mismatches on two studies, 1 on a tampered file."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from click.testing import CliRunner
from reports_helpers import write_second_study

from alsreport.analysis import verify as verify_mod
from alsreport.cli import main

needs_r = pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not on PATH")


def _compared(output: str) -> int:
    m = re.search(r"compared (\d+) numbers", output)
    assert m, output
    return int(m.group(1))


@needs_r
def test_example_has_no_mismatch(tmp_path) -> None:
    res = CliRunner().invoke(main, ["verify", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "0 mismatches" in res.output
    # every comparisons.csv number: 40 series x 7 tests x (n, statistic, p, p_holm, p_bh, ...) + descriptives
    assert _compared(res.output) > 3000
    assert re.search(r"comparisons.csv\s+p_value\s+\S+", res.output)
    assert {p.name for p in tmp_path.iterdir()} >= {"verify.R", "analysis_data.csv", "comparisons.csv",
                                                     "descriptives.csv", "verify_mismatches.csv"}


@needs_r
def test_second_study_with_analysis_options_has_no_mismatch(tmp_path) -> None:
    study = write_second_study(tmp_path / "study")
    config = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
    config.setdefault("analysis", {})["sensitivity"] = {"transform": "log", "mixed_model": True}
    config["analysis"]["adjust_scope"] = "all"  # verify.R then adjusts within each test only
    (study / "study.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    res = CliRunner().invoke(main, ["verify", str(study), "--out", str(tmp_path / "v")])
    assert res.exit_code == 0, res.output
    assert "0 mismatches" in res.output and _compared(res.output) > 100
    assert "mixed-model rows refitted with lme4" in res.output
    table = (tmp_path / "v" / "comparisons.csv").read_text()
    assert ",paired_t_log," in table and ",mixed_model," in table
    assert 'adjust_by <- c("test")' in (tmp_path / "v" / "verify.R").read_text()


@needs_r
def test_a_changed_number_is_reported(tmp_path) -> None:
    CliRunner().invoke(main, ["verify", "--out", str(tmp_path)])
    path = tmp_path / "comparisons.csv"
    lines = path.read_text().splitlines()
    header = lines[1].split(",")
    header_names = lines[0].split(",")
    j = header_names.index("p_value")
    old = header[j]
    header[j] = repr(float(old) * (1 + 1e-6))  # row 2 of comparisons.csv, a p-value off by 1e-6
    lines[1] = ",".join(header)
    path.write_text("\n".join(lines) + "\n")
    run = verify_mod.run_verification(tmp_path / "verify.R")
    assert run is not None and run.returncode == 1
    assert "1 mismatch(es) beyond tolerance" in run.output
    assert re.search(r"comparisons.csv row 2 \(TNF-alpha CSF M1-M0 wilcoxon\) p_value", run.output)


def test_without_r_the_script_is_written_and_exit_is_2(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(verify_mod.shutil, "which", lambda name: None)
    res = CliRunner().invoke(main, ["verify", "--out", str(tmp_path)])
    assert res.exit_code == 2
    assert "Rscript is not on PATH" in res.output
    script = (tmp_path / "verify.R").read_text()
    assert 'visits <- c("M0", "M1", "M2", "M3")' in script and "conf_level <- 0.95" in script
    assert "wilcox.test(x, y, paired = TRUE, conf.int = TRUE, conf.level = conf_level)" in script
