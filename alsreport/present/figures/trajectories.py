"""Figure 2: individual trajectories of a series with the median and IQR at each visit.

* one thin grey line per participant with values (all in one ``LineCollection``, so a
  study of thousands draws as fast as a small one; above :data:`DENSE_PARTICIPANTS` the lines and
  dots are rasterised inside the vector figure) (``Results.analysis_data``, i.e. after
  the below-LOD substitution), through the visits where the participant has a value, broken at a visit
  the participant missed (one the series has values at, between their first and last value) and bridged there
  by a dotted line, named in the legend, so a missing sample is seen, never drawn over (issue #10, session 25
  reader: P12's line ran straight from Month 0 to Month 2);
* observed values as small filled dots, values reported below the LOD as open circles
  (drawn where the analysis put them, e.g. LOD/2), above the ULOQ as open triangles;
* the median with its interquartile range at each visit (``Results.descriptives``) as a
  thick coloured line with error bars, drawn exactly at the visit's month; the participants'
  lines and dots are nudged :data:`PARTICIPANT_NUDGE_PT` to its left (a fixed distance on the
  page, whatever the visits' spacing), so the median does not hide them nor they it (issue #10:
  the median markers sat between visits);
* the reference range, when the series has one, as a light band;
* x: the visits' months, labelled with the visits' labels (and ``n`` per visit in the
  single-series figure); y: ``label (unit)``, logarithmic when the values span more than
  1.5 decades (``log=None``).

Nothing is computed here: values come from ``analysis_data``, medians and quartiles
from ``descriptives``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
from matplotlib.transforms import Transform, offset_copy

from alsreport.results.model import Descriptive, Results, Series
from alsreport.study.config import Visit
from alsreport.present.format import below_lod_plotted, count, display_unit, n_eq, series_title
from alsreport.present.figures.style import (
    COLORS,
    FIGURE_MM,
    FONT_PT,
    SINGLE_COLUMN_MM,
    figure_style,
    new_figure,
    plain,
)

__all__ = ["CLEAR_PARTICIPANTS", "DENSE_PARTICIPANTS", "LOG_DECADES", "MISSED_DASH", "MISSED_LABEL", "ending_early", "missed_visits", "PARTICIPANT_NUDGE_PT", "participant_alpha", "trajectory_figure", "trajectory_grid", "series_of", "series_descriptives", "uses_log_scale", "grid_columns"]

#: Values spanning more than this many decades get a logarithmic y axis.
LOG_DECADES = 1.5
_PANEL_H_MM = 44.0
_LEGEND_H_MM = 7.0
#: Above this many participants their lines and dots are drawn as one embedded image (300 dpi) in
#: vector outputs: thousands of lines read as a band anyway, and as vectors they made each SVG
#: megabytes long and the PDF minutes slower. Medians, IQRs, axes and text stay vectors.
DENSE_PARTICIPANTS = 300
#: Up to this many participants their lines are drawn nearly opaque; beyond, fainter in proportion, so that where
#: many overlap reads darker than where few do and the median and IQR stay visible (session 33 user: 2,000 lines drew
#: a solid grey band).
CLEAR_PARTICIPANTS = 30
PARTICIPANT_NUDGE_PT = 2.5
"""The participants' lines and dots are drawn this many points left of their visit's month, where the median
is drawn: a fixed distance on the page, so a 0-1-2-3-6-12-month study's close visits are nudged as little as
a 0-3-month study's (a dodge in months put the medians between visits)."""


#: The line across a visit a participant missed (no sample): dotted, where their solid line stops.
MISSED_DASH = (0, (1.0, 1.6))
MISSED_LABEL = "Line across a missed visit"   # session 32 reviewer: "Across a visit without a value" read awkwardly


def series_of(results: Results, analyte: str, compartment: str) -> Series:
    for s in results.series:
        if s.analyte == analyte and s.compartment == compartment:
            return s
    raise KeyError(f"no series {analyte} in {compartment}")


def _values(results: Results, s: Series) -> pd.DataFrame:
    d = results.analysis_data
    d = d[(d["analyte"] == s.analyte) & (d["compartment"] == s.compartment)]
    if "analysis_set" in d.columns:  # analysis.analysis_set: the participants the statistics use
        d = d[d["analysis_set"].to_numpy(dtype=bool)]
    months = {v.code: v.month for v in results.config.visits}
    order = {v.code: k for k, v in enumerate(results.config.visits)}
    d = d[d["visit"].isin(months)].assign(month=lambda x: x["visit"].map(months),
                                          order=lambda x: x["visit"].map(order))
    d = d[np.isfinite(d["value"].to_numpy(dtype=float, na_value=np.nan))]
    return d.sort_values(["participant_id", "order"], kind="stable")


