"""Text that continues around a float that does not fit: fewer half-empty PDF pages.

WeasyPrint has no page floats: a figure or a short table that must stay whole
(``break-inside: avoid``) and does not fit on the rest of a page moves to the next
page, and leaves the page it would have started on half empty. A journal's
typesetter lets the text continue and puts the float at the top of the next page.

:func:`layout_with_floats_deferred` does that in a few passes: it lays the document
out, finds every page that is less than :data:`TARGET_FILL` full and whose next page
(same size: not a change to a landscape page) starts with a float, and, in this order:

* floats one after another that WeasyPrint moved together (it does not break between
  two blocks that each avoid breaks inside): a page break before the first that does
  not fit, so the others stay;
* a figure slightly too tall: scaled to the rest of the page (not below :data:`MIN_SCALE`, nor
  below :data:`MIN_TEXT_PT` text);
* otherwise the float, with the floats right after it (their order is kept), moves after
  as many of the following text blocks (paragraphs, lists; within the same top-level
  section) as fill the gap; past further floats (they move too, in order) only while the
  page is short of the fill sought, as a typesetter sets the floats at the tops of the next
  pages and lets the scarce text between them fill the pages before;
* a table kept whole with no text after it to move past: it may split across the pages
  (its header rows repeat).

Pages one after another before floats (a run of tables with little text between) are planned
in order, each with the text the move before it brought up; the run's moves are kept only as
far as they leave no page under :data:`MIN_FILL` (:func:`_accept_run`): where the text between
the floats is too little to fill their pages, no layout is spent on moving it around. Pages
before a float are planned to :data:`MIN_FILL` first, to :data:`TARGET_FILL` once none is
under it (a half-empty page before text, which no move can fill, does not count).

A portrait page short of :data:`TARGET_FILL` before a landscape float: the float moves after
as much of the following text as fits the rest of the page, into the next top-level section
at most; where the page before it is still short after that, once more, as far as the page's end within its
section, else back to that page's top (:func:`_plan_landscape`, :mod:`alsreport.render.page_boundary`).

Before the first layout, landscape floats (wide tables, ``alsr-landscape``) separated only by text
in the same section are brought together (:func:`gather_landscape_floats`), the text after them:
text is never printed on a landscape page, and two short landscape tables can share one.

Each pass also gives a table's last page rows of the page before where it is nearly empty before a turn of the page
(:mod:`~alsreport.render.table_tails`), lets a section marked to start a new page follow on a half-empty page before
it (:mod:`~alsreport.render.soft_breaks`), and starts the last of a run of landscape pages, half empty, with a
section of the page before (:mod:`~alsreport.render.section_tails`); the layouts are scored by
:mod:`~alsreport.render.layout_score`.

Then it lays the document out again; the layout with the fewest, least empty half-empty
pages is kept. The HTML tree WeasyPrint parsed is changed in place; the text itself is
never changed, and a document without such pages is laid out once.
"""

from __future__ import annotations

import logging
import re
from typing import Callable

from alsreport.render.layout_score import MIN_FILL, TARGET_FILL, second_move_due as _second_move_due, \
    shortfall as _shortfall
from alsreport.render.page_boundary import boundary_anchor
from alsreport.render.section_tails import balance_section_tails
from alsreport.render.soft_breaks import PLACED, relax_soft_breaks
from alsreport.render.table_tails import balance_table_tails
from alsreport.render.page_boxes import (
    classes as _classes, is_float as _is_float, content_boxes as _content,
    first_float as _first_float, is_heading as _heading, printed_heights as _heights, tag_name as _tag,
    heading_before as _heading_before, heading_height as _heading_height, page_fills,
)

__all__ = ["MIN_FILL", "TARGET_FILL", "page_fills", "gather_landscape_floats", "layout_with_floats_deferred"]

