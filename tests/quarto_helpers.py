"""Helpers for the tests that use real Quarto: the skip marker, and the text both engines must agree on."""

from __future__ import annotations

import html as _html
import re
import shutil

import pytest

#: Quarto tests run where ``quarto`` is on PATH (.ci/run installs it from ../shared/quarto when that exists).
needs_quarto = pytest.mark.skipif(
    shutil.which("quarto") is None,
    reason="quarto is not on PATH (CI installs it from ../shared/quarto/install.sh; see .ci/run)",
)

_BLOCK_RE = re.compile(r"<(h[1-6]|p|figcaption|caption|th|td|li|dt|dd)\b[^>]*>(.*?)</\1>", re.S)


def document_blocks(page: str) -> list[str]:
    """The document's text as ``tag: text`` lines: headings, paragraphs, captions, table cells, list items.

    Page chrome is left out: everything outside ``<main>``, the title block (Quarto also shows the
    description and keywords there), scripts, styles, inline SVG, comments and Quarto's
    screen-reader-only labels. Whitespace and non-breaking spaces are normalised.
    """
    match = re.search(r"<main\b[^>]*>(.*)</main>", page, re.S)
    body = match.group(1) if match else page
    body = re.sub(r'<header id="title-block-header".*?</header>', " ", body, flags=re.S)
    # the phone's copy of Quarto's TOC after the abstract (render/toc_order.contents_in_body): chrome, as the TOCs
    body = re.sub(r'<nav id="TOC-body".*?</nav>', " ", body, flags=re.S)
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S | re.I)
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    body = re.sub(r'<span class="screen-reader-only">.*?</span>', "", body)
    out = []
    for tag, inner in _BLOCK_RE.findall(body):
        text = re.sub(r"<[^>]+>", " ", inner)
        text = re.sub(r"\s+", " ", _html.unescape(text).replace("\u00a0", " ")).strip()
        if text:
            out.append(f"{tag}: {text}")
    return out


def title_block(page: str) -> list[str]:
    """The title and subtitle text of the page's title block."""
    out = []
    for cls in ("title", "subtitle"):
        match = re.search(rf'<(h1|p) class="{cls}\b[^"]*"[^>]*>(.*?)</\1>', page, re.S)
        if match:
            out.append(f"{cls}: " + re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", "", match.group(2)))).strip())
    return out


def callout_structure(page: str) -> list[str]:
    """Each callout as ``style type titled: title text`` (the screen-reader label included)."""
    out = []
    for match in re.finditer(r'<div class="callout callout-style-(\w+) callout-(\w+)( callout-titled)?[^"]*"', page):
        rest = page[match.end():]
        title = re.search(r'<div class="callout-title-container[^"]*">(.*?)</div>', rest, re.S)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", title.group(1))).strip() if title else ""
        out.append(f"{match.group(1)} {match.group(2)}{' titled' if match.group(3) else ''}: {text}")
    return out


def code_blocks(page: str) -> list[str]:
    """The text of every ``<pre><code>`` block in ``<main>``: echoed code and printed output."""
    match = re.search(r"<main\b[^>]*>(.*)</main>", page, re.S)
    body = match.group(1) if match else page
    out = []
    for code in re.findall(r"<pre\b[^>]*>\s*<code\b[^>]*>(.*?)</code>\s*</pre>", body, re.S):
        out.append(_html.unescape(re.sub(r"<[^>]+>", "", code)).strip())
    return out


def has_toc(page: str) -> bool:
    return '<nav id="TOC"' in page