def ending_early(results: Results, s: Series) -> int:
    """Participants whose line stops before the series' last visit with values (a death, a withdrawal, or samples
    missing at the end): the caption says why a line stops (session 25 six-visit reader)."""
    d = _values(results, s)
    if not len(d):
        return 0
    last = d.groupby("participant_id", sort=False)["order"].max()
    return int((last < d["order"].max()).sum())


def series_descriptives(results: Results, s: Series) -> list[Descriptive]:
    order = {v.code: k for k, v in enumerate(results.config.visits)}
    ds = [d for d in results.descriptives if d.analyte == s.analyte and d.compartment == s.compartment
          and d.visit in order]
    return sorted(ds, key=lambda d: order[d.visit])


def uses_log_scale(values: Sequence[float] | np.ndarray) -> bool:
    """More than :data:`LOG_DECADES` decades between the smallest and largest positive value (all positive)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size < 2 or (v <= 0).any():
        return False
    return bool(math.log10(v.max() / v.min()) > LOG_DECADES)


def _gid(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", "-".join(parts))


def _tick_text(v: float, _pos: object = None) -> str:
    return f"{v:g}".replace("-", "\u2212")


def _draw_series(ax: Axes, results: Results, s: Series, *, log: bool | None, show_n: bool) -> dict[str, bool]:
    """Draw one series into ``ax``; returns which legend entries occur."""
    d = _values(results, s)
    ds = series_descriptives(results, s)
    visits = results.config.visits
    months = [v.month for v in visits]
    span = (max(months) - min(months)) or 1.0
    seen = _draw_participants(ax, d, s)
    med = _draw_medians(ax, ds, visits, s)
    values = d["value"].to_numpy(dtype=float)
    if med:
        values = np.concatenate([values, [m[2] for m in med if math.isfinite(m[2])],
                                 [m[3] for m in med if math.isfinite(m[3])]])
    _value_axis(ax, values, log)
    seen["ref"] = _reference_band(ax, s)
    ax.set_xticks(months)
    labels = [plain(v.label) for v in visits]
    if show_n:
        n_at = {x.visit: x.n for x in ds}
        labels = [f"{lab}\n{n_eq(n_at.get(v.code, 0))}" for lab, v in zip(labels, visits, strict=False)]
    ax.set_xticklabels(labels)
    ax.set_xlim(min(months) - 0.08 * span, max(months) + 0.08 * span)
    ax.tick_params(axis="both", labelsize=FONT_PT)
    ax.spines[["top", "right"]].set_visible(False)
    if not len(d):
        ax.text(0.5, 0.5, "no values", transform=ax.transAxes, ha="center", va="center", fontsize=FONT_PT,
                color=COLORS["reference"], fontstyle="italic")
    return seen


def _after_missed(d: pd.DataFrame) -> np.ndarray:
    """Per row of ``d``: the participant's previous value is more than one visit back, i.e. they missed a visit
    the series has values at (counted over the visits of ``d``, so a visit nobody was sampled at is no gap)."""
    ids = d["participant_id"].to_numpy()
    rank = np.searchsorted(np.unique(d["order"].to_numpy()), d["order"].to_numpy())
    gap = np.zeros(len(d), dtype=bool)
    gap[1:] = (ids[1:] == ids[:-1]) & (np.diff(rank) > 1)
    return gap


def participant_paths(d: pd.DataFrame) -> list[np.ndarray]:
    """Each participant's (month, value) points, in participant order: one polyline each, with a NaN row
    where they missed a visit (:func:`_after_missed`), so the line stops there rather than joining across it.

    ``d`` is sorted by participant and visit (:func:`_values`); the rows are cut where the
    participant changes, so thousands of participants cost one pass and one artist.
    """
    if not len(d):
        return []
    ids = d["participant_id"].to_numpy()
    xy = np.column_stack([d["month"].to_numpy(dtype=float), d["value"].to_numpy(dtype=float)])
    gaps = np.flatnonzero(_after_missed(d))
    cuts = np.flatnonzero(ids[1:] != ids[:-1]) + 1
    # a gap row is never a participant's first, so the gaps before a cut all belong to earlier participants
    return np.split(np.insert(xy, gaps, np.nan, axis=0), cuts + np.searchsorted(gaps, cuts))


def missed_visits(results: Results, s: Series) -> list[np.ndarray]:
    """The dotted segments of ``s``'s figure, one per visit a participant missed between two values."""
    return missed_visit_bridges(_values(results, s))


