"""alsreport preview: serves the manuscript on 127.0.0.1 and re-renders it when a study file changes."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from alsreport.documents.preview import Preview
from alsreport.study.example import example_study_path
from quarto_helpers import needs_quarto


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, timeout: float = 120.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_preview_rerenders_after_an_edit(tmp_path: Path) -> None:
    study = Path(shutil.copytree(example_study_path(), tmp_path / "study"))
    with Preview(study, port=0, interval=0.1) as preview:
        assert preview.url.startswith("http://127.0.0.1:")
        page = _get(preview.url)
        assert "Repeated autologous BM-MSC transplantation" in page
        assert "/__alsreport/version" in page  # the reload script
        before = _get(preview.url + "__alsreport/version")
        config = study / "study.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "Repeated autologous BM-MSC transplantation", "Edited title of the preview study"), encoding="utf-8")
        assert _wait_for(lambda: _get(preview.url + "__alsreport/version") != before)
        assert "Edited title of the preview study" in _get(preview.url)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a shell's background job or a CI runner starts it


def _stop(proc: subprocess.Popen) -> None:
    """After a failed wait: SIGTERM (the CLI then stops what it started), SIGKILL only if that fails."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.parametrize("stop, started_ignoring_sigint", [
    (signal.SIGINT, False),   # Ctrl-C on a terminal
    (signal.SIGINT, True),    # started with SIGINT ignored: the CLI still stops on it
    (signal.SIGTERM, True),   # `kill`
], ids=["ctrl-c", "sigint-started-ignored", "sigterm"])
def test_cli_preview_stops_cleanly_on_ctrl_c(tmp_path: Path, stop: int, started_ignoring_sigint: bool) -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "alsreport", "preview", str(example_study_path()),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_ignore_sigint if started_ignoring_sigint else None)
    try:
        assert _wait_for(lambda: _serves(f"http://127.0.0.1:{port}/"), timeout=180)
        proc.send_signal(stop)
        out, err = proc.communicate(timeout=60)
    finally:
        _stop(proc)
    assert proc.returncode == 0, err
    assert "stopping the preview" in err
    assert f"http://127.0.0.1:{port}/" in out and "Traceback" not in err


def _serves(url: str) -> bool:
    try:
        return "<html" in _get(url).lower()
    except OSError:
        return False


def test_an_edit_made_during_the_first_render_is_rendered(tmp_path: Path, monkeypatch) -> None:
    """The watcher signs the files before the first render, not when its thread first runs (a CI race)."""
    study = Path(shutil.copytree(example_study_path(), tmp_path / "study"))
    config = study / "study.yml"
    pages: list[str] = []

    def fake_render(self: Preview) -> None:
        if not pages:  # the first render: the user saves study.yml meanwhile
            config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        pages.append(config.read_text(encoding="utf-8"))
        with self._state.lock:
            self._state.version += 1

    monkeypatch.setattr(Preview, "render", fake_render)
    with Preview(study, port=0, interval=0.05) as preview:
        assert _wait_for(lambda: preview.version >= 2, timeout=30)
    assert pages[-1].endswith("# edited\n")


def test_a_preview_stopped_before_it_started_closes_its_socket_without_waiting() -> None:
    """A Ctrl-C during the first render stops a preview whose serving loop never ran: the server's shutdown would
    wait for that loop forever (the CLI now prints the bound address before start(), so it may stop one)."""
    import threading

    preview = Preview(example_study_path(), port=0)
    stopper = threading.Thread(target=preview.stop, daemon=True)
    stopper.start()
    stopper.join(timeout=30)
    assert not stopper.is_alive()
    assert preview._server.socket.fileno() == -1   # closed


def test_an_internal_error_shows_in_the_page_and_the_preview_keeps_serving(tmp_path: Path, monkeypatch) -> None:
    import alsreport.documents.reports as reports

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(reports, "render_reports", broken)
    with Preview(example_study_path(), port=0) as preview:
        page = _get(preview.url)
    assert "could not be rendered" in page and "internal error (KeyError)" in page


@needs_quarto
def test_quarto_preview_serves_the_study_and_stops_cleanly(tmp_path: Path) -> None:
    """`preview --engine quarto` hands over to `quarto preview` with the study; Ctrl-C ends it and its files."""
    from alsreport.documents.resources import project_dir

    study = Path(shutil.copytree(example_study_path(), tmp_path / "study"))
    config = study / "study.yml"
    title = "Quarto preview of a copied study"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "Repeated autologous BM-MSC transplantation", title), encoding="utf-8")
    project = project_dir()
    before = {p.name for p in project.iterdir()} | {f"report/{p.name}" for p in (project / "report").iterdir()}
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "alsreport", "preview", str(study), "--engine", "quarto",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        served = _wait_for(lambda: any(title in _page(f"http://127.0.0.1:{port}{path}")
                                       for path in ("/", "/report/manuscript.html")), timeout=600)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        _stop(proc)
    assert served, err[-3000:]
    assert proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err
    after = {p.name for p in project.iterdir()} | {f"report/{p.name}" for p in (project / "report").iterdir()}
    assert after - before == set(), "quarto preview left files in the project folder"


def _page(url: str) -> str:
    try:
        return _get(url)
    except OSError:
        return ""
