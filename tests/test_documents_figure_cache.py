"""The documents' figures are drawn on first use: the ethics report (the CONSORT diagram only) no longer
draws the manuscript's trajectories of every participant (issue 11: an 8,000-participant render)."""

from __future__ import annotations

from alsreport.documents.figure_cache import LazyFigures


def test_keys_are_known_without_drawing_and_each_figure_is_drawn_once() -> None:
    drawn: list[str] = []
    timings: dict[str, float] = {}
    figures = LazyFigures({k: (lambda k=k: drawn.append(k) or f"fig-{k}") for k in ("a", "b", "c")}, timings)
    assert list(figures) == ["a", "b", "c"] and len(figures) == 3 and "b" in figures and "z" not in figures
    assert [k for k in figures if k.startswith("b")] == ["b"] and drawn == []
    assert figures["b"] == "fig-b" and figures["b"] == "fig-b" and drawn == ["b"]
    assert timings["figures"] >= 0.0
    figures.build_all()
    assert drawn == ["b", "a", "c"]
    try:
        figures["z"]
    except KeyError:
        pass
    else:  # pragma: no cover
        raise AssertionError("an unknown key is a KeyError")
