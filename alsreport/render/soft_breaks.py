"""Sections that start a new page, unless that leaves the page before them half empty.

A report may start a section on a new page (``break-before: page`` in its print stylesheet) for the reader's sake:
the ethics report's adverse events and laboratory safety. Where the page before it would be left less than half full (the six-visit
study's exposure table alone on a page 36 % full before them: issue #10, reader 8), a typesetter lets the section
follow on that page. A section marked with the class :data:`SOFT` (``{.alsr-soft-break}`` on its heading) starts a
new page where its stylesheet says so; :func:`relax_soft_breaks` finds the pages before such a section less full
than asked and lets the section follow there (an inline ``break-before: auto``), for the float placement's next
layout (:mod:`alsreport.render.float_flow`) ... unless its first table or figure, kept whole, would not fit there
with the text before it: the section's heading and introduction would stand alone at the foot of the page and its
table on the next (the six-visit safety report's "5 Adverse events" and its one-paragraph introduction at the foot
of p. 7, Table 4 on p. 8: issue #10, reader 12b item 6). The section then starts the new page, as asked.
"""

from __future__ import annotations

from alsreport.render.page_boxes import classes, content_boxes, is_float

__all__ = ["PLACED", "SOFT", "forced_start", "hard_start", "kept_lead", "relax_soft_breaks", "soft_start"]

#: The class of a section whose page break may be dropped.
SOFT = "alsr-soft-break"
#: The attribute of a float before which the float placement itself set a page break (between floats WeasyPrint
#: would move together: :mod:`alsreport.render.float_flow`).
PLACED = "data-alsr-break"
_RELAXED = "data-alsr-relaxed"
_FORCED = {"page", "left", "right", "recto", "verso"}
#: Classes of a float (or of a block inside it) that is never broken across pages (print.css, manuscript-print.css).
_KEPT = {"alsr-keep", "alsr-keep-float", "quarto-float-fig"}
#: The margins around a float and the rounding of the fills (CSS px), as the float placement allows.
_SAFETY_PX = 80.0


def soft_start(page) -> object | None:
    """The element marked :data:`SOFT` that starts the page with a forced break, or None."""
    for box in content_boxes(page._page_box):
        if _continued(box):
            continue
        if box.element is not None and box.style["break_before"] in _FORCED:
            return box.element if SOFT in classes(box.element) else None
        if getattr(box, "text", None):
            return None
    return None


def _continued(box) -> bool:
    """The box continues an element from the page before (WeasyPrint took its top margin, padding and border: its
    ``remove_decoration_sides``): its ``break-before`` started that page, not this one. A section that starts a new
    page and runs over six (the example's laboratory safety) made every page in it a forced start, so the pages
    before them were never counted short (page 14, 52 % full before Table 11, kept over a layout with none half
    empty: session 24)."""
    return "top" in getattr(box, "remove_decoration_sides", ())


def hard_start(page) -> bool:
    """Whether the page's first block starts a new page by itself (``break-before: page``), not a section that may
    follow on the page before (:data:`SOFT`): nothing from after it can fill the page before. A break the float
    placement set (:data:`PLACED`) is not: the page before is its doing (the example's Figure 4 alone on a page 36 %
    full, Figure 5 after a break planned for an earlier layout, was scored as a page before a forced break and kept:
    issue #10, reader 11)."""
    element = forced_start(page)
    return element is not None and not element.get(PLACED)


def forced_start(page) -> object | None:
    """The element whose forced page break starts the page, where it is not a :data:`SOFT` section; else None."""
    if soft_start(page) is not None:
        return None
    for box in content_boxes(page._page_box):
        if _continued(box):
            continue
        if box.element is not None and box.style["break_before"] in _FORCED:
            return box.element
        if getattr(box, "text", None):
            return None
    return None


def kept_lead(page, section) -> float | None:
    """The height, from the top of ``page``, down to the foot of the first float of ``section`` printed on it, where
    that float is kept whole (a figure, a short table); None where its first float on the page may break, or where
    none is printed on it."""
    inside = {id(e) for e in section.iter()}
    for box in content_boxes(page._page_box):
        element = box.element
        if element is not None and id(element) in inside and is_float(element):
            if not any(classes(e) & _KEPT for e in element.iter() if isinstance(e.tag, str)):
                return None
            return box.position_y + box.margin_height() - page._page_box.content_box_y()
    return None


def relax_soft_breaks(document, fills: list[float], min_fill: float) -> int:
    """Let each :data:`SOFT` section that starts a page (of the same size) after a page less than ``min_fill`` full
    follow on that page (once: a later layout does not set the break again), unless its first float, kept whole,
    would not fit there with the text before it (:func:`kept_lead`). Returns the number of sections."""
    pages, done = document.pages, 0
    for i, (page, nxt) in enumerate(zip(pages[:-1], pages[1:], strict=True)):
        if fills[i] >= min_fill or (page.width, page.height) != (nxt.width, nxt.height):
            continue
        element = soft_start(nxt)
        if element is None or element.get(_RELAXED):
            continue
        lead = kept_lead(nxt, element)
        if lead is not None and lead > (1 - fills[i]) * page._page_box.height - _SAFETY_PX:
            continue        # its heading and introduction would be left at the page's foot, its table on the next
        element.set("style", f"{element.get('style') or ''}; break-before: auto".lstrip("; "))
        element.set(_RELAXED, "1")
        done += 1
    return done
