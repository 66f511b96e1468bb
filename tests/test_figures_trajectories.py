"""Figure 2, trajectories: what is drawn equals ``analysis_data`` and ``descriptives``."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.container import ErrorbarContainer
from matplotlib.lines import Line2D
from matplotlib.text import Text

from alsreport.present.figures import trajectory_figure, trajectory_grid
from alsreport.present.figures.style import FONT_PT
from alsreport.present.format import below_lod_plotted
from alsreport.present.figures.trajectories import LOG_DECADES, uses_log_scale
from alsreport.results.model import Results
from figures_fixtures import example_results, figure_svg_bytes, other_results, svg_text


def _data(results: Results, analyte: str, compartment: str) -> pd.DataFrame:
    d = results.analysis_data
    d = d[(d["analyte"] == analyte) & (d["compartment"] == compartment)]
    return d[np.isfinite(d["value"].to_numpy(dtype=float, na_value=np.nan))]


def _lines(ax: Axes, prefix: str) -> list[Line2D]:
    return [ln for ln in ax.lines if (ln.get_gid() or "").startswith(prefix)]


def _median_line(ax: Axes) -> Line2D:
    data_lines = [c.lines[0] for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(data_lines) == 1
    return data_lines[0]


def _descriptives(results: Results, analyte: str, compartment: str):
    order = {code: k for k, code in enumerate(results.config.visit_codes)}
    ds = [d for d in results.descriptives if d.analyte == analyte and d.compartment == compartment]
    return sorted(ds, key=lambda d: order[d.visit])


SERIES = [(example_results, s.analyte, s.compartment) for s in example_results().series[:4]] + [
    (other_results, "NfL", "plasma"), (other_results, "CXCL13", "CSF")]


@pytest.mark.parametrize(("results_of", "analyte", "compartment"), SERIES)
def test_one_line_per_participant_with_data(results_of, analyte: str, compartment: str) -> None:
    results = results_of()
    ax = trajectory_figure(results, analyte, compartment).axes[0]
    (lines,) = [c for c in ax.collections if c.get_gid() == f"participants-{compartment}-{analyte}"]
    d = _data(results, analyte, compartment)
    pids = sorted(d["participant_id"].unique())
    assert len(lines.get_segments()) == len(pids)
    # and each line holds that participant's values (participants in sorted order)
    for pid, seg in zip(pids, lines.get_segments(), strict=True):
        assert sorted(seg[:, 1]) == pytest.approx(sorted(d.loc[d["participant_id"] == pid, "value"]))


@pytest.mark.parametrize(("results_of", "analyte", "compartment"), SERIES)
def test_median_and_iqr_equal_the_descriptives(results_of, analyte: str, compartment: str) -> None:
    results = results_of()
    ax = trajectory_figure(results, analyte, compartment).axes[0]
    ds = [d for d in _descriptives(results, analyte, compartment) if math.isfinite(d.median)]
    line = _median_line(ax)
    assert list(line.get_ydata()) == pytest.approx([d.median for d in ds])
    months = {v.code: v.month for v in results.config.visits}
    x = np.asarray(line.get_xdata(), dtype=float)
    # drawn a little to the right of each visit, never on the next one
    offsets = x - np.array([months[d.visit] for d in ds])
    assert (offsets > 0).all() and np.allclose(offsets, offsets[0])
    # the error bars span q1..q3
    bars = next(c for c in ax.containers if isinstance(c, ErrorbarContainer)).lines[2][0]
    segments = bars.get_segments()
    drawn = np.array([sorted(seg[:, 1]) for seg in segments], dtype=float)
    assert np.allclose(drawn, [(d.q1, d.q3) for d in ds])


def test_log_scale_for_a_series_spanning_decades_linear_otherwise() -> None:
    other = other_results()
    values = _data(other, "CXCL13", "CSF")["value"].to_numpy(float)
    assert math.log10(values.max() / values.min()) > LOG_DECADES  # the fixture's premise
    assert trajectory_figure(other, "CXCL13", "CSF").axes[0].get_yscale() == "log"
    ex = example_results()
    tnf = _data(ex, "TNF-alpha", "CSF")["value"].to_numpy(float)
    assert not uses_log_scale(tnf)
    assert trajectory_figure(ex, "TNF-alpha", "CSF").axes[0].get_yscale() == "linear"
    assert trajectory_figure(ex, "TNF-alpha", "CSF", log=True).axes[0].get_yscale() == "log"


def test_below_lod_values_are_open_markers_where_the_analysis_put_them() -> None:
    other = other_results()
    d = _data(other, "NfL", "plasma")
    below = d[d["censoring"] == "below"]
    assert len(below) >= 1  # the fixture's premise
    ax = trajectory_figure(other, "NfL", "plasma").axes[0]
    (line,) = _lines(ax, "below-lod-plasma-NfL")
    assert sorted(line.get_ydata()) == pytest.approx(sorted(below["value"]))
    assert to_rgba(line.get_markerfacecolor()) == to_rgba("white")
    assert to_rgba(line.get_markeredgecolor()) != to_rgba("white")
    # the legend says where they are drawn
    svg = svg_text(figure_svg_bytes(ax.figure))
    assert below_lod_plotted(other.config.analysis.below_lod) in svg


def test_no_below_lod_marker_when_none_is_below() -> None:
    ex = example_results()
    d = _data(ex, "TNF-alpha", "CSF")
    assert (d["censoring"] != "below").all()
    ax = trajectory_figure(ex, "TNF-alpha", "CSF").axes[0]
    assert _lines(ax, "below-lod") == []
    assert "Below LOD" not in svg_text(figure_svg_bytes(ax.figure))


def test_x_axis_shows_visit_labels_and_n() -> None:
    ex = example_results()
    fig = trajectory_figure(ex, "TNF-alpha", "CSF")
    text = svg_text(figure_svg_bytes(fig))
    for d in _descriptives(ex, "TNF-alpha", "CSF"):
        assert f"{ex.config.visit(d.visit).label} (n = {d.n})" in text


@pytest.mark.parametrize("results_of", [example_results, other_results])
def test_grid_has_one_panel_per_series_titled_by_label(results_of) -> None:
    results = results_of()
    for family, compartment in sorted({(s.family, s.compartment) for s in results.series}):
        series = [s for s in results.series if s.family == family and s.compartment == compartment]
        fig = trajectory_grid(results, family, compartment)
        panels = [ax for ax in fig.axes if ax.get_visible()]
        assert [ax.get_title(loc="left") for ax in panels] == [s.label for s in series]
        for ax, s in zip(panels, series, strict=False):
            assert _median_line(ax).get_ydata() == pytest.approx(
                [d.median for d in _descriptives(results, s.analyte, s.compartment) if math.isfinite(d.median)])


@pytest.mark.parametrize("results_of", [example_results, other_results])
def test_every_text_is_8_pt(results_of) -> None:
    """One size, the tables' 8 pt, for ticks, n row, legend and axis titles (reader 12b item 7: 7.5 and 8 pt drawn at
    175 mm printed at 7.1 and 7.6 pt)."""
    results = results_of()
    p = results.primary
    for fig in (trajectory_figure(results, p.analyte, p.compartment), trajectory_grid(results, p.family,
                                                                                        p.compartment)):
        fig.draw_without_rendering()
        texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
        assert texts and {t.get_fontsize() for t in texts} == {FONT_PT}


def test_thousands_of_participants_are_one_image_inside_the_vector_figure() -> None:
    """Above DENSE_PARTICIPANTS the lines and dots are rasterised (an 8,000-participant manuscript had six
    5 MB SVGs and a 7-minute PDF); the example's figures stay pure vectors."""
    import dataclasses

    from alsreport.documents.context import figure_svg
    from alsreport.present.figures.trajectories import DENSE_PARTICIPANTS

    results = example_results()
    s = results.series[0]
    copies = DENSE_PARTICIPANTS // 15 + 1
    d = results.analysis_data
    big = pd.concat([d.assign(participant_id=d["participant_id"].astype(str) + f"-{k}") for k in range(copies)],
                    ignore_index=True)
    crowded = dataclasses.replace(results, analysis_data=big)
    fig = trajectory_figure(crowded, s.analyte, s.compartment)
    (lines,) = [c for c in fig.axes[0].collections if (c.get_gid() or "").startswith("participants-")]
    assert len(lines.get_segments()) == 15 * copies > DENSE_PARTICIPANTS
    svg = figure_svg(fig)
    assert 1 <= svg.count("<image") <= 2 and len(svg) < 600_000, (svg.count("<image"), len(svg))
    assert "Median" in svg or "median" in svg  # the text stays text
    small = figure_svg(trajectory_figure(results, s.analyte, s.compartment))
    assert "<image" not in small


