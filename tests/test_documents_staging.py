"""A render's outputs are the old set or the new set (issue 14): rendered in a private folder, swapped in.

The kill tests SIGKILL a real ``alsreport render`` process (a subprocess) while it
renders and while it swaps its set in.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from alsreport.documents import staging
from alsreport.documents.outputs import output_lock
from alsreport.study.example import example_study_path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _old_set(out: Path) -> None:
    (out / ".alsreport-cache").mkdir(parents=True)
    (out / "manuscript.html").write_text("old manuscript")
    (out / "ethics.html").write_text("old ethics")
    (out / "notes.txt").write_text("a user's file")
    (out / ".alsreport-cache" / "reports.json").write_text("old manifest")


def test_a_finished_render_is_swapped_in_with_the_manifest_last(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _old_set(out)
    moved: list[str] = []
    real = os.replace
    monkeypatch.setattr(staging.os, "replace", lambda a, b: (moved.append(Path(b).name), real(a, b)))
    with staging.staged(out, ["manuscript.html", "ethics.html"]) as stage:
        assert stage.parent == tmp_path and stage.name.startswith(".out.") and stage.name.endswith(".tmp")
        assert (stage / "manuscript.html").stat().st_ino == (out / "manuscript.html").stat().st_ino  # seeded: links
        assert not (stage / staging.MANIFEST).exists()
        (stage / "manuscript.html").unlink()
        (stage / "manuscript.html").write_text("new manuscript")
        (stage / staging.MANIFEST).parent.mkdir()
        (stage / staging.MANIFEST).write_text("new manifest")
        assert (out / "manuscript.html").read_text() == "old manuscript"  # nothing changes while rendering
    assert moved[-1] == "reports.json" and "manuscript.html" in moved
    assert _files(out) == {".alsreport-cache/reports.json": b"new manifest", "ethics.html": b"old ethics",
                           "manuscript.html": b"new manuscript", "notes.txt": b"a user's file"}
    assert staging.stage_folders(out) == []


def test_a_failed_render_leaves_the_output_folder_as_it_was(tmp_path):
    out = tmp_path / "out"
    _old_set(out)
    before = _files(out)
    with pytest.raises(OSError):
        with staging.staged(out, ["manuscript.html"]) as stage:
            (stage / "manuscript.html").unlink()
            (stage / "manuscript.html").write_text("half")
            raise OSError(28, "No space left on device")
    assert _files(out) == before and staging.stage_folders(out) == []


def test_the_next_run_finishes_an_interrupted_swap_and_removes_unfinished_stages(tmp_path):
    out = tmp_path / "out"
    _old_set(out)
    done = tmp_path / ".out.killed-in-swap.tmp"  # journal written, manuscript already moved, the rest not
    (done / ".alsreport-cache").mkdir(parents=True)
    (done / "ethics.html").write_text("new ethics")
    (done / ".alsreport-cache" / "reports.json").write_text("new manifest")
    (done / staging.JOURNAL).write_text(json.dumps(["ethics.html", "manuscript.html", ".alsreport-cache/reports.json"]))
    (out / "manuscript.html").write_text("new manuscript")
    (out / ".alsreport-cache" / "reports.json").unlink()
    unfinished = tmp_path / ".out.killed-rendering.tmp"
    unfinished.mkdir()
    (unfinished / "manuscript.html").write_text("never swapped in")
    with output_lock(out):
        pass
    assert _files(out) == {".alsreport-cache/reports.json": b"new manifest", "ethics.html": b"new ethics",
                           "manuscript.html": b"new manuscript", "notes.txt": b"a user's file"}
    assert not done.exists() and not unfinished.exists()


def test_a_mount_point_as_output_folder_stages_inside_it(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    real_stat = Path.stat

    def other_device(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        st = real_stat(self, *args, **kwargs)
        if self == out:
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev + 1, *tuple(st)[3:]))
        return st

    monkeypatch.setattr(Path, "stat", other_device)
    with staging.staged(out, []) as stage:
        assert stage.parent == out.absolute()
        (stage / "manuscript.html").write_text("new")
    assert (out / "manuscript.html").read_text() == "new" and staging.stage_folders(out) == []


# --- real renders, killed ---------------------------------------------------------------------------------

_RENDER = ["render", "--engine", "embedded", "--report", "manuscript", "--to", "html"]

_KILL_IN_SWAP = textwrap.dedent("""
    import os, signal, sys
    import alsreport.documents.staging as staging
    from alsreport.cli import main
    out = os.path.abspath(sys.argv[-1])
    real = os.replace
    def first_then_killed(src, dst):  # the first rename of the swap: stage -> output folder
        real(src, dst)
        if os.path.dirname(os.path.abspath(dst)) == out and os.path.dirname(src).endswith(".tmp"):
            os.kill(os.getpid(), signal.SIGKILL)
    os.replace = first_then_killed
    main(sys.argv[1:])
""")


def _cli(*args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "alsreport", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900)


@pytest.fixture
def study(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "study"
    shutil.copytree(example_study_path(), folder)
    return folder


def _retitle(study: Path, marker: str) -> None:
    yml = study / "study.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("title: Repeated", f"title: {marker} Repeated", 1),
                   encoding="utf-8")


def test_a_render_killed_while_rendering_leaves_the_old_set(study, tmp_path):
    out = tmp_path / "out"
    first = _cli(*_RENDER, str(study), "--out", str(out))
    assert first.returncode == 0, first.stderr
    before = _files(out)
    _retitle(study, "Killedmarker")
    proc = subprocess.Popen([sys.executable, "-m", "alsreport", *_RENDER, str(study), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None and not staging.stage_folders(out):
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the render finished before its private folder was seen")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert staging.stage_folders(out)  # what the kill left: the private folder, outside the set
    assert _files(out) == before  # the old set, byte for byte
    again = _cli(*_RENDER, str(study), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert staging.stage_folders(out) == []
    assert "Killedmarker" in (out / "manuscript.html").read_text(encoding="utf-8")


def test_a_render_killed_while_swapping_is_finished_by_the_next_run(study, tmp_path):
    out = tmp_path / "out"
    assert _cli(*_RENDER, str(study), "--out", str(out)).returncode == 0
    _retitle(study, "Swapmarker")
    killed = _cli(*_RENDER, str(study), "--out", str(out), script=_KILL_IN_SWAP)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not (out / staging.MANIFEST).exists()  # mid-swap: no set is trusted
    [stage] = staging.stage_folders(out)
    assert (stage / staging.JOURNAL).is_file()
    again = _cli(*_RENDER, str(study), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert "inputs unchanged" in again.stderr  # the interrupted swap was finished: the new set, complete
    assert "Swapmarker" in (out / "manuscript.html").read_text(encoding="utf-8")
    assert staging.stage_folders(out) == []
