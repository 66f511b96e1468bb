"""The figures' SVG drawn by a helper process (documents.figure_prefetch): the same markup the documents would
draw themselves, in any process forked after it started; a figure the helper could not draw is drawn by the
document (its error raised there), never waited for forever."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from alsreport.documents.context import figure_svg  # noqa: E402
from alsreport.documents.figure_cache import LazyFigures  # noqa: E402
from alsreport.documents.figure_prefetch import start_svg_helper, svg_helper_for  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper is a forked process")


def _bars(n: int) -> Figure:
    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.bar(range(n), range(1, n + 1))
    ax.set_title(f"{n} bars")
    return fig


def _broken() -> Figure:
    raise ValueError("no data for this figure")


def _figures(builders) -> LazyFigures:
    return LazyFigures(builders, {})


def test_the_helper_writes_the_markup_the_document_would_draw(tmp_path: Path) -> None:
    helper = start_svg_helper(_figures({"a": lambda: _bars(2), "b": lambda: _bars(5)}), ["a", "b"], tmp_path)
    try:
        assert helper.svg("b") == figure_svg(_bars(5))
        assert helper.svg("a") == figure_svg(_bars(2))
        assert helper.svg("c") is None  # not one of its figures: the document draws it
    finally:
        helper.close()


def _read_in_child(helper, key: str, conn) -> None:
    conn.send(helper.svg(key))


def test_a_process_forked_after_the_helper_started_reads_its_files(tmp_path: Path) -> None:
    helper = start_svg_helper(_figures({"a": lambda: _bars(3)}), ["a"], tmp_path)
    try:
        ctx = multiprocessing.get_context("fork")
        here, there = ctx.Pipe()
        child = ctx.Process(target=_read_in_child, args=(helper, "a", there))
        child.start()
        assert here.poll(120), "the forked reader got no answer"
        assert here.recv() == figure_svg(_bars(3))
        child.join()
    finally:
        helper.close()


def test_a_figure_the_helper_fails_on_is_left_to_the_document_and_the_rest_is_not_waited_for(tmp_path: Path) -> None:
    helper = start_svg_helper(_figures({"a": lambda: _bars(2), "x": _broken, "b": lambda: _bars(4)}), ["a", "x", "b"], tmp_path)
    try:
        assert helper.svg("a") == figure_svg(_bars(2))
        assert helper.svg("x") is None  # the document draws it and raises the error itself
        assert helper.svg("b") is None  # the helper stopped at the failure
    finally:
        helper.close()


def test_the_helpers_files_are_in_the_folder_given_and_close_removes_them(tmp_path: Path) -> None:
    """In the render's stage, not the system's temporary folder: a render killed (SIGKILL) while its helper
    draws leaves them where the next run on that output folder removes its stage."""
    helper = start_svg_helper(_figures({"a": lambda: _bars(2)}), ["a"], tmp_path)
    assert helper.svg("a") is not None
    (folder,) = tmp_path.iterdir()
    assert folder.name.startswith(".figures.") and folder.name.endswith(".tmp")
    assert sorted(p.name for p in folder.iterdir()) == ["a.svg"]
    helper.close()
    assert not list(tmp_path.iterdir())


class _Context:
    figures = _figures({"a": lambda: _bars(2)})


@pytest.mark.parametrize(("documents", "formats", "workers"), [
    (["manuscript", "ethics"], ["html", "pdf"], 1),   # one process: nothing to overlap
    (["ethics"], ["html", "pdf"], 2),                 # the ethics report shows one figure
    (["manuscript", "ethics"], ["docx"], 2),          # Word embeds the figures, not inline SVG
])
def test_no_helper_when_it_would_not_overlap_anything(documents, formats, workers, tmp_path: Path) -> None:
    assert svg_helper_for(_Context(), documents, formats, workers, tmp_path) is None


def test_a_helper_for_the_manuscript_beside_another_document(tmp_path: Path) -> None:
    helper = svg_helper_for(_Context(), ["manuscript", "ethics"], ["html"], 2, tmp_path)
    assert helper is not None
    try:
        assert helper.svg("a") == figure_svg(_bars(2))
    finally:
        helper.close()
