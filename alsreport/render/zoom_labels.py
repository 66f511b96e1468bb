"""Each figure's "Enlarge figure" link, its "Close" link and its enlarged view named after the figure (issue #10,
session 25 HTML reader: on a phone every figure has a link "Enlarge figure", so a screen reader's list of links read
the same text six times; the enlarged view, a dialog, had no name).

The links and the dialog (documents/figure_zoom.py) are written before the figures are numbered; once a page is made,
each gets ``aria-label="Enlarge Figure 3"`` / ``"Close Figure 3"`` / ``"Figure 3, enlarged"`` from the number its
float's caption begins with. The embedded engine names a caption ``<float>-caption``, Quarto
``<float>-caption-<uuid>``. Both engines' pages go through it (render/html.py, render/quarto.py finished_quarto_page);
an element already named is left alone.
"""

from __future__ import annotations

import html
import re

__all__ = ["named_zoom_links"]

# the element's opening tag up to its target: the link's href or the dialog's id, both "#zoom-[open-]<float>"
_OPENING = re.compile(r'<(?:a class="(alsr-zoom-open|alsr-zoom-close)" href|div class="(alsr-zoom)" id)='
                      r'"#?zoom-(?:open-)?([\w-]+)"[^>]*>')
_CAPTION = re.compile(r'<figcaption\b[^>]*\bid="([\w-]+?)-caption(?:-[0-9a-f-]{36})?"[^>]*>\s*(?:<[^>]+>\s*)*'
                      r"(Figure[\s\u00a0]+[^\s.<]+)\.")
_NAME = {"alsr-zoom-open": "Enlarge {}", "alsr-zoom-close": "Close {}", "alsr-zoom": "{}, enlarged"}


def named_zoom_links(page: str) -> str:
    """``page`` with every figure's zoom links labelled "Enlarge Figure N" and "Close Figure N", its enlarged view
    "Figure N, enlarged"."""
    numbers = {m.group(1): re.sub(r"[\s\u00a0]+", " ", m.group(2)) for m in _CAPTION.finditer(page)}
    if not numbers:
        return page

    def named(tag: re.Match[str]) -> str:
        number = numbers.get(tag.group(3))
        if number is None or "aria-label=" in tag.group(0):
            return tag.group(0)
        label = html.escape(_NAME[tag.group(1) or tag.group(2)].format(number), quote=True)
        return tag.group(0)[:-1] + f' aria-label="{label}">'

    return _OPENING.sub(named, page)
