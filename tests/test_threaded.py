"""alsreport.threaded: a value computed on a second thread, or here when the thread raised.

``analyze(parallel=True)`` on a study of more than ``AHEAD_MAX_ROWS`` measurement rows (too large
to fork for) computes the summaries that need only the study on a thread while it builds the
analysis dataset; the results must be the very objects the serial path gives.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from analysis_helpers import example_study
from reports_helpers import write_second_study

from alsreport.analysis import run
from alsreport.analysis.run import analyze
from alsreport.results.writer import results_json
from alsreport.study.loading import load_study
from alsreport.threaded import beside


def _where(box: list[str], x: int) -> int:
    box.append(threading.current_thread().name)
    return x * x


def test_the_value_comes_from_another_thread() -> None:
    box: list[str] = []
    with beside(_where, box, 7) as result:
        assert result.value() == 49
        assert result.value() == 49  # computed once
    assert box == ["alsreport-_where"]
    assert not result.forked


def _fails_on_the_thread(box: list[str]) -> int:
    box.append(threading.current_thread().name)
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("thread only")
    return 1


def test_a_failure_on_the_thread_is_computed_again_here() -> None:
    box: list[str] = []
    with beside(_fails_on_the_thread, box) as result:
        assert result.value() == 1
    assert box == ["alsreport-_fails_on_the_thread", threading.main_thread().name]


def _raises() -> int:
    raise ValueError("the caller's own error")


def test_an_error_reaches_the_caller_as_in_the_serial_run() -> None:
    with beside(_raises) as result, pytest.raises(ValueError, match="the caller's own error"):
        result.value()


def _without_provenance(results: object) -> dict:
    doc = json.loads(results_json(results))  # type: ignore[arg-type]
    doc["provenance"].pop("generated_at")
    return doc


@pytest.mark.parametrize("which", ["example", "second"])
def test_summaries_on_a_thread_equal_the_serial_ones(which: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    study = example_study() if which == "example" else load_study(write_second_study(tmp_path / "s"))
    serial = analyze(study)
    monkeypatch.setattr(run, "AHEAD_MAX_ROWS", 0)  # every study counts as large: thread, no fork
    started: list[str] = []
    real = run.beside

    def spy(*args):  # type: ignore[no-untyped-def]
        started.append(args[0].__name__)
        return real(*args)

    monkeypatch.setattr(run, "beside", spy)
    monkeypatch.setattr(run, "ahead", lambda *a, **k: pytest.fail("no child is forked while a thread runs"))
    threaded = analyze(study, parallel=True)
    assert started == ["study_summaries"]
    assert _without_provenance(threaded) == _without_provenance(serial)
    assert threaded.safety == serial.safety
    assert threaded.analysis_data.equals(serial.analysis_data)
