"""StagedResults (alsreport.results.staged): analysis_data written beside the statistics (thread or forked child), same files, all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from analysis_helpers import example_study
from click.testing import CliRunner

from alsreport.analysis.run import analyze
from alsreport.cli import main
from alsreport.results import staged as staged_module
from alsreport.results.staged import StagedResults
from alsreport.results.writer import write_results


@pytest.fixture(scope="module")
def study():  # type: ignore[no-untyped-def]
    return example_study()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_files_equal_those_written_after_the_analysis(study, tmp_path: Path, fmt: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    plain = write_results(analyze(study), tmp_path / "plain", fmt)
    with StagedResults(tmp_path / "staged", fmt) as staged:
        results = analyze(study, on_analysis_data=staged.start_analysis_data)
        paths = staged.finish(results)
    assert [p.name for p in paths] == [p.name for p in plain]
    assert len(results.analysis_data) > 100
    assert _files(tmp_path / "staged") == _files(tmp_path / "plain")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain", "staged"]  # no temporary folder left


def test_a_failed_analysis_leaves_the_earlier_results(study, tmp_path: Path) -> None:
    out = tmp_path / "results"
    write_results(analyze(study), out)
    before = _files(out)
    with pytest.raises(RuntimeError, match="statistics failed"), StagedResults(out) as staged:
        staged.start_analysis_data(analyze(study).analysis_data)
        raise RuntimeError("statistics failed")
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]


def test_an_error_of_the_background_writer_is_raised_by_finish(study, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "results"
    write_results(analyze(study), out)
    before = _files(out)

    def broken(data, path, stage=None, coded=None):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(staged_module, "write_analysis_frame", broken)
    with StagedResults(out) as staged:
        results = analyze(study, on_analysis_data=staged.start_analysis_data)
        with pytest.raises(OSError, match="No space left"):
            staged.finish(results)
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]


def test_finish_refuses_results_of_another_dataset(study, tmp_path: Path) -> None:
    with StagedResults(tmp_path / "results") as staged:
        staged.start_analysis_data(analyze(study).analysis_data)
        with pytest.raises(ValueError, match="not that of these results"):
            staged.finish(analyze(study))
    assert list(tmp_path.iterdir()) == []


def test_cli_analyze_writes_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = CliRunner().invoke(main, ["analyze", "--out", str(tmp_path / "cli"), "-q"])
    assert result.exit_code == 0, result.output
    write_results(analyze(example_study()), tmp_path / "library")
    assert _files(tmp_path / "cli") == _files(tmp_path / "library")


def test_a_forked_writer_writes_the_same_files(study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_results(analyze(study), tmp_path / "plain")
    started = []
    real_start = staged_module.forked.start
    monkeypatch.setattr(staged_module.forked, "start",
                        lambda *a, **kw: started.append((a[0], kw)) or real_start(*a, **kw))
    with StagedResults(tmp_path / "staged", fork=True) as staged:
        results = analyze(study, on_analysis_data=staged.start_analysis_data)
        staged.finish(results)
    # the writer is niced (waited for last, it leaves the tests a core)
    assert started == [(staged_module._write_analysis_file, {"nice": staged_module.WRITER_NICE})] \
        or not staged_module.forked.two_cpus()
    assert _files(tmp_path / "staged") == _files(tmp_path / "plain")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain", "staged"]


def test_a_forked_writer_takes_the_text_codes_of_a_parallel_analysis(study, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``parallel`` the analysis hands the writer the codes its text columns were built from (not
    encoded again in the child); the file is the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_results(analyze(study), tmp_path / "plain")
    given = []
    real_start = staged_module.forked.start
    monkeypatch.setattr(staged_module.forked, "start", lambda *a, **kw: given.append(a) or real_start(*a, **kw))
    with StagedResults(tmp_path / "staged", fork=True) as staged:
        results = analyze(study, parallel=True, on_analysis_data=staged.start_analysis_data)
        staged.finish(results)
    coded = [a[5] for a in given if a[0] is staged_module._write_analysis_file][0]
    assert {"participant_id", "visit", "compartment", "analyte", "unit", "censoring"} <= set(coded)
    for name, (codes, values) in coded.items():
        col = results.analysis_data[name]
        assert [values[c] if c >= 0 else None for c in codes] == col.astype(object).where(col.notna(), None).tolist()
    assert _files(tmp_path / "staged") == _files(tmp_path / "plain")


def test_a_failed_child_leaves_the_file_to_finish(study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_results(analyze(study), tmp_path / "plain")
    here, real = os.getpid(), staged_module.write_analysis_frame
    writers = []

    def fails_in_a_child(data, path, stage=None, coded=None):  # type: ignore[no-untyped-def]
        if os.getpid() != here:
            path.write_text("half a file")
            raise OSError(28, "No space left on device", str(path))
        writers.append(os.getpid())
        real(data, path, stage, coded)

    monkeypatch.setattr(staged_module, "write_analysis_frame", fails_in_a_child)
    with StagedResults(tmp_path / "staged", fork=True) as staged:
        staged.finish(analyze(study, on_analysis_data=staged.start_analysis_data))
    assert writers == [here]  # written again here, over what the child left
    assert _files(tmp_path / "staged") == _files(tmp_path / "plain")


def test_leaving_without_finishing_kills_the_child_and_keeps_the_earlier_results(study, tmp_path: Path) -> None:
    out = tmp_path / "results"
    write_results(analyze(study), out)
    before = _files(out)
    with pytest.raises(RuntimeError, match="statistics failed"), StagedResults(out, fork=True) as staged:
        staged.start_analysis_data(analyze(study).analysis_data)
        raise RuntimeError("statistics failed")
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]
