"""A table's scrolling box as a named, focusable region (issue #10, session 25 HTML reader).

On a phone a wide table scrolls sideways inside great-tables' own box (``<div id="…" style="overflow-x:auto…">``).
A keyboard user reaches a scrolling box only when it takes focus, and a screen reader announces it only as a named
region: the box gets ``tabindex="0"``, ``role="region"`` and ``aria-labelledby`` naming the caption that numbers it
("Table 5. Adverse events by …"). Quarto gives a float's caption an id of its own; the page finishing step points the
reference at it (:func:`alsreport.render.caption_refs.quarto_caption_refs`).
"""

from __future__ import annotations

import html
import re

__all__ = ["scroll_region"]

_BOX = re.compile(r"<div\b(?=[^>]*\bid=)([^>]*)>")


def scroll_region(markup: str, labelledby: str) -> str:
    """``markup`` (great-tables' HTML) with its outer box, the first ``<div id=…>``, made a region named by the element
    ``labelledby``; markup without such a box, or whose box already has a role, is returned unchanged."""
    box = _BOX.search(markup)
    if box is None or re.search(r"\brole=", box.group(1)):
        return markup
    attrs = f' tabindex="0" role="region" aria-labelledby="{html.escape(labelledby, quote=True)}"'
    return markup[:box.start()] + f"<div{box.group(1)}{attrs}>" + markup[box.end():]
