"""Checking a drawn CONSORT diagram: the rendered boxes and texts, and what is wrong with them.

:func:`layout_boxes` recovers, from the gids that :mod:`~alsreport.present.figures.consort`
puts on every box and text, the geometry the renderer drew; :func:`layout_problems`
lists texts outside their box, overlapping boxes, empty boxes and boxes outside the figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["BoxLayout", "layout_boxes", "layout_problems"]


@dataclass(frozen=True)
class BoxLayout:
    """One drawn box and the texts inside it, as rendered (display pixels at the figure's dpi)."""

    name: str
    kind: str
    """``main``, ``side`` or ``phase``."""
    box: Bbox
    texts: tuple[Bbox, ...]
    strings: tuple[str, ...]


def layout_boxes(fig: Figure, renderer=None) -> list[BoxLayout]:
    """The rendered boxes of a CONSORT figure with the extents of their texts.

    Extents come from the renderer (``Text.get_window_extent``), i.e. what is drawn,
    not what the layout intended.
    """
    if renderer is None:
        renderer = fig.canvas.get_renderer()
    texts: dict[str, list[Text]] = {}
    for t in fig.texts:
        gid = t.get_gid() or ""
        if gid.startswith("consort-text-"):
            name = gid[len("consort-text-"):].rsplit("-", 1)[0]
            texts.setdefault(name, []).append(t)
    out: list[BoxLayout] = []
    # fig.add_artist puts the boxes in fig.artists (fig.patches only holds patches added there directly).
    for p in [*fig.patches, *fig.artists]:
        gid = p.get_gid() or ""
        if not gid.startswith("consort-box-"):
            continue
        kind, name = gid[len("consort-box-"):].split("-", 1)
        own = texts.get(name, [])
        out.append(BoxLayout(name, kind, p.get_window_extent(renderer),
                             tuple(t.get_window_extent(renderer) for t in own),
                             tuple(t.get_text() for t in own)))
    return out


def layout_problems(boxes: Sequence[BoxLayout], fig: Figure | None = None, tol: float = 0.5) -> list[str]:
    """Texts outside their box, overlapping boxes, boxes without text or outside the figure (empty: all good)."""
    problems: list[str] = []
    for b in boxes:
        if not b.texts:
            problems.append(f"box {b.name} has no text")
        for s, t in zip(b.strings, b.texts, strict=False):
            if (t.x0 < b.box.x0 - tol or t.x1 > b.box.x1 + tol or t.y0 < b.box.y0 - tol
                    or t.y1 > b.box.y1 + tol):
                problems.append(f"text {s!r} ({t.bounds}) leaves box {b.name} ({b.box.bounds})")
        if fig is not None:
            f = fig.bbox
            if b.box.x0 < f.x0 - tol or b.box.x1 > f.x1 + tol or b.box.y0 < f.y0 - tol or b.box.y1 > f.y1 + tol:
                problems.append(f"box {b.name} extends beyond the figure")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
            h = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)
            if w > tol and h > tol:
                problems.append(f"boxes {a.name} and {b.name} overlap")
    return problems
