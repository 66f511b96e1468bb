"""``alsreport preview``: the manuscript's HTML on 127.0.0.1, re-rendered and reloaded on every edit.

.. code-block:: python

    from alsreport.documents.preview import Preview
    with Preview("mystudy", port=0) as p:      # port 0: a free port
        print(p.url)                           # http://127.0.0.1:54321/
        ...                                    # edit study.yml: the page reloads itself

A watcher thread polls the study's files, the documents (``report/*.qmd``),
``_quarto.yml`` and ``templates/`` (names, sizes, modification times) and
re-renders the manuscript's HTML with the embedded engine (no PDF) when one
changes. The page carries a small script that asks the server for the render's
number and reloads when it changes. A render that fails shows its error in the
page; the next good render replaces it. With ``--engine quarto`` the command
hands over to ``quarto preview`` instead (:func:`quarto_preview`).
"""

from __future__ import annotations

import html
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable

from alsreport.documents.project import resolve_project
from alsreport.errors import AlsreportError

__all__ = ["Preview", "quarto_preview", "watched_signature"]

_VERSION_PATH = "/__alsreport/version"
_RELOAD_SCRIPT = """<script>
(function () {
  var seen = null;
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen === null) { seen = v; } else if (v !== seen) { location.reload(); return; }
      setTimeout(poll, 400);
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>""" % _VERSION_PATH


def watched_signature(study: Path, project: Path) -> tuple[Any, ...]:
    """Names, sizes and modification times of everything a preview re-renders for."""
    files: list[Path] = [p for p in Path(study).iterdir() if p.is_file() and not p.name.startswith(".")]
    files.append(project / "_quarto.yml")
    for folder in ("report", "templates"):
        if (project / folder).is_dir():
            files += [p for p in (project / folder).rglob("*") if p.is_file()]
    out = []
    for p in sorted(set(files)):
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(out)


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version = 0
        self.page = "<p>rendering…</p>"


