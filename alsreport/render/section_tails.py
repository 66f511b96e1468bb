"""The last landscape page before portrait ones, half empty: a section of the page before starts it instead.

The ethics report prints its sections with a table too wide for the portrait column (tables and listings, a sentence
or two each) on landscape pages, then turns back to portrait: the run's last page can hold the last section or two
alone, half empty, and nothing can fill it (text is never set across the turn). The six-visit study's run ended with
the serious-event and death listings on a page 49 % full (issue #10, reader 8), when every adverse-event section
turned (since then only those with a wide table do: templates/ethics-print.css). A typesetter would start a section of the page before on that
page, so that both are about as full: :func:`balance_section_tails` sets a page break before the section that makes
the emptier of the two pages fullest, for the float placement's next layout (:mod:`alsreport.render.float_flow`).
"""

from __future__ import annotations

from alsreport.render.page_boxes import content_boxes, is_heading, tag_name

__all__ = ["balance_section_tails"]

_MARK = "data-alsr-section-break"
#: The page that takes a section from the page before may be filled up to this share (a line or two of rounding).
_FULL = 0.95
#: The emptier page must gain at least this share of a page.
_GAIN = 0.1


def _size(page) -> tuple[float, float]:
    return page.width, page.height


def _section_starts(page) -> list[tuple[object, float]]:
    """The sections whose heading is printed on the page below its first line: (element, top of its box)."""
    top = page._page_box.content_box_y()
    out, seen = [], set()
    for box in content_boxes(page._page_box):
        el = box.element
        if el is None or tag_name(el) != "section" or id(el) in seen:
            continue
        seen.add(id(el))
        first = next((c for c in el if isinstance(c.tag, str)), None)
        if box.position_y > top + 1 and first is not None and is_heading(tag_name(first)):
            out.append((el, box.position_y))
    return out


def balance_section_tails(document, fills: list[float], min_fill: float) -> int:
    """For each landscape page less than ``min_fill`` full after a landscape page and before a portrait page: a page
    break before the section of the page before that leaves the emptier of the two fullest (once per section).
    Returns the number of breaks set."""
    pages, done = document.pages, 0
    for i in range(1, len(pages) - 1):
        before, page, nxt = pages[i - 1], pages[i], pages[i + 1]
        if fills[i] >= min_fill or page.width <= page.height or _size(before) != _size(page) \
                or _size(nxt) == _size(page):
            continue
        height, top = page._page_box.height, before._page_box.content_box_y()
        bottom, tail = top + fills[i - 1] * height, fills[i] * height
        best, score = None, tail + _GAIN * height
        for section, y in _section_starts(before):
            first, second = y - top, tail + bottom - y
            if second <= _FULL * height and min(first, second) > score and not section.get(_MARK):
                best, score = section, min(first, second)
        if best is not None:
            best.set("style", f"{best.get('style') or ''}; break-before: page".lstrip("; "))
            best.set(_MARK, "1")
            done += 1
    return done
