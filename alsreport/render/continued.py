""""Table 4 (continued)" at the top of every PDF page a table continues on, with the block its rows belong to.

A table broken over pages repeats its header rows, but nothing on the second page said which table it is (issue #10:
the example manuscript's Table 4, Tables S1 and S2, the ethics report's Tables 10 and 13), nor, where the table is
made of blocks under group headings, which block its rows belong to (Tables S1 and S2: one block per later visit,
"Month 2 vs Month 0"; their rows repeat from block to block: issue #10, reader 12a). A journal prints the caption's
label with "(continued)" at the top of each continuation page; the PDF does the same from the layout, for every table
that breaks, whatever the study:

* :func:`mark_continued_tables` gives every body and note row of a table whose caption starts with a label ("Table 4",
  "Table S1") the attribute :data:`CONT_ATTR`, ``"Table 4 (continued)"``; a body row under a group heading (great-tables'
  ``gt_group_heading``: a visit's block, a compartment, a listing's analyte or participant; or a cell holding a
  :data:`GROUP_MARK` element: the CONSORT checklist's sections) names its group after the label: ``"Table S1
  (continued) — Month 2 vs Month 0"``, ``"Table 13 (continued) — CSF — Total protein (mg/dL)"``, ``"Table S5
  (continued) — Methods"``.
  A group heading row itself names none (a page that starts with it shows the group below).
* The print stylesheet (``templates/print.css``) sets a named string from that attribute on every table row, and
  ``""`` on every caption, paragraph, heading, list item and figure, and prints the page's first assignment in the
  top margin: a page that starts inside a table shows its label, any other page nothing.

Only the PDF step marks the tree WeasyPrint parsed; the HTML for the screen never has the attribute.
"""

from __future__ import annotations

import re

from alsreport.render.page_boxes import classes, tag_name

__all__ = ["CONT_ATTR", "GROUP_MARK", "continued_text", "mark_continued_tables", "table_label"]

#: The text the print stylesheet prints at the top of a continuation page.
CONT_ATTR = "data-alsr-cont"
#: The class of a group heading's cell (great-tables).
GROUP_HEADING = "gt_group_heading"
#: The class of an element inside a cell that makes its row a group heading, in a table great-tables did not build
#: (the CONSORT checklist's section rows, "Methods": a pandoc table, ``[**Methods**]{.alsr-group-heading}``).
GROUP_MARK = "alsr-group-heading"
#: A caption's label: one to three words and a number, optionally S-prefixed ("Table 4", "Table S1", "Tabla 2"),
#: followed by the caption's delimiter or a space.
_LABEL = re.compile(r"^\s*((?:[^\W\d_]+\s+){1,3}S?\d+)(?=[\s.:]|$)")
_ROW_GROUPS = {"tbody", "tfoot"}
_SPACES = re.compile(r"[ \t\r\n]+")     # not the no-break spaces of a visit label ("Month\u00a02")


def table_label(caption_text: str) -> str | None:
    """The label a caption starts with (``"Table 4"``, its space a no-break space as printed), or None."""
    m = _LABEL.match(caption_text)
    return " ".join(m.group(1).split()).replace(" ", "\u00a0") if m else None


def continued_text(label: str, group: str | None = None) -> str:
    """What a continuation page says above the table: ``"Table 4 (continued)"``, with the rows' group after it."""
    return f"{label} (continued)" + (f" — {group}" if group else "")


def _caption_of(table, parents: dict):
    """The caption element of ``table``: its own ``<caption>``, else the nearest caption just before it or one of its
    wrappers (a float's ``<figcaption>``, a supplementary table's ``.alsr-supplement-caption``); None where none."""
    for child in table:
        if tag_name(child) == "caption":
            return child
    node = table
    while node is not None and tag_name(node) not in {"section", "main", "body"}:
        parent = parents.get(node)
        if parent is None:
            return None
        siblings = [c for c in parent if isinstance(c.tag, str)]
        before = siblings[:siblings.index(node)]
        if before and (tag_name(before[-1]) == "figcaption"
                       or any("caption" in c for c in classes(before[-1]))):
            return before[-1]
        figcaptions = [c for c in siblings if tag_name(c) == "figcaption"]
        if figcaptions:         # a caption below the table, inside the same figure
            return figcaptions[0]
        node = parent
    return None


def _group_heading(row) -> str | None:
    """The text of a group heading row (its ``gt_group_heading`` cell, or the :data:`GROUP_MARK` element in one of
    its cells), or None for any other row."""
    for cell in row:
        if not isinstance(cell.tag, str):
            continue
        heading = cell if GROUP_HEADING in classes(cell) else next(
            (el for el in cell.iter() if isinstance(el.tag, str) and GROUP_MARK in classes(el)), None)
        if heading is not None:
            return _SPACES.sub(" ", "".join(heading.itertext())).strip() or None
    return None


def mark_continued_tables(root) -> int:
    """Set :data:`CONT_ATTR` on the body and note rows of every table with a labelled caption in the tree ``root``,
    a body row's with the group heading above it. Returns the number of tables marked."""
    parents = {child: parent for parent in root.iter() for child in parent}
    done = 0
    for table in [el for el in root.iter() if isinstance(el.tag, str) and tag_name(el) == "table"]:
        caption = _caption_of(table, parents)
        label = table_label("".join(caption.itertext())) if caption is not None else None
        if label is None:
            continue
        for rows in table:
            if tag_name(rows) not in _ROW_GROUPS:
                continue
            group = None
            for row in rows:
                if tag_name(row) != "tr":
                    continue
                heading = _group_heading(row) if tag_name(rows) == "tbody" else None
                group = heading or group
                row.set(CONT_ATTR, continued_text(label, None if heading or tag_name(rows) == "tfoot" else group))
        done += 1
    return done
