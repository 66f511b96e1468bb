"""The shared look of the manuscript figures, and the figure layer's number formatting.

* One colour-blind-safe palette (Okabe & Ito, 2008); colour is never the only cue
  (significance is also a filled marker, below-LOD values are also open markers).
* DejaVu Sans (ships with matplotlib, so every machine draws the same glyphs).
* Figures are built at their final printed size: journal column widths of
  :data:`SINGLE_COLUMN_MM` (85 mm) and :data:`DOUBLE_COLUMN_MM` (175 mm); text is at
  least :data:`MIN_FONT_PT` (7 pt) at that size.
* rcParams are set only inside :func:`figure_style` (a ``matplotlib.rc_context``),
  never globally. Everything that matplotlib reads later, at draw time, is also set
  on the artists themselves, so a figure looks the same whoever saves it.
* ``svg.fonttype: none`` keeps SVG text as ``<text>`` (searchable, testable);
  ``pdf.fonttype: 42`` embeds TrueType fonts in PDFs (no Type 3).

Numbers are formatted here and only here (results stay numeric): Unicode minus,
p-values as the tables print them (three decimals, ``<0.001``), counts with
thousands separators.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from alsreport.study.config import StudyConfig
from alsreport.present.pvalues import format_p
from alsreport.present.units import display_unit

__all__ = [
    "MM",
    "PT",
    "SINGLE_COLUMN_MM",
    "DOUBLE_COLUMN_MM",
    "FONT_FAMILY",
    "FONT_PT",
    "SMALL_PT",
    "MIN_FONT_PT",
    "OKABE_ITO",
    "COLORS",
    "RC",
    "SAVE_RC",
    "figure_style",
    "new_figure",
    "plain",
    "minus",
    "fmt_count",
    "n_eq",
    "fmt_number",
    "decimals_for",
    "fmt_p",
    "display_unit",
    "visit_label",
    "contrast_visits",
    "below_lod_words",
]

MM = 1 / 25.4
"""Inches per millimetre."""
PT = 1 / 72
"""Inches per point."""

SINGLE_COLUMN_MM = 85.0
DOUBLE_COLUMN_MM = 175.0

FONT_FAMILY = "DejaVu Sans"
FONT_PT = 8.0
"""Body text: axis labels, box text."""
SMALL_PT = 7.0
"""Tick labels, legends, annotations."""
MIN_FONT_PT = 7.0
"""No text in a figure is smaller than this at its printed size."""

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
    "xtick.labelsize": SMALL_PT,
    "ytick.labelsize": SMALL_PT,
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
    "legend.fontsize": SMALL_PT,
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
    "savefig.pad_inches": 0.03,
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


# Text ------------------------------------------------------------------------

def plain(text: object) -> str:
    """Study text for a matplotlib text with math parsing on: ``$`` shown literally."""
    return str(text).replace("$", r"\$")


def minus(text: str) -> str:
    """Hyphen-minus signs of numbers as the typographic minus (U+2212)."""
    return re.sub(r"(?<![\w.])-(?=[\d.])", "\u2212", text)


def fmt_count(n: int) -> str:
    """``1234`` → ``1,234``."""
    return f"{int(n):,}"


def n_eq(n: int) -> str:
    """``(n = 15)`` with no-break spaces, so wrapping never separates the count from ``n``."""
    return f"(n\u00a0=\u00a0{fmt_count(n)})"


def decimals_for(values: Iterable[float]) -> int:
    """Decimals giving about three significant digits for the largest magnitude in ``values``."""
    finite = [abs(float(v)) for v in values if v is not None and math.isfinite(float(v))]
    m = max(finite, default=0.0)
    if m >= 100:
        return 0
    if m >= 10:
        return 1
    if m >= 0.1 or m == 0:
        return 2
    return 3


def fmt_number(x: float, decimals: int) -> str:
    """``x`` with ``decimals`` decimals and a Unicode minus; ``—`` when not finite. ``-0.00`` prints as ``0.00``."""
    if x is None or not math.isfinite(float(x)):
        return "—"
    text = f"{float(x):.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "\u2212")


def fmt_p(p: float) -> str:
    """p-values as the tables print them: three decimals, ``<0.001``, ``>0.999``, ``—`` if not computed."""
    return format_p(p)


# Shared with the tables, figures and text: one definition each.
visit_label = StudyConfig.visit_label
contrast_visits = StudyConfig.contrast_visits


def below_lod_words(rule: str) -> str:
    """Where a value reported as ``<LOD`` is drawn, from ``analysis.below_lod``."""
    return {
        "half_lod": "plotted at LOD/2",
        "lod": "plotted at the LOD",
        "lod_sqrt2": "plotted at LOD/\u221a2",
        "exclude": "excluded",
    }.get(rule, "substituted")
