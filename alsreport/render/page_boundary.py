"""A landscape float put back at a page boundary (:mod:`alsreport.render.float_flow`, its second move).

A landscape float moved once after the text that follows it (to fill the portrait page before it) may still leave
that page short: the text moved up overran the page by a few lines, and those lines stand alone before the float.
Moving the float further on would carry it into the back matter (the six-visit manuscript's Table 7 went past the
Declarations and Abbreviations into the references, which it split: issue #10, reader 9). Instead the float goes back
to the top of that short page, as a typesetter's float goes to the page boundary: the block the page starts with (a
paragraph begun on the page before, with the heading above it) follows the float, on the next portrait page.
"""

from __future__ import annotations

from alsreport.render.page_boxes import content_boxes, is_float, is_heading, leaves, tag_name

__all__ = ["boundary_anchor"]


def boundary_anchor(document, index: int, parents: dict, fill: float) -> tuple[object, float] | None:
    """The element after which a float put at the top of page ``index`` goes, and how full the page before is then
    (the lines it holds of the block that moves on leave it; ``fill``: how full it is now); None where that page starts with a float or a table,
    or there is no portrait page of the same size before it."""
    pages = document.pages
    if index < 1 or (pages[index - 1].width, pages[index - 1].height) != (pages[index].width, pages[index].height):
        return None
    node = _first_block(pages[index], parents)
    if node is None or any(is_float(e) or tag_name(e) == "table" for e in node.iter() if isinstance(e.tag, str)):
        return None
    anchor = None
    while anchor is None:
        parent = parents.get(node)
        if parent is None:
            return None
        siblings = [c for c in parent if isinstance(c.tag, str)]
        k = siblings.index(node)
        if k > 0 and is_heading(tag_name(siblings[k - 1])):
            node = siblings[k - 1]          # a heading goes with its block
        elif k == 0 and tag_name(parent) == "section":
            node = parent                   # a section's first block: the section goes
        elif k == 0:
            return None
        else:
            anchor = siblings[k - 1]
    return anchor, _fill_above(pages[index - 1], node, fill)


def _first_block(page, parents: dict):
    """The block (a child of a section) the page's first printed line, image or row belongs to."""
    for box in leaves(page._page_box):
        node = box.element
        if node is None:
            continue
        while parents.get(node) is not None and tag_name(parents[node]) != "section":
            node = parents[node]
        return node if parents.get(node) is not None else None
    return None


def _fill_above(page, node, fill: float) -> float:
    """The share of ``page``'s content box above ``node``'s first box on it (``fill``, the page's own, where ``node``
    is not on it)."""
    inside = {id(e) for e in node.iter()}
    pb = page._page_box
    for box in content_boxes(pb):
        if box.element is not None and id(box.element) in inside:
            return max(0.0, (box.position_y - pb.content_box_y()) / pb.height) if pb.height else 1.0
    return fill