#: A figure may be scaled down to this share of its size to fit the rest of a page.
MIN_SCALE = 0.7
#: ... and not so far that its smallest text is under this size (points).
MIN_TEXT_PT = 7.0
_FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)(?:px)?\s*(?:;|$)")
_SAFETY_PX = 80.0   # the margins between the last line and the float, and rounding
_PASSES = 5
#: A landscape float moves after the following text at most this many times (:func:`_plan_landscape`).
_MAX_LANDSCAPE_MOVES = 2
#: Text moved up past further floats aims this much (share of a page) above the fill sought: the fills measured from
#: the printed words differ from WeasyPrint's boxes by a line or two.
_MARGIN = 0.03
#: A further layout is tried only after one that filled at least this much more of the pages (in pages).
_MIN_GAIN = 0.25
_BREAK, _BREAK_MARK = "; break-before: page", PLACED
_KEEP = {"alsr-keep-float", "alsr-keep"}     # print.css: break-inside: avoid
_TEXT_TAGS = {"p", "ul", "ol", "dl", "blockquote", "pre"}
#: Each layout's page fills and score, and each page the passes consider, at DEBUG level.
LOG = logging.getLogger(__name__)


#: A page whose body has this class keeps each float within its subsection (the safety report: each subsection
#: introduces its table; report/ethics.qmd), as when its sections were h1 and its subsections h2: with the study title
#: as its h1 they are h2 and h3, so its headings and sections count one level up (:func:`_depth`).
FLOATS_IN_SUBSECTIONS = "alsr-floats-in-subsections"


def _depth(root) -> int:
    """How many levels a document's headings lie below the levels the rules here are written for: 1 for a page
    whose body has :data:`FLOATS_IN_SUBSECTIONS`, else 0 (the manuscript: sections h2, subsections h3)."""
    body = next((e for e in root.iter() if _tag(e) == "body"), None)
    return int(FLOATS_IN_SUBSECTIONS in _classes(body))


def _bounds(depth: int) -> set[str]:
    return {f"level{1 + depth}", f"level{2 + depth}"}


def _following_text(el, parents: dict, across: bool | str = False, floats: bool = False, depth: int = 0) -> list:
    """The text blocks after ``el`` (and the floats right after it) in reading order, as long as no other
    float, landscape content or top-level section intervenes (``across``: a numbered top-level section's
    heading and text are passed too; ``across="all"``: an unnumbered one's too (abbreviations, references: the
    entries one by one) when it holds no table or float; ``floats``: other portrait floats are listed, as
    ``("float", el)``, and passed); headings are passed (kept as part of the next block's height by the caller)."""
    out: list = []
    node = el
    while True:
        parent = parents.get(node)
        if parent is None:
            return out
        siblings = list(parent)
        for sib in siblings[siblings.index(node) + 1:]:
            if not _walk(sib, out, across, floats, depth):
                return out
        if _tag(parent) != "section" or (not across and _classes(parent) & _bounds(depth)):
            return out
        node = parent


def _walk(el, out: list, across: bool | str = False, floats: bool = False, depth: int = 0) -> bool:
    """Append ``el``'s text blocks (and, with ``floats``, its portrait floats) to ``out``; False where deferring
    must stop (``depth``: :func:`_depth`)."""
    if not isinstance(el.tag, str):
        return True         # a comment
    tag, cls = _tag(el), _classes(el)
    if floats and _is_float(el) and "alsr-landscape" not in cls:
        out.append(("float", el))
        return True
    level = int(tag[1]) if _heading(tag) else 0
    if _is_float(el) or "alsr-landscape" in cls or 0 < level <= 1 + depth or (level == 2 + depth and not across):
        return False
    if tag == "section":
        if cls & _bounds(depth) and not (across and el.get("data-number")) and not (
                across == "all" and not any(_tag(e) == "table" or _is_float(e) for e in el.iter())):
            return False
        return all(_walk(child, out, across, floats, depth) for child in el)
    if across == "all" and "csl-bib-body" in cls:
        return all(_walk(child, out, across, floats, depth) for child in el)    # the references, entry by entry
    if _heading(tag):
        out.append(("heading", el))
        return True
    if tag in _TEXT_TAGS or (tag == "div" and not cls & {"quarto-float", "alsr-table", "alsr-figure"}):
        out.append(("text", el))
        return True
    return False


