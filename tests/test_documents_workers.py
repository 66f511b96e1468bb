"""The documents' workers: the caller renders the first document itself, the forked workers the others at a
lower CPU priority (the first document, the manuscript, is the command's critical path)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alsreport.documents import workers
from alsreport.documents.workers import BACKGROUND_NICE, DocumentTask, render_all

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(os, "nice"), reason="needs fork and nice")


def _task(name: str) -> DocumentTask:
    return DocumentTask(engine="embedded", name=name, qmd=Path(f"{name}.qmd"), project=Path("."), out_dir=Path("."),
                        formats=("html",), print_css=(), inputs_fingerprint="x", use_cache=False)


def _where_and_priority(task: DocumentTask) -> tuple[str, tuple[int, int]]:
    """Stands in for rendering: which process ran the task, at which priority."""
    return "ok", (os.getpid(), os.nice(0))


def test_the_callers_document_keeps_its_priority_the_workers_yield(monkeypatch):
    monkeypatch.setattr(workers, "render_task", _where_and_priority)
    before = os.nice(0)
    done = render_all([_task("manuscript"), _task("ethics"), _task("third")], 3, lambda message: None)
    assert done["manuscript"] == (os.getpid(), before)  # rendered here, priority untouched
    assert os.nice(0) == before
    for name in ("ethics", "third"):
        pid, nice = done[name]
        assert pid != os.getpid()
        assert nice == min(before + BACKGROUND_NICE, 19)  # 19: the lowest priority Linux has


def test_one_worker_renders_everything_here_at_its_priority(monkeypatch):
    monkeypatch.setattr(workers, "render_task", _where_and_priority)
    before = os.nice(0)
    said: list[str] = []
    done = render_all([_task("manuscript"), _task("ethics")], 1, said.append)
    assert done == {"manuscript": (os.getpid(), before), "ethics": (os.getpid(), before)}
    assert said == ["manuscript: rendering with the embedded engine", "ethics: rendering with the embedded engine"]
