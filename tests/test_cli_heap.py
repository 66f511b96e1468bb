"""alsreport.cli_heap: glibc's heap kept and marked for huge pages, in a process the command line owns, for small studies."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from alsreport import cli_ahead, cli_heap
from alsreport.cli import main
from alsreport.study.example import example_study_path

glibc_only = pytest.mark.skipif(not (sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"),
                                reason="glibc's malloc on Linux only")

_HEAP = textwrap.dedent("""
    from alsreport.cli_heap import HEAP_AHEAD, huge_page_heap
    print("done:", huge_page_heap())
    marked = 0
    with open("/proc/self/smaps") as smaps:
        start = end = 0
        for line in smaps:
            head = line.split()[0]
            if "-" in head and not head.endswith(":"):
                start, end = (int(x, 16) for x in head.split("-"))
            elif head == "VmFlags:" and "hg" in line.split()[1:]:
                marked += end - start
    print("marked MiB:", marked >> 20, "of", HEAP_AHEAD >> 20)
""")

_CALLS = textwrap.dedent("""
    import sys
    import alsreport.cli_heap as heap
    real = heap.huge_page_heap
    heap.huge_page_heap = lambda: print("heap prepared, pandas loaded:", "pandas" in sys.modules, flush=True) or real()
    sys.argv = ["alsreport", "analyze", "--out", sys.argv[1], "-q"]
    from alsreport.cli import main
    main()  # analyze ends the process itself (os._exit)
""")


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


@glibc_only
@pytest.mark.skipif(not Path("/sys/kernel/mm/transparent_hugepage").is_dir(), reason="a kernel without huge pages")
def test_the_heap_is_grown_ahead_and_marked_for_huge_pages() -> None:
    done = _run(_HEAP)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "done: True"
    marked = int(lines[1].split()[2])
    # the heap's 16 MiB blocks, rounded inward to 2 MiB pages
    assert cli_heap.HEAP_AHEAD // 2**20 - 4 <= marked <= cli_heap.HEAP_AHEAD // 2**20 + 64


def test_small_study_counts_the_input_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "measurements.csv").write_bytes(b"x" * 1000)
    (tmp_path / "study.yml").write_bytes(b"y" * 24)
    monkeypatch.setattr(cli_ahead, "AHEAD_MAX_BYTES", 1024)
    assert cli_ahead.small_study(tmp_path)
    monkeypatch.setattr(cli_ahead, "AHEAD_MAX_BYTES", 1023)
    assert not cli_ahead.small_study(tmp_path)
    assert not cli_ahead.small_study(tmp_path / "missing")


def test_the_heap_is_for_small_text_studies_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_ahead, "AHEAD_MAX_BYTES", 1024)
    (tmp_path / "study.yml").write_bytes(b"y" * 24)
    (tmp_path / "measurements.csv").write_bytes(b"x" * 1000)
    assert cli_heap.heap_for(tmp_path)
    (tmp_path / "measurements.csv").write_bytes(b"x" * 1001)
    assert not cli_heap.heap_for(tmp_path)
    (tmp_path / "measurements.csv").unlink()
    (tmp_path / "measurements.parquet").write_bytes(b"x" * 100)  # 100 bytes of Parquet may hold millions of rows
    assert not cli_heap.heap_for(tmp_path)


def test_the_example_study_gets_the_heap() -> None:
    assert cli_heap.heap_for(example_study_path())


def test_the_command_line_prepares_the_heap_once_before_pandas_loads(tmp_path: Path) -> None:
    done = _run(_CALLS, str(tmp_path / "results"))
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if line.startswith("heap")] == \
        ["heap prepared, pandas loaded: False"]
    assert (tmp_path / "results" / "results.json").is_file()


def test_a_test_runner_process_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> bool:
        raise AssertionError("huge_page_heap called in a process the command line does not own")

    monkeypatch.setattr(cli_heap, "huge_page_heap", refuse)
    result = CliRunner().invoke(main, ["analyze", str(example_study_path()), "--out", str(tmp_path / "r"), "-q"])
    assert result.exit_code == 0, result.output