def _move_after(group: list, anchor, parents: dict) -> None:
    """Move the float elements of ``group`` (in order) right after ``anchor``."""
    for el in group:
        parents[el].remove(el)       # its tail is whitespace between blocks (html5lib keeps it)
        el.tail = "\n"
        _drop_break(el)     # an earlier pass's break within a group of floats: it moves on
    target = parents[anchor]
    at = list(target).index(anchor) + 1
    for k, el in enumerate(group):
        target.insert(at + k, el)
        parents[el] = target


def _float_group(first, parents: dict) -> list:
    """``first`` and the floats that follow it directly (same parent)."""
    parent = parents[first]
    siblings = list(parent)
    group = [first]
    for sib in siblings[siblings.index(first) + 1:]:
        if not _is_float(sib) or "alsr-landscape" in _classes(sib):
            break
        group.append(sib)
    return group


def _shrink(float_el, page, gap: float, step: bool = False) -> bool:
    """Scale the float's figure (not below :data:`MIN_SCALE`) so that the whole float fits ``gap``; ``step``:
    it seems to fit and did not (WeasyPrint kept it with what follows), so take a step down."""
    from weasyprint.formatting_structure import boxes

    inside = {id(e) for e in float_el.iter()}
    own = [b for b in _content(page._page_box) if b.element is float_el]
    images = [b for b in _content(page._page_box)
              if isinstance(b, boxes.ReplacedBox) and b.element is not None and id(b.element) in inside]
    if not own or len(images) != 1:
        return False
    image, height = images[0], own[0].margin_height()
    scale = 1 - (height - gap + _SAFETY_PX) / image.height if image.height else 0.0
    done = float(image.element.get("data-alsr-scale", "1"))     # an earlier pass's scale
    if done < 1 or step:
        scale = min(scale, 0.9)      # an earlier pass shrank it too little: a step further
    if scale >= 1 or scale * done < max(MIN_SCALE, _text_floor(image.element, image.width / done)):
        return False
    image.element.set("style", f"width: {image.width * scale:.1f}px; height: {image.height * scale:.1f}px")
    image.element.set("data-alsr-scale", f"{scale * done:.3f}")
    return True


def _text_floor(svg, width: float) -> float:
    """The smallest scale of an SVG drawn ``width`` CSS px wide (at its full size) that keeps its smallest text at
    least :data:`MIN_TEXT_PT` (issue #10: journals expect no text under 7 pt); 0 where its text sizes are unknown."""
    box = (svg.get("viewBox") or "").replace(",", " ").split()
    sizes = [float(m) for el in svg.iter() if isinstance(el.tag, str)
             for m in _FONT_SIZE.findall(f"{el.get('style') or ''};font-size:{el.get('font-size') or ''}")]
    if len(box) != 4 or not sizes or float(box[2]) <= 0:
        return 0.0
    return MIN_TEXT_PT / (min(sizes) * width / float(box[2]) * 0.75)


def _break_within(group: list, gap: float, heights: dict) -> bool:
    """Floats one after another that WeasyPrint moved together (it does not break between two blocks that
    each avoid breaks inside): a page break before the first that does not fit, after those that do."""
    room, changed = gap - _SAFETY_PX, False
    for k, el in enumerate(group):
        room -= heights.get(id(el), 0.0)
        if room < 0:
            if k == 0 or "break-before" in (el.get("style") or ""):
                return changed
            el.set("style", ((el.get("style") or "") + _BREAK).lstrip("; "))
            el.set(_BREAK_MARK, "1")
            return True
        if k == 0 and el.get(_BREAK_MARK):     # an earlier pass's break, and the float fits now
            changed = _drop_break(el)
    return changed


