"""alsreport.forked: a value computed ahead in a forked child, or here when the child cannot give it.

The command line uses it for the study's loading (alsreport.cli_ahead) and the analysis
summaries (alsreport.analysis.run, ``parallel=True``); both must give the very objects the
serial path gives, and a failure in the child must end as the serial path ends.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from analysis_helpers import example_study
from reports_helpers import write_second_study

from alsreport import cli_ahead, forked
from alsreport.analysis.run import analyze
from alsreport.cli_ahead import load_ahead
from alsreport.errors import StudyInvalid
from alsreport.results.writer import results_json
from alsreport.study.loading import load_study

needs_fork = pytest.mark.skipif(not forked.two_cpus(), reason="needs fork and two CPUs")


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def _fails() -> None:
    raise ValueError("in the child")


_calls: list[int] = []


def _unpicklable_then_counted() -> object:
    _calls.append(os.getpid())
    return lambda: None  # a lambda does not pickle: the child cannot send it


@needs_fork
def test_a_value_computed_by_the_child() -> None:
    with forked.ahead(_pid_and_square, 12) as result:
        assert result.forked
        pid, square = result.value()
    assert square == 144
    assert pid != os.getpid()


def _pid_and_niceness() -> tuple[int, int]:
    return os.getpid(), os.nice(0)


@needs_fork
def test_a_niced_child_runs_at_a_lower_priority_and_the_caller_keeps_its_own() -> None:
    mine = os.nice(0)
    with forked.ahead(_pid_and_niceness, nice=3) as result:
        pid, niceness = result.value()
    assert pid != os.getpid()
    assert niceness == min(mine + 3, 19)
    assert os.nice(0) == mine
    with forked.ahead(_pid_and_niceness) as result:  # by default as nice as the caller
        assert result.value()[1] == mine


def test_disabled_computes_here() -> None:
    with forked.ahead(_pid_and_square, 3, enabled=False) as result:
        assert not result.forked
        assert result.value() == (os.getpid(), 9)


@needs_fork
def test_a_failing_child_leaves_the_failure_to_the_caller() -> None:
    with forked.ahead(_fails) as result, pytest.raises(ValueError, match="in the child"):
        result.value()


@needs_fork
def test_a_value_that_does_not_pickle_is_computed_here() -> None:
    _calls.clear()
    with forked.ahead(_unpicklable_then_counted) as result:
        value = result.value()
    assert callable(value)
    assert _calls == [os.getpid()]  # the parent's own call (the child's list is its own copy)


@needs_fork
def test_an_abandoned_child_is_reaped() -> None:
    with forked.ahead(_pid_and_square, 5) as result:
        pid = result._child._pid  # type: ignore[union-attr]
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_load_ahead_gives_the_study_load_study_gives(tmp_path: Path) -> None:
    folder = write_second_study(tmp_path / "second")
    ahead = load_ahead(folder, ("alsreport.results.writer",))
    here = load_study(folder)
    for name in ("participants", "infusions", "measurements", "adverse_events"):
        assert getattr(ahead, name).equals(getattr(here, name)), name
        assert (getattr(ahead, name).dtypes == getattr(here, name).dtypes).all(), name
    assert ahead.config == here.config
    assert ahead.input_hashes == here.input_hashes and ahead.warnings == here.warnings


def test_load_ahead_of_an_invalid_study_raises_what_load_study_raises(tmp_path: Path) -> None:
    folder = write_second_study(tmp_path / "second")
    path = folder / "measurements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",W4,", ",W9,", 1), encoding="utf-8")
    with pytest.raises(StudyInvalid) as serial:
        load_study(folder)
    with pytest.raises(StudyInvalid) as ahead:
        load_ahead(folder, ())
    assert str(ahead.value) == str(serial.value)
    assert "W9" in str(ahead.value)


@needs_fork
def test_load_ahead_takes_the_files_the_child_read_even_with_read_errors(tmp_path: Path, monkeypatch) -> None:
    """The child reads the files (rows with too many cells among them); this process checks them, so the
    messages are load_study's, and it never reads the files itself."""
    folder = write_second_study(tmp_path / "second")
    path = folder / "measurements.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",12,5"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    here: list[int] = []
    read = cli_ahead._read

    def counted(folder: Path) -> object:
        here.append(os.getpid())
        return read(folder)

    monkeypatch.setattr(cli_ahead, "_read", counted)
    monkeypatch.setattr(forked, "idle_core", lambda: True)
    with pytest.raises(StudyInvalid) as serial:
        load_study(folder)
    with pytest.raises(StudyInvalid) as ahead:
        load_ahead(folder, ())
    assert str(ahead.value) == str(serial.value)
    assert "row 4" in str(ahead.value) and "so it was skipped" in str(ahead.value)
    assert here == []  # read by the child only (its list is its own copy)


def _pid_and_participants(study: object) -> tuple[int, int]:
    return os.getpid(), len(study.participants)  # type: ignore[attr-defined]


