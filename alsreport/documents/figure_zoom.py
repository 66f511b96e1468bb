"""A figure's "Enlarge figure" view on a phone (screen.css, 390 px wide screens; issue #10, HTML reader).

The page has no script (docs/security.md), so the view is a ``:target``: "Enlarge figure" goes to a ``role="dialog"``
box that only then is shown, holding a "Close" link and the figure again at its drawn size. The figure is not copied:
the box's SVG ``<use>``s the figure's own (``id="svg-<label>"``), a few hundred bytes. Hidden (``display: none``) the
dialog is out of the accessibility tree, so it is a dialog only while open; screen.css hides the page behind it from
pointer, keyboard and screen reader (``visibility``), so ``aria-modal`` holds. The dialog takes the focus
(``tabindex="-1"``) and "Close" goes back to the "Enlarge figure" link, which gets it back. Named after the figure
("Figure 2, enlarged") once the page is numbered (render/zoom_labels.py). On a phone the figure itself opens it too: a
link laid over it (``alsr-zoom-tap``), for the pointer only (out of the tab order and the accessibility tree, where
"Enlarge figure" is the way in; session 32 HTML reader: tapping the figure, its text 6 px, did nothing).
"""

from __future__ import annotations

import re

__all__ = ["zoomable_figure"]

_VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')


def zoomable_figure(label: str, svg: str) -> str:
    """The "Enlarge figure" link, the figure's ``svg`` (given ``id="svg-<label>"``) and its enlarged view."""
    box = _VIEWBOX.match(svg)
    opener = f'<a class="alsr-zoom-open" href="#zoom-{label}" id="zoom-open-{label}">Enlarge figure</a>'
    if box is None:                   # no drawn size to show it at: the figure alone
        return svg
    x, y, w, h = box.groups()
    # the enlarged figure read as the figure: its alternative text (documents/context.py accessible_svg)
    alt = re.search(r'\baria-labelledby="([^"]+)"', svg[:svg.index(">")])
    named = f'role="img" aria-labelledby="{alt.group(1)}"' if alt else 'aria-hidden="true"'
    figure = f'<svg id="svg-{label}"' + svg[len("<svg"):]
    dialog = (f'<div class="alsr-zoom" id="zoom-{label}" role="dialog" aria-modal="true" tabindex="-1">'
              f'<a class="alsr-zoom-close" href="#zoom-open-{label}">Close</a>'
              f'<svg viewBox="{x} {y} {w} {h}" {named}><use href="#svg-{label}" x="{x}" y="{y}" '
              f'width="{w}" height="{h}"/></svg></div>')
    tap = f'<a class="alsr-zoom-tap" href="#zoom-{label}" tabindex="-1" aria-hidden="true"></a>'
    return f"{opener}\n{figure}\n{tap}\n{dialog}"