def _let_table_split(float_el) -> bool:
    """A table kept whole (``alsr-keep-float``) that cannot move later: let it start on this page and
    continue on the next (its header rows repeat)."""
    kept = [el for el in float_el.iter() if isinstance(el.tag, str) and _classes(el) & _KEEP]
    if not kept or not any(_tag(el) == "table" for el in float_el.iter() if isinstance(el.tag, str)):
        return False
    for el in kept:
        el.set("class", " ".join(c for c in (el.get("class") or "").split() if c not in _KEEP))
    return True


def _defer(group: list, gap: float, need: tuple[float, float], heights: dict,
           parents: dict, page_height: float = float("inf"), depth: int = 0) -> tuple[list, object, float] | None:
    """The floats to move (the group, and the floats it passes), the text block after which they go, and the height
    of the text moved up: text up to the gap; past further floats (they move too, in their order) only while the
    text is less than ``need`` (the text sought, and the text that is nearly enough: no new section starts before
    the floats passed for less). Where the text between the floats of a section is scarce (the example: a CONSORT
    diagram, Table 1 and Table 2 with two short paragraphs between), it goes where a page needs it, as a journal's
    typesetter lets the text continue and sets the floats at the tops of the next pages.

    A float's lead-in (the text block right before it) moves up only where the floats that would then stand between
    it and its float are at most ``page_height`` tall: the example's "Individual trajectories ... are shown in
    Figure 2" went up before Tables 2 and 3, two and a half pages before its figure (issue #10, reader 11)."""
    (need, enough), filled, moved, anchor, passed, passing = need, 0.0, 0.0, None, [], []
    items = _following_text(group[-1], parents, floats=True, depth=depth)
    for k, (kind, el) in enumerate(items):
        if kind == "text" and k + 1 < len(items) and items[k + 1][0] == "float" \
                and sum(heights.get(id(f), 0.0) for f in group + passing) > page_height:
            break       # a lead-in stays with its float
        if kind == "float":
            if filled >= need:
                break
            passing.append(el)
            continue
        if kind == "heading" and passing and filled >= enough:
            break       # nearly enough text: the next section starts after the floats
        filled += heights.get(id(el), 0.0)
        if kind == "text":
            anchor, moved, passed = el, filled, list(passing)
            if filled >= gap:
                break
    return (group + passed, anchor, moved) if anchor is not None else None


def _plan_moves(document, root) -> tuple[list[tuple[list, object]], int]:
    """For every half-empty page followed by a float: shrink the float's figure to fit the rest of the page
    (done here, in the tree), or plan a (float group, text block to put it after), or else let a table split
    across the pages (done here); returns the plans and the number of floats changed in place.

    Pages one after another, each before a float (a run of tables with little text between), are planned in
    order: the text a move brings up to a page leaves the next page that much emptier (its float still at the
    top), so that page's gap is planned with it; where the next float would then fit, the run ends for this pass.
    Of a run's moves, the longest first ones that leave no page under :data:`MIN_FILL` and fill the pages more
    are kept (:func:`_accept_run`)."""
    heights, fills = _heights(document), page_fills(document)
    parents = {child: parent for parent in root.iter() for child in parent}
    depth = _depth(root)
    moves, moved, shrunk, run, acted = [], set(), 0, [], set()
    before = _pages_before_floats(document)
    # half-empty pages first; pages short of TARGET_FILL only once there are none (their moves must not make one)
    limit = MIN_FILL if any(fill < MIN_FILL for _, fill, _ in before) else TARGET_FILL
    for i, fill, first in before:
        page, nxt = document.pages[i], document.pages[i + 1]
        height = page._page_box.height
        carried = run[-1][3] if run and run[-1][0] == i - 1 else 0.0   # brought up from this page to the one before
        if not carried:
            moves += _accept_run(run, fills, height, {b[0] for b in before})
            run = []
        fill -= carried / height
        if fill >= limit or first not in parents or id(first) in moved:
            continue
        gap = (1 - fill) * height
        LOG.debug("page %d %.0f %% full (limit %.0f %%): next page starts with %s", i + 1, fill * 100,
                  limit * 100, first.get("id"))
        group, room = _float_group(first, parents), gap - _heading_height(nxt, first)
        if carried and heights.get(id(first), 0.0) <= room - _SAFETY_PX:
            LOG.debug("  float %s: fits the page now", first.get("id"))
            continue
        if not carried and (_break_within(group, room, heights) or _shrink(first, nxt, room)):
            LOG.debug("  float %s: a break within its group, or scaled", first.get("id"))
            shrunk += 1
            acted.add(i)
            continue
        need = ((limit + _MARGIN - fill) * height, (limit - fill) * height)
        move = _defer(group, gap, need, heights, parents, height, depth)
        LOG.debug("  float %s: %s", first.get("id"), f"moves after {_tag(move[1])} ({move[2] / height:.0%} of a page)"
                  if move else "no text follows to move past")
        if move and not moved & {id(el) for el in move[0]}:
            moved |= {id(el) for el in move[0]}
            run.append((i, fill, fill + min(move[2], gap) / height, min(move[2], gap), move[:2]))
        elif move is None and not carried and (_let_table_split(first) or _shrink(first, nxt, gap, step=True)):
            shrunk += 1
            acted.add(i)
    moves += _accept_run(run, fills, document.pages[0]._page_box.height, {b[0] for b in before})
    acted |= {i for i, *_ in run}
    # a table's last page that a float changed here may fill (the ethics report's Table 10 evened out over its last two
    # pages while Table 11, let split, started on its last: Table 10's page before was left 34 % blank)
    shrunk += balance_table_tails(document, MIN_FILL, acted) + relax_soft_breaks(document, fills, MIN_FILL) \
        + balance_section_tails(document, fills, MIN_FILL)
    # the landscape floats once no page before a portrait float is half empty, or none of those can be helped (a table
    # that fits its page whole is not split: issue #10, reader 8)
    landscape = limit == TARGET_FILL or not (moves or shrunk)
    return moves + (_plan_landscape(document, heights, parents, depth) if landscape else []), shrunk


