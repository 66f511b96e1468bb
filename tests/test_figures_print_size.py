"""One type size across the manuscript's figures at their printed size (issue #10, outside readers: Figure 4's type
was smaller than that of Figures 5-8 in the PDF; reader 12b item 7: in a six-visit study the figures printed at 7.1
to 7.7 pt, four sizes in one figure).

The PDF places a figure's SVG at its own width, or at the text column's (:data:`PAGE_TEXT_MM`, 170 mm) when it is
wider, scaling its type down. Every figure is drawn at :data:`FIGURE_MM` (the column less the SVG's pad), so its SVG
is never wider than the column and each size prints as set: 8 pt, the tables' size, for every text. Here every
figure's SVG, as the documents embed it (documents.context.figure_svg), is scaled to the text width as the PDF does,
for the example and a six-visit study (their printed PDFs: tests/test_figures_printed_type.py)."""

from __future__ import annotations

import re

import pytest

from alsreport.documents.context import figure_svg
from alsreport.present.figures import build_figures
from alsreport.present.figures.style import FONT_PT, MM, PAGE_TEXT_MM

from analysis_helpers import example_results
from manuscript_studies import six_visit_figures, write_variant


def _six_visit_results(folder):
    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    return analyze(load_study(write_variant(folder, six_visit_figures())))


def _printed_sizes(svg: str) -> tuple[float, dict[float, float]]:
    """The SVG's width (pt) and each font size it uses (pt of its viewBox) → the size it prints at in the PDF's
    text column."""
    width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ', svg).group(1))
    scale = min(1.0, PAGE_TEXT_MM * MM * 72 / width)
    return width, {float(s): float(s) * scale for s in re.findall(r"font-size: ([\d.]+)px", svg)}


@pytest.mark.parametrize("study", ["example", "six visits"])
def test_every_figures_type_prints_at_8_pt(study, tmp_path):
    results = example_results() if study == "example" else _six_visit_results(tmp_path / "study")
    figures = build_figures(results, grids=False)
    assert len(figures) >= 4 and any(k.startswith("figure3_forest_") for k in figures)
    for key, fig in figures.items():
        width, sizes = _printed_sizes(figure_svg(fig))
        assert width <= PAGE_TEXT_MM * MM * 72 + 0.01, (key, width)     # never scaled down by the page
        assert sizes == {FONT_PT: FONT_PT}, (key, sizes)
