"""The command line imports what reading a study needs with the garbage collector paused, then frozen
(its own process only); a CliRunner call or a library call leaves the collector as it was."""

from __future__ import annotations

import gc

import pytest
from click.testing import CliRunner

from alsreport import cli


@pytest.fixture
def unfrozen():  # type: ignore[no-untyped-def]
    before = gc.get_freeze_count()
    yield before
    gc.unfreeze()  # what the test froze goes back to the collector's generations
    gc.enable()


def test_in_its_own_process_the_collector_pauses_then_freezes(monkeypatch, unfrozen) -> None:
    monkeypatch.setattr(cli, "_own_process", lambda: True)
    with cli._collector_paused():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= unfrozen + len(made)


def test_a_collector_disabled_before_stays_disabled(monkeypatch, unfrozen) -> None:
    monkeypatch.setattr(cli, "_own_process", lambda: True)
    gc.disable()
    with cli._collector_paused():
        pass
    assert not gc.isenabled()


def test_outside_its_own_process_the_collector_is_left_alone(unfrozen) -> None:
    with cli._collector_paused():
        assert gc.isenabled()
    assert gc.get_freeze_count() == unfrozen


def test_a_clirunner_analysis_freezes_nothing(tmp_path, unfrozen) -> None:
    result = CliRunner().invoke(cli.main, ["analyze", "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled() and gc.get_freeze_count() == unfrozen