def _accept_run(run: list, fills: list[float], height: float, floats_next: set[int]) -> list:
    """The moves of the longest start of ``run`` (records: page index, fill before, fill after, height brought up
    from the next page, move) that leaves no page under :data:`MIN_FILL` and leaves the pages less short of
    :data:`TARGET_FILL` than they were. The page after its last move loses what was brought up from it when a
    float starts the page after it (``floats_next``: such pages' indices); before text, the text flows up."""
    def short(f: float) -> float:
        return max(0.0, TARGET_FILL - f) + 10 * max(0.0, MIN_FILL - f)

    for k in range(len(run), 0, -1):
        i, _, _, freed, _ = run[k - 1]
        after = [r[2] for r in run[:k]] + ([fills[i + 1] - freed / height] if i + 1 in floats_next else [])
        was = [fills[r[0]] for r in run[:k]] + ([fills[i + 1]] if i + 1 in floats_next else [])
        if min(after) >= min(MIN_FILL, min(was)) and sum(map(short, after)) < sum(map(short, was)) - 0.02:
            LOG.debug("  moves for pages %s kept (fills %s)", [r[0] + 1 for r in run[:k]],
                      " ".join(f"{f * 100:.0f}" for f in after))
            return [r[4] for r in run[:k]]
    if run:
        LOG.debug("  moves for pages %s dropped: they would leave a page emptier", [r[0] + 1 for r in run])
    return []


def _pages_before_floats(document) -> list[tuple[int, float, object]]:
    """The pages whose next page, of the same size, starts with a (portrait) float: (page index, fill, that float
    element)."""
    pages, fills, out = document.pages, page_fills(document), []
    for i, (page, nxt) in enumerate(zip(pages[:-1], pages[1:], strict=True)):
        if (page.width, page.height) == (nxt.width, nxt.height):
            first = _first_float(nxt)
            if first is not None and "alsr-landscape" not in _classes(first):
                out.append((i, fills[i], first))
    return out


