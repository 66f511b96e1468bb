"""`render`'s start-up: the study read and analysed by a forked child while the caller imports (a small study, a
CPU idle), else by the caller; an invalid study gets the caller's own error either way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from alsreport import forked
from alsreport.documents import analysis_ahead
from alsreport.errors import StudyInvalid
from alsreport.study.example import example_study_path

pytestmark = pytest.mark.skipif(not forked.two_cpus(), reason="needs fork and two CPUs")


def _where(folder: Path) -> tuple[int, str]:
    """Stands in for loading and analysing: which process ran, on which folder."""
    return os.getpid(), Path(folder).name


@pytest.mark.parametrize("idle", [True, False])
def test_a_child_does_the_work_only_while_a_cpu_is_free(monkeypatch, idle):
    monkeypatch.setattr(analysis_ahead, "cpu_free", lambda: idle)
    monkeypatch.setattr(analysis_ahead, "_load_and_analyze", _where)
    pid, name = analysis_ahead.load_and_analyze(example_study_path(), ("json",))
    assert name == example_study_path().name
    assert (pid != os.getpid()) is idle


def test_a_large_study_is_read_here(monkeypatch):
    monkeypatch.setattr(forked, "idle_core", lambda: True)
    monkeypatch.setattr(analysis_ahead, "_load_and_analyze", _where)
    from alsreport import cli_ahead

    monkeypatch.setattr(cli_ahead, "AHEAD_MAX_BYTES", 100)
    pid, _ = analysis_ahead.load_and_analyze(example_study_path(), ())
    assert pid == os.getpid()


def test_the_child_returns_the_study_results_and_the_seconds_of_each_stage(monkeypatch):
    monkeypatch.setattr(forked, "idle_core", lambda: True)
    study, results, seconds = analysis_ahead.load_and_analyze(example_study_path(), ())
    assert study.path == example_study_path()
    assert len(results.comparisons) > 0
    assert list(seconds) == ["validate & load", "analyze"]
    assert all(s > 0 for s in seconds.values())


def test_an_invalid_study_raises_the_callers_own_error(monkeypatch, tmp_path):
    monkeypatch.setattr(forked, "idle_core", lambda: True)
    folder = tmp_path / "study"
    shutil.copytree(example_study_path(), folder)
    (folder / "participants.csv").write_text("participant_id\n", encoding="utf-8")
    from alsreport.study.loading import load_study

    with pytest.raises(StudyInvalid) as serial:
        load_study(folder)
    with pytest.raises(StudyInvalid) as ahead:
        analysis_ahead.load_and_analyze(folder, ())
    assert str(ahead.value) == str(serial.value)


@pytest.mark.parametrize(("average_idle", "running", "free"),
                         [(True, 7, True), (False, 1, True), (False, 2, False), (False, None, False)])
def test_a_cpu_is_free_by_the_minute_average_or_when_nothing_else_runs_now(monkeypatch, average_idle, running, free):
    monkeypatch.setattr(forked, "idle_core", lambda: average_idle)
    monkeypatch.setattr(analysis_ahead, "_running_now", lambda: running)
    assert analysis_ahead.cpu_free() is free


def test_the_running_count_is_read_from_the_kernel():
    running = analysis_ahead._running_now()
    if Path("/proc/loadavg").is_file():
        assert running is not None and running >= 1   # this process runs while it reads
    else:
        assert running is None
