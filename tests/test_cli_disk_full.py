"""A disk that fills up during a run (issue 14): one line, no traceback, the earlier outputs intact.

A small tmpfs is mounted (root only; skipped with the reason otherwise) and unmounted
in ``finally``. A first run writes a good set; a file then fills the disk up to a
little free space, and the second run (on changed data) cannot finish.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from alsreport.cli import main
from tmpfs_helpers import mounted_tmpfs
from alsreport.study.example import example_study_path


@pytest.fixture
def disk(tmp_path):  # type: ignore[no-untyped-def]
    """An 8 MiB tmpfs, unmounted afterwards."""
    yield from mounted_tmpfs(tmp_path / "disk", "8m")


def _fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` up to ``leave`` free bytes."""
    st = os.statvfs(disk)
    free = st.f_bavail * st.f_frsize
    with open(disk / "filler", "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    return errors[0]


@pytest.fixture
def study(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "study"
    shutil.copytree(example_study_path(), folder)
    return folder


def _retitle(study: Path) -> None:
    yml = study / "study.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("title: Repeated", "title: Changed repeated", 1),
                   encoding="utf-8")


def test_render_on_a_full_disk_keeps_the_earlier_reports(disk, study):
    out = disk / "reports"
    args = ["render", str(study), "--engine", "embedded", "--report", "manuscript", "--to", "html", "--out", str(out)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    before = _snapshot(out)
    _retitle(study)
    _fill(disk, 64 * 1024)
    line = _one_line(CliRunner().invoke(main, args))
    assert "disk is full" in line, line
    assert _snapshot(out) == before  # the earlier set, byte for byte (manifest included)
    assert sorted(p.name for p in disk.iterdir()) == [".reports.lock", "filler", "reports"]  # no temp folder left
    (disk / "filler").unlink()
    again = CliRunner().invoke(main, args)  # with space again, the new report comes
    assert again.exit_code == 0, again.output
    assert "Changed repeated" in (out / "manuscript.html").read_text(encoding="utf-8")


def test_analyze_on_a_full_disk_keeps_the_earlier_results(disk, study):
    out = disk / "results"
    assert CliRunner().invoke(main, ["analyze", str(study), "--out", str(out)]).exit_code == 0
    before = _snapshot(out)
    _retitle(study)
    _fill(disk, 16 * 1024)
    line = _one_line(CliRunner().invoke(main, ["analyze", str(study), "--out", str(out)]))
    assert "disk is full" in line, line
    assert _snapshot(out) == before
    assert sorted(p.name for p in disk.iterdir()) == [".results.lock", "filler", "results"]
