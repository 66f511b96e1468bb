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
from alsreport.analysis import run

pytestmark = pytest.mark.skipif(not forked.two_cpus(), reason="needs fork and two CPUs")


def _request(engine: str = "embedded") -> reports._Request:
    """The checked request of ``render`` on the example (the engine set as chosen, Quarto installed or not)."""
    req = reports._request(example_study_path(), "unused-out", ["manuscript", "ethics"], ("html", "pdf"), "embedded")
    return replace(req, engine=engine)


def _forking(monkeypatch) -> list[tuple[str, ...]]:
    """Make the start-up fork whatever the machine's load; record the modules it imports meanwhile."""
    from alsreport.documents import analysis_ahead

    monkeypatch.setattr(forked, "idle_core", lambda: True)
    seen: list[tuple[str, ...]] = []
    real = analysis_ahead.load_and_analyze

    def recording(folder: Path, meanwhile: tuple[str, ...]):
        seen.append(tuple(meanwhile))
        return real(folder, meanwhile)

    monkeypatch.setattr(analysis_ahead, "load_and_analyze", recording)
    return seen


def test_parallel_start_gives_the_serial_study_and_results_and_imports_the_documents_modules(monkeypatch):
    seen = _forking(monkeypatch)
    summary, said = reports.RenderSummary(), []
    ctx = reports._analyze(_request(), summary, said.append, parallel=True)
    assert seen == [("alsreport.analysis.run", "alsreport.documents.context", "alsreport.render.execute",
                     "matplotlib.pyplot", "weasyprint")]
    serial = load_study(example_study_path())
    pd.testing.assert_frame_equal(ctx.study.measurements, serial.measurements)
    assert ctx.study.config == serial.config
    pd.testing.assert_frame_equal(ctx.results.comparisons_frame(), run.analyze(serial).comparisons_frame())
    assert list(summary.timings) == ["validate & load", "analyze"]
    assert said == [f"validate and load {example_study_path()}", "analyze: paired tests, estimates, adjustments, "
                    "summaries"]


def test_parallel_start_imports_no_embedded_engine_for_quarto(monkeypatch):
    seen = _forking(monkeypatch)
    reports._analyze(replace(_request(), engine="quarto"), reports.RenderSummary(), lambda message: None,
                     parallel=True)
    assert seen == [("alsreport.analysis.run", "alsreport.documents.context")]


def test_serial_start_forks_nothing(monkeypatch):
    seen = _forking(monkeypatch)
    summary = reports.RenderSummary()
    reports._analyze(_request(), summary, lambda message: None, parallel=False)
    assert seen == []
    assert list(summary.timings) == ["validate & load", "analyze"]


def test_the_render_command_asks_for_two_cores(monkeypatch, tmp_path):
    got: dict[str, object] = {}

    def fake_render(study, **kwargs):
        got.update(kwargs)
        return reports.RenderSummary()

    monkeypatch.setattr(reports, "render_reports", fake_render)
    result = CliRunner().invoke(cli.main, ["render", str(example_study_path()), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert got["parallel"] is True   # whether a CPU is free is decided at the fork (analysis_ahead.cpu_free)
