"""The shared look of the manuscript figures, and the figure layer's number formatting.

* One colour-blind-safe palette (Okabe & Ito, 2008); colour is never the only cue
  (significance is also a filled marker, below-LOD values are also open markers).
* DejaVu Sans (ships with matplotlib, so every machine draws the same glyphs).
* Figures are built at their final printed size: the reports' figures at :data:`FIGURE_MM`, so that their
  file, padded, is the PDF's text column (:data:`PAGE_TEXT_MM`) and the page places it at 100 %; every text
  of a figure is set in :data:`FONT_PT` (8 pt, the tables' size) and prints at that size, whatever the number
  of visits or rows (issue #10 readers: the PDF scaled 175 mm figures down to 170 mm, so their 7.5 and 8 pt
  printed at 7.1 to 7.7 pt, four sizes in one figure). :data:`SINGLE_COLUMN_MM` (85 mm) is a journal's
  single column, for a small-multiples grid of one column.
* rcParams are set only inside :func:`figure_style` (a ``matplotlib.rc_context``),
  never globally. Everything that matplotlib reads later, at draw time, is also set
  on the artists themselves, so a figure looks the same whoever saves it.
* ``svg.fonttype: none`` keeps SVG text as ``<text>`` (searchable, testable);
  ``pdf.fonttype: 42`` embeds TrueType fonts in PDFs (no Type 3).

Numbers, p-values, units and labels in a figure's text come from
:mod:`alsreport.present.format`, as in the tables and the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox


__all__ = [
    "MM",
    "PT",
    "SINGLE_COLUMN_MM",
    "DOUBLE_COLUMN_MM",
    "FONT_FAMILY",
    "FONT_PT",
    "MIN_FONT_PT",
    "PAGE_TEXT_MM",
    "SAVE_PAD_INCHES",
    "FIGURE_MM",
    "OKABE_ITO",
    "COLORS",
    "RC",
    "SAVE_RC",
    "figure_style",
    "new_figure",
    "drawn_bbox",
    "plain",
    "wrap_text",
]

MM = 1 / 25.4
"""Inches per millimetre."""
PT = 1 / 72
"""Inches per point."""

SINGLE_COLUMN_MM = 85.0
DOUBLE_COLUMN_MM = 175.0

FONT_FAMILY = "DejaVu Sans"
FONT_PT = 8.0
"""Every text of a figure: titles, axis labels, tick labels, legends, box text and notes, as the tables' 8 pt
(one size per role across the figures; a role differs by weight, never by size)."""
MIN_FONT_PT = FONT_PT
"""No text in a figure is smaller than this at its printed size."""
PAGE_TEXT_MM = 170.0
"""The PDF's text column, where a figure is placed: A4's 210 mm less the 20 mm side margins of
``templates/print.css`` (measured: a 502.46 pt SVG printed at a scale of 0.95906, 481.9 pt)."""
SAVE_PAD_INCHES = 0.03
"""The white margin around a saved figure (``savefig.pad_inches``): the reports' SVG and the exported files."""
FIGURE_MM = PAGE_TEXT_MM - 2 * SAVE_PAD_INCHES / MM
"""The width the reports' figures are drawn at (168.5 mm): with its pad the SVG is the text column's width at
most, so the PDF places it at 100 % and its type prints at the size it is set in (an SVG narrower than the
column is never enlarged: ``documents.context.figure_svg`` gives it its own width as ``max-width``)."""

#: Okabe & Ito (2008), "Color universal design": distinguishable with every common colour-vision deficiency.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Roles of colours in the figures (all from the palette, plus neutral greys).
COLORS: dict[str, str] = {
    "text": "#000000",
    "median": OKABE_ITO["blue"],
    "significant": OKABE_ITO["vermilion"],
    "not_significant": "#000000",
    "participant": "#9A9A9A",
    "below_lod": "#5A5A5A",
    "reference": "#7F7F7F",
    "box_edge": "#000000",
    "box_face": "#FFFFFF",
    "phase_face": "#D4E9F7",   # a light tint of Okabe-Ito sky blue
    "phase_edge": "#56B4E9",
    "arrow": "#000000",
    "grid": "#E3E3E3",
}

