"""Quarto's page with its table of contents after the document, in the DOM (issue #10, typography and semantics).

Quarto writes its sidebar (``<div id="quarto-margin-sidebar">``, holding ``<nav id="TOC">``) before ``<main>``, so a
screen reader, a text-only browser and the text layer read the 20-odd lines of contents before the study's title, the
page's h1. Its grid places the sidebar by column and row (``page-rows-contents``), not by source order, so moving the
sidebar to just after ``</main>`` leaves it where it is on the screen (templates/screen.css puts the embedded engine's
TOC, after its ``<main>`` too, in the same places). The embedded engine's page template writes this order itself.
"""

from __future__ import annotations

import re

__all__ = ["SIDEBAR_ID", "contents_after_main"]

#: The element of Quarto's page that holds its table of contents (toc-location: right, Quarto's default)
SIDEBAR_ID = "quarto-margin-sidebar"

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
