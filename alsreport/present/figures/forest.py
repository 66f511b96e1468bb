"""Figure 3: a forest plot of the change from baseline for every analyte of one family and compartment.

One row per series (study.yml order), top to bottom::

    Analyte   ──■──┼────────   Change, % (95% CI)    n    p      p (Holm)
    TNF-α       ■──┤           −1.91 (−2.51 to −1.11) 15  0.001  0.007
    IL-6           ├─□─        …

* The point and whiskers are the Hodges–Lehmann estimate of the paired change and its
  confidence interval (``Comparison.estimate``, ``Comparison.ci``, Wilcoxon, the final
  contrast by default) **divided by the baseline median** (``Results.descriptives``)
  and shown as a percentage. Analytes differ in units, so this relative scale puts
  them on one axis. It is a display transformation of results' numbers, not a
  statistic: the interval is the HL interval rescaled, nothing is re-estimated. The
  change in the analyte's own unit is printed beside the axis.
* Raw p and the adjusted p ``analysis.adjust`` chooses (``Comparison.pvalue``,
  :meth:`~alsreport.results.model.Results.adjusted_p`: Holm by default, Benjamini–Hochberg,
  or no second column when unadjusted) as text columns, formatted by
  :func:`~alsreport.present.format.p_value`.
* That p below the study's alpha: a filled vermilion square and a bold
  p; otherwise an open black square (colour is never the only cue). The primary endpoint's marker and bold p follow
  the p that judges it (:mod:`alsreport.results.judgement`: unadjusted by default), and the legend then says
  ``p < 0.05 (primary endpoint unadjusted; others Holm-adjusted)``
  (:func:`~alsreport.present.significance.legend_basis`).
* A series without an estimate (no comparison, too few pairs, all differences zero,
  baseline median not positive) keeps its row, with "not estimable" and the reason in
  a lettered footnote.

Everything is placed in points at the printed size: text is measured with the Agg
renderer, columns are as wide as their widest text, the axis gets what is left.
Artists carry gids (``forest-point-<analyte>``, ``forest-ci-<analyte>``,
``forest-p-<analyte>``, ``forest-pholm-<analyte>``, ``forest-note-<analyte>``, …).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from alsreport.present.adjustment import adjustment
from alsreport.present.significance import legend_basis, marked_on_raw_p, primary_note
from alsreport.results.judgement import judged_significant
from alsreport.results.model import Comparison, Results, Series
from alsreport.present.format import (
    PERCENT_DECIMALS,
    ci,
    contrast_visits,
    count,
    decimals_for,
    number,
    p_value,
    percent,
    series_decimals,
    visit_label,
)
from alsreport.present.figures.style import (
    COLORS,
    FIGURE_MM,
    FONT_FAMILY,
    FONT_PT,
    MM,
    figure_style,
    new_figure,
    wrap_text,
)

__all__ = ["ForestRow", "forest_rows", "forest_figure", "forest_contrast", "change_text", "forest_series", "legend_marks",
           "NOT_ESTIMABLE"]

NOT_ESTIMABLE = "not estimable"

# Geometry, in points at the printed size.
_MARGIN = 4.0         # more than savefig.pad_inches, so a tight bounding box never crops
_PITCH = 15.0          # row height
_COL_SEP = 14.0        # between text columns
_AXIS_GAP = 10.0       # label column → axis, axis → first text column
_MIN_AXIS = 110.0      # narrower than this: the change column is left out
_HEAD_GAP = 4.0        # header text → first row
_TITLE_GAP = 5.0
_LEGEND_GAP = 7.0
_NOTE_GAP = 2.0
_LABELPAD = 4.0
_MARKER = 4.6          # marker size (points)
_SUPERSCRIPTS = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"
_LETTERS = "abcdefghijklmnoprstuvwxyz"


@dataclass(frozen=True)
class ForestRow:
    """One row of the forest plot: a series, its comparison and the relative change drawn."""

    series: Series
    comparison: Comparison | None
    baseline_median: float
    relative: float
    """``100 × estimate / baseline median`` (NaN when not estimable)."""
    relative_low: float
    relative_high: float
    significant: bool
    """The p that judges the test below the study's alpha (:mod:`alsreport.results.judgement`: the adjusted p
    of ``analysis.adjust``; the primary endpoint's unadjusted p by default)."""
    note: str | None = None
    """Why the row has no point (None when it has one)."""
    on_raw_p: bool = False
    """The row is judged on its unadjusted p (the primary endpoint): that p is bold, not the adjusted one."""

    @property
    def estimable(self) -> bool:
        return self.note is None


