"""Errors and warnings meant for people: failing cells, include cycles, unresolved references."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreport.render import CellExecutionError, QmdSyntaxError, RenderError, parse_qmd, render_document
from alsreport.errors import AlsreportError

from render_helpers import FIXTURES, NBSP


def test_failing_cell_names_document_cell_line_and_exception(tmp_path: Path) -> None:
    with pytest.raises(CellExecutionError) as info:
        render_document(FIXTURES / "failing.qmd", project_dir=FIXTURES, output_dir=tmp_path, to=["html"])
    err = info.value
    message = str(err)
    assert message.startswith('failing.qmd: cell "broken-cell" (failing.qmd, line 12) raised ZeroDivisionError')
    assert "division by zero" in message
    assert "Traceback" not in message  # no traceback dump for the user
    assert err.line == 12 and err.cell_label == '"broken-cell"'
    assert "failing.qmd:12" in err.traceback_text  # kept for debugging
    assert isinstance(err, AlsreportError)  # the CLI prints it without a traceback
    assert not (tmp_path / "failing.html").exists()


def test_debug_flag_adds_the_traceback(tmp_path: Path) -> None:
    with pytest.raises(CellExecutionError) as info:
        render_document(FIXTURES / "failing.qmd", project_dir=FIXTURES, output_dir=tmp_path, to=["html"],
                        debug=True)
    message = str(info.value)
    assert "Traceback (most recent call last):" in message
    assert 'failing.qmd:12, in cell "broken-cell"' in message
    assert "z = y / 0" in message


def test_failing_inline_expression(tmp_path: Path) -> None:
    doc = tmp_path / "inline.qmd"
    doc.write_text("---\ntitle: t\n---\n\nValue `{python} undefined_name + 1` here.\n")
    with pytest.raises(CellExecutionError, match=r"inline expression .*undefined_name.*line 5.*NameError"):
        render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])


def test_ipython_magics_are_refused_before_running(tmp_path: Path) -> None:
    doc = tmp_path / "magic.qmd"
    marker = tmp_path / "ran.txt"
    doc.write_text(f"```{{python}}\nopen({str(marker)!r}, 'w').write('x')\n```\n\n```{{python}}\n!echo hi\n```\n")
    with pytest.raises(QmdSyntaxError, match=r"magic.qmd:6: .*invalid Python.*magics"):
        render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])
    assert not marker.exists()  # nothing ran


def test_include_cycle_is_an_error_naming_the_chain() -> None:
    with pytest.raises(QmdSyntaxError, match=r"include cycle: cycle_a.qmd -> cycle_b.qmd -> cycle_a.qmd"):
        parse_qmd(FIXTURES / "cycle_a.qmd", project_dir=FIXTURES)


def test_include_outside_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (tmp_path / "secret.qmd").write_text("secret")
    (project / "doc.qmd").write_text("{{< include ../secret.qmd >}}\n")
    with pytest.raises(QmdSyntaxError, match="outside the project folder"):
        parse_qmd(project / "doc.qmd", project_dir=project)


def test_unresolved_crossrefs_warn_and_render_as_quarto_does(tmp_path: Path) -> None:
    result = render_document(FIXTURES / "unresolved.qmd", project_dir=FIXTURES, output_dir=tmp_path, to=["html"])
    html = result.outputs["html"].read_text()
    assert "<strong>?@tbl-missing</strong>" in html
    assert "<strong>?@fig-nowhere</strong>" in html
    assert any("unresolved cross-reference @tbl-missing (unresolved.qmd:5)" in w for w in result.warnings)
    assert any("@fig-nowhere" in w for w in result.warnings)
    assert f"Table{NBSP}" not in html


def test_bad_cell_option_value_names_the_line(tmp_path: Path) -> None:
    doc = tmp_path / "opts.qmd"
    doc.write_text("```{python}\n#| label: x\n#| echo: sometimes\n1\n```\n")
    with pytest.raises(QmdSyntaxError, match=r"opts.qmd:3: cell option echo: 'sometimes' is not one of"):
        render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="cannot render to pptx; choose from html, pdf, docx"):
        render_document(FIXTURES / "unresolved.qmd", project_dir=FIXTURES, output_dir=tmp_path, to=["pptx"])
