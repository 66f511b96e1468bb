"""alsreport.cli_process: one OpenBLAS thread for a process the command line owns, and leaving at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from alsreport import cli_process

_BLAS = textwrap.dedent("""
    import os, sys
    sys.argv = ["alsreport", "--version"]
    from alsreport.cli import main
    try:
        main()
    finally:
        print("blas threads:", os.environ.get("OPENBLAS_NUM_THREADS"), "numpy loaded:", "numpy" in sys.modules)
""")


def _run(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300, env=env)


def test_the_command_line_asks_for_one_blas_thread_before_numpy_loads() -> None:
    env = {k: v for k, v in __import__("os").environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = _run(_BLAS, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("blas threads: 1 numpy loaded: False")


def test_a_users_blas_setting_is_kept() -> None:
    env = {**__import__("os").environ, "OPENBLAS_NUM_THREADS": "2"}
    done = _run(_BLAS, env=env)
    assert done.stdout.rstrip().endswith("blas threads: 2 numpy loaded: False")


def test_one_blas_thread_sets_only_what_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cli_process.BLAS_THREADS_VARIABLE, raising=False)
    cli_process.one_blas_thread()
    assert __import__("os").environ[cli_process.BLAS_THREADS_VARIABLE] == "1"
    monkeypatch.setenv(cli_process.BLAS_THREADS_VARIABLE, "4")
    cli_process.one_blas_thread()
    assert __import__("os").environ[cli_process.BLAS_THREADS_VARIABLE] == "4"


def test_leave_flushes_what_was_written_and_keeps_the_status() -> None:
    code = textwrap.dedent("""
        import atexit, logging, sys
        from alsreport.cli_process import leave
        atexit.register(lambda: print("exit handler ran"))
        logging.basicConfig(stream=sys.stderr)
        logging.getLogger("t").warning("logged")
        print("buffered", end="")
        sys.stderr.write("err")
        leave(3)
    """)
    done = _run(code)
    assert done.returncode == 3
    assert done.stdout == "buffered"  # flushed, and the interpreter's exit (handlers) skipped
    assert "logged" in done.stderr and done.stderr.endswith("err")


def test_analyze_from_the_command_line_writes_every_file_and_leaves(tmp_path: Path) -> None:
    out = tmp_path / "results"
    done = subprocess.run([sys.executable, "-m", "alsreport", "analyze", "--out", str(out), "-q", "--timings"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    names = ["analysis_data.csv", "comparisons-columns.csv", "comparisons.csv", "descriptives-columns.csv",
             "descriptives.csv", "results.json"]   # each table with its data dictionary (issue #10 item 1)
    assert sorted(p.name for p in out.iterdir()) == names
    assert [line.split("/")[-1] for line in done.stdout.splitlines() if line.startswith("wrote ")] == [
        "results.json", "comparisons.csv", "comparisons-columns.csv", "descriptives.csv", "descriptives-columns.csv",
        "analysis_data.csv"]
    assert done.stdout.rstrip().splitlines()[-1].startswith("total")  # the timings, flushed before leaving
    assert (out / "results.json").read_text(encoding="utf-8").endswith("}\n")
    assert not list(tmp_path.glob(".results.*.tmp"))  # no temporary folder left
