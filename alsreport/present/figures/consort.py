"""Figure 1: the CONSORT flow diagram, drawn from :class:`~alsreport.results.model.ConsortFlow`.

The CONSORT 2025 flow template adapted to one arm (a single column of boxes, the
losses in boxes to the right, the phases labelled down the left side)::

    Enrolment    Assessed for eligibility ──► Excluded (reasons)
                 Enrolled
    Intervention Intervention (n = 15)     ─► Did not receive infusion 1 / discontinued (reasons)
                 Received infusion 1 …      ─► … one side box per stage where someone was lost
    Follow-up    ─────────────────────────► Discontinued after the last infusion (reasons)
                 Completed follow-up
    Analysis     ─────────────────────────► Excluded from analysis (reasons)
                 Analysed for the primary outcome (series, contrast)

Nothing is placed by hand: every text is measured with the Agg renderer, long
lines are wrapped to the box's inner width (greedy, by measured width), boxes
are sized from the measured text, stacked with computed gaps (a gap holding a
side box is as tall as the side box plus margins), phase bands are stretched
until their rotated label fits, and the figure height follows from the content.

Every box and text carries a ``gid`` (``consort-box-<kind>-<name>``,
``consort-text-<name>-<k>``), so :mod:`~alsreport.present.figures.consort_check`
can recover the rendered geometry from any figure this module drew and check
that no text leaves its box and no two boxes overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.text import Text

from alsreport.results.model import Results
from alsreport.present.figures.consort_content import (
    PHASES,
    BoxSpec,
    ConsortContent,
    Gap,
    Line,
    Row,
    consort_content,
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

__all__ = [
    "BOX_FONT_PT",
    "PHASES",
    "Line",
    "BoxSpec",
    "Gap",
    "Row",
    "ConsortContent",
    "consort_content",
    "consort_figure",
]

#: Font size of the diagram at its printed width (:data:`~alsreport.present.figures.style.FIGURE_MM`): the other
#: figures' and the tables' 8 pt (it was 8.5 pt at 175 mm, printed at 8.1 pt).
BOX_FONT_PT = FONT_PT

# Geometry, in points (1/72 in), at the printed size.
_MARGIN = 2.0
_PHASE_W = 17.0        # width of the phase bands
_PHASE_GAP = 9.0       # band → main column
_MAIN_W = 226.0        # main boxes
_BRANCH_W = 28.0       # main column right edge → side box
_PAD_X = 6.0           # inner padding of boxes
_PAD_Y = 4.5
_LINE_GAP = 1.5        # between the items of a box
_SECTION_GAP = 5.0     # between sections of a side box
_MIN_VGAP = 15.0       # shortest arrow between two main boxes
_SIDE_VMARGIN = 7.0    # above and below a side box within its gap
_BAND_SEP = 3.0        # white space between two phase bands
_PHASE_PAD = 8.0       # a band's label to its ends
_ROW_GAP = 8.0         # between the boxes of a row
_FORK = 7.0            # a fork's bar above the row
_SAFETY = 1.5          # wrap a little narrower than the box (renderers differ by a fraction of a point)


# Measuring and wrapping --------------------------------------------------------------

class _Measure:
    """Text extents in points, from the figure's Agg renderer."""

    def __init__(self, fig: Figure, size: float) -> None:
        self.fig = fig
        self.size = size
        self.renderer = fig.canvas.get_renderer()
        self._probe = Text(0, 0, "", figure=fig, fontsize=size, family=FONT_FAMILY, parse_math=False)
        self._probe.set_figure(fig)
        self._cache: dict[tuple[str, bool, float], tuple[float, float]] = {}

    def extent(self, text: str, bold: bool = False, rotation: float = 0) -> tuple[float, float]:
        key = (text, bold, rotation)
        if key not in self._cache:
            self._probe.set_text(text)
            self._probe.set_fontweight("bold" if bold else "normal")
            self._probe.set_rotation(rotation)
            bb = self._probe.get_window_extent(self.renderer)
            k = 72.0 / self.fig.dpi
            self._cache[key] = (bb.width * k, bb.height * k)
        return self._cache[key]

    def width(self, text: str, bold: bool = False) -> float:
        return self.extent(text, bold)[0]


# Layout -----------------------------------------------------------------------------

@dataclass
class _Para:
    text: str          # wrapped, with newlines
    bold: bool
    bullet: bool
    dy: float          # top of this paragraph below the box top
    height: float


@dataclass
class _Placed:
    spec: BoxSpec
    x: float
    width: float
    height: float
    paras: list[_Para] = field(default_factory=list)
    bullet_w: float = 0.0
    y: float = 0.0     # top, measured down from the figure top


def _fill_box(spec: BoxSpec, width: float, m: _Measure) -> _Placed:
    bullet_w = m.width("•\u00a0")
    inner = width - 2 * _PAD_X - _SAFETY
    y = _PAD_Y
    paras: list[_Para] = []
    for i, line in enumerate(spec.lines):
        if i:
            y += _SECTION_GAP if line.section_start else _LINE_GAP
        avail = inner - (bullet_w if line.bullet else 0)
        wrapped = "\n".join(wrap_text(line.text, avail, lambda s, b=line.bold: m.width(s, b)))
        h = m.extent(wrapped, line.bold)[1]
        paras.append(_Para(wrapped, line.bold, line.bullet, y, h))
        y += h
    return _Placed(spec, 0.0, width, y + _PAD_Y, paras, bullet_w)


