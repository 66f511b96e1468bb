"""Outputs are a consistent set or untouched (issue 14): one run per folder, nothing left by killed runs.

The kill tests kill real processes (SIGKILL) at chosen points; the worker test needs
Linux's /proc and skips elsewhere.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from alsreport.cli import main
from alsreport.documents.outputs import OutputBusy, output_lock, remove_stale_temp


def _consistent(out: Path) -> None:
    """results.json and the CSVs come from one run: the comparisons' p-values agree."""
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    csv_lines = (out / "comparisons.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) - 1 == len(data["comparisons"])


def test_a_second_run_on_a_locked_folder_refuses_with_a_message(tmp_path):
    out = tmp_path / "results"
    with output_lock(out):
        result = CliRunner().invoke(main, ["analyze", "--out", str(out)])
        assert result.exit_code == 1
        assert f"another alsreport run (process {os.getpid()}) is writing into {out}" in result.output
        with pytest.raises(OutputBusy):
            with output_lock(out):
                pass
    assert not out.exists()
    assert CliRunner().invoke(main, ["analyze", "--out", str(out)]).exit_code == 0  # released
    _consistent(out)


def test_concurrent_processes_never_mix_a_set(tmp_path):
    out = tmp_path / "results"
    procs = [subprocess.Popen([sys.executable, "-m", "alsreport", "analyze", "--out", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(3)]
    outputs = [(p.wait(timeout=600), p.stdout.read().decode()) for p in procs]  # type: ignore[union-attr]
    assert any(rc == 0 for rc, _ in outputs)
    for rc, text in outputs:
        assert rc == 0 or "another alsreport run" in text, text
    _consistent(out)
    assert not list(tmp_path.glob(".results.*.tmp"))


_KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import alsreport.results.writer as w
    import alsreport.results.swap as s
    from alsreport import analyze, load_study
    from alsreport.study.example import example_study_path
    results = analyze(load_study(example_study_path()))
    where = sys.argv[2]
    if where == "writing":
        real = w.write_descriptives
        def killed(*args, **kwargs):
            real(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
        w.write_descriptives = killed
    else:
        s.exchange = lambda a, b: os.kill(os.getpid(), signal.SIGKILL)
    w.write_results(results, Path(sys.argv[1]))
""")


@pytest.mark.parametrize("where", ["writing", "swapping"])
def test_a_killed_analyze_leaves_the_old_set_and_the_next_run_cleans_up(tmp_path, where):
    out = tmp_path / "results"
    assert CliRunner().invoke(main, ["analyze", "--out", str(out)]).exit_code == 0
    (out / "results.json").write_text((out / "results.json").read_text(encoding="utf-8").replace(
        '"schema_version"', '"old_marker": 1, "schema_version"', 1), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    proc = subprocess.run([sys.executable, "-c", _KILL_SCRIPT, str(out), where], capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # untouched, not mixed
    assert list(tmp_path.glob(".results.*.tmp"))  # what the kill left behind ...
    assert CliRunner().invoke(main, ["analyze", "--out", str(out)]).exit_code == 0
    assert not list(tmp_path.glob(".results.*.tmp"))  # ... is gone after the next run
    assert "old_marker" not in (out / "results.json").read_text(encoding="utf-8")
    _consistent(out)


def test_remove_stale_temp_only_touches_this_folders_temp_files(tmp_path):
    out = tmp_path / "tables"
    out.mkdir()
    (tmp_path / ".tables.abc.tmp").mkdir()
    (out / ".x.html.def.tmp").write_text("partial")
    (tmp_path / ".figures.abc.tmp").mkdir()
    (out / "keep.html").write_text("kept")
    removed = remove_stale_temp(out)
    assert sorted(p.name for p in removed) == [".tables.abc.tmp", ".x.html.def.tmp"]
    assert (tmp_path / ".figures.abc.tmp").exists() and (out / "keep.html").exists()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(c) for c in text.split()]
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status and "\nState:\tX" not in status


@pytest.mark.skipif(not Path("/proc/self/task").exists() or not hasattr(os, "fork"),
                    reason="needs Linux /proc and fork")
def test_a_killed_render_leaves_no_worker_and_nothing_outside_its_output_folder(tmp_path):
    out = tmp_path / "out"
    system_temp = tmp_path / "system-temp"  # the render's TMPDIR, to see what it leaves there
    system_temp.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "alsreport", "render", "--engine", "embedded", "--to", "html",
                             "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "TMPDIR": str(system_temp)})
    deadline = time.monotonic() + 600
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None and not workers:
        workers = [c for c in _children(proc.pid) if _alive(c)]
        time.sleep(0.05)
    if not workers:
        proc.kill()
        pytest.skip("the render finished before a worker was seen (a single CPU renders in one process)")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)
    assert not list(system_temp.iterdir())  # the figures' helper drew into the stage, removed by the next run


def test_a_render_that_fails_after_one_document_leaves_the_previous_set(tmp_path, monkeypatch):
    import errno
    import shutil

    import alsreport.documents.reports as reports
    from alsreport.study.example import example_study_path

    study = tmp_path / "study"
    shutil.copytree(example_study_path(), study)
    out = tmp_path / "out"
    reports.render_reports(study, formats=["html"], engine="embedded", out_dir=out, jobs=1)
    before = {p.name: p.read_bytes() for p in out.glob("*.html")}
    assert set(before) == {"manuscript.html", "ethics.html"}
    yml = study / "study.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("short_title: ", "short_title: New "), encoding="utf-8")
    import alsreport.documents.workers as workers

    real = workers.render_task

    def disk_full_on_ethics(task):  # type: ignore[no-untyped-def]
        if task.name == "ethics":
            raise OSError(errno.ENOSPC, "No space left on device", str(task.out_dir / "ethics.html"))
        return real(task)

    monkeypatch.setattr(workers, "render_task", disk_full_on_ethics)
    with pytest.raises(OSError):
        reports.render_reports(study, formats=["html"], engine="embedded", out_dir=out, jobs=1)
    assert {p.name: p.read_bytes() for p in out.glob("*.html")} == before  # the new manuscript never came in
    assert not list(tmp_path.glob(".out.*.tmp"))  # the failed render removed its private folder


_HOLD_AS = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.pwrite(fd, (sys.argv[2] + "\\n").encode(), 0)
    print("held", flush=True)
    time.sleep(float(sys.argv[3]))
""")


def _hold_lock(out: Path, holder: int, seconds: float) -> subprocess.Popen[str]:
    """A process holding ``out``'s lock for ``seconds`` under the name ``holder`` (what a run writes in it),
    like the forked workers of a killed run, which share their parent's lock until they exit."""
    lock = out.parent / f".{out.name}.lock"
    proc = subprocess.Popen([sys.executable, "-c", _HOLD_AS, str(lock), str(holder), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _ended_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


def test_a_lock_left_by_the_workers_of_an_ended_run_is_waited_for(tmp_path):
    """CI: the re-run after a killed render was refused while the render's workers were still exiting."""
    out = tmp_path / "results"
    holder = _hold_lock(out, _ended_pid(), seconds=1.0)
    started = time.monotonic()
    with output_lock(out):
        assert holder.poll() is not None  # taken once the last worker had gone
    assert time.monotonic() - started < 1.0 + 5
    holder.wait()


def test_a_lock_held_by_a_running_process_is_refused_at_once(tmp_path):
    out = tmp_path / "results"
    holder = _hold_lock(out, os.getpid(), seconds=30.0)  # the name of a process that runs
    try:
        started = time.monotonic()
        with pytest.raises(OutputBusy, match=r"another alsreport run \(process \d+\) is writing into"):
            with output_lock(out):
                pass
        assert time.monotonic() - started < 1.0
    finally:
        holder.kill()
        holder.wait()


def test_a_report_left_from_other_inputs_is_named_until_it_is_rendered_again(tmp_path):
    """Session 33 user: after a data correction rendered to HTML only, the folder held the new HTML beside the PDF
    of the old data, and nothing said so."""
    import shutil

    import alsreport.documents.reports as reports
    from alsreport.study.example import example_study_path

    study = tmp_path / "study"
    shutil.copytree(example_study_path(), study)
    out = tmp_path / "out"
    first = reports.render_reports(study, reports=["ethics"], formats=["html"], engine="embedded", out_dir=out, jobs=1)
    assert not [w for w in first.warnings if "earlier render" in w]
    yml = study / "study.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("short_title: ", "short_title: New "), encoding="utf-8")
    stale = (f"ethics.html in {out} is from an earlier render with other inputs (the data, the study or the "
             "templates have changed since) and was not rendered this time: render it again (--to html) or remove it")
    # the same inputs, another report: the ethics report is left as it was, and named
    other = reports.render_reports(study, reports=["manuscript"], formats=["html"], engine="embedded", out_dir=out,
                                   jobs=1)
    assert stale in other.warnings
    again = reports.render_reports(study, reports=["manuscript"], formats=["html"], engine="embedded", out_dir=out,
                                   jobs=1)
    assert again.cache == "hit" and stale in again.warnings   # still true, still said
    both = reports.render_reports(study, formats=["html"], engine="embedded", out_dir=out, jobs=1)
    assert not [w for w in both.warnings if "earlier render" in w]
