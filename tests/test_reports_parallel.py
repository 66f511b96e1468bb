"""`render` on two cores before the documents fork: the study read in a child while the documents' modules are
imported, the analysis's summaries in a second child (``render_reports(parallel=True)``, the command line's choice
while a CPU is idle); the same study and results as the serial path."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from alsreport import cli, forked
from alsreport.documents import reports
from alsreport.study.example import example_study_path
from alsreport.study.loading import load_study

pytestmark = pytest.mark.skipif(not forked.two_cpus(), reason="needs fork and two CPUs")


def _request(engine: str = "embedded") -> reports._Request:
    """The checked request of ``render`` on the example (the engine set as chosen, Quarto installed or not)."""
    req = reports._request(example_study_path(), "unused-out", ["manuscript", "ethics"], ("html", "pdf"), "embedded")
    return replace(req, engine=engine)


def _forking_load(monkeypatch) -> list[tuple[str, ...]]:
    """Make ``load_ahead`` fork whatever the machine's load, and record the modules it imports meanwhile."""
    from alsreport import cli_ahead

    monkeypatch.setattr(forked, "idle_core", lambda: True)
    seen: list[tuple[str, ...]] = []
    real = cli_ahead.load_ahead

    def recording(folder: Path, meanwhile: tuple[str, ...]):
        seen.append(tuple(meanwhile))
        return real(folder, meanwhile)

    monkeypatch.setattr(cli_ahead, "load_ahead", recording)
    return seen


def test_parallel_load_reads_the_same_study_in_a_child_and_imports_the_documents_modules(monkeypatch):
    seen = _forking_load(monkeypatch)
    study = reports._load(_request(), parallel=True)
    serial = load_study(example_study_path())
    pd.testing.assert_frame_equal(study.measurements, serial.measurements)
    assert study.config == serial.config
    assert seen == [("alsreport.analysis.run", "alsreport.documents.context", "alsreport.render.execute",
                     "matplotlib.pyplot", "weasyprint")]


def test_parallel_load_imports_no_embedded_engine_for_quarto(monkeypatch):
    seen = _forking_load(monkeypatch)
    reports._load(_request(engine="quarto"), parallel=True)
    assert seen == [("alsreport.analysis.run", "alsreport.documents.context")]


def test_serial_load_forks_nothing(monkeypatch):
    seen = _forking_load(monkeypatch)
    reports._load(_request(), parallel=False)
    assert seen == []


def test_the_analysis_gets_the_parallel_choice(monkeypatch):
    from alsreport.analysis import run

    _forking_load(monkeypatch)
    asked: list[bool] = []
    real = run.analyze

    def recording(study, progress=None, parallel=False):
        asked.append(parallel)
        return real(study, progress, parallel=parallel)

    monkeypatch.setattr(run, "analyze", recording)
    summary = reports.RenderSummary()
    ctx = reports._analyze(_request(), summary, lambda message: None, parallel=True)
    assert asked == [True]
    serial = run.analyze(load_study(example_study_path()))
    pd.testing.assert_frame_equal(ctx.results.comparisons_frame(), serial.comparisons_frame())
    assert set(summary.timings) == {"validate & load", "analyze"}


def test_the_render_command_forks_only_while_a_cpu_is_idle(monkeypatch, tmp_path):
    got: dict[str, object] = {}

    def fake_render(study, **kwargs):
        got.update(kwargs)
        return reports.RenderSummary()

    monkeypatch.setattr(reports, "render_reports", fake_render)
    for idle in (True, False):
        monkeypatch.setattr(forked, "idle_core", lambda idle=idle: idle)
        result = CliRunner().invoke(cli.main, ["render", str(example_study_path()), "--out", str(tmp_path / "o")])
        assert result.exit_code == 0, result.output
        assert got["parallel"] is idle