def _handler(state: _State) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            with state.lock:
                version, page = state.version, state.page
            if self.path == _VERSION_PATH:
                self._send(str(version).encode(), "text/plain")
            elif self.path in ("/", "/index.html", "/manuscript.html"):
                body = page.replace("</body>", _RELOAD_SCRIPT + "\n</body>") if "</body>" in page \
                    else page + _RELOAD_SCRIPT
                self._send(body.encode("utf-8"), "text/html; charset=utf-8")
            else:
                self.send_error(404, "the preview serves the manuscript at /")

        def _send(self, data: bytes, ctype: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            pass

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that went away mid-page (reload, closed tab) is not an error worth a traceback."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def _failure_page(message: str) -> str:
    return ("<!DOCTYPE html><html><body><h1>The manuscript could not be rendered</h1>"
            f"<pre>{html.escape(message)}</pre></body></html>")


class Preview:
    """Serve the manuscript of ``study`` on ``host:port`` and re-render it when its inputs change."""

    def __init__(self, study: str | Path, *, host: str = "127.0.0.1", port: int = 0, interval: float = 0.25,
                 out_dir: Path | None = None, say: Callable[[str], None] | None = None) -> None:
        self.study = Path(study).expanduser().resolve()
        if not self.study.is_dir():
            raise AlsreportError(f"{self.study} is not a folder; give the study folder (with study.yml)")
        self.project = resolve_project(self.study)
        self.interval = interval
        self.say = say or (lambda message: None)
        self._tmp = None if out_dir else tempfile.TemporaryDirectory(prefix="alsreport-preview-")
        self.out_dir = Path(out_dir) if out_dir else Path(self._tmp.name)  # type: ignore[union-attr]
        self._state = _State()
        self._stop = threading.Event()
        self._server = _Server((host, port), _handler(self._state))
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def version(self) -> int:
        with self._state.lock:
            return self._state.version

    def render(self) -> None:
        """Render the manuscript's HTML now and publish it (or the error) to the page."""
        from alsreport.documents.reports import render_reports

        try:
            summary = render_reports(self.study, reports=["manuscript"], formats=["html"], engine="embedded",
                                     out_dir=self.out_dir)
            page = summary.outputs[0].read_text(encoding="utf-8")
            self.say(f"rendered {self.study.name}: {self.url}")
        except AlsreportError as exc:
            page = _failure_page(str(exc))
            self.say(f"render failed: {exc}")
        except Exception as exc:  # noqa: BLE001 - a preview keeps serving; the page names the failure
            page = _failure_page(f"internal error ({type(exc).__name__}): {exc}")
            self.say(f"render failed with an internal error ({type(exc).__name__}): {exc}")
        with self._state.lock:
            self._state.page = page
            self._state.version += 1

    def _watch(self, seen: tuple[Any, ...]) -> None:
        while not self._stop.wait(self.interval):
            now = watched_signature(self.study, self.project)
            if now != seen:
                seen = now
                self.render()

    def start(self) -> "Preview":
        """Render once, then serve and watch in background threads.

        The files are signed *before* the first render, so an edit made at any
        moment after ``start()`` begins (even while the watcher thread is not yet
        scheduled) is seen and re-rendered.
        """
        seen = watched_signature(self.study, self.project)
        self.render()
        for target, args in ((self._server.serve_forever, ()), (self._watch, (seen,))):
            thread = threading.Thread(target=target, args=args, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Stop serving and watching, and close the socket; also before :meth:`start` has run (a Ctrl-C during the
        first render): ``shutdown`` waits for a serving loop, and would wait forever for one never started."""
        self._stop.set()
        if self._threads:
            self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> "Preview":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def quarto_preview(study: Path, *, port: int = 0, host: str = "127.0.0.1") -> int:
    """Hand over to ``quarto preview report/manuscript.qmd`` (cells with this Python); its exit status.

    The study reaches the documents as ``-P study:<folder>``. The project is previewed in place (so
    edits to its documents are seen); what Quarto wrote into it (``.quarto``, ``_output``,
    ``report/manuscript.html`` …) and was not there before is removed when the preview stops.
    """
    import os
    import shutil

    quarto = shutil.which("quarto")
    if quarto is None:
        raise AlsreportError("--engine quarto: quarto is not on PATH; install Quarto or use --engine embedded")
    study = Path(study).expanduser().resolve()
    project = resolve_project(study)
    args = [quarto, "preview", str(project / "report" / "manuscript.qmd"), "--to", "html", "--no-browser",
            "--host", host, "-P", f"study:{study}"]
    if port:
        args += ["--port", str(port)]
    env = {**os.environ, "QUARTO_PYTHON": sys.executable, "ALSREPORT_SKIP_HOOKS": "1"}
    leftovers = [p for p in _quarto_artefacts(project) if not p.exists()]
    # its own process group: `quarto` is a shell script running deno, which runs a Jupyter kernel;
    # stopping only the script would leave them serving
    proc = subprocess.Popen(args, cwd=project, env=env, start_new_session=True)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        _stop_group(proc)
        return 0
    finally:
        if proc.poll() is None:
            _stop_group(proc)
        _remove(leftovers)


def _stop_group(proc: subprocess.Popen) -> None:
    """Ctrl-C to Quarto's whole process group, then SIGTERM, then SIGKILL, waiting a little after each."""
    import os
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=10)
            os.killpg(proc.pid, 0)  # the script ended: is anything of its group left?
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            return


def _quarto_artefacts(project: Path) -> list[Path]:
    """What ``quarto preview`` of the manuscript may write into the project folder."""
    report = project / "report"
    return [project / ".quarto", project / "_freeze", project / "_output", report / ".quarto",
            report / "manuscript.html", report / "manuscript_files"]


def _remove(paths: list[Path]) -> None:
    """Remove the artefacts a preview wrote (only those that did not exist before it started)."""
    import shutil

    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink(missing_ok=True)
