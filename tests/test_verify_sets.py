"""``alsreport verify`` with analysis.analysis_set: R recomputes the set itself and finds 0 mismatches.

The study: the example with P03's CSF visit at Month 1 removed (a missed visit) and P09's
intrathecal infusion 3 not given (as in the example). Runs R: skipped without ``Rscript``.
"""

from __future__ import annotations

import math
import re
import shutil

import pytest
import yaml
from analysis_helpers import edited_example
from click.testing import CliRunner

from alsreport.analysis import verify as verify_mod
from alsreport.cli import main

needs_r = pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not on PATH")

RECOMPUTED = {
    # CSF: P12 has none at Month 1, P09 none at Month 2 (lumbar puncture unsuccessful), and this test removes P03's
    # Month 1 sample (_missed_csf_visit)
    "completers": "analysis set completers (recomputed from analysis_data.csv): CSF 12, serum 14, blood 14",
    "per_protocol": "analysis set per_protocol (recomputed from infusions.csv): CSF 14, serum 14, blood 14",
}


def _missed_csf_visit(tables) -> None:
    m = tables["measurements"]
    tables["measurements"] = m[~((m["participant_id"] == "P03") & (m["compartment"] == "CSF") & (m["visit"] == "M1"))]


def _study(folder, analysis_set: str):
    study = edited_example(folder, _missed_csf_visit)
    config = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
    config["analysis"]["analysis_set"] = analysis_set
    (study / "study.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return study


def _edit_cell(path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV written by alsreport (``row`` 1 = the first data row; no quoted commas there)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[row].split(",")
    cells[lines[0].split(",").index(column)] = value
    lines[row] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@needs_r
@pytest.mark.parametrize("analysis_set", ["completers", "per_protocol"])
def test_each_set_has_no_mismatch_and_a_wrong_membership_is_found(tmp_path, analysis_set) -> None:
    study = _study(tmp_path / "study", analysis_set)
    out = tmp_path / "v"
    res = CliRunner().invoke(main, ["verify", str(study), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert RECOMPUTED[analysis_set] in res.output and "0 mismatches" in res.output
    assert f'analysis_set <- "{analysis_set}"' in (out / "verify.R").read_text(encoding="utf-8")
    assert (out / "infusions.csv").exists() == (analysis_set == "per_protocol")
    # a participant outside the set marked as inside: R's own set disagrees
    data = out / "analysis_data.csv"
    outsider = "P03" if analysis_set == "completers" else "P09"
    rows = data.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(rows) if line.startswith(f"{outsider},M0,") and ",CSF," in line)
    _edit_cell(data, row, "analysis_set", "true")
    run = verify_mod.run_verification(out / "verify.R")
    assert run is not None and run.returncode == 1, run.output if run else ""
    assert re.search(rf"analysis_data.csv row {row + 1} \({outsider} \S+ CSF M0\) analysis_set: alsreport 1, R 0",
                     run.output), run.output


@needs_r
def test_a_changed_descriptive_past_the_first_row_is_found(tmp_path) -> None:
    """verify.R compared descriptives.csv row by row only in name: ifelse() on a scalar test gave
    every row the first row's difference, so a wrong mean in row 6 passed."""
    res = CliRunner().invoke(main, ["verify", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    path = tmp_path / "descriptives.csv"
    mean = float(path.read_text(encoding="utf-8").splitlines()[5].split(",")[
        path.read_text(encoding="utf-8").splitlines()[0].split(",").index("mean")])
    _edit_cell(path, 5, "mean", repr(mean * (1 + 1e-6)))
    run = verify_mod.run_verification(tmp_path / "verify.R")
    assert run is not None and run.returncode == 1
    assert "1 mismatch(es) beyond tolerance" in run.output
    assert re.search(r"descriptives.csv row 6 \(\S+ \S+ \S+\) mean", run.output), run.output


def _csf_schedule(folder):
    """The example with CSF declared as sampled at M0 and M3 only (its M1/M2 values are then not compared)."""
    study = edited_example(folder, _missed_csf_visit)
    config = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
    config["compartments"] = [{"name": "CSF", "visits": ["M0", "M3"]}]
    config["analysis"]["sensitivity"] = {"transform": "log", "mixed_model": True}
    (study / "study.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return study


def test_sensitivity_rows_use_only_the_sampling_visits(tmp_path) -> None:
    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    res = analyze(load_study(_csf_schedule(tmp_path / "study")))
    for test in ("paired_t_log", "mixed_model"):
        c = res.comparison("TNF-alpha", "CSF", "M1-M0", test)
        assert c.reason == "M1 is not a sampling visit for CSF in the study's settings" and math.isnan(c.estimate)
        assert math.isfinite(res.comparison("TNF-alpha", "serum", "M1-M0", test).estimate)
    # the mixed model of CSF uses M0 and M3 only: R: lmer(log(value) ~ visit + (1 | participant)) on those columns
    assert res.comparison("TNF-alpha", "CSF", "M3-M0", "mixed_model").n == 15


@needs_r
def test_a_compartment_schedule_has_no_mismatch(tmp_path) -> None:
    """verify.R compared every visit: CSF M1-M0 recomputed from values at a visit CSF is not sampled at."""
    out = tmp_path / "v"
    res = CliRunner().invoke(main, ["verify", str(_csf_schedule(tmp_path / "study")), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "0 mismatches" in res.output and "mixed-model rows refitted with lme4" in res.output
    assert 'sampled <- list("CSF" = c("M0", "M3")' in (out / "verify.R").read_text(encoding="utf-8")
