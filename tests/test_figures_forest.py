"""Figure 3, the forest plot: rows, points, intervals and p-values equal the results.

Expected values are computed here from ``results.comparisons`` and
``results.descriptives`` (the change as a percentage of the baseline median), not
taken from the figure module.
"""

from __future__ import annotations

import dataclasses
import math
import re

import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from alsreport.present.figures import forest_figure
from alsreport.present.figures.style import (
    COLORS,
    FIGURE_MM,
    MM,
    PAGE_TEXT_MM,
    SAVE_PAD_INCHES,
    SINGLE_COLUMN_MM,
)
from alsreport.present.format import p_value
from alsreport.results.model import Comparison, Descriptive, Results
from figures_fixtures import example_results, figure_svg_bytes, other_results, svg_text


def _gid(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", "-".join(parts))


def _pairs(results: Results) -> list[tuple[str, str]]:
    return sorted({(s.family, s.compartment) for s in results.series})


def _series(results: Results, family: str, compartment: str):
    return [s for s in results.series if s.family == family and s.compartment == compartment]


def _final(results: Results, analyte: str, compartment: str) -> Comparison | None:
    for c in results.comparisons:
        if (c.analyte, c.compartment, c.contrast, c.test) == (analyte, compartment, results.config.final_contrast,
                                                              "wilcoxon"):
            return c
    return None


def _baseline(results: Results, analyte: str, compartment: str) -> Descriptive:
    base = results.config.visit_codes[0]
    return next(d for d in results.descriptives
                if (d.analyte, d.compartment, d.visit) == (analyte, compartment, base))


def _texts(fig: Figure) -> dict[str, Text]:
    out = {}
    for t in fig.findobj(Text):
        gid = t.get_gid()
        if gid:
            out[gid] = t
    return out


def _line(fig: Figure, gid: str) -> Line2D | None:
    found = [ln for ln in fig.findobj(Line2D) if ln.get_gid() == gid]
    assert len(found) <= 1
    return found[0] if found else None


CASES = [(example_results, fam, comp) for fam, comp in _pairs(example_results())] + [
    (other_results, fam, comp) for fam, comp in _pairs(other_results())]


@pytest.fixture(scope="module")
def figures() -> dict[tuple[int, str, str], Figure]:
    return {}


def _figure(cache, results_of, family: str, compartment: str) -> Figure:
    key = (id(results_of), family, compartment)
    if key not in cache:
        cache[key] = forest_figure(results_of(), family, compartment)
    return cache[key]


@pytest.mark.parametrize(("results_of", "family", "compartment"), CASES)
def test_one_row_per_analyte_in_study_order(figures, results_of, family: str, compartment: str) -> None:
    results = results_of()
    fig = _figure(figures, results_of, family, compartment)
    texts = _texts(fig)
    labels = sorted((t for gid, t in texts.items() if gid.startswith("forest-label-")),
                    key=lambda t: -t.get_position()[1])   # top to bottom
    order = {name: i for i, name in enumerate(results.config.analyte_names)}
    series = sorted(_series(results, family, compartment), key=lambda s: order[s.analyte])
    assert [t.get_text() for t in labels] == [s.label for s in series]


@pytest.mark.parametrize(("results_of", "family", "compartment"), CASES)
def test_points_and_intervals_are_the_change_as_percent_of_baseline_median(
        figures, results_of, family: str, compartment: str) -> None:
    results = results_of()
    fig = _figure(figures, results_of, family, compartment)
    for s in _series(results, family, compartment):
        c = _final(results, s.analyte, s.compartment)
        median = _baseline(results, s.analyte, s.compartment).median
        point = _line(fig, _gid("forest-point", s.analyte))
        ci = _line(fig, _gid("forest-ci", s.analyte))
        if c is None or not math.isfinite(c.estimate) or not median > 0:
            assert point is None and ci is None
            continue
        assert point.get_xdata()[0] == pytest.approx(100 * c.estimate / median)
        assert sorted(ci.get_xdata()) == pytest.approx([100 * c.ci.low / median, 100 * c.ci.high / median])
        # every interval is inside the axis (nothing clipped)
        lo, hi = point.axes.get_xlim()
        assert lo < 100 * c.ci.low / median and 100 * c.ci.high / median < hi


@pytest.mark.parametrize(("results_of", "family", "compartment"), CASES)
def test_p_columns_are_p_value_of_raw_and_holm(figures, results_of, family: str, compartment: str) -> None:
    results = results_of()
    texts = _texts(_figure(figures, results_of, family, compartment))
    for s in _series(results, family, compartment):
        c = _final(results, s.analyte, s.compartment)
        assert texts[_gid("forest-p", s.analyte)].get_text() == p_value(c.pvalue)
        assert texts[_gid("forest-pholm", s.analyte)].get_text() == p_value(c.p_holm)
        assert texts[_gid("forest-n", s.analyte)].get_text() == str(c.n)


@pytest.mark.parametrize(("results_of", "family", "compartment"), CASES)
def test_significant_rows_are_filled_and_bold_others_open(figures, results_of, family: str,
                                                          compartment: str) -> None:
    results = results_of()
    fig = _figure(figures, results_of, family, compartment)
    texts = _texts(fig)
    alpha = results.config.analysis.alpha
    for s in _series(results, family, compartment):
        c = _final(results, s.analyte, s.compartment)
        point = _line(fig, _gid("forest-point", s.analyte))
        # the primary endpoint is judged on its unadjusted p (the default), the others on the Holm p
        primary = results.primary is c
        significant = (c.pvalue if primary else c.p_holm) < alpha
        weight = texts[_gid("forest-p" if primary else "forest-pholm", s.analyte)].get_fontweight()
        assert (weight == "bold") == significant
        if point is None:
            continue
        face = to_rgba(point.get_markerfacecolor())
        assert (face == to_rgba("white")) == (not significant)
        assert (face == to_rgba(COLORS["significant"])) == significant


def test_example_significant_row_is_csf_tnf_alpha() -> None:
    """Reference value: the example data were generated with a fall of CSF TNF-α only (example_study/study.yml);
    it is the one comparison with Holm-adjusted p < alpha, and its forest row is the one filled marker."""
    results = example_results()
    alpha = results.config.analysis.alpha
    significant = {(c.analyte, c.compartment) for c in results.comparisons
                   if c.test == "wilcoxon" and c.contrast == results.config.final_contrast and c.p_holm < alpha}
    assert significant == {("TNF-alpha", "CSF")}
    filled = []
    for family, compartment in _pairs(results):
        fig = forest_figure(results, family, compartment)
        for s in _series(results, family, compartment):
            point = _line(fig, _gid("forest-point", s.analyte))
            if point is not None and to_rgba(point.get_markerfacecolor()) != to_rgba("white"):
                filled.append((s.analyte, s.compartment))
    assert filled == [("TNF-alpha", "CSF")]


def test_row_without_estimate_is_kept_and_labelled_with_its_reason() -> None:
    results = other_results()
    c = _final(results, "IL-1b", "CSF")
    assert not math.isfinite(c.estimate) and c.reason  # the fixture's premise
    fig = forest_figure(results, "immunological", "CSF")
    texts = _texts(fig)
    assert texts[_gid("forest-label", "IL-1b")].get_text() == "IL-1β"
    assert texts[_gid("forest-note", "IL-1b")].get_text().startswith("not estimable")
    assert _line(fig, _gid("forest-point", "IL-1b")) is None
    text = svg_text(figure_svg_bytes(fig))
    assert f"Not estimable: {c.reason}." in text
    assert texts[_gid("forest-p", "IL-1b")].get_text() == p_value(c.pvalue) == "—"


def test_missing_comparison_and_zero_baseline_median_are_not_estimable() -> None:
    """A hand-built case: one series without its comparison, one whose baseline median is 0."""
    ex = example_results()
    contrast = ex.config.final_contrast
    base = ex.config.visit_codes[0]
    comparisons = tuple(c for c in ex.comparisons
                        if not (c.analyte == "IL-6" and c.compartment == "CSF" and c.contrast == contrast))
    descriptives = tuple(dataclasses.replace(d, median=0.0)
                         if (d.analyte, d.compartment, d.visit) == ("IL-10", "CSF", base) else d
                         for d in ex.descriptives)
    results = dataclasses.replace(ex, comparisons=comparisons, descriptives=descriptives)
    fig = forest_figure(results, "immunological", "CSF")
    texts = _texts(fig)
    for analyte in ("IL-6", "IL-10"):
        assert texts[_gid("forest-note", analyte)].get_text().startswith("not estimable")
        assert _line(fig, _gid("forest-point", analyte)) is None
    text = svg_text(figure_svg_bytes(fig))
    assert "not tested at this contrast" in text and "baseline median 0" in text
    # the rest is still drawn
    assert _line(fig, _gid("forest-point", "TNF-alpha")) is not None


def _all_text_boxes(fig: Figure):
    """(text, rendered extent) of every drawn text; tick labels only of ticks inside the view."""
    fig.draw_without_rendering()
    r = fig.canvas.get_renderer()
    tick_texts = {id(t) for ax in fig.axes for tick in ax.xaxis.get_major_ticks() + ax.yaxis.get_major_ticks()
                  for t in (tick.label1, tick.label2)}
    out = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and id(t) not in tick_texts:
            out.append((t.get_text(), t.get_window_extent(r)))
    for ax in fig.axes:
        lo, hi = sorted(ax.get_xlim())
        for loc, tick in zip(ax.xaxis.get_majorticklocs(), ax.xaxis.get_major_ticks(), strict=False):
            if lo <= loc <= hi and tick.label1.get_visible():
                out.append((tick.label1.get_text(), tick.label1.get_window_extent(r)))
    return out


@pytest.mark.parametrize(("results_of", "family", "compartment"), CASES)
def test_no_text_overlaps_another_or_leaves_the_figure(figures, results_of, family: str, compartment: str) -> None:
    fig = _figure(figures, results_of, family, compartment)
    boxes = _all_text_boxes(fig)
    frame = fig.bbox
    for s, b in boxes:
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1, s
    for i, (s1, a) in enumerate(boxes):
        for s2, b in boxes[i + 1:]:
            w = min(a.x1, b.x1) - max(a.x0, b.x0)
            h = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert not (w > 0.5 and h > 0.5), f"{s1!r} overlaps {s2!r}"


@pytest.mark.parametrize(("results_of", "family", "compartment"), CASES)
def test_text_width_and_every_text_at_8_pt(figures, results_of, family: str, compartment: str) -> None:
    """Drawn at the reports' text width less the SVG's pad, so the PDF prints it at 100 %; every text in 8 pt, the
    tables' size (reader 12b item 7: legend and notes printed at 7.2 pt, labels at 7.7 pt, from 7.5 and 8 pt drawn
    at 175 mm)."""
    fig = _figure(figures, results_of, family, compartment)
    assert fig.get_figwidth() == pytest.approx(FIGURE_MM * MM)
    assert FIGURE_MM * MM + 2 * SAVE_PAD_INCHES == pytest.approx(PAGE_TEXT_MM * MM)
    sizes = {t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text()}
    assert sizes == {8.0}
    legend = [t for t in fig.findobj(Text) if (t.get_gid() or "").startswith(("forest-legend", "forest-footnote"))]
    assert legend and {t.get_fontsize() for t in legend} == {8.0}


@pytest.mark.parametrize(("results_of", "family", "compartment"), CASES)
def test_the_legend_explains_only_the_markers_drawn(figures, results_of, family: str, compartment: str) -> None:
    """Reader 12b: the legend showed a filled "Holm-adjusted p < 0.05" in a figure where no point was filled."""
    fig = _figure(figures, results_of, family, compartment)
    points = [a for a in fig.findobj(Line2D) if (a.get_gid() or "").startswith("forest-point-")]
    faces = {to_rgba(p.get_markerfacecolor()) == to_rgba("white") for p in points}   # True: open
    legend = {a.get_gid() for a in fig.findobj(Line2D) if (a.get_gid() or "").startswith("forest-legend-")}
    words = {t.get_gid(): t.get_text() for t in fig.findobj(Text) if (t.get_gid() or "").startswith("forest-legend-")}
    filled, open_ = False in faces, True in faces
    assert legend == {g for g, drawn in (("forest-legend-filled", filled), ("forest-legend-open", open_)) if drawn}
    assert set(words) == {g for g, drawn in (("forest-legend-sig", filled), ("forest-legend-ns", open_)) if drawn}
    assert all(w.endswith(("p < 0.05", "p ≥ 0.05")) for w in words.values())


def test_a_figure_without_a_filled_point_has_no_filled_legend_entry() -> None:
    """The example's biochemical CSF markers: none changed (Holm p ≥ 0.05), so only the open marker is explained;
    the immunological CSF figure (TNF-α filled, the others open) explains both."""
    ex = example_results()
    none_filled = forest_figure(ex, "biochemical", "CSF")
    gids = {a.get_gid() for a in none_filled.findobj(Line2D)}
    assert "forest-legend-open" in gids and "forest-legend-filled" not in gids
    both = {a.get_gid() for a in forest_figure(ex, "immunological", "CSF").findobj(Line2D)}
    assert {"forest-legend-open", "forest-legend-filled"} <= both


def test_single_column_leaves_out_the_change_column_and_still_fits() -> None:
    ex = example_results()
    fig = forest_figure(ex, "immunological", "CSF", width_mm=SINGLE_COLUMN_MM)
    assert fig.get_figwidth() == pytest.approx(SINGLE_COLUMN_MM * MM)
    assert not any(gid.startswith("forest-change-") for gid in _texts(fig))
    boxes = _all_text_boxes(fig)
    for i, (s1, a) in enumerate(boxes):
        for s2, b in boxes[i + 1:]:
            assert not (min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5), \
                f"{s1!r} overlaps {s2!r}"


def test_axis_label_states_the_relative_scale_and_the_visits() -> None:
    ex = example_results()
    fig = forest_figure(ex, "immunological", "CSF")
    label = " ".join(fig.axes[0].get_xlabel().split())
    first, last = ex.config.visits[0].label, ex.config.visits[-1].label
    assert f"% of the {first} median" in label
    assert f"from {first} to {last}" in label and "Hodges–Lehmann" in label


def test_another_contrast_shows_its_comparisons() -> None:
    ex = example_results()
    contrast = ex.config.contrasts[0]
    fig = forest_figure(ex, "immunological", "CSF", contrast=contrast)
    texts = _texts(fig)
    c = ex.comparison("TNF-alpha", "CSF", contrast)
    median = _baseline(ex, "TNF-alpha", "CSF").median
    assert _line(fig, _gid("forest-point", "TNF-alpha")).get_xdata()[0] == pytest.approx(100 * c.estimate / median)
    assert texts[_gid("forest-p", "TNF-alpha")].get_text() == p_value(c.pvalue)


def test_unknown_family_compartment_is_an_error() -> None:
    with pytest.raises(KeyError):
        forest_figure(example_results(), "immunological", "blood")



def test_a_90_character_label_is_shortened_not_an_error():
    # issue 14: a 90-character analyte label made forest_figure raise "175.0 mm is too narrow".
    results = example_results()
    long = "A very long analyte label that somebody typed into study.yml without any abbreviation at all"
    assert len(long) >= 90
    series = tuple(dataclasses.replace(s, label=long) if s.analyte == "TNF-alpha" else s for s in results.series)
    fig = forest_figure(dataclasses.replace(results, series=series), "immunological", "CSF")
    labels = [t.get_text() for t in fig.findobj(Text) if (t.get_gid() or "").startswith("forest-label-TNF")]
    assert len(labels) == 1 and labels[0].endswith("…") and long.startswith(labels[0][:-1])
    assert len(labels[0]) < len(long)


def test_every_printed_change_has_the_digits_of_the_tables_percentages() -> None:
    """Issue #10, reader: the forest plots mixed precisions ("−2% (−19 to 7)" beside "−1.8% (−5.2 to 7.2)"): each row
    chose its decimals. Every printed change and CI end has one decimal, as format.percent prints percentages."""
    from alsreport.present.format import ci, percent
    from alsreport.present.figures.forest import forest_rows

    ex = example_results()
    fig = forest_figure(ex, "immunological", "CSF")
    texts = {gid: t.get_text() for gid, t in _texts(fig).items() if gid.startswith("forest-change-")}
    rows = {r.series.analyte: r for r in forest_rows(ex, "immunological", "CSF")}
    assert len(texts) == len(rows) >= 5
    for gid, text in texts.items():
        r = rows[gid.removeprefix("forest-change-")]
        assert text == f"{percent(r.relative)} ({ci(r.relative_low, r.relative_high, 1)})"
        assert all(len(n.split(".")[1]) == 1 for n in re.findall(r"\d+(?:\.\d+)?", text)), text
