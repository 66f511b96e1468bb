"""Manuscript figures, each a function from :class:`~alsreport.results.model.Results` to a matplotlib Figure.

* Figure 1 — :func:`consort_figure`: the CONSORT flow diagram (single arm).
* Figure 2 — :func:`trajectory_figure` (one series) and :func:`trajectory_grid`
  (small multiples of a family in a compartment): per-participant lines with the
  median and IQR per visit.
* Figure 3 — :func:`forest_figure`: the Hodges–Lehmann change to the final visit, as a
  percentage of the baseline median, with its CI and raw and adjusted p (``analysis.adjust``).

:func:`build_figures` returns the study's figures by key (the report documents use
them); :func:`export_figures` writes them as SVG, PDF and 300-dpi PNG
(``alsreport figures``). The figure layer computes no statistics: every number comes
from the results; only the forest plot rescales the change for display.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from alsreport.results.model import Results, Series
from alsreport.present.figures.consort import consort_content, consort_figure
from alsreport.present.figures.consort_check import BoxLayout, layout_boxes, layout_problems
from alsreport.present.figures.forest import ForestRow, forest_figure, forest_rows
from alsreport.present.figures.style import figure_style
from alsreport.present.figures.trajectories import trajectory_figure, trajectory_grid

__all__ = [
    "FIGURE_FORMATS",
    "PNG_DPI",
    "BoxLayout",
    "ForestRow",
    "build_figures",
    "figure_builders",
    "consort_content",
    "consort_figure",
    "export_figures",
    "figure_keys",
    "forest_figure",
    "forest_panels",
    "forest_rows",
    "layout_boxes",
    "layout_problems",
    "save_figure",
    "slug",
    "trajectory_figure",
    "trajectory_grid",
]

FIGURE_FORMATS = ("svg", "pdf", "png")
PNG_DPI = 300

#: Metadata written into each format; None leaves an entry out (no dates, no versions: reproducible bytes).
_METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}


def slug(*parts: str) -> str:
    """``("immunological", "CSF")`` → ``immunological_csf`` (lowercase ``[a-z0-9_]``)."""
    text = "_".join(parts).lower()
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", text)).strip("_")


def _family_compartments(results: Results) -> list[tuple[str, str]]:
    """(family, compartment) pairs of the series: families in study.yml's order (``families``),
    compartments in order of first appearance."""
    comp_rank: dict[str, int] = {}
    for s in results.series:
        comp_rank.setdefault(s.compartment, len(comp_rank))
    fam_rank = {f: i for i, f in enumerate(results.config.family_names)}
    pairs = {(s.family, s.compartment) for s in results.series}
    return sorted(pairs, key=lambda p: (fam_rank.get(p[0], len(fam_rank)), p[0], comp_rank[p[1]]))


def _grid_family(results: Results) -> str | None:
    """The family shown as small multiples: the primary endpoint's, else the first family with series."""
    primary = results.primary
    if primary is not None:
        return primary.family
    pairs = _family_compartments(results)
    return pairs[0][0] if pairs else None


def figure_keys(results: Results) -> list[str]:
    """The keys :func:`build_figures` returns, in order (without drawing anything)."""
    return [key for key, _ in _plan(results)]


def _plan(results: Results) -> list[tuple[str, Any]]:
    """(key, builder) for every figure of the study."""
    plan: list[tuple[str, Any]] = [("figure1_consort", lambda: consort_figure(results))]
    primary = results.primary
    if primary is not None:
        plan.append(("figure2_trajectories",
                     lambda: trajectory_figure(results, primary.analyte, primary.compartment)))
    for s in changed_series(results):
        plan.append((f"figure2_trajectories_{slug(s.compartment, s.analyte)}",
                     lambda s=s: trajectory_figure(results, s.analyte, s.compartment)))
    family = _grid_family(results)
    pairs = _family_compartments(results)
    for fam, comp in pairs:
        if fam == family:
            plan.append((f"figure2_grid_{slug(fam, comp)}",
                         lambda fam=fam, comp=comp: trajectory_grid(results, fam, comp)))
    for key, (fam, comp) in forest_panels(results).items():
        plan.append((key, lambda fam=fam, comp=comp: forest_figure(results, fam, comp)))
    return plan


