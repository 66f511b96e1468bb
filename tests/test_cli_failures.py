"""No traceback for a failure a user can cause (issue 14): one line, the traceback only with --debug.

The disk-full and read-only tests mount a small tmpfs (root only; they skip with the
reason otherwise) and unmount it afterwards.
"""

from __future__ import annotations

import subprocess

import pytest
from click.testing import CliRunner

from alsreport.cli import main
from tmpfs_helpers import mounted_tmpfs


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture
def tmpfs(tmp_path):  # type: ignore[no-untyped-def]
    """A 64 KiB tmpfs, unmounted afterwards."""
    yield from mounted_tmpfs(tmp_path / "mnt", "64k")


def test_disk_full(tmpfs):
    line = _one_line_error(CliRunner().invoke(main, ["analyze", "--out", str(tmpfs / "results")]))
    assert "disk is full" in line and "--out" in line
    assert [p.name for p in tmpfs.iterdir()] == [".results.lock"]  # no partial set, no temp folder left behind


def test_read_only_output_folder(tmpfs):
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    line = _one_line_error(CliRunner().invoke(main, ["analyze", "--out", str(tmpfs / "results")]))
    assert "read-only" in line


def test_output_folder_below_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    line = _one_line_error(CliRunner().invoke(main, ["analyze", "--out", str(tmp_path / "file" / "results")]))
    assert "file" in line and "folder" in line


def test_unexpected_failure_is_one_line_and_debug_shows_the_traceback(monkeypatch, tmp_path):
    import alsreport.analysis.run as run

    def boom(study, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("something nobody expected")

    monkeypatch.setattr(run, "analyze", boom)
    out = tmp_path / "unused"  # not the working directory: the run's lock file (.unused.lock) goes beside it
    line = _one_line_error(CliRunner().invoke(main, ["analyze", "--out", str(out)]))
    assert "ValueError: something nobody expected" in line and "--debug" in line
    result = CliRunner().invoke(main, ["--debug", "analyze", "--out", str(out)])
    assert isinstance(result.exception, ValueError)
    assert not out.exists()
