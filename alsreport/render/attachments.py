"""PDF attachments only where alsreport put them.

WeasyPrint embeds the file behind ``<a rel="attachment" href="…">`` (and
``<link rel="attachment">``) in the PDF. A template or document could use that to
pack any readable file of the output or templates folder into a report, so
before the PDF is made the ``attachment`` relation is removed from every element
that alsreport did not mark with ``data-alsreport-attachment`` (and reported).
"""

from __future__ import annotations

import re

__all__ = ["MARK", "strip_attachments"]

#: The attribute alsreport puts on the elements whose attachment it wants.
MARK = "data-alsreport-attachment"

_TAG = re.compile(r"<(a|link)\b[^>]*>", re.I | re.S)
_REL = re.compile(r"""\brel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)


def strip_attachments(html: str) -> tuple[str, list[str]]:
    """``html`` without unmarked ``rel=attachment`` relations; and the hrefs whose attachment was removed."""
    removed: list[str] = []

    def fix_tag(m: re.Match[str]) -> str:
        tag = m.group(0)
        rel = _REL.search(tag)
        if rel is None or MARK in tag:
            return tag
        value = next(g for g in rel.groups() if g is not None)
        tokens = value.split()
        if not any(t.lower() == "attachment" for t in tokens):
            return tag
        href = re.search(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", tag, re.I)
        removed.append(next((g for g in href.groups() if g is not None), "") if href else "")
        kept = " ".join(t for t in tokens if t.lower() != "attachment")
        return tag[:rel.start()] + f'rel="{kept}"' + tag[rel.end():]

    return _TAG.sub(fix_tag, html), removed
