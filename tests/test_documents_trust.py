"""A study folder's own templates are code: used only when trusted, and the render says so (issue 14)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from alsreport.cli import main
from alsreport.documents.resources import project_dir
from alsreport.documents.scaffold import init_study
from alsreport.documents.trust import TRUST_KEY, choose_templates


def _study_with_templates(tmp_path: Path, marker: Path) -> Path:
    """An --with-templates study folder whose trust line was removed and whose ethics.qmd writes ``marker``."""
    study = tmp_path / "received"
    init_study(study, with_templates=True)
    yml = study / "study.yml"
    yml.write_text("\n".join(line for line in yml.read_text(encoding="utf-8").splitlines()
                             if not line.startswith(TRUST_KEY)) + "\n", encoding="utf-8")
    qmd = study / "report" / "ethics.qmd"
    qmd.write_text(qmd.read_text(encoding="utf-8") + f"\n```{{python}}\nopen({str(marker)!r}, 'w').write('ran')\n```\n",
                   encoding="utf-8")
    return study


def test_untrusted_study_templates_are_ignored_with_a_notice(tmp_path):
    marker = tmp_path / "code-ran.txt"
    study = _study_with_templates(tmp_path, marker)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(study), "--report", "ethics", "--to", "html",
                                       "--engine", "embedded", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "ignored the study folder's own templates (_quarto.yml, report/, templates/)" in result.output
    assert "--trust-templates" in result.output
    assert not marker.exists()  # the study folder's cell never ran
    assert (out / "ethics.html").is_file()


def test_choice_follows_the_flag_and_the_study_yml_line(tmp_path):
    marker = tmp_path / "unused"
    study = _study_with_templates(tmp_path, marker)
    bundled = project_dir().resolve()
    assert choose_templates(study, bundled).project == bundled
    flagged = choose_templates(study, bundled, trust=True)
    assert flagged.project == study.resolve() and "trusted by --trust-templates" in flagged.notice
    with open(study / "study.yml", "a", encoding="utf-8") as fh:
        fh.write(f"{TRUST_KEY}: true\n")
    by_yml = choose_templates(study, bundled)
    assert by_yml.project == study.resolve() and f"{TRUST_KEY}: true in study.yml" in by_yml.notice


def test_no_own_templates_no_notice(tmp_path):
    study = tmp_path / "plain"
    init_study(study)
    choice = choose_templates(study, project_dir())
    assert choice.notice is None and choice.project == project_dir()


def test_incomplete_trusted_project_falls_back(tmp_path):
    study = tmp_path / "half"
    init_study(study)
    (study / "templates").mkdir()
    choice = choose_templates(study, project_dir(), trust=True)
    assert choice.project == project_dir() and "not a complete project" in choice.notice


def test_init_with_templates_writes_the_trust_line(tmp_path):
    init_study(tmp_path / "mine", with_templates=True)
    assert f"\n{TRUST_KEY}: true\n" in (tmp_path / "mine" / "study.yml").read_text(encoding="utf-8")