def missed_visit_bridges(d: pd.DataFrame) -> list[np.ndarray]:
    """The (month, value) pairs either side of each missed visit (:func:`_after_missed`): drawn dotted."""
    if not len(d):
        return []
    xy = np.column_stack([d["month"].to_numpy(dtype=float), d["value"].to_numpy(dtype=float)])
    after = np.flatnonzero(_after_missed(d))
    return [xy[[k - 1, k]] for k in after]


def nudged_left(ax: Axes) -> Transform:
    """``ax``'s data coordinates moved :data:`PARTICIPANT_NUDGE_PT` points left on the page."""
    return offset_copy(ax.transData, fig=ax.get_figure(root=True), x=-PARTICIPANT_NUDGE_PT, y=0.0, units="points")


def participant_alpha(n: int) -> float:
    """The opacity of ``n`` participants' lines: 0.9 up to :data:`CLEAR_PARTICIPANTS`, then falling as 1/n to 0.03."""
    return 0.9 if n <= CLEAR_PARTICIPANTS else max(0.03, 0.9 * CLEAR_PARTICIPANTS / n)


def _draw_participants(ax: Axes, d: pd.DataFrame, s: Series) -> dict[str, bool]:
    """Each participant's line and values (below the LOD open circles, above the ULOQ open triangles), all
    :func:`nudged_left` of their visit. Each artist is added in data coordinates (so the axes' limits are the
    data's) and nudged after."""
    paths = participant_paths(d)
    dense = len(paths) > DENSE_PARTICIPANTS
    alpha = participant_alpha(len(paths))
    drawn = [ax.add_collection(LineCollection(paths, colors=COLORS["participant"], linewidths=0.6, alpha=alpha,
                                              zorder=1, capstyle="round", rasterized=dense,
                                              gid=_gid("participants", s.compartment, s.analyte)))]
    bridges = missed_visit_bridges(d)
    seen = {"below": False, "above": False, "ref": False, "missed": bool(bridges)}
    if bridges:
        drawn.append(ax.add_collection(LineCollection(bridges, colors=COLORS["participant"], linewidths=0.6,
                                                      linestyles=MISSED_DASH, zorder=1, rasterized=dense, alpha=alpha,
                                                      gid=_gid("missed-visit", s.compartment, s.analyte))))
    obs = d[~d["censoring"].isin(["below", "above"])]
    drawn += ax.plot(obs["month"], obs["value"], linestyle="none", marker="o", markersize=2.2,
                     color=COLORS["participant"], zorder=2, rasterized=dense, alpha=min(1.0, alpha / 0.9),
                     gid=_gid("participant-values", s.compartment, s.analyte))
    below = d[d["censoring"] == "below"]
    if len(below):
        seen["below"] = True
        drawn += ax.plot(below["month"], below["value"], linestyle="none", marker="o", markersize=3.4,
                         markerfacecolor="white", markeredgecolor=COLORS["below_lod"], markeredgewidth=0.7,
                         zorder=2, gid=_gid("below-lod", s.compartment, s.analyte), rasterized=dense)
    above = d[d["censoring"] == "above"]
    if len(above):
        seen["above"] = True
        drawn += ax.plot(above["month"], above["value"], linestyle="none", marker="^", markersize=3.6,
                         markerfacecolor="white", markeredgecolor=COLORS["below_lod"], markeredgewidth=0.7,
                         zorder=2, gid=_gid("above-uloq", s.compartment, s.analyte), rasterized=dense)
    for artist in drawn:
        artist.set_transform(nudged_left(ax))
    return seen


def _draw_medians(ax: Axes, ds: list[Descriptive], visits: Sequence[Visit],
                  s: Series) -> list[tuple[float, float, float, float]]:
    """Median with IQR bars at each visit's month; the (month, median, q1, q3) drawn."""
    med = [(next(v.month for v in visits if v.code == x.visit), x.median, x.q1, x.q3) for x in ds
           if math.isfinite(x.median)]
    if med:
        mx = np.array([m[0] for m in med], dtype=float)
        my = np.array([m[1] for m in med])
        lo = np.array([m[1] - m[2] if math.isfinite(m[2]) else 0.0 for m in med])
        hi = np.array([m[3] - m[1] if math.isfinite(m[3]) else 0.0 for m in med])
        ax.errorbar(mx, my, yerr=[np.maximum(lo, 0), np.maximum(hi, 0)], color=COLORS["median"], linewidth=1.8,
                    elinewidth=1.1, capsize=2.2, capthick=1.1, marker="o", markersize=4.0,
                    markeredgecolor="white", markeredgewidth=0.6, zorder=4, gid=_gid("median", s.compartment,
                                                                                      s.analyte))
    return med