#: At most this many trajectory figures of secondary series that changed (the most significant first).
MAX_CHANGED = 6


def significant_others(results: Results) -> list[tuple[Series, float]]:
    """Series other than the primary endpoint with a significant change to any later visit (judged by the
    adjusted p ``analysis.adjust`` chooses, Holm by default), each with its smallest adjusted p at any visit, the
    smallest first (ties in the tables' order)."""
    primary = results.primary
    best: dict[tuple[str, str], float] = {}
    for c in results.comparisons:
        if c.test != "wilcoxon" or not results.is_significant(c, "adjusted"):
            continue
        if primary is not None and (c.analyte, c.compartment) == (primary.analyte, primary.compartment):
            continue
        key = (c.compartment, c.analyte)
        best[key] = min(best.get(key, 1.0), results.adjusted_p(c))
    order = {(s.compartment, s.analyte): i for i, s in enumerate(results.series)}
    series = {(s.compartment, s.analyte): s for s in results.series}
    return [(series[k], best[k]) for k in sorted((k for k in best if k in series), key=lambda k: (best[k], order[k]))]


def changed_series(results: Results) -> list[Series]:
    """The :data:`MAX_CHANGED` of :func:`significant_others` with the smallest adjusted p-values, each drawn as a
    trajectory figure, in the tables' order; the documents say which others changed and where they are
    (:func:`~alsreport.present.prose.changed_words.changed_figures_sentence`)."""
    chosen = {(s.compartment, s.analyte) for s, _ in significant_others(results)[:MAX_CHANGED]}
    return [s for s in results.series if (s.compartment, s.analyte) in chosen]


def forest_panels(results: Results) -> dict[str, tuple[str, str]]:
    """``figure3_forest_<slug>`` → (family, compartment) as spelled in the results (e.g. ``CSF``, for captions)."""
    contrast = results.config.final_contrast
    tested = {(c.family, c.compartment) for c in results.comparisons
              if c.test == "wilcoxon" and c.contrast == contrast}
    return {f"figure3_forest_{slug(fam, comp)}": (fam, comp) for fam, comp in _family_compartments(results)
            if (fam, comp) in tested}


def figure_builders(results: Results, *, grids: bool = True) -> dict[str, Callable[[], Figure]]:
    """``{key: function drawing the figure}`` for the keys of :func:`build_figures`, nothing drawn yet."""
    return {key: build for key, build in _plan(results) if grids or not key.startswith("figure2_grid_")}


def build_figures(results: Results, *, grids: bool = True) -> dict[str, Figure]:
    """Every figure of the study by key, in order.

    ``figure1_consort``; ``figure2_trajectories`` (the primary endpoint, when there is
    one); ``figure2_grid_<family>_<compartment>`` (small multiples of the primary
    endpoint's family, one per compartment; left out with ``grids=False``, as the
    reports do, which do not show them); ``figure3_forest_<family>_<compartment>``
    (each family and compartment with comparisons at the final contrast).
    """
    return {key: build() for key, build in _plan(results)
            if grids or not key.startswith("figure2_grid_")}


def save_figure(fig: Figure, path: Path, fmt: str) -> Path:
    """Write ``fig`` as ``fmt`` (svg: text as text; pdf: TrueType fonts embedded; png: 300 dpi), reproducibly."""
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"unknown figure format {fmt!r}; choose from {', '.join(FIGURE_FORMATS)}")
    with figure_style():
        fig.savefig(path, format=fmt, dpi=PNG_DPI, metadata=_METADATA[fmt])
    return path


def export_figures(results: Results, out_dir: str | Path, formats: Iterable[str] = FIGURE_FORMATS) -> list[Path]:
    """Write ``<key>.<format>`` for every figure of :func:`build_figures` and each format; returns the paths."""
    chosen: Sequence[str] = tuple(dict.fromkeys(f.lower().lstrip(".") for f in formats))
    for fmt in chosen:
        if fmt not in FIGURE_FORMATS:
            raise ValueError(f"unknown figure format {fmt!r}; choose from {', '.join(FIGURE_FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for key, build in _plan(results):
        fig = build()
        for fmt in chosen:
            written.append(save_figure(fig, out / f"{key}.{fmt}", fmt))
        fig.clear()  # built here and not returned: free it now
    return written