@needs_fork
def test_read_ahead_computes_then_of_the_study_in_a_second_child(tmp_path: Path, monkeypatch) -> None:
    folder = write_second_study(tmp_path / "second")
    monkeypatch.setattr(forked, "idle_core", lambda: True)
    study, then = cli_ahead.read_ahead(folder, (), then=_pid_and_participants)
    assert then is not None and then.forked
    pid, n = then.value()
    assert pid != os.getpid() and n == len(load_study(folder).participants) == len(study.participants)
    then.close()
    monkeypatch.setattr(cli_ahead, "THEN_MAX_BYTES", 1000)  # too large for a second copy: nothing ahead
    assert cli_ahead.read_ahead(folder, (), then=_pid_and_participants)[1] is None
    monkeypatch.undo()
    monkeypatch.setattr(forked, "idle_core", lambda: False)  # no child read the files: nothing ahead
    assert cli_ahead.read_ahead(folder, (), then=_pid_and_participants)[1] is None


@needs_fork
def test_read_ahead_of_an_invalid_study_raises_and_leaves_no_child(tmp_path: Path, monkeypatch) -> None:
    folder = write_second_study(tmp_path / "second")
    path = folder / "measurements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",W4,", ",W9,", 1), encoding="utf-8")
    monkeypatch.setattr(forked, "idle_core", lambda: True)
    started: list[int] = []
    start = forked.start

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        child = start(*args, **kwargs)
        started.append(child._pid)  # type: ignore[union-attr]
        return child

    monkeypatch.setattr(forked, "start", spy)
    with pytest.raises(StudyInvalid, match="W9"):
        cli_ahead.read_ahead(folder, (), then=_pid_and_participants)
    assert len(started) == 2  # the files' reader and the second child
    for pid in started:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped


@needs_fork
def test_analysis_with_the_summaries_computed_ahead_equals_the_serial_one(tmp_path: Path, monkeypatch) -> None:
    from alsreport.analysis.run import study_summaries

    folder = write_second_study(tmp_path / "second")
    monkeypatch.setattr(forked, "idle_core", lambda: True)
    study, summaries = cli_ahead.read_ahead(folder, (), then=study_summaries)
    assert summaries is not None
    ahead = analyze(study, parallel=True, summaries=summaries)
    serial = analyze(load_study(folder))
    assert _without_provenance(ahead) == _without_provenance(serial)
    assert ahead.safety == serial.safety


def _without_provenance(results: object) -> dict:
    doc = json.loads(results_json(results))  # type: ignore[arg-type]
    doc["provenance"].pop("generated_at")
    return doc


@pytest.mark.parametrize("which", ["example", "second"])
def test_parallel_analysis_equals_the_serial_one(which: str, tmp_path: Path) -> None:
    study = example_study() if which == "example" else load_study(write_second_study(tmp_path / "s"))
    serial, parallel = analyze(study), analyze(study, parallel=True)
    assert _without_provenance(parallel) == _without_provenance(serial)
    assert parallel.safety == serial.safety  # no NaN inside: equal as objects too (a NaN is not equal to itself)
    assert parallel.analysis_data.equals(serial.analysis_data)


def _sleeps() -> int:
    import time

    time.sleep(60)
    return 1


@needs_fork
def test_a_silent_child_is_killed_after_the_timeout_and_the_value_computed_here() -> None:
    child = forked.start(_pid_and_square, 7)
    assert child is not None
    assert child.result(timeout=600)[1][1] == 49
    silent = forked.start(_sleeps)
    assert silent is not None
    assert silent.result(timeout=0.5) == (False, None)  # killed, not waited for


@needs_fork
def test_the_command_line_forks_only_while_a_second_cpu_is_idle(monkeypatch) -> None:
    cpus = len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "getloadavg", lambda: (cpus - 0.6, 0.0, 0.0))
    assert forked.idle_core()
    monkeypatch.setattr(os, "getloadavg", lambda: (cpus - 0.4, 0.0, 0.0))
    assert not forked.idle_core()


_KILLED_PARENT = """
import sys, time
from alsreport import forked
child = forked.start(time.sleep, 60)
print(child._pid if child else 0, flush=True)
time.sleep(60)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie waiting for init to reap it has died


@pytest.mark.skipif(not Path("/proc").is_dir() or not forked.two_cpus(), reason="Linux with two CPUs")
def test_a_child_dies_with_the_process_that_forked_it() -> None:
    """CI: a killed render's re-run was refused because a forked child still held the output folder's lock."""
    import subprocess
    import time

    parent = subprocess.Popen([sys.executable, "-c", _KILLED_PARENT], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert child and _running(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 30
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_child_whose_parent_ended_before_it_asked_exits_at_once() -> None:
    """CI: a render killed between a worker's fork and its ``prctl`` left the worker waiting for work forever,
    holding the output folder's lock; ``die_with`` checks the parent it was given and exits."""
    pid = os.fork()
    if pid == 0:  # the child, told that its parent was another process (as if the real one had ended)
        try:
            forked.die_with(os.getppid() + 1 if os.getppid() != 1 else 2)
            os._exit(3)  # not reached when die_with sees the parent is gone
        finally:
            os._exit(4)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
