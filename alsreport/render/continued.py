""""Table 4 (continued)" at the top of every PDF page a table continues on.

A table broken over pages repeats its header rows, but nothing on the second page said which table it is (issue #10:
the example manuscript's Table 4, Tables S1 and S2, the ethics report's Tables 10 and 13). A journal prints the
caption's label with "(continued)" at the top of each continuation page; the PDF does the same from the layout, for
every table that breaks, whatever the study:

* :func:`mark_continued_tables` gives every body and note row of a table whose caption starts with a label ("Table 4",
  "Table S1") the attribute :data:`CONT_ATTR`, ``"Table 4 (continued)"``; a listing's row names its group as well
  (:data:`GROUP_ATTR`, set by :mod:`alsreport.documents.listing_pages`: the rows of a listing do not say which analyte
  or participant they belong to): ``"Table 13 (continued) — CSF — Total protein (mg/dL)"``.
* The print stylesheet (``templates/print.css``) sets a named string from that attribute on every table row, and
  ``""`` on every caption, paragraph, heading, list item and figure, and prints the page's first assignment in the
  top margin: a page that starts inside a table shows its label, any other page nothing.

Only the PDF step marks the tree WeasyPrint parsed; the HTML for the screen never has the attribute.
"""

from __future__ import annotations

import re

from alsreport.render.page_boxes import classes, tag_name

__all__ = ["CONT_ATTR", "GROUP_ATTR", "continued_text", "mark_continued_tables", "table_label"]

#: The text the print stylesheet prints at the top of a continuation page.
CONT_ATTR = "data-alsr-cont"
#: A listing row's group ("CSF — Total protein (mg/dL)"), named after the label.
GROUP_ATTR = "data-alsr-group"
#: A caption's label: one to three words and a number, optionally S-prefixed ("Table 4", "Table S1", "Tabla 2"),
#: followed by the caption's delimiter or a space.
_LABEL = re.compile(r"^\s*((?:[^\W\d_]+\s+){1,3}S?\d+)(?=[\s.:]|$)")
_ROW_GROUPS = {"tbody", "tfoot"}


def table_label(caption_text: str) -> str | None:
    """The label a caption starts with (``"Table 4"``, its space a no-break space as printed), or None."""
    m = _LABEL.match(caption_text)
    return " ".join(m.group(1).split()).replace(" ", "\u00a0") if m else None


def continued_text(label: str, group: str | None = None) -> str:
    """What a continuation page says above the table: ``"Table 4 (continued)"``, with the listing's group after it."""
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


def mark_continued_tables(root) -> int:
    """Set :data:`CONT_ATTR` on the body and note rows of every table with a labelled caption in the tree ``root``.
    Returns the number of tables marked."""
    parents = {child: parent for parent in root.iter() for child in parent}
    done = 0
    for table in [el for el in root.iter() if isinstance(el.tag, str) and tag_name(el) == "table"]:
        caption = _caption_of(table, parents)
        label = table_label("".join(caption.itertext())) if caption is not None else None
        if label is None:
            continue
        for group in table:
            if tag_name(group) not in _ROW_GROUPS:
                continue
            for row in group:
                if tag_name(row) == "tr":
                    row.set(CONT_ATTR, continued_text(label, row.get(GROUP_ATTR)))
        done += 1
    return done