def forest_contrast(results: Results, contrast: str | None = None) -> str:
    """The contrast shown: ``contrast``, else the study's final contrast (as Table 2 and ``Results.comparison``)."""
    return contrast or results.config.final_contrast


def forest_series(results: Results, family: str, compartment: str) -> list[Series]:
    """The series of ``family`` in ``compartment``, in study.yml's analyte order."""
    rank = {name: i for i, name in enumerate(results.config.analyte_names)}
    chosen = [s for s in results.series if s.family == family and s.compartment == compartment]
    return sorted(chosen, key=lambda s: rank.get(s.analyte, len(rank)))


def _baseline_median(results: Results, s: Series, visit: str) -> float:
    for d in results.descriptives:
        if d.analyte == s.analyte and d.compartment == s.compartment and d.visit == visit:
            return float(d.median)
    return math.nan


def forest_rows(results: Results, family: str, compartment: str, contrast: str | None = None) -> list[ForestRow]:
    """The rows of :func:`forest_figure`: results' numbers and their display transformation (% of baseline median)."""
    contrast = forest_contrast(results, contrast)
    _, base = contrast_visits(results.config, contrast)
    rows: list[ForestRow] = []
    for s in forest_series(results, family, compartment):
        med = _baseline_median(results, s, base)
        try:
            c: Comparison | None = results.comparison(s.analyte, s.compartment, contrast)
        except KeyError:
            c = None
        nan = math.nan
        if c is None:
            rows.append(ForestRow(s, None, med, nan, nan, nan, False, "not tested at this contrast"))
            continue
        significant = judged_significant(results, c)
        if not math.isfinite(c.estimate):
            why = c.reason or "no Hodges–Lehmann estimate"
            rows.append(ForestRow(s, c, med, nan, nan, nan, significant, why))
            continue
        if not (math.isfinite(med) and med > 0):
            why = ("no baseline median" if not math.isfinite(med)
                   else f"baseline median {number(med, decimals_for([med]))}, no relative scale")
            rows.append(ForestRow(s, c, med, nan, nan, nan, significant, why))
            continue
        k = 100.0 / med
        low = c.ci.low * k if c.ci is not None and math.isfinite(c.ci.low) else nan
        high = c.ci.high * k if c.ci is not None and math.isfinite(c.ci.high) else nan
        rows.append(ForestRow(s, c, med, c.estimate * k, low, high, significant))
    return [replace(r, on_raw_p=True) if marked_on_raw_p(results, r.comparison) else r for r in rows]


# Text helpers ---------------------------------------------------------------------------

