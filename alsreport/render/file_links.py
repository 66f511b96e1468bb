"""Links to the files beside a page: each mention of such a file's name in the HTML's text links to it.

A document names the files in its front matter (``alsreport: link-files: [comparisons.csv, ...]``; the manuscript:
its Supplementary Data S1 and data dictionary, issue #10). When a page is written into a folder that holds one of
them, each mention of its name in the page's text (not in the ``<head>``, a link, a script, a style, SVG or maths)
becomes ``<a class="alsr-file-link" href="comparisons.csv">comparisons.csv</a>``: a relative link that resolves
while the page and the files stay together. A name whose file is not there stays text, so no link dangles.

The PDF is printed from the same page but keeps the names as plain text (:func:`plain_file_links`, called by
:func:`alsreport.render.pdf.html_to_pdf`): a link in a PDF to a file beside it resolves only where the PDF was made.
The Word writer never sees the links (it works from the markdown).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from alsreport.render.superscripts import HTML_TOKEN, TAG_NAME

__all__ = ["FILE_LINK_CLASS", "link_file_names", "link_files", "plain_file_links"]

#: The class of a link :func:`link_files` makes (and :func:`plain_file_links` takes out).
FILE_LINK_CLASS = "alsr-file-link"
#: Elements whose text gets no link: not drawn in the flow, already a link, or not prose.
_SKIP = {"head", "title", "style", "script", "textarea", "svg", "math", "a", "code", "pre"}
_FILE_LINK = re.compile(rf'<a class="{FILE_LINK_CLASS}" href="[^"]*">([^<]*)</a>')


def link_file_names(front_matter: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The names of ``alsreport: link-files:`` in a document's front matter (plain file names only)."""
    meta = (front_matter or {}).get("alsreport")
    names = meta.get("link-files") if isinstance(meta, dict) else None
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list):
        return ()
    # a plain name of a file beside the page: no folder, no scheme, nothing a URL would read otherwise
    return tuple(n for n in names if isinstance(n, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", n))


def _mention(names: Sequence[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w./-])(?:{alternatives})(?![\w-]|\.\w)")


def link_files(page: str, names: Sequence[str], folder: Path) -> str:
    """``page`` with each text mention of ``names`` whose file is in ``folder`` as a link to it (module doc)."""
    present = [n for n in names if (Path(folder) / n).is_file()]
    if not present or not any(n in page for n in present):
        return page
    mention = _mention(present)
    out: list[str] = []
    stack: list[str] = []
    for tok in HTML_TOKEN.findall(page):
        if tok.startswith("<") and len(tok) > 1:
            if tok[1] != "!":
                name = TAG_NAME.match(tok)
                tag = name.group(1).lower() if name else ""
                if tag in _SKIP and not tok.endswith("/>"):
                    if not tok.startswith("</"):
                        stack.append(tag)
                    elif tag in stack:
                        while stack and stack.pop() != tag:
                            pass
            out.append(tok)
        elif stack:
            out.append(tok)
        else:
            out.append(mention.sub(
                lambda m: f'<a class="{FILE_LINK_CLASS}" href="{html.escape(m.group(0))}">{m.group(0)}</a>', tok))
    return "".join(out)


def plain_file_links(page: str) -> str:
    """``page`` with the links of :func:`link_files` back as their text (for the PDF)."""
    return _FILE_LINK.sub(r"\1", page) if FILE_LINK_CLASS in page else page
