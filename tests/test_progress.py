"""Progress within stages (bar on a terminal, plain lines otherwise, nothing when quiet) and --timings."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from analysis_helpers import EXAMPLE
from click.testing import CliRunner

from alsreport.cli import main
from alsreport.progress import Progress, for_stream, quiet


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(progress: Progress) -> None:
    with progress.stage("work", total=20) as st:
        for _ in range(20):
            st.advance()
    with progress.stage("untimed steps"):
        pass


def test_plain_lines_at_most_one_per_tenth() -> None:
    out = io.StringIO()
    progress = for_stream(out)
    assert progress.mode == "lines"
    _run(progress)
    lines = out.getvalue().splitlines()
    assert lines[0] == "work ..." and lines[-3].startswith("work: done in ")
    steps = [line for line in lines if line.startswith("work: ") and "/" in line]
    assert steps == [f"work: {k}/20" for k in range(2, 20, 2)]
    assert lines[-2:] == ["untimed steps ...", lines[-1]] and lines[-1].startswith("untimed steps: done in ")


def test_bar_on_a_terminal_redraws_one_line_per_stage() -> None:
    out = _Tty()
    progress = for_stream(out)
    assert progress.mode == "bar"
    _run(progress)
    text = out.getvalue()
    assert text.count("\n") == 2  # one finished line per stage
    assert "\r\x1b[Kwork [############............] 10/20" in text
    assert "work [########################] 20/20 " in text


def test_quiet_prints_nothing_but_keeps_timings() -> None:
    out = _Tty()
    progress = for_stream(out, silent=True)
    _run(progress)
    assert out.getvalue() == ""
    assert list(progress.timings) == ["work", "untimed steps"]
    assert all(s >= 0 for s in progress.timings.values())
    table = progress.timings_table().splitlines()
    assert [r.split()[0] for r in table] == ["work", "untimed", "total"]
    assert quiet().mode == "quiet"


def test_analyze_command_progress_timings_and_quiet(tmp_path: Path) -> None:
    runner = CliRunner()
    loud = runner.invoke(main, ["analyze", str(EXAMPLE), "--out", str(tmp_path / "a"), "--timings"])
    assert loud.exit_code == 0, loud.output
    assert "analyze ..." in loud.stderr and "write results: done in" in loud.stderr
    stages = [line.split("  ")[0] for line in loud.stdout.splitlines() if line.endswith(" s")]
    assert stages == ["validate & load", "analyze", "write results", "total"]
    silent = runner.invoke(main, ["analyze", str(EXAMPLE), "--out", str(tmp_path / "b"), "--quiet"])
    assert silent.exit_code == 0 and silent.stderr == ""
    assert silent.stdout.count("wrote ") == 6   # results.json, the three tables, two data dictionaries


def test_analyze_parquet_tables_hold_the_csv_values(tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in ("csv", "parquet"):
        result = runner.invoke(main, ["analyze", str(EXAMPLE), "--out", str(tmp_path / fmt), "-q", "--format", fmt])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "parquet").iterdir()) == [
        "analysis_data.parquet", "comparisons.parquet", "descriptives.parquet", "results.json"]
    for name in ("comparisons", "descriptives", "analysis_data"):
        pq = pd.read_parquet(tmp_path / "parquet" / f"{name}.parquet")
        csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", keep_default_na=False, na_values=[""])
        assert list(pq.columns) == list(csv.columns)
        for col in pq.columns:
            if pd.api.types.is_float_dtype(pq[col]):
                assert pq[col].equals(csv[col].astype(float)), (name, col)  # every bit of every float
        assert len(pq) == len(csv)


def test_tables_and_figures_commands_report_their_stages(tmp_path: Path) -> None:
    runner = CliRunner()
    for cmd, fmt in (("tables", "csv"), ("figures", "svg")):
        result = runner.invoke(main, [cmd, str(EXAMPLE), "--out", str(tmp_path / cmd), "--format", fmt, "--timings",
                                      "--quiet"])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        stages = [line.split("  ")[0] for line in result.stdout.splitlines() if line.endswith(" s")]
        assert stages == ["validate & load", "analyze", f"export {cmd}", "total"]
