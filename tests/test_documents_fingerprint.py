"""documents.fingerprint: what changes the key of a render request, and what does not."""

from __future__ import annotations

import shutil
from pathlib import Path

from alsreport.documents.fingerprint import project_key
from alsreport.documents.resources import project_dir


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(project_dir() / "report", project / "report")
    shutil.copytree(project_dir() / "templates", project / "templates")
    shutil.copy(project_dir() / "_quarto.yml", project / "_quarto.yml")
    return project


def test_what_quarto_writes_beside_a_document_is_not_an_input(tmp_path):
    """`quarto preview`/`quarto render` in the project (by hand, or another test meanwhile) leaves the key as it is."""
    project = _project(tmp_path)
    before = project_key(project)
    report = project / "report"
    (report / "manuscript.html").write_text("<html></html>", encoding="utf-8")
    (report / "manuscript.quarto_ipynb").write_text("{}", encoding="utf-8")
    (report / "manuscript_files" / "figure-html").mkdir(parents=True)
    (report / "manuscript_files" / "figure-html" / "fig-1.png").write_bytes(b"png")
    (report / "ethics.pdf").write_bytes(b"%PDF")
    assert project_key(project) == before


def test_inputs_of_the_project_change_the_key(tmp_path):
    project = _project(tmp_path)
    before = project_key(project)
    (project / "report" / "logo.html").write_text("<p>a partial, no logo.qmd beside it</p>", encoding="utf-8")
    with_partial = project_key(project)
    assert with_partial != before
    (project / "report" / "other_files").mkdir()
    (project / "report" / "other_files" / "x.css").write_text("p {}", encoding="utf-8")
    assert project_key(project) != with_partial  # no other.qmd: an input like any other
    css = next((project / "templates").rglob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    assert project_key(project) != with_partial
