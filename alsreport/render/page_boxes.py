"""Reading WeasyPrint's laid-out pages for the float placement (:mod:`alsreport.render.float_flow`): which boxes
each page prints, how full it is, which float it starts with, and each element's printed height."""

from __future__ import annotations

__all__ = ["classes", "content_boxes", "first_float", "heading_before", "heading_height", "is_float", "is_heading",
           "leaves", "page_fills", "printed_heights", "tag_name"]


def classes(element) -> set[str]:
    return set((element.get("class") or "").split()) if element is not None else set()


def is_float(element) -> bool:
    return element is not None and element.tag.endswith("div") and "quarto-float" in classes(element) \
        and element.get("id") is not None


def content_boxes(page_box):
    """The boxes of the page's content, in order (the running header and footer left out)."""
    from weasyprint.formatting_structure import boxes

    for child in page_box.children:
        if not isinstance(child, boxes.MarginBox):
            yield from child.descendants()


def leaves(page_box):
    """The boxes that hold what is printed: lines, images/SVGs, table rows."""
    from weasyprint.formatting_structure import boxes

    for b in content_boxes(page_box):
        if isinstance(b, (boxes.LineBox, boxes.ReplacedBox, boxes.TableRowBox)):
            yield b


def page_fills(document) -> list[float]:
    """Per page of a rendered WeasyPrint document: the share of the content box's height down to its
    lowest line, image or table row."""
    out = []
    for page in document.pages:
        pb = page._page_box
        top, height = pb.content_box_y(), pb.height
        bottom = max((b.position_y + b.margin_height() for b in leaves(pb)), default=top)
        out.append(max(0.0, min(1.0, (bottom - top) / height)) if height else 1.0)
    return out


def first_float(page) -> object | None:
    """The float element the page starts with (after at most a heading kept with it), or None."""
    from weasyprint.formatting_structure import boxes

    for b in content_boxes(page._page_box):
        if is_float(b.element):
            return b.element
        if isinstance(b, (boxes.LineBox, boxes.ReplacedBox, boxes.TableRowBox)) and b.element is not None \
                and not is_heading(tag_name(b.element)):
            return None     # printed content before any float; a heading (kept with the float) is allowed
    return None


def is_heading(tag: str) -> bool:
    return len(tag) == 2 and tag[0] == "h" and tag[1].isdigit()


def printed_heights(document) -> dict[int, float]:
    """Printed height of each element (summed over pages, its outermost box on each), keyed by ``id``."""
    out: dict[int, float] = {}
    for page in document.pages:
        seen: set[int] = set()
        for b in content_boxes(page._page_box):
            el = b.element
            if el is None or id(el) in seen:
                continue
            seen.add(id(el))
            out[id(el)] = out.get(id(el), 0.0) + b.margin_height()
    return out


def tag_name(el) -> str:
    return el.tag.rsplit("}", 1)[-1].lower() if isinstance(el.tag, str) else ""


def heading_height(page, float_el) -> float:
    """Height of what precedes the float at the top of its page (a heading kept with it)."""
    for b in content_boxes(page._page_box):
        if b.element is float_el:
            return max(0.0, b.position_y - page._page_box.content_box_y())
    return 0.0


def heading_before(page, float_el) -> bool:
    """Whether a heading is printed above the float at the top of its page (its section starts the page)."""
    for b in content_boxes(page._page_box):
        if b.element is float_el:
            return False
        if b.element is not None and is_heading(tag_name(b.element)):
            return True
    return False
