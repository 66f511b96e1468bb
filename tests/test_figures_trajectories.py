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
from alsreport.present.figures.trajectories import LOG_DECADES, MISSED_LABEL, PARTICIPANT_NUDGE_PT, uses_log_scale
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
    # drawn exactly at each visit's month (issue #10: the medians sat between visits)
    assert list(np.asarray(line.get_xdata(), dtype=float)) == [months[d.visit] for d in ds]
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


def _six_visit_results(tmp_path):
    from alsreport import analyze, load_study
    from manuscript_studies import SIX_VISITS, Variant, write_variant

    return analyze(load_study(write_variant(tmp_path / "six", Variant(visits=SIX_VISITS,
                                                                     missed_visit=("P03", "M2")))))


def _display_x(artist, xy: np.ndarray) -> np.ndarray:
    return artist.get_transform().transform(np.asarray(xy, dtype=float))[:, 0]


@pytest.mark.parametrize("study", ["example", "six visits"])
def test_medians_sit_on_the_visit_and_participants_a_fixed_nudge_left(study: str, tmp_path) -> None:
    """The median marker's x on the page is its visit tick's x; every participant line vertex and dot is
    PARTICIPANT_NUDGE_PT points left of it, for 0-1-2-3 months as for 0-1-2-3-6-12 (issue #10)."""
    results = example_results() if study == "example" else _six_visit_results(tmp_path)
    p = results.primary
    fig = trajectory_figure(results, p.analyte, p.compartment)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    months = {v.code: v.month for v in results.config.visits}
    ticks = {m: ax.transData.transform((m, 1.0))[0] for m in months.values()}
    assert [t.get_loc() for t in ax.xaxis.get_major_ticks()] == list(ticks)
    line = _median_line(ax)
    median_x = _display_x(line, np.column_stack([line.get_xdata(), line.get_ydata()]))
    ds = [d for d in _descriptives(results, p.analyte, p.compartment) if math.isfinite(d.median)]
    assert median_x == pytest.approx([ticks[months[d.visit]] for d in ds])
    nudge = PARTICIPANT_NUDGE_PT * fig.dpi / 72  # points to pixels
    (lines,) = [c for c in ax.collections if c.get_gid() == f"participants-{p.compartment}-{p.analyte}"]
    d = _data(results, p.analyte, p.compartment)
    (dots,) = _lines(ax, f"participant-values-{p.compartment}-{p.analyte}")
    drawn = [(_display_x(lines, seg), seg[:, 0]) for seg in lines.get_segments()]
    drawn.append((_display_x(dots, np.column_stack([dots.get_xdata(), dots.get_ydata()])), dots.get_xdata()))
    assert sum(len(x) for x, _ in drawn) == 2 * len(d)  # every value is a vertex and a dot
    for x, month in drawn:
        assert x == pytest.approx([ticks[m] - nudge for m in month])


def test_the_svg_draws_the_iqr_on_the_tick_and_the_participants_2_5_pt_left() -> None:
    """What the reports embed: in the SVG (1 unit = 1 pt) the IQR bars' x equal the x ticks' and the first
    participant's line starts 2.5 pt left of the first tick."""
    import re

    results = example_results()
    p = results.primary
    svg = figure_svg_bytes(trajectory_figure(results, p.analyte, p.compartment)).decode()
    group = svg[svg.index(f'id="median-{p.compartment}-{p.analyte}"'):]
    bars = [float(x) for x in re.findall(r'<path d="M ([0-9.]+) [0-9.]+\s+L \1 ', group)][:len(results.config.visits)]
    ticks = []
    for k in range(1, len(results.config.visits) + 1):
        tick = svg[svg.index(f'id="xtick_{k}"'):]
        ticks.append(float(re.search(r'<use [^>]* x="([0-9.]+)"', tick).group(1)))
    assert bars == pytest.approx(ticks, abs=1e-3)
    first = svg[svg.index(f'id="participants-{p.compartment}-{p.analyte}"'):]
    assert float(re.search(r'<path d="M ([0-9.]+) ', first).group(1)) == pytest.approx(ticks[0] - 2.5, abs=1e-3)


