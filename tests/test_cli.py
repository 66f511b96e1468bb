"""The command line: help text, exit codes and messages (via click's runner)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from alsreport.cli import main

#: Taken from the CLI itself, so a new command is covered without editing this list.
COMMANDS = sorted(main.commands)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_top_level_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    assert {"validate", "analyze", "tables", "figures", "render", "init"} <= set(COMMANDS)
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_text(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert f"Usage: main {command}" in result.output
    # A sentence of description, not just the usage line.
    description = result.output.split("\n\n")[1].strip()
    assert len(description) > 20, description


def test_missing_study_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_unknown_format_is_a_usage_error_listing_allowed(runner: CliRunner) -> None:
    result = runner.invoke(main, ["tables", "--format", "html,pptx"])
    assert result.exit_code == 2
    assert "pptx is not a format; choose from html, csv, xlsx, tex, docx" in result.output


def test_validate_example_exits_zero(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "15 enrolled" in result.output


def test_validate_invalid_study_exits_one_with_located_message(runner: CliRunner, tmp_path: Path) -> None:
    study = tmp_path / "s"
    assert runner.invoke(main, ["init", str(study)]).exit_code == 0
    path = study / "measurements.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(",")
    fields[4] = "12,5"  # a decimal comma splits the CSV field: quote it as a spreadsheet would
    lines[3] = ",".join(fields[:4] + ['"12,5"'] + fields[5:])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(study)])
    assert result.exit_code == 1
    assert "measurements.csv" in result.output
    assert "12,5" in result.output
    assert "Traceback" not in result.output


def test_analyze_invalid_study_exits_one_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    study = tmp_path / "s"
    runner.invoke(main, ["init", str(study)])
    (study / "study.yml").write_text("title: [unclosed\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(study), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "study.yml" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_init_copies_the_example(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "new").iterdir())
    assert names == ["adverse_events.csv", "infusions.csv", "measurements.csv", "participants.csv", "references.bib",
                     "study.yml"]


def test_init_refuses_a_non_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path} already exists and is not an empty folder" in result.output
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_init_with_templates_copies_reports(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["init", str(tmp_path / "new"), "--with-templates"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "_quarto.yml").is_file()
    assert (tmp_path / "new" / "report" / "manuscript.qmd").is_file()
    assert (tmp_path / "new" / "templates" / "print.css").is_file()


def test_analyze_writes_the_three_files(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = runner.invoke(main, ["analyze", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("results.json", "comparisons.csv", "descriptives.csv"):
        assert (out / name).is_file()
        assert f"wrote {out / name}" in result.output


def test_analyze_and_render_make_folders_alike(runner: CliRunner, tmp_path: Path) -> None:
    # session 33 new user: analyze --out made a 0700 folder (its staging folder, tempfile.mkdtemp's), render --out
    # one as any new folder (0755 under the usual umask)
    plain = tmp_path / "plain"
    plain.mkdir()
    assert runner.invoke(main, ["analyze", "--out", str(tmp_path / "results")]).exit_code == 0
    assert runner.invoke(main, ["render", "--report", "ethics", "--to", "html", "--engine", "embedded",
                                "--out", str(tmp_path / "report")]).exit_code == 0
    modes = {p.name: p.stat().st_mode & 0o777 for p in (plain, tmp_path / "results", tmp_path / "report")}
    assert modes["results"] == modes["report"] == modes["plain"], modes


def test_tables_exports_csv_with_the_computed_numbers(runner: CliRunner, tmp_path: Path) -> None:
    import pandas as pd

    from alsreport import analyze, example_study_path, load_study

    out = tmp_path / "tables"
    result = runner.invoke(main, ["tables", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.glob("*.csv"))
    assert "table2_immunological.csv" in written
    assert all(f"wrote {out / name}" in result.output for name in written)
    primary = analyze(load_study(example_study_path())).primary
    table = pd.read_csv(out / "table2_immunological.csv")
    row = table[(table["analyte"] == primary.analyte) & (table["compartment"] == primary.compartment)]
    assert len(row) == 1
    # full precision: the CSV holds the same double as the results
    assert row["p_value"].iloc[0] == primary.pvalue and row["p_holm"].iloc[0] == primary.p_holm
    assert row["estimate"].iloc[0] == primary.estimate and row["ci_low"].iloc[0] == primary.ci.low


def test_render_writes_the_chosen_report_and_prints_timings(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", "--report", "ethics", "--to", "html", "--engine", "embedded",
                                  "--out", str(out), "--timings"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == ["ethics.html"]
    assert f"wrote {out / 'ethics.html'}" in result.output
    for stage in ("validate & load", "analyze", "execute documents", "HTML (pandoc)", "total"):
        assert stage in result.output


def test_render_shows_the_studys_warnings_as_validate_does(tmp_path: Path) -> None:
    # session 34 DSMB reader: validate listed 15 warnings, render none, so one who only renders saw nothing
    from analysis_helpers import edited_example

    def reason_without_discontinuation(t):
        p = t["participants"]
        p.loc[p["participant_id"] == "P01", "discontinuation_reason"] = "Moved away"

    study = edited_example(tmp_path / "s", reason_without_discontinuation)
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", str(study)])
    warning = next(line.split("warning", 1)[1].strip() for line in checked.output.splitlines() if "warning" in line)
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(study), "--report", "ethics", "--to", "html", "--engine", "embedded",
                                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"warning: s: participants.csv, {warning}" in result.output
    again = runner.invoke(main, ["render", str(study), "--report", "ethics", "--to", "html", "--engine", "embedded",
                                 "--out", str(out)])
    assert "up to date" in again.output and f"warning: s: participants.csv, {warning}" in again.output   # cached too


def test_an_unchanged_second_render_says_up_to_date_not_wrote(runner: CliRunner, tmp_path: Path) -> None:
    # session 33 new user: a cached run printed "wrote …" for files it reused
    out = tmp_path / "out"
    args = ["render", "--report", "ethics", "--to", "html", "--engine", "embedded", "--out", str(out)]
    assert f"wrote {out / 'ethics.html'}" in runner.invoke(main, args).output
    again = runner.invoke(main, args)
    assert again.exit_code == 0, again.output
    assert f"up to date {out / 'ethics.html'}" in again.output and "wrote" not in again.output


def test_failed_render_keeps_the_last_good_report(runner: CliRunner, tmp_path: Path) -> None:
    study = tmp_path / "mystudy"
    assert runner.invoke(main, ["init", str(study), "--with-templates"]).exit_code == 0
    out = tmp_path / "out"
    args = ["render", str(study), "--report", "ethics", "--to", "html", "--engine", "embedded", "--out", str(out)]
    assert runner.invoke(main, args).exit_code == 0
    good = (out / "ethics.html").read_bytes()
    qmd = study / "report" / "ethics.qmd"
    qmd.write_text(qmd.read_text(encoding="utf-8") + "\n```{python}\nraise ValueError('broken cell')\n```\n",
                   encoding="utf-8")
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "ethics.qmd" in result.output and "broken cell" in result.output
    assert "Traceback" not in result.output
    assert (out / "ethics.html").read_bytes() == good


def test_python_dash_m_runs_the_same_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "alsreport", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "Usage: alsreport" in done.stdout and "render" in done.stdout
