"""The documents' figures, each drawn when a document first asks for it.

The ethics report shows the CONSORT diagram only; drawing every figure of the manuscript for it (the
trajectories of thousands of participants) took most of an 8,000-participant render. :class:`LazyFigures`
knows every key without drawing (:func:`alsreport.present.figures.figure_builders`) and draws a figure on
first access; ``build_all`` draws them all up front (before forked workers that share them).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

__all__ = ["LazyBuilt", "LazyFigures"]


class LazyBuilt(Mapping[str, Any]):
    """``{key: builders[key]()}``; keys known at once, each value built on first access, its time added to
    ``timings[stage]``."""

    def __init__(self, builders: Mapping[str, Callable[[], Any]], timings: dict[str, float], stage: str) -> None:
        self._builders = dict(builders)
        self._built: dict[str, Any] = {}
        self._timings = timings
        self._stage = stage

    def __getitem__(self, key: str) -> Any:
        if key not in self._built:
            build = self._builders[key]  # KeyError for an unknown key, as a dict
            start = time.perf_counter()
            self._built[key] = build()
            self._timings[self._stage] = self._timings.get(self._stage, 0.0) + time.perf_counter() - start
        return self._built[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)

    def __contains__(self, key: object) -> bool:
        return key in self._builders

    def build_all(self) -> None:
        for key in self._builders:
            self[key]


class LazyFigures(LazyBuilt):
    """``{key: matplotlib Figure}``; keys known at once, figures drawn on first access."""

    def __init__(self, builders: Mapping[str, Callable[[], Any]], timings: dict[str, float]) -> None:
        super().__init__(builders, timings, "figures")