def _plan_landscape(document, heights: dict, parents: dict, depth: int = 0) -> list[tuple[list, object]]:
    """A portrait page short of :data:`TARGET_FILL` before a landscape page that starts with a landscape float: the
    float (with the landscape floats right after it) moves after as much of the following text as fits the rest of
    the page, into the next numbered section if need be, as a journal's typesetter lets the text continue; text is
    never typeset on the landscape page (issue #10: the last rows of a table alone on a page before one). A float
    moved once goes on to the page's end within its top-level section, or, where that section ends first, back to the
    top of the short page (at most :data:`_MAX_LANDSCAPE_MOVES` moves): never into the back matter."""
    fills, pages, out = page_fills(document), document.pages, []
    for i, (page, nxt) in enumerate(zip(pages[:-1], pages[1:], strict=True)):
        if fills[i] >= TARGET_FILL or page.width > page.height or nxt.width <= nxt.height:
            continue
        first = _first_float(nxt)
        deferred = int(first.get("data-alsr-deferred") or 0) if first is not None else 0
        if first is None or not _landscape(first) or first not in parents or deferred >= _MAX_LANDSCAPE_MOVES \
                or _heading_before(nxt, first):
            continue        # a heading above it: its section turns the page (the ethics report's), the text with it
        group, gap = [first], (1 - fills[i]) * page._page_box.height - _SAFETY_PX
        siblings = list(parents[first])
        for sib in siblings[siblings.index(first) + 1:]:
            if not _landscape(sib):
                break
            group.append(sib)
        filled, anchor, sections = 0.0, None, 0
        # into the next top-level section at most (the float stays near); a float moved once whose page before is
        # still short (the six-visit manuscript's Table 7 after §4.1 alone on a page 13 % full, then the
        # Declarations: issue #10, reader 8) goes on to the page's end, as a typesetter's float goes to the next
        # page boundary while the text flows on: the float stays on the page after the one it was put before
        # ... within its own top-level section: never into the back matter (Declarations, Abbreviations, References:
        # the same table went on past the Declarations into the references, which it split: issue #10, reader 9);
        # where that section's text ends first, the float goes back to the top of the short page (:mod:`page_boundary`)
        for kind, el in _following_text(group[-1], parents, across=False if deferred else True, depth=depth):
            filled += heights.get(id(el), 0.0)
            sections += _tag(el) == f"h{2 + depth}"
            if filled > gap or (sections > 1 and not deferred):
                break
            anchor = el if kind == "text" else anchor
        else:
            anchor = _back_to_boundary(document, i, parents, fills) if deferred else anchor
        LOG.debug("page %d %.0f %% full before landscape %s: %s", i + 1, fills[i] * 100, first.get("id"),
                  f"moves after {_tag(anchor)}" if anchor is not None else "no text fits")
        if anchor is not None:
            first.set("data-alsr-deferred", str(deferred + 1))
            out.append((group, anchor))
    return out


def _back_to_boundary(document, i: int, parents: dict, fills: list[float]):
    """The element after which a landscape float goes to start at the top of page ``i`` (its text following it), where
    the page before stays at least :data:`MIN_FILL` full; else None."""
    back = boundary_anchor(document, i, parents, fills[i - 1]) if i else None
    LOG.debug("  back to the top of page %d: %s", i + 1, "page before %.0f %% full" % (back[1] * 100) if back else "no")
    return back[0] if back and back[1] >= MIN_FILL else None


def _half_empty(document) -> bool:
    """Whether a page before a float is less than :data:`MIN_FILL` full. A half-empty page before text (the last
    rows of a table continued over pages, before the appendix's new page) is not the passes' to fill: it no longer
    holds back the pass for the pages short of :data:`TARGET_FILL` (issue #10: the 6-visit manuscript's pages 3-6,
    65-74 % full, were never considered because its Table S1 ended on a page 47 % full)."""
    return any(fill < MIN_FILL for _, fill, _ in _pages_before_floats(document))


def _landscape(el) -> bool:
    return _is_float(el) and "alsr-landscape" in _classes(el)


