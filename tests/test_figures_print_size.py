"""One type size across the manuscript's figures at their printed size (issue #10, outside readers: Figure 4's type
was smaller than that of Figures 5-8 in the PDF).

Every figure is drawn at 175 mm and printed at the text width (:data:`PAGE_TEXT_MM`, 167 mm) when its SVG is wider;
the SVG's box is its tight bounding box. The SVG renderer measured the forest plot's long footnote about 7 % wider than
it is drawn, so the example's Figure 4 (CSF immunological markers, the primary endpoint's note) was 535 pt wide
against 502 pt for Figures 5-8 and its 8 pt type printed at 7.1 pt. Here every figure's SVG, as the documents embed
it (documents.context.figure_svg), is scaled to the text width as the PDF does, and each type size it uses must print
at the same size in every figure (within 0.1 pt) and never under :data:`MIN_FONT_PT`."""

from __future__ import annotations

import re

from alsreport.documents.context import figure_svg
from alsreport.present.figures import build_figures
from alsreport.present.figures.style import MIN_FONT_PT, MM, PAGE_TEXT_MM

from analysis_helpers import example_results


def _printed_sizes(svg: str) -> dict[float, float]:
    """Each font size the SVG uses (pt of its viewBox) → the size it prints at in the PDF's text column."""
    width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ', svg).group(1))
    scale = min(1.0, PAGE_TEXT_MM * MM * 72 / width)
    return {float(s): float(s) * scale for s in re.findall(r"font-size: ([\d.]+)px", svg)}


def test_every_figures_type_prints_at_one_size():
    sizes: dict[float, dict[str, float]] = {}
    for key, fig in build_figures(example_results()).items():
        for designed, printed in _printed_sizes(figure_svg(fig)).items():
            sizes.setdefault(designed, {})[key] = printed
    assert {7.5, 8.0} <= set(sizes)
    for designed, printed in sizes.items():
        assert max(printed.values()) - min(printed.values()) <= 0.1, (designed, printed)
        assert min(printed.values()) >= MIN_FONT_PT - 0.05, (designed, printed)
    forest = [k for k in sizes[8.0] if k.startswith("figure3_forest_")]
    assert len(forest) == 5 and len({round(sizes[8.0][k], 3) for k in forest}) == 1