def test_a_missed_visit_breaks_the_participants_line_and_a_dotted_line_bridges_it() -> None:
    """Issue #10, session 25 reader: P12 misses Month 1 and P09 Month 2 in the example, yet their lines ran straight
    across, hiding the missing sample. Now each line has a NaN vertex at the missed visit (matplotlib stops the line
    there), a dotted segment joins the values either side, and the legend names it."""
    results = example_results()
    p = results.primary
    raw = results.analysis_data
    raw = raw[(raw["analyte"] == p.analyte) & (raw["compartment"] == p.compartment)]
    missed = raw[~np.isfinite(raw["value"].to_numpy(dtype=float))]
    assert sorted(zip(missed["participant_id"], missed["visit"], strict=True)) == [("P09", "M2"), ("P12", "M1")]
    fig = trajectory_figure(results, p.analyte, p.compartment)
    ax = fig.axes[0]
    (lines,) = [c for c in ax.collections if c.get_gid() == f"participants-{p.compartment}-{p.analyte}"]
    d = _data(results, p.analyte, p.compartment)
    pids = sorted(d["participant_id"].unique())
    months = {v.code: v.month for v in results.config.visits}
    # the paths' own vertices (get_segments() leaves NaN vertices out)
    paths = dict(zip(pids, (path.vertices for path in lines.get_paths()), strict=True))
    for pid, gap_after, gap_before in (("P12", "M0", "M2"), ("P09", "M1", "M3")):
        seg = paths[pid]
        (k,) = np.flatnonzero(np.isnan(seg[:, 1]))
        assert seg[k - 1, 0] == months[gap_after] and seg[k + 1, 0] == months[gap_before]
    assert all(not np.isnan(seg).any() for pid, seg in paths.items() if pid not in ("P09", "P12"))
    (dotted,) = [c for c in ax.collections if c.get_gid() == f"missed-visit-{p.compartment}-{p.analyte}"]
    value = {(r.participant_id, r.visit): r.value for r in d.itertuples()}
    drawn = sorted(tuple(map(tuple, seg)) for seg in dotted.get_segments())
    assert drawn == sorted((((months[a], value[(pid, a)]), (months[b], value[(pid, b)])))
                           for pid, a, b in (("P12", "M0", "M2"), ("P09", "M1", "M3")))
    assert dotted.get_linestyle()[0][1] is not None    # dashed, not solid
    assert MISSED_LABEL in [t.get_text() for t in fig.legends[0].get_texts()]


def test_a_participant_who_stops_early_has_no_gap_nor_dotted_line() -> None:
    """The second study's Q12 has no Week 24 value (their last visit is Week 12): nothing was missed between
    values, so their line is whole and the figure has no dotted line nor its legend entry."""
    results = other_results()
    d = _data(results, "NfL", "plasma")
    assert list(d.loc[d["participant_id"] == "Q12", "visit"]) == ["V0", "W12"]  # the premise
    fig = trajectory_figure(results, "NfL", "plasma")
    (lines,) = [c for c in fig.axes[0].collections if c.get_gid() == "participants-plasma-NfL"]
    assert not any(np.isnan(path.vertices).any() for path in lines.get_paths())
    assert not [c for c in fig.axes[0].collections if (c.get_gid() or "").startswith("missed-visit-")]
    assert MISSED_LABEL not in [t.get_text() for t in fig.legends[0].get_texts()]


def test_many_participants_lines_grow_fainter_so_density_and_the_median_show(tmp_path) -> None:
    """Session 33 user: 2,000 participants' lines at the opacity of 15 drew a solid grey band."""
    from alsreport import analyze, load_study
    from alsreport.present.figures.trajectories import CLEAR_PARTICIPANTS, participant_alpha
    from manuscript_studies import Variant, write_variant

    assert participant_alpha(15) == participant_alpha(CLEAR_PARTICIPANTS) == 0.9
    assert participant_alpha(300) == pytest.approx(0.09) and participant_alpha(2000) == 0.03
    many = analyze(load_study(write_variant(tmp_path / "many", Variant(n=75))))
    fig = trajectory_figure(many, "TNF-alpha", "CSF")
    (lines,) = [c for c in fig.axes[0].collections if c.get_gid() == "participants-CSF-TNF-alpha"]
    assert len(lines.get_paths()) == 75 and lines.get_alpha() == pytest.approx(0.9 * 30 / 75)
    (lines,) = [c for c in trajectory_figure(example_results(), "TNF-alpha", "CSF").axes[0].collections
                if c.get_gid() == "participants-CSF-TNF-alpha"]
    assert lines.get_alpha() == 0.9   # the example's 15 as before
