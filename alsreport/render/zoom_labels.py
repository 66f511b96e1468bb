"""Each figure's "Enlarge figure" and "Close" links named after the figure (issue #10, session 25 HTML reader: on a
phone every figure has a link "Enlarge figure", so a screen reader's list of links read the same text six times).

The links (documents/context.py figure_block) are written before the figures are numbered; once a page is made, each
gets ``aria-label="Enlarge Figure 3"`` / ``"Close Figure 3"`` from the number its float's caption begins with. The
embedded engine names a caption ``<float>-caption``, Quarto ``<float>-caption-<uuid>``. Both engines' pages go through
it (render/html.py, render/quarto.py finished_quarto_page); a link already named is left alone.
"""

from __future__ import annotations

import html
import re

__all__ = ["named_zoom_links"]

_LINK = re.compile(r'<a class="(alsr-zoom-open|alsr-zoom-close)" href="#(?:zoom-)?([\w-]+)">')
_CAPTION = re.compile(r'<figcaption\b[^>]*\bid="([\w-]+?)-caption(?:-[0-9a-f-]{36})?"[^>]*>\s*(?:<[^>]+>\s*)*'
                      r"(Figure[\s\u00a0]+[^\s.<]+)\.")
_VERB = {"alsr-zoom-open": "Enlarge", "alsr-zoom-close": "Close"}


def named_zoom_links(page: str) -> str:
    """``page`` with every figure's zoom links labelled "Enlarge Figure N" and "Close Figure N"."""
    numbers = {m.group(1): re.sub(r"[\s\u00a0]+", " ", m.group(2)) for m in _CAPTION.finditer(page)}
    if not numbers:
        return page

    def named(link: re.Match[str]) -> str:
        number = numbers.get(link.group(2))
        if number is None:
            return link.group(0)
        label = html.escape(f"{_VERB[link.group(1)]} {number}", quote=True)
        return link.group(0)[:-1] + f' aria-label="{label}">'

    return _LINK.sub(named, page)