def _fill_row(row: Row, x0: float, width: float, m: _Measure) -> list[_Placed]:
    """The boxes of ``row`` side by side across ``width`` (one box: the main column's width), equally tall."""
    n = len(row.boxes)
    w = _MAIN_W if n == 1 else (width - (n - 1) * _ROW_GAP) / n
    placed = [_fill_box(b, w, m) for b in row.boxes]
    tallest = max(p.height for p in placed)
    for k, p in enumerate(placed):
        p.x = x0 + k * (w + _ROW_GAP)
        p.height = tallest
    return placed


def _fill_items(content: ConsortContent, m: _Measure, fig_width: float) -> list[tuple[str, object, float, object]]:
    """Every element filled: (phase, element, natural height, placed box or boxes); gaps at their natural height."""
    x_main = _MARGIN + _PHASE_W + _PHASE_GAP
    x_side = x_main + _MAIN_W + _BRANCH_W
    side_w = fig_width - _MARGIN - x_side
    items: list[tuple[str, object, float, object]] = []
    for phase, el in content.elements:
        if isinstance(el, Row):
            row = _fill_row(el, x_main, fig_width - _MARGIN - x_main, m)
            items.append((phase, el, row[0].height, row))
        elif isinstance(el, BoxSpec):
            p = _fill_box(el, _MAIN_W, m)
            p.x = x_main
            items.append((phase, el, p.height, p))
        else:
            side = None
            h = _MIN_VGAP
            if el.side is not None:
                side = _fill_box(el.side, side_w, m)
                side.x = x_side
                h = max(h, side.height + 2 * _SIDE_VMARGIN)
            items.append((phase, el, h, side))
    return items


def _layout(content: ConsortContent, m: _Measure, fig_width: float) -> tuple[list, dict[str, tuple[float, float]], float]:
    items = _fill_items(content, m, fig_width)

    # Stretch the gaps of a phase whose band is shorter than its rotated label.
    heights = [h for _, _, h, _ in items]
    phases = list(dict.fromkeys(ph for ph, *_ in items))
    for ph in phases:
        idx = [i for i, it in enumerate(items) if it[0] == ph]
        need = m.extent(ph, True, 90)[1] + 2 * _PHASE_PAD + _BAND_SEP
        have = sum(heights[i] for i in idx)
        gaps = [i for i in idx if isinstance(items[i][1], Gap)] or idx[:1]
        if have < need:
            extra = (need - have) / len(gaps)
            for i in gaps:
                heights[i] += extra

    # Stack top-down.
    y = _MARGIN
    placed: list[tuple[str, object, float, float, _Placed | None]] = []  # phase, el, top, height, box
    for (phase, el, _, box), h in zip(items, heights, strict=False):
        if isinstance(box, list):
            for b in box:
                b.y = y
        elif box is not None:
            if isinstance(el, BoxSpec):
                box.y = y
            else:
                box.y = y + (h - box.height) / 2
        placed.append((phase, el, y, h, box))
        y += h
    total = y + _MARGIN

    bands: dict[str, tuple[float, float]] = {}
    for phase, _, top, h, _ in placed:
        lo, hi = bands.get(phase, (top, top + h))
        bands[phase] = (min(lo, top), max(hi, top + h))
    first, last = phases[0], phases[-1]
    bands = {ph: (lo + (0 if ph == first else _BAND_SEP / 2), hi - (0 if ph == last else _BAND_SEP / 2))
             for ph, (lo, hi) in bands.items()}
    return placed, bands, total


# Drawing -----------------------------------------------------------------------------

def consort_figure(results: Results, *, intervention: str | None = None,
                   width_mm: float = FIGURE_MM, font_pt: float = BOX_FONT_PT) -> Figure:
    """Figure 1: the CONSORT flow diagram of ``results.flow`` (single arm), sized to its content."""
    content = consort_content(results, intervention=intervention)
    with figure_style():
        fig = new_figure(width_mm, 100.0)
        m = _Measure(fig, font_pt)
        width_pt = width_mm * MM * 72
        placed, bands, total = _layout(content, m, width_pt)
        fig.set_size_inches(width_mm * MM, total / 72)
        _draw(fig, placed, bands, total, font_pt)
    return fig


