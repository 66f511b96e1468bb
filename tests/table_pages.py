"""Where a rendered document's tables break: how many of each table's body rows every page prints.

The body rows are read from the HTML (great-tables' stub cells, in order; group heading rows are not body rows), their
pages from the PDF's words (``pdftotext -bbox``): each table's caption is found in the text of the whole document,
then its row labels one after another from there.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from manuscript_render import word_boxes

__all__ = ["rows_per_page"]

_FLOAT = re.compile(r'<div id="(tbl-[\w-]+)" class="quarto-float')
_CAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.S)
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
    """For each table whose caption and every row label are found in the PDF's text, in order: the number of its
    body rows printed on each page it spans (one entry per page, in order)."""
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
        for label in labels:
            at = text.find(label, at)
            if at < 0:
                break
            counts[pages[at]] = counts.get(pages[at], 0) + 1
            at += len(label)
        else:
            out[ident] = [counts[p] for p in sorted(counts)]
    return out