def _value_axis(ax: Axes, values: np.ndarray, log: bool | None) -> None:
    """Log scale for values spanning decades (all positive), else linear from zero."""
    use_log = uses_log_scale(values) if log is None else bool(log)
    if use_log and values.size and (values > 0).all():
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(FuncFormatter(_tick_text))
        ax.yaxis.set_minor_formatter(NullFormatter())
    else:
        ax.yaxis.set_major_formatter(FuncFormatter(_tick_text))
        finite = values[np.isfinite(values)]
        if finite.size and finite.min() >= 0:
            ax.set_ylim(bottom=0, top=finite.max() * 1.06 if finite.max() > 0 else 1)


def _reference_band(ax: Axes, s: Series) -> bool:
    """The laboratory's reference range as a grey band (True when drawn)."""
    if not (math.isfinite(s.ref_low) or math.isfinite(s.ref_high)):
        return False
    lo_, hi_ = ax.get_ylim()
    a = s.ref_low if math.isfinite(s.ref_low) else lo_
    b = s.ref_high if math.isfinite(s.ref_high) else hi_
    ax.axhspan(a, b, color=COLORS["grid"], zorder=0, linewidth=0)
    ax.set_ylim(lo_, hi_)
    return True


def _legend_handles(results: Results, seen: dict[str, bool]) -> list:
    handles = [Line2D([], [], color=COLORS["participant"], linewidth=0.8, marker="o", markersize=2.2,
                      label="Participant")]
    if seen.get("missed"):
        handles.append(Line2D([], [], color=COLORS["participant"], linewidth=0.8, linestyle=MISSED_DASH,
                              label=MISSED_LABEL))
    if seen.get("below"):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=3.4, markerfacecolor="white",
                              markeredgecolor=COLORS["below_lod"], markeredgewidth=0.7,
                              label=f"Below LOD ({below_lod_plotted(results.config.analysis.below_lod)})"))
    if seen.get("above"):
        handles.append(Line2D([], [], linestyle="none", marker="^", markersize=3.6, markerfacecolor="white",
                              markeredgecolor=COLORS["below_lod"], markeredgewidth=0.7, label="Above ULOQ"))
    handles.append(Line2D([], [], color=COLORS["median"], linewidth=1.8, marker="o", markersize=4.0,
                          markeredgecolor="white", label="Median [IQR]"))   # as the tables write it (session 32 reviewer)
    if seen.get("ref"):
        handles.append(Patch(facecolor=COLORS["grid"], edgecolor="none", label="Reference range"))
    return handles


def _ylabel(s: Series, with_compartment: bool) -> str:
    unit = display_unit(s.unit)
    # "CSF TNF-α", "CSF glucose", "Plasma NfL": named as in the caption, capitalised at the start.
    name = series_title(s.compartment, s.label, start=True) if with_compartment else s.label
    return plain(f"{name} ({unit})" if unit else name)


def trajectory_figure(results: Results, analyte: str, compartment: str, *, log: bool | None = None,
                      width_mm: float = FIGURE_MM, height_mm: float = 75.0) -> Figure:
    """Figure 2: every participant's values of one series over the visits, with median and IQR.

    ``log``: None chooses a log axis when the values span more than :data:`LOG_DECADES` decades. Drawn for the
    reports' text width (:data:`~alsreport.present.figures.style.FIGURE_MM`; issue #10: at 85 mm it filled half
    the PDF's text width), every text in :data:`~alsreport.present.figures.style.FONT_PT`, as printed.
    """
    s = series_of(results, analyte, compartment)
    with figure_style():
        fig = new_figure(width_mm, height_mm, layout="constrained")
        ax = fig.add_subplot()
        seen = _draw_series(ax, results, s, log=log, show_n=True)
        n_at = {x.visit: x.n for x in series_descriptives(results, s)}
        ax.set_ylabel(_ylabel(s, with_compartment=True), fontsize=FONT_PT)
        handles = _legend_handles(results, seen)
        fig.legend(handles=handles, loc="outside upper center", ncols=min(len(handles), 2 if len(handles) > 3
                                                                          else 3),
                   fontsize=FONT_PT, frameon=False, handlelength=1.8, columnspacing=1.2)
        _declutter(fig, [ax], counts=[[n_at.get(v.code, 0) for v in results.config.visits]])
    return fig