def test_y_axis_names_the_series_as_the_caption_does() -> None:
    # "CSF glucose (mg/dL)", as series_title names it in the caption (was "CSF Glucose"; issue #10)
    ex = example_results()
    unit = next(s.unit for s in ex.series if s.analyte == "glucose" and s.compartment == "CSF")
    assert trajectory_figure(ex, "glucose", "CSF").axes[0].get_ylabel() == f"CSF glucose ({unit})"
    assert trajectory_figure(ex, "TNF-alpha", "CSF").axes[0].get_ylabel().startswith("CSF TNF-α (")


def test_crowded_visits_keep_the_n_under_the_month_numbers(tmp_path) -> None:
    # months 0, 1, 2, 3, 6 and 12 are too close for their labels: the months become numbers, each with its
    # n below (the six-visit study had none; issue #10)
    from alsreport import analyze, load_study
    from manuscript_studies import SIX_VISITS, Variant, write_variant

    res = analyze(load_study(write_variant(tmp_path / "six", Variant(visits=SIX_VISITS, missed_visit=("P03", "M2")))))
    ax = trajectory_figure(res, "TNF-alpha", "CSF").axes[0]
    assert ax.get_xlabel() == "Months since baseline (below: n with a value)"
    ns = {d.visit: d.n for d in _descriptives(res, "TNF-alpha", "CSF")}
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        f"{m:g}\n{ns[code]}" for m, code in SIX_VISITS]
    assert ns["M2"] == 11  # P03 missed Month 2: the n differ, so they are read from the data
