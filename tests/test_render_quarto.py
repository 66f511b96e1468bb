"""The real-Quarto path (runs only where ``quarto`` is installed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from alsreport.render import quarto_available, render_with_quarto

from render_helpers import FIXTURES


def test_quarto_available_matches_path() -> None:
    assert quarto_available() == (shutil.which("quarto") is not None)


@pytest.mark.skipif(shutil.which("quarto") is None, reason="quarto is not on PATH")
def test_render_with_quarto_html_and_pdf(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    shutil.copy(FIXTURES / "unresolved.qmd", project / "doc.qmd")
    result = render_with_quarto(project / "doc.qmd", project_dir=project, output_dir=tmp_path / "out")
    assert result.engine == "quarto"
    assert result.outputs["html"].is_file() and result.outputs["pdf"].is_file()
    assert "?@tbl-missing" in result.outputs["html"].read_text()
    assert pypdf.PdfReader(result.outputs["pdf"]).metadata.title == "Unresolved"


def test_two_renders_of_one_document_take_turns(tmp_path):
    """CI run (session 27): two test workers rendered report/manuscript.qmd with Quarto at once; Quarto writes the page
    beside the document before alsreport moves it, and one render took the other's ("No such file or directory …
    rename report/manuscript.html"). A second render of the same document waits until the first is done."""
    import subprocess
    import sys
    import time

    from alsreport.render.quarto import _one_render_of

    qmd, log = tmp_path / "doc.qmd", tmp_path / "order.txt"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time, pathlib\n"
        "from alsreport.render.quarto import _one_render_of\n"
        f"log = pathlib.Path({str(log)!r})\n"
        f"with _one_render_of(pathlib.Path({str(qmd)!r})):\n"
        "    log.write_text('first in\\n')\n"
        "    time.sleep(1.0)\n"
        "    log.write_text(log.read_text() + 'first out\\n')\n")])
    while not log.exists() and holder.poll() is None:
        time.sleep(0.02)
    with _one_render_of(qmd):
        log.write_text(log.read_text() + "second in\n")
    assert holder.wait(timeout=60) == 0
    assert log.read_text() == "first in\nfirst out\nsecond in\n"
    with _one_render_of(tmp_path / "other.qmd"):   # another document is not held up
        pass