@dataclass(frozen=True)
class _Canvas:
    """Draws on ``fig`` in points measured from the top-left corner of a ``total``-point-high page."""

    fig: Figure
    total: float
    size: float

    def pt(self, x: float, y: float) -> tuple[float, float]:
        """Points from the top-left corner → inches from the bottom-left (dpi_scale_trans)."""
        return x / 72, (self.total - y) / 72

    def text(self, s: str, x: float, y: float, gid: str, **kw) -> None:
        self.fig.text(*self.pt(x, y), s, transform=self.fig.dpi_scale_trans, fontsize=self.size,
                      family=FONT_FAMILY, color=COLORS["text"], parse_math=False, gid=gid, **kw)

    def rect(self, x: float, y_bottom: float, width: float, height: float, gid: str, *, style: str,
             face: str, edge: str, linewidth: float) -> None:
        self.fig.add_artist(FancyBboxPatch(
            self.pt(x, y_bottom), width / 72, height / 72, boxstyle=style, transform=self.fig.dpi_scale_trans,
            facecolor=COLORS[face], edgecolor=COLORS[edge], linewidth=linewidth, gid=gid, zorder=2))

    def arrow(self, a: tuple[float, float], b: tuple[float, float]) -> None:
        self.fig.add_artist(FancyArrowPatch(self.pt(*a), self.pt(*b), transform=self.fig.dpi_scale_trans,
                                            arrowstyle="-|>", mutation_scale=7, shrinkA=0, shrinkB=0,
                                            linewidth=0.8, color=COLORS["arrow"], zorder=1))

    def line(self, points: list[tuple[float, float]]) -> None:
        xs, ys = zip(*(self.pt(*q) for q in points), strict=True)
        self.fig.add_artist(Line2D(xs, ys, transform=self.fig.dpi_scale_trans, linewidth=0.8,
                                   color=COLORS["arrow"], zorder=1))

    def box(self, p: _Placed) -> None:
        """A box and its paragraphs: centred in the main column, left-aligned (with bullets) at the side."""
        kind, name = p.spec.kind, p.spec.name
        self.rect(p.x, p.y + p.height, p.width, p.height, f"consort-box-{kind}-{name}",
                  style="square,pad=0", face="box_face", edge="box_edge", linewidth=0.8)
        k = 0
        for para in p.paras:
            weight = "bold" if para.bold else "normal"
            if kind == "main":
                self.text(para.text, p.x + p.width / 2, p.y + para.dy, f"consort-text-{name}-{k}",
                          ha="center", va="top", multialignment="center", fontweight=weight, zorder=3)
                k += 1
                continue
            x = p.x + _PAD_X
            if para.bullet:
                # as many lines as its paragraph: matplotlib adds the font's line gap to the first line of a text of
                # several lines only, so a lone "•" sat 0.85 pt above a wrapped item's first line (issue #10)
                bullet = "•" + "\n" * para.text.count("\n")
                self.text(bullet, x, p.y + para.dy, f"consort-text-{name}-{k}", ha="left", va="top", zorder=3)
                k += 1
                x += p.bullet_w
            self.text(para.text, x, p.y + para.dy, f"consort-text-{name}-{k}", ha="left", va="top",
                      fontweight=weight, zorder=3)
            k += 1

    def phase(self, phase: str, lo: float, hi: float) -> None:
        """A phase band at the left margin with its rotated label."""
        name = phase.split("/")[0].lower().replace("-", "")
        self.rect(_MARGIN, hi, _PHASE_W, hi - lo, f"consort-box-phase-{name}",
                  style="round,pad=0,rounding_size=0.03", face="phase_face", edge="phase_edge", linewidth=0.6)
        self.text(phase, _MARGIN + _PHASE_W / 2, (lo + hi) / 2, f"consort-text-{name}-0", ha="center",
                  va="center", rotation=90, rotation_mode="anchor", fontweight="bold", zorder=3)


def _draw(fig: Figure, placed: list, bands: dict[str, tuple[float, float]], total: float, size: float) -> None:
    canvas = _Canvas(fig, total, size)
    mains = [(top, h, box_) for _, el, top, h, box_ in placed if isinstance(el, BoxSpec)]
    cx = mains[0][2].x + mains[0][2].width / 2
    for (top_a, h_a, _), (top_b, _, _) in zip(mains, mains[1:], strict=False):
        canvas.arrow((cx, top_a + h_a), (cx, top_b))
    for _, el, top, _h, box_ in placed:
        if isinstance(el, Row):
            _fork(canvas, cx, mains, top, box_)
            for b in box_:
                canvas.box(b)
            continue
        if box_ is None:
            continue
        if isinstance(el, Gap):
            canvas.arrow((cx, box_.y + box_.height / 2), (box_.x, box_.y + box_.height / 2))
        canvas.box(box_)
    for phase, (lo, hi) in bands.items():
        canvas.phase(phase, lo, hi)


def _fork(canvas: _Canvas, cx: float, mains: list, top: float, boxes: list[_Placed]) -> None:
    """Arrows from the last main box above ``top`` into each box of a row (a bar when there are several)."""
    above = [m for m in mains if m[0] < top]
    if not above:
        return
    start = above[-1][0] + above[-1][1]
    centres = [b.x + b.width / 2 for b in boxes]
    if len(boxes) == 1:
        canvas.arrow((cx, start), (centres[0], top))
        return
    bar = top - _FORK
    canvas.line([(cx, start), (cx, bar)])
    canvas.line([(min(centres), bar), (max(centres), bar)])
    for c in centres:
        canvas.arrow((c, bar), (c, top))
