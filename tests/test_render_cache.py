"""Caching (like Quarto's freeze) and atomic outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreport.render import CellExecutionError, render_document
from alsreport.render.atomic import atomic_path

from render_helpers import copy_project


def _render(project: Path, out: Path, counter: Path, **kwargs):
    return render_document(
        project / "main.qmd", project_dir=project, output_dir=out, params={"counter_file": str(counter)}, **kwargs
    )


def test_second_render_is_a_cache_hit_without_running_cells(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out, counter = tmp_path / "out", tmp_path / "counter.txt"
    first = _render(project, out, counter, inputs_fingerprint="data-v1")
    html_before = first.outputs["html"].read_bytes()
    pdf_mtime = first.outputs["pdf"].stat().st_mtime_ns
    assert counter.read_text() == "run\n"

    second = _render(project, out, counter, inputs_fingerprint="data-v1")
    assert second.cache == "hit"
    assert second.skipped == ["execute", "pandoc", "pdf"]
    assert counter.read_text() == "run\n"  # the cells did not run again
    assert second.outputs == first.outputs
    assert second.outputs["html"].read_bytes() == html_before
    assert second.outputs["pdf"].stat().st_mtime_ns == pdf_mtime
    assert (out / ".alsreport-cache").is_dir()


def test_css_change_skips_execution_but_redoes_html(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out, counter = tmp_path / "out", tmp_path / "counter.txt"
    _render(project, out, counter, to=["html"])
    (project / "assets" / "project.css").write_text(".changed-css-marker { color: red; }\n")
    again = _render(project, out, counter, to=["html"])
    assert again.cache == "partial" and again.skipped == ["execute"]
    assert counter.read_text() == "run\n"
    assert ".changed-css-marker" in again.outputs["html"].read_text()


def test_input_changes_invalidate_the_cache(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out, counter = tmp_path / "out", tmp_path / "counter.txt"
    _render(project, out, counter, to=["html"], inputs_fingerprint="data-v1")
    _render(project, out, counter, to=["html"], inputs_fingerprint="data-v2")  # the study data changed
    assert counter.read_text() == "run\nrun\n"
    nested = project / "parts" / "nested.qmd"  # an included file changed
    nested.write_text(nested.read_text() + "\nAn edit in the nested include.\n")
    result = _render(project, out, counter, to=["html"], inputs_fingerprint="data-v2")
    assert counter.read_text() == "run\nrun\nrun\n"
    assert "An edit in the nested include." in result.outputs["html"].read_text()


def test_deleted_or_edited_output_is_rebuilt(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out, counter = tmp_path / "out", tmp_path / "counter.txt"
    first = _render(project, out, counter, to=["html"])
    first.outputs["html"].write_text("tampered")
    again = _render(project, out, counter, to=["html"])
    assert again.cache != "hit"
    assert "Fixture" in again.outputs["html"].read_text()


def test_use_cache_false_always_executes(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out, counter = tmp_path / "out", tmp_path / "counter.txt"
    _render(project, out, counter, to=["html"], use_cache=False)
    result = _render(project, out, counter, to=["html"], use_cache=False)
    assert result.cache == "off"
    assert counter.read_text() == "run\nrun\n"


def test_failed_render_leaves_last_good_output(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out, counter = tmp_path / "out", tmp_path / "counter.txt"
    good = _render(project, out, counter, to=["html"])
    before = good.outputs["html"].read_bytes()
    main = project / "main.qmd"
    main.write_text(main.read_text() + '\n```{python}\n#| label: now-broken\nraise RuntimeError("boom")\n```\n')
    with pytest.raises(CellExecutionError, match="now-broken"):
        _render(project, out, counter, to=["html"])
    assert good.outputs["html"].read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_atomic_path_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half-written")
            raise RuntimeError("crash while writing")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]
    with atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_text("old")
    target.chmod(0o644)
    with atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.stat().st_mode & 0o777 == 0o644