def gather_landscape_floats(root) -> int:
    """Move each landscape float that follows another one in the same parent, with only text blocks (no
    heading, no other float) between them, to right after it: the text then follows both, on a portrait
    page, and the floats share landscape pages where they fit. Returns the number of floats moved."""
    moved = 0
    for parent in list(root.iter()):
        children = [c for c in parent if isinstance(c.tag, str)]
        last, between = None, False
        for child in children:
            if _landscape(child):
                if last is not None and between:
                    parent.remove(child)
                    child.tail = "\n"
                    parent.insert(list(parent).index(last) + 1, child)
                    moved += 1
                last, between = child, False
            elif last is not None and (_tag(child) in _TEXT_TAGS or (_tag(child) == "div" and not _classes(child))):
                between = True
            else:
                last, between = None, False
    return moved


def _moved_again(root) -> int:
    """How many landscape floats have been planned for their last move (:func:`_plan_landscape`)."""
    return sum(el.get("data-alsr-deferred") == str(_MAX_LANDSCAPE_MOVES) for el in root.iter() if isinstance(el.tag, str))


def _drop_break(el) -> bool:
    """Remove the page break :func:`_break_within` set before ``el``, if any."""
    if not el.get(_BREAK_MARK):
        return False
    el.set("style", (el.get("style") or "").replace(_BREAK.lstrip("; "), "").strip("; "))
    del el.attrib[_BREAK_MARK]
    return True


def _clear_breaks_after(anchors: set[int], root) -> None:
    """Drop the page breaks an earlier pass set within groups of floats (:func:`_break_within`) after the first of
    ``anchors`` (ids of elements) in reading order: the text moved there shifts the floats after it, and a break
    planned for the old layout would leave a page half empty in the new one (the next pass plans them again)."""
    after = False
    for el in root.iter():
        after = after or id(el) in anchors
        if after:
            _drop_break(el)


def _log_layout(document, score: float) -> None:
    if LOG.isEnabledFor(logging.DEBUG):
        LOG.debug("layout: %d pages, shortfall %.2f, fills %s", len(document.pages), score,
                  " ".join(f"{f * 100:.0f}" for f in page_fills(document)))


def layout_with_floats_deferred(html, render: Callable[[], object]):
    """Lay out ``html`` (a ``weasyprint.HTML``) with ``render()``; move floats that leave half-empty pages
    later in the text and lay out again, at most a few times. Returns the best document (a rendered
    document keeps its own layout: the tree may change afterwards)."""
    root = html.etree_element
    gather_landscape_floats(root)
    document = best = render()
    best_score = _shortfall(document)
    _log_layout(document, best_score)
    for k in range(_PASSES + 1):
        half_empty, again = _half_empty(document), _moved_again(root)
        moves, shrunk = _plan_moves(document, root)
        if not moves and not shrunk or (k == _PASSES and _moved_again(root) == again):
            break       # one pass more only for a landscape float moved a second time (its page before still short)
        for group, anchor in moves:
            _move_after(group, anchor, {child: parent for parent in root.iter() for child in parent})
        _clear_breaks_after({id(anchor) for _, anchor in moves}, root)
        document = render()     # a pass may need the next one (a figure shrunk too little): go on from it
        score = _shortfall(document)
        _log_layout(document, score)
        gain = best_score - score
        if score < best_score:
            best, best_score = document, score
        # another layout (10-30 CPU s for a manuscript) would buy less than a quarter of a page; but once the last
        # half-empty page is gone, one more pass for the pages short of TARGET_FILL; and after a worse layout, one
        # more from it: floats moved together may need a break within their group, or the text a further move
        # ... nor after a landscape float's first move that left its page before short (the text around it moved
        # too: the six-visit manuscript's §4 alone on a page 28 % full before Table 7), where its second move is due
        # ... nor while a page before a float is still half empty: the change that made this layout (a table let split
        # above it) can leave a break within a group of floats planned for the layout before standing on a page with
        # room for the float after it (the example's Figure 4 alone on a page 36 % full: issue #10, reader 11)
        if 0 <= gain < _MIN_GAIN and not (half_empty or _half_empty(document)) and not _second_move_due(document):
            break
    return best

