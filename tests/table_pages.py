"""Where a rendered document's tables break: how many of each table's body rows every page prints.

The body rows are read from the HTML (great-tables' stub cells, in order; group heading rows are not body rows), their
pages from the PDF's words (``pdftotext -bbox``): each table's caption is found in the text of the whole document,
then its row labels one after another from there (a label printed otherwise, with a footnote mark, is skipped).
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from manuscript_render import word_boxes

__all__ = ["rows_per_page"]

_FLOAT = re.compile(r'<div id="(tbl-[\w-]+)" class="quarto-float')
_CAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.S)
#: A row label is sought this far (characters of the PDF's text) after the previous one.
_WINDOW = 2500
_STUB = re.compile(r'<th[^>]*class="[^"]*gt_stub[^"]*"[^>]*>(.*?)</th>', re.S)


def _text(fragment: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\u2060", "").split())


def _tables(html: str) -> dict[str, tuple[str, list[str]]]:
    """Each table float's id: its caption's first words and its body rows' labels, in order."""
    out = {}
    starts = [(m.start(), m.group(1)) for m in _FLOAT.finditer(html)]
    for (start, ident), (end, _) in zip(starts, [*starts[1:], (len(html), "")], strict=True):
        part = html[start:end]
        caption = _CAPTION.search(part)
        body = part[part.find("<tbody"):part.find("</tbody>")]
        labels = [_text(s) for s in _STUB.findall(body)]
        if caption and labels:
            out[ident] = (" ".join(_text(caption.group(1)).split()[:4]), labels)
    return out


def rows_per_page(html: str, pdf: Path) -> dict[str, list[int]]:
    """For each table whose caption and (all but a fifth of) its row labels are found in the PDF's text, in order,
    each near the one before: the number of its body rows printed on each page it spans (one entry per page)."""
    words = word_boxes(pdf)
    text, pages = "", []      # the document's words joined, and the page of each character
    for w in words:
        text += w["text"] + " "
        pages += [w["page"]] * (len(w["text"]) + 1)
    out = {}
    for ident, (caption, labels) in _tables(html).items():
        at = text.find(caption + " ")
        if at < 0:
            continue
        counts: dict[int, int] = {}
        missing = 0
        for label in labels:
            found = text.find(label, at, at + _WINDOW)
            if found < 0:
                missing += 1        # printed otherwise (a footnote mark in the label): not counted
                continue
            counts[pages[found]] = counts.get(pages[found], 0) + 1
            at = found + len(label)
        if missing * 5 <= len(labels):
            out[ident] = [counts[p] for p in sorted(counts)]
    return out