#: rcParams in force while a figure is built (and while export saves it).
RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY],
    "font.size": FONT_PT,
    "axes.titlesize": FONT_PT,
    "axes.titleweight": "bold",
    "axes.labelsize": FONT_PT,
    "axes.linewidth": 0.6,
    "axes.edgecolor": "#000000",
    "axes.labelcolor": "#000000",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=[OKABE_ITO[k] for k in (
        "blue", "vermilion", "bluish_green", "orange", "reddish_purple", "sky_blue", "yellow", "black")]),
    "axes.unicode_minus": True,
    "xtick.labelsize": FONT_PT,
    "ytick.labelsize": FONT_PT,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.minor.width": 0.4,
    "ytick.minor.width": 0.4,
    "xtick.major.size": 3.0,
    "ytick.major.size": 3.0,
    "xtick.minor.size": 1.8,
    "ytick.minor.size": 1.8,
    "xtick.major.pad": 2.5,
    "ytick.major.pad": 2.5,
    "xtick.color": "#000000",
    "ytick.color": "#000000",
    "legend.fontsize": FONT_PT,
    "legend.frameon": False,
    "legend.handlelength": 1.6,
    "legend.borderaxespad": 0.3,
    "lines.linewidth": 1.0,
    "lines.markersize": 4.0,
    "patch.linewidth": 0.6,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "figure.constrained_layout.h_pad": 2 * PT,
    "figure.constrained_layout.w_pad": 2 * PT,
    "figure.constrained_layout.hspace": 0.04,
    "figure.constrained_layout.wspace": 0.04,
    "svg.fonttype": "none",
    "svg.hashsalt": "alsreport",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "pdf.compression": 6,
    "savefig.dpi": 300,
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "savefig.pad_inches": SAVE_PAD_INCHES,
}

#: The rcParams that matter when saving (read by the backends at save time).
SAVE_RC: dict[str, Any] = {k: v for k, v in RC.items() if k.split(".")[0] in ("svg", "pdf", "ps", "savefig")}


@contextmanager
def figure_style() -> Iterator[None]:
    """Apply :data:`RC` for the duration of the block (figure building or saving), then restore."""
    with matplotlib.rc_context(RC):
        yield


def new_figure(width_mm: float, height_mm: float, *, layout: str | None = None) -> Figure:
    """A :class:`~matplotlib.figure.Figure` (no pyplot state) with an Agg canvas attached.

    Call inside :func:`figure_style`. The Agg canvas gives a renderer for measuring text.
    """
    fig = Figure(figsize=(width_mm * MM, height_mm * MM), layout=layout)
    FigureCanvasAgg(fig)
    return fig


def drawn_bbox(fig: Figure, pad_inches: float) -> Bbox:
    """``fig``'s tight box (inches) as the Agg renderer measures its text, the measure the figures lay their text out
    with, never beyond the figure's own edges (every figure is drawn inside its printed size), padded by
    ``pad_inches``. For a file whose own renderer measures text wider than it is drawn: matplotlib's SVG renderer
    measures at 72 dpi with hinted advances, up to 7 % wider, so the forest plot's footnote, set to the figure's
    width, grew the example's Figure 4 to 535 pt and the page scaled its type below that of Figures 5–8 (issue #10
    readers)."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    w, h = fig.get_size_inches()
    return Bbox.from_extents(max(box.x0, 0), max(box.y0, 0), min(box.x1, w), min(box.y1, h)).padded(pad_inches)


# Text ------------------------------------------------------------------------

def plain(text: object) -> str:
    """Study text for a matplotlib text with math parsing on: ``$`` shown literally."""
    return str(text).replace("$", r"\$")


def wrap_text(text: str, max_width: float, width: Callable[[str], float]) -> list[str]:
    """Greedy wrap at spaces by measured width; a word wider than the line is split by characters.

    No-break spaces (as in ``(n = 2)``) never break.
    """
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if width(trial) <= max_width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        while width(current) > max_width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and width(current[:cut]) > max_width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current or not lines:
        lines.append(current)
    return lines