def _gid(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", "-".join(parts))


class _Measure:
    """Text extents in points, from the figure's Agg renderer."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.renderer = fig.canvas.get_renderer()
        self._probe = Text(0, 0, "", figure=fig, family=FONT_FAMILY, parse_math=False)
        self._cache: dict[tuple[str, float, str, str], tuple[float, float]] = {}

    def extent(self, text: str, size: float, weight: str = "normal", style: str = "normal") -> tuple[float, float]:
        key = (text, size, weight, style)
        if key not in self._cache:
            self._probe.set_text(text)
            self._probe.set_fontsize(size)
            self._probe.set_fontweight(weight)
            self._probe.set_fontstyle(style)
            bb = self._probe.get_window_extent(self.renderer)
            k = 72.0 / self.fig.dpi
            self._cache[key] = (bb.width * k, bb.height * k)
        return self._cache[key]

    def width(self, text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
        return self.extent(text, size, weight, style)[0]


def _tick_text(v: float, _pos: object = None) -> str:
    text = f"{v:g}"
    return "0" if text in ("-0", "0") else text.replace("-", "\u2212")


def change_text(row: ForestRow) -> str:
    """The drawn change, printed on the drawn scale: ``−21.4% (−28.3 to −12.0)`` of the baseline median.

    Every row with the same digits, as every percentage of the tables (:func:`~alsreport.present.format.percent`,
    one decimal; issue #10: rows printed "−2% (−19 to 7)" beside "−1.8% (−5.2 to 7.2)")."""
    if not row.estimable or not math.isfinite(row.relative):
        return "—"
    text = percent(row.relative)
    if math.isfinite(row.relative_low) and math.isfinite(row.relative_high):
        text += f" ({ci(row.relative_low, row.relative_high, PERCENT_DECIMALS)})"
    return text


def _join_parts(parts: list[str], max_width: float, width: Callable[[str], float]) -> list[str]:
    """Lines of ``parts`` joined greedily (a part is split only when it alone is too wide)."""
    lines: list[str] = []
    for part in parts:
        trial = f"{lines[-1]} {part}" if lines else part
        if lines and width(trial) <= max_width:
            lines[-1] = trial
        else:
            lines.extend(wrap_text(part, max_width, width))
    return lines


#: The share of the figure's width an analyte label may take before it is shortened.
_MAX_LABEL_SHARE = 1 / 3


def _fit(text: str, max_width: float, width: Callable[[str], float]) -> str:
    """``text``, or its longest prefix that fits ``max_width`` followed by an ellipsis."""
    if width(text) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width(text[:mid].rstrip() + "…") <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _title(results: Results, family: str, compartment: str) -> str:
    label = results.config.family_label(family)
    return f"{label[:1].upper()}{label[1:]} markers, {compartment}"


# Drawing --------------------------------------------------------------------------------

@dataclass
class _Column:
    key: str
    header: str
    cells: list[str]
    align: str  # "left" or "right"
    width: float = 0.0
    x: float = 0.0   # left edge, points


@dataclass(frozen=True)
class _Across:
    """Horizontal layout, points from the left: label column, axis, text columns."""

    width: float
    label_w: float
    ax_x: float
    ax_w: float
    cols: list[_Column]
    labels: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Down:
    """Vertical layout, points from the top."""

    title: str
    y_title: float
    y_head: float
    ax_top: float
    ax_h: float
    xlabel: str
    y_legend: float
    legend_h: float
    notes: list[tuple[str, float]]
    """Wrapped footnote text and its top."""
    total: float


class _Canvas:
    """Draws on ``fig`` in points from the top-left corner (figure fractions underneath)."""

    def __init__(self, fig: Figure, width: float, total: float) -> None:
        self.fig, self.width, self.total = fig, width, total
        # Figure fractions (transFigure), not inches: a tight bounding box shifts transFigure only.
        self.tr = fig.transFigure

    def pt(self, x: float, y: float) -> tuple[float, float]:
        """Points from the top-left corner → figure fractions."""
        return x / self.width, (self.total - y) / self.total

    def text(self, s: str, x: float, y: float, gid: str, **kw) -> Text:
        kw.setdefault("fontsize", FONT_PT)
        return self.fig.text(*self.pt(x, y), s, transform=self.tr, family=FONT_FAMILY, color=COLORS["text"],
                             parse_math=False, gid=gid, **kw)


def _reason_marks(rows: list[ForestRow]) -> tuple[list[str], dict[str, str]]:
    """The reasons of the rows without a point, in order, and the footnote letter of each."""
    reasons: list[str] = []
    for r in rows:
        if r.note is not None and r.note not in reasons:
            reasons.append(r.note)
    return reasons, {why: _SUPERSCRIPTS[i % len(_SUPERSCRIPTS)] for i, why in enumerate(reasons)}


def _columns(rows: list[ForestRow], m: _Measure, decimals: dict[tuple[str, str], int], level_text: str,
             with_change: bool, adjusted: tuple[str, list[str]] | None) -> list[_Column]:
    """The text columns right of the axis, each as wide as its widest (bold) text."""
    cols: list[_Column] = []
    if with_change:
        # printed on the drawn scale (% of the baseline median); native units are in the biomarker tables
        cols.append(_Column("change", f"Change, % ({level_text} CI)", [change_text(r) for r in rows], "left"))
    cols.append(_Column("n", "n", [count(r.comparison.n) if r.comparison else "—" for r in rows], "right"))
    cols.append(_Column("p", "p", [p_value(r.comparison.pvalue) if r.comparison else "—" for r in rows], "right"))
    if adjusted is not None:  # gid forest-pholm-<analyte> whichever adjustment it shows
        cols.append(_Column("pholm", adjusted[0], adjusted[1], "right"))
    for col in cols:
        col.width = max([m.width(col.header, FONT_PT, "bold")] + [m.width(t, FONT_PT, "bold") for t in col.cells])
    return cols


def _across(results: Results, rows: list[ForestRow], m: _Measure, width_mm: float, show_change: bool | None,
            level_text: str) -> _Across:
    W = width_mm * MM * 72
    decimals = series_decimals(results)
    # A long analyte label is shortened with an ellipsis to a third of the width at most (never an error).
    labels = [_fit(r.series.label, W * _MAX_LABEL_SHARE, lambda s: m.width(s, FONT_PT)) for r in rows]
    label_w = max([m.width(t, FONT_PT) for t in labels] + [m.width("Analyte", FONT_PT, "bold")])

    def axis_width(cols: list[_Column]) -> float:
        table = sum(c.width for c in cols) + _COL_SEP * (len(cols) - 1)
        return W - 2 * _MARGIN - label_w - 2 * _AXIS_GAP - table

    adj = adjustment(results.config)
    adjusted = (f"p ({adj.short})", [p_value(results.adjusted_p(r.comparison)) if r.comparison else "—"
                                     for r in rows]) if adj.any else None
    cols = _columns(rows, m, decimals, level_text, show_change is not False, adjusted)
    if show_change is None and axis_width(cols) < _MIN_AXIS:
        cols = _columns(rows, m, decimals, level_text, False, adjusted)
    ax_w = axis_width(cols)
    if ax_w < 40:
        raise ValueError(f"{width_mm} mm is too narrow for this forest plot; use {FIGURE_MM:.1f} mm")
    ax_x = _MARGIN + label_w + _AXIS_GAP
    x = ax_x + ax_w + _AXIS_GAP
    for col in cols:
        col.x = x
        x += col.width + _COL_SEP
    return _Across(W, label_w, ax_x, ax_w, cols, labels)


def _down(title: str, n: int, m: _Measure, h: _Across, xlabel_parts: list[str], notes: list[str],
          legend_lines: int) -> _Down:
    W = h.width
    title_h = m.extent(title, FONT_PT, "bold")[1]
    head_h = m.extent("Analyte p (Holm)", FONT_PT, "bold")[1]
    y_title = _MARGIN
    y_head = y_title + title_h + _TITLE_GAP
    ax_top = y_head + head_h + _HEAD_GAP
    ax_h = n * _PITCH
    # Below the rows nothing else is drawn: the axis label may be wider than the axis (centred on it).
    centre = h.ax_x + h.ax_w / 2
    xlabel_w = max(h.ax_w, 2 * min(centre - _MARGIN, W - _MARGIN - centre))
    xlabel = "\n".join(_join_parts(xlabel_parts, xlabel_w, lambda s: m.width(s, FONT_PT)))
    tick_h = m.extent("0123456789", FONT_PT)[1]
    deco = 3.0 + 2.5 + tick_h + _LABELPAD + m.extent(xlabel, FONT_PT)[1]
    y_legend = ax_top + ax_h + deco + _LEGEND_GAP
    legend_h = legend_lines * m.extent("Holm", FONT_PT)[1] + max(legend_lines - 1, 0) * _NOTE_GAP
    note_width = W - 2 * _MARGIN
    y = y_legend + legend_h + (_NOTE_GAP + 2.0 if legend_lines else 0.0)
    placed: list[tuple[str, float]] = []
    for t in notes:
        wrapped = "\n".join(wrap_text(t, note_width, lambda s: m.width(s, FONT_PT)))
        placed.append((wrapped, y))
        y += m.extent(wrapped, FONT_PT)[1] + _NOTE_GAP
    return _Down(title, y_title, y_head, ax_top, ax_h, xlabel, y_legend, legend_h, placed, y + _MARGIN)


def _draw_frame(c: _Canvas, n: int, h: _Across, v: _Down) -> None:
    """Row stripes (behind everything), the title and the column headers."""
    for i in range(0, n, 2):
        x0, y0 = c.pt(_MARGIN, v.ax_top + (i + 1) * _PITCH)
        c.fig.add_artist(Rectangle((x0, y0), (h.width - 2 * _MARGIN) / h.width, _PITCH / v.total, transform=c.tr,
                                   facecolor="#F3F3F3", edgecolor="none", zorder=0, gid=f"forest-stripe-{i}"))
    c.text(v.title, _MARGIN, v.y_title, "forest-title", ha="left", va="top", fontweight="bold")
    c.text("Analyte", _MARGIN, v.y_head, "forest-header-analyte", ha="left", va="top", fontweight="bold")
    for col in h.cols:
        hx = col.x if col.align == "left" else col.x + col.width
        c.text(col.header, hx, v.y_head, f"forest-header-{col.key}", ha=col.align, va="top", fontweight="bold")


def _draw_axis(c: _Canvas, rows: list[ForestRow], h: _Across, v: _Down) -> Axes:
    """The axis of relative change: zero line, limits with 8% air, ticks about 30 pt apart, label."""
    n, W, total = len(rows), h.width, v.total
    ax: Axes = c.fig.add_axes((h.ax_x / W, (total - v.ax_top - v.ax_h) / total, h.ax_w / W, v.ax_h / total))
    ax.patch.set_visible(False)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_yticks([])
    ax.spines[["left", "right", "top"]].set_visible(False)
    ax.axvline(0, color=COLORS["reference"], linewidth=0.7, linestyle=(0, (3, 2)), zorder=1, gid="forest-zero")
    values = [x for r in rows for x in (r.relative, r.relative_low, r.relative_high) if math.isfinite(x)]
    lo, hi = min(values + [0.0]), max(values + [0.0])
    span = (hi - lo) or 10.0
    ax.set_xlim(lo - 0.08 * span, hi + 0.08 * span)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=max(3, int(h.ax_w // 30)), steps=[1, 2, 2.5, 5, 10],
                                           min_n_ticks=3))
    ax.xaxis.set_major_formatter(FuncFormatter(_tick_text))
    ax.tick_params(axis="x", labelsize=FONT_PT, length=3.0, pad=2.5)
    ax.set_xlabel(v.xlabel, fontsize=FONT_PT, labelpad=_LABELPAD, linespacing=1.2)
    ax.set_xlim(lo - 0.08 * span, hi + 0.08 * span)
    return ax


def _draw_point(ax: Axes, i: int, r: ForestRow, colour: str) -> None:
    a = r.series.analyte
    if math.isfinite(r.relative_low) and math.isfinite(r.relative_high):
        ax.plot([r.relative_low, r.relative_high], [i, i], color=colour, linewidth=1.1,
                solid_capstyle="butt", zorder=2, gid=_gid("forest-ci", a))
        ax.plot([r.relative_low, r.relative_high], [i, i], linestyle="none", marker="|",
                markersize=4.0, markeredgewidth=1.1, color=colour, zorder=2, gid=_gid("forest-cap", a))
    ax.plot([r.relative], [i], linestyle="none", marker="s", markersize=_MARKER,
            markerfacecolor=colour if r.significant else "white", markeredgecolor=colour,
            markeredgewidth=1.0, zorder=3, gid=_gid("forest-point", a))


def _draw_rows(c: _Canvas, ax: Axes, rows: list[ForestRow], h: _Across, v: _Down, mark: dict[str, str]) -> None:
    """Per row: the label, the point and interval (or "not estimable" with its letter), the text columns."""
    for i, r in enumerate(rows):
        a = r.series.analyte
        colour = COLORS["significant"] if r.significant else COLORS["not_significant"]
        yrow = v.ax_top + (i + 0.5) * _PITCH
        c.text(h.labels[i], _MARGIN, yrow, _gid("forest-label", a), ha="left", va="center_baseline")
        if r.estimable:
            _draw_point(ax, i, r, colour)
        else:
            assert r.note is not None
            ax.text(0.02, i, f"{NOT_ESTIMABLE}{mark[r.note]}", transform=blended_transform_factory(
                ax.transAxes, ax.transData), ha="left", va="center_baseline", fontsize=FONT_PT,
                fontstyle="italic", color=COLORS["text"], parse_math=False, gid=_gid("forest-note", a))
        for col in h.cols:
            cx = col.x if col.align == "left" else col.x + col.width
            # the p that judges: adjusted (the last column), else raw; the primary endpoint's raw p by default
            bold = r.significant and (col.key == "p" if r.on_raw_p else col is h.cols[-1])
            c.text(col.cells[i], cx, yrow, _gid(f"forest-{col.key}", a), ha=col.align, va="center_baseline",
                   fontweight="bold" if bold else "normal")


def legend_marks(rows: list[ForestRow]) -> list[bool]:
    """The markers the legend explains, filled (significant) first: only those a row of the figure draws (reader
    12b: Figure 4's legend showed a filled "Holm-adjusted p < 0.05" where no point was filled)."""
    drawn = {r.significant for r in rows if r.estimable}
    return [filled for filled in (True, False) if filled in drawn]


@dataclass(frozen=True)
class _Legend:
    """The legend's entries (filled or open marker, words) and the words after them, placed in lines."""

    entries: list[tuple[bool, str]]
    basis: str
    """Which p judges which row, after the entries ("" when the entries' words say it)."""
    basis_on_next_line: bool = False

    @property
    def lines(self) -> int:
        return 0 if not self.entries else 2 if self.basis_on_next_line else 1


_ENTRY_GAP = 14.0   # between legend entries
_MARK_W = 9.0       # marker and its gap before the words


def _legend(m: _Measure, width: float, marks: list[bool], alpha: float, basis: tuple[str, str]) -> _Legend:
    """The entries of the markers drawn (:func:`legend_marks`), the basis after them on the same line when it fits,
    else on a line of its own."""
    p, after = basis
    entries = [(filled, f"{p} {'<' if filled else '≥'} {alpha:g}") for filled in marks]
    used = sum(_MARK_W + m.width(words, FONT_PT) + _ENTRY_GAP for _, words in entries)
    wraps = bool(entries and after) and _MARGIN + used + m.width(after, FONT_PT) > width - _MARGIN
    return _Legend(entries, after if entries else "", wraps)


def _draw_legend_and_notes(c: _Canvas, m: _Measure, v: _Down, legend: _Legend) -> None:
    """The legend (marker + words) of the markers drawn and which p judges them, then the footnotes."""
    lx = _MARGIN
    line_h = m.extent("Holm", FONT_PT)[1]
    yl = v.y_legend + line_h / 2
    for filled, words in legend.entries:
        colour = COLORS["significant"] if filled else COLORS["not_significant"]
        c.fig.add_artist(Line2D([(lx + 3) / c.width], [(v.total - yl) / v.total], transform=c.tr, linestyle="none",
                                marker="s", markersize=_MARKER, markerfacecolor=colour if filled else "white",
                                markeredgecolor=colour, markeredgewidth=1.0,
                                gid="forest-legend-" + ("filled" if filled else "open")))
        c.text(words, lx + _MARK_W, yl, "forest-legend-" + ("sig" if filled else "ns"), ha="left", va="center",
               fontsize=FONT_PT)
        lx += _MARK_W + m.width(words, FONT_PT) + _ENTRY_GAP
    if legend.basis:
        if legend.basis_on_next_line:
            lx, yl = _MARGIN, yl + line_h + _NOTE_GAP
        c.text(legend.basis, lx, yl, "forest-basis", ha="left", va="center", fontsize=FONT_PT)
    for k, (t_, y_) in enumerate(v.notes):
        c.text(t_, _MARGIN, y_, f"forest-footnote-{k}", ha="left", va="top", fontsize=FONT_PT)


def forest_figure(results: Results, family: str, compartment: str, *, contrast: str | None = None,
                  width_mm: float = FIGURE_MM, show_change: bool | None = None) -> Figure:
    """Figure 3: Hodges–Lehmann change (as % of the baseline median) with CI, raw and adjusted p, per analyte.

    ``contrast`` defaults to the study's final contrast (e.g. ``M3-M0``). ``show_change``
    (the change in the analyte's unit as a text column) is on when the axis keeps at
    least :data:`_MIN_AXIS` points, unless set. ``width_mm``: the reports' text width
    (:data:`~alsreport.present.figures.style.FIGURE_MM`, default); at
    :data:`~alsreport.present.figures.style.SINGLE_COLUMN_MM` the change column is left out.
    """
    contrast = forest_contrast(results, contrast)
    rows = forest_rows(results, family, compartment, contrast)
    if not rows:
        raise KeyError(f"no {family} series in {compartment}")
    cfg = results.config
    later, base = contrast_visits(cfg, contrast)
    later_label, base_label = visit_label(cfg, later), visit_label(cfg, base)
    level = rows[0].comparison.ci.level if rows[0].comparison and rows[0].comparison.ci else cfg.analysis.conf_level
    level_text = f"{level * 100:g}%"
    reasons, mark = _reason_marks(rows)
    notes = [f"{mark[why]} {NOT_ESTIMABLE.capitalize()}: {why}." for why in reasons]
    adj = adjustment(cfg)
    notes.append("p: paired Wilcoxon signed-rank test, unadjusted" + (
        f"; p ({adj.short}): {adj.long} within the family and compartment." if adj.any
        else " (not adjusted for multiple testing)."))
    judged = primary_note(results, [r.comparison for r in rows])
    if judged:
        notes.append(judged)
    xlabel_parts = [f"Change from {base_label} to {later_label},", f"% of the {base_label} median",
                    f"(Hodges–Lehmann estimate, {level_text} CI)"]

    with figure_style():
        fig = new_figure(width_mm, 100.0)
        m = _Measure(fig)
        h = _across(results, rows, m, width_mm, show_change, level_text)
        legend = _legend(m, h.width, legend_marks(rows), cfg.analysis.alpha,
                         legend_basis(results, [r.comparison for r in rows]))
        v = _down(_title(results, family, compartment), len(rows), m, h, xlabel_parts, notes, legend.lines)
        fig.set_size_inches(h.width / 72, v.total / 72)
        c = _Canvas(fig, h.width, v.total)
        _draw_frame(c, len(rows), h, v)
        ax = _draw_axis(c, rows, h, v)
        _draw_rows(c, ax, rows, h, v, mark)
        _draw_legend_and_notes(c, m, v, legend)
    return fig