def grid_columns(n: int) -> int:
    """Columns of a small-multiples grid of ``n`` panels: 1, 2 (2 or 4 panels) or 3."""
    if n <= 1:
        return 1
    if n in (2, 4):
        return 2
    return 3


def trajectory_grid(results: Results, family: str, compartment: str | None = None, *,
                    log: bool | None = None) -> Figure:
    """Small multiples: one trajectory panel per series of ``family`` (in ``compartment``, or all).

    Panels share the x axis (visits) and have their own y axis (units differ).
    """
    series = [s for s in results.series if s.family == family and (compartment is None or s.compartment == compartment)]
    if not series:
        raise KeyError(f"no {family} series" + (f" in {compartment}" if compartment else ""))
    n = len(series)
    ncols = grid_columns(n)
    nrows = math.ceil(n / ncols)
    width = SINGLE_COLUMN_MM if ncols == 1 else FIGURE_MM
    with figure_style():
        fig = new_figure(width, nrows * _PANEL_H_MM + _LEGEND_H_MM, layout="constrained")
        axes = fig.subplots(nrows, ncols, sharex=True, squeeze=False)
        seen: dict[str, bool] = {}
        used: list[Axes] = []
        for k, s in enumerate(series):
            ax = axes[k // ncols][k % ncols]
            got = _draw_series(ax, results, s, log=log, show_n=False)
            seen = {key: seen.get(key, False) or got[key] for key in got}
            title = series_title(s.compartment if compartment is None else "", s.label, start=True)
            ax.set_title(plain(title), fontsize=FONT_PT, fontweight="bold", loc="left", pad=3)
            unit = display_unit(s.unit)
            if unit:
                ax.set_ylabel(plain(unit), fontsize=FONT_PT)
            used.append(ax)
        for k in range(n, nrows * ncols):
            axes[k // ncols][k % ncols].set_visible(False)
        # A panel with no panel below it shows its own x tick labels.
        for k, ax in enumerate(used):
            if k + ncols >= n:
                ax.tick_params(axis="x", labelbottom=True)
        handles = _legend_handles(results, seen)
        fig.legend(handles=handles, loc="outside upper center", ncols=len(handles), fontsize=FONT_PT,
                   frameon=False, handlelength=1.8, columnspacing=1.5)
        _declutter(fig, used)
    return fig


def _overlap(ax: Axes, renderer) -> bool:
    """Two neighbouring x tick labels closer than half an em (they read as one: "(n = 12)(n = 12)")."""
    labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
    gap = 0.5 * max((t.get_fontsize() for t in labels), default=0.0) * ax.get_figure(root=True).dpi / 72
    return any(a.x1 + gap > b.x0 for a, b in zip(boxes[:-1], boxes[1:], strict=True))


def _declutter(fig: Figure, axes: Sequence[Axes], counts: Sequence[Sequence[int] | None] = ()) -> None:
    """X tick labels that never overlap: visit labels; rotated if neighbours would collide; and, when the
    visits are still too close (e.g. months 0, 1, 2, 3, 6, 12), the months as numbers under an axis title.
    ``counts`` (per axis, per visit): the n under each visit, kept under the month numbers too (a bare
    number under each month, named by the axis title), left out only when even those would collide."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    for k, ax in enumerate(axes):
        if not _overlap(ax, renderer):
            continue
        for t in ax.get_xticklabels():
            t.set_rotation(35)
            t.set_horizontalalignment("right")
            t.set_rotation_mode("anchor")
        fig.draw_without_rendering()
        if _overlap(ax, renderer):
            _month_numbers(fig, ax, renderer, counts[k] if k < len(counts) else None)
    fig.draw_without_rendering()


def _month_numbers(fig: Figure, ax: Axes, renderer, ns: Sequence[int] | None) -> None:
    """The months as numbers under ``Months since baseline``, each with its n below when given and room."""
    months = [f"{m:g}" for m in ax.get_xticks()]
    if ns is not None:
        ax.set_xticklabels([f"{m}\n{count(n)}" for m, n in zip(months, ns, strict=True)], rotation=0, ha="center")
        ax.set_xlabel("Months since baseline (below: n with a value)", fontsize=FONT_PT)
        fig.draw_without_rendering()
        if not _overlap(ax, renderer):
            return
    ax.set_xticklabels(months, rotation=0, ha="center")
    ax.set_xlabel("Months since baseline", fontsize=FONT_PT)
