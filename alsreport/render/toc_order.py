"""Quarto's page with its table of contents after the document, in the DOM (issue #10, typography and semantics).

Quarto writes its sidebar (``<div id="quarto-margin-sidebar">``, holding ``<nav id="TOC">``) before ``<main>``, so a
screen reader, a text-only browser and the text layer read the 20-odd lines of contents before the study's title, the
page's h1. Its grid places the sidebar by column and row (``page-rows-contents``), not by source order, so moving the
sidebar to just after ``</main>`` leaves it where it is on the screen (templates/screen.css puts the embedded engine's
TOC, after its ``<main>`` too, in the same places). The embedded engine's page template writes this order itself.
"""

from __future__ import annotations

import re

__all__ = ["SIDEBAR_ID", "BODY_TOC_CLASS", "contents_after_main", "contents_in_body"]

#: The element of Quarto's page that holds its table of contents (toc-location: right, Quarto's default)
SIDEBAR_ID = "quarto-margin-sidebar"

#: The class of the copy of Quarto's TOC shown in the text column where Quarto hides its sidebar (templates/screen.css)
BODY_TOC_CLASS = "alsr-toc-body"

_OPEN = re.compile(rf'<div\b[^>]*\bid="{SIDEBAR_ID}"[^>]*>')
_DIV = re.compile(r"<(/?)div\b[^>]*>", re.I)
_MAIN = re.compile(r"<main\b[^>]*>", re.I)
_MAIN_END = re.compile(r"</main\s*>", re.I)


def _element_end(page: str, start: int) -> int:
    """The index just after the ``</div>`` that closes the ``<div>`` opened at ``start``."""
    depth = 0
    for tag in _DIV.finditer(page, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    raise ValueError(f"Quarto's page: <div id=\"{SIDEBAR_ID}\"> at character {start} is never closed")


def contents_after_main(page: str) -> str:
    """``page`` with Quarto's sidebar (and the TOC in it) moved from before ``<main>`` to just after ``</main>``.

    A page whose sidebar already follows ``</main>``, or that has none (``toc: false``) or no ``<main>``, is returned
    unchanged, so the step may run twice (``alsreport render`` and the project's post-render hook).
    """
    opening = _OPEN.search(page)
    main = _MAIN.search(page)
    if opening is None or main is None or opening.start() > main.start():
        return page
    main_end = _MAIN_END.search(page, main.end())
    if main_end is None:
        return page
    end = _element_end(page, opening.start())
    if end > main.start():
        raise ValueError(f"Quarto's page: <div id=\"{SIDEBAR_ID}\"> holds <main>")
    at = main_end.end()
    return page[:opening.start()] + page[end:at] + "\n" + page[opening.start():end] + page[at:]


_NAV = re.compile(r'<nav\b[^>]*\bid="TOC"[^>]*>.*?</nav>', re.S)
_SECTION = re.compile(r"<(/?)section\b[^>]*>", re.I)
_ABSTRACT = re.compile(r'<section\b[^>]*\bid="sec-abstract"[^>]*>')


def _body_copy(nav: str) -> str:
    """A ``<nav id="TOC">`` (Quarto's or the embedded page's) as a plain contents list: its ids prefixed (no id twice in the page), neither
    ``role="doc-toc"`` nor ``toc-active`` (Quarto's scroll spy follows the sidebar's), its lists open, named by its
    heading."""
    opening = nav[:nav.index(">") + 1]
    copy = re.sub(r'(?<![-\w])id="([^"]+)"', r'id="body-\1"', nav[len(opening):])
    # Bootstrap's "collapse" hides a list until Quarto's script opens the sidebar's; "active" marks the sidebar's spy
    copy = re.sub(r'<ul class="collapse">', "<ul>", copy).replace(' class="nav-link active"', ' class="nav-link"')
    return (f'<nav id="TOC-body" class="{BODY_TOC_CLASS}" aria-labelledby="body-toc-title">' + copy)


def contents_in_body(page: str) -> str:
    """``page`` with a copy of its TOC just after the manuscript's abstract (``#sec-abstract``), which
    templates/screen.css shows where the sidebar is hidden: below 768 px in Quarto's page (on a phone it had no
    contents at all: issue #10, session 27 HTML reader), below 78rem in the embedded engine's, whose TOC follows
    ``</main>`` (placed after the abstract by CSS order, it was read and tabbed to last: session 32 HTML reader). A
    page without an abstract (the safety report has its own contents after its cover) or without a TOC, or that has
    the copy already, is returned unchanged."""
    nav = _NAV.search(page)
    abstract = _ABSTRACT.search(page)
    if nav is None or abstract is None or 'id="TOC-body"' in page:
        return page
    depth = 0
    for tag in _SECTION.finditer(page, abstract.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page[:tag.end()] + "\n" + _body_copy(nav.group(0)) + page[tag.end():]
    raise ValueError(f"Quarto's page: <section id=\"sec-abstract\"> at character {abstract.start()} is never closed")
