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

__all__ = ["rows_per_page", "table_spans", "caption_pages"]

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


_CAPTION_ANY = re.compile(r'<(figcaption|p|div)\b[^>]*class="[^"]*(?:quarto-float-caption|alsr-supplement-caption)'
                          r'[^"]*"[^>]*>(.*?)</\1>', re.S)
_LABEL = re.compile(r"^(Table\s+S?\d+)[.:]")
_BODY_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_FIRST_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)


def _page_text(words: list[dict]) -> tuple[str, list[int]]:
    """The PDF's words joined by spaces (no-break spaces as spaces), and the page of each character."""
    text, pages = "", []
    for w in words:
        text += w["text"] + " "
        pages += [w["page"]] * (len(w["text"]) + 1)
    return text.replace("\u00a0", " "), pages


def table_spans(html: str, pdf: Path) -> dict[str, list[int]]:
    """For each table with a labelled caption (a float's, a supplementary table's), whose body rows' first cells are
    found in the PDF's text in order (all but a fifth of them): its label ("Table 4") and the pages its rows are
    printed on, in order."""
    text, pages = _page_text(word_boxes(pdf))
    out = {}
    for m in _CAPTION_ANY.finditer(html):
        caption = _text(m.group(2))
        label = _LABEL.match(caption)
        start = html.find("<tbody", m.end())
        if not label or start < 0:
            continue
        body = html[start:html.find("</tbody>", start)]
        cells = [_text(c.group(1)) for row in _BODY_ROW.findall(body) if (c := _FIRST_CELL.search(row))]
        cells = [c for c in cells if c]
        at = text.find(" ".join(caption.split()[:3]) + " ")
        if at < 0 or not cells:
            continue
        found, missing = set(), 0
        for cell in cells:
            hit = text.find(cell, at, at + _WINDOW)
            if hit < 0:
                missing += 1
                continue
            found.add(pages[hit])
            at = hit + len(cell)
        if missing * 5 <= len(cells):
            out[label.group(1)] = sorted(found)
    return out


_CONTINUED = re.compile(r"(Table\s+S?\d+) \(continued\)")
#: The top margin (print.css ``@page``), where the running header and a continued table's marker are printed (pt).
_TOP_PT = 21 / 25.4 * 72


def caption_pages(html: str, pdf: Path) -> dict[str, list[int]]:
    """For each table with a labelled caption (a float's, a supplementary table's): its label ("Table 4") and the
    pages it is printed on: the page of its caption (its first words, found in the PDF's text) and every page whose
    top margin says "Table 4 (continued)" (:mod:`alsreport.render.continued`). Unlike :func:`table_spans` it needs no
    row label: every labelled table of the document is listed."""
    words = word_boxes(pdf)
    text, pages = _page_text(words)
    top: dict[int, str] = {}
    for w in words:
        if w["y1"] < _TOP_PT:
            top[w["page"]] = top.get(w["page"], "") + " " + w["text"].replace("\u00a0", " ")
    continued: dict[str, list[int]] = {}
    for page, line in sorted(top.items()):
        for label in _CONTINUED.findall(line):
            continued.setdefault(" ".join(label.split()), []).append(page)
    out = {}
    for m in _CAPTION_ANY.finditer(html):
        caption = _text(m.group(2)).replace("\u00a0", " ")
        label = _LABEL.match(caption)
        if not label:
            continue
        at = text.find(" ".join(caption.split()[:3]) + " ")
        assert at >= 0, f"caption not printed: {caption[:60]!r}"
        name = " ".join(label.group(1).split())
        out[name] = sorted({pages[at], *continued.get(name, [])})
    return out
