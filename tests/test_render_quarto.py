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
