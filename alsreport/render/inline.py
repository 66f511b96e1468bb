"""Quarto's rule for an inline expression's value (`` `{python} expr` `` in the text).

Quarto (1.11, ``src/core/jupyter/jupyter-inline.ts``) evaluates each inline
expression as a Jupyter *user expression*: the kernel formats the value with
IPython's display formatter into a mime bundle, and Quarto picks one mime type
for HTML output in this order: ``text/html`` (inserted as raw HTML),
``text/markdown`` (inserted as markdown), images, ``text/plain``. Plain text is
the value's ``repr``; when it is a quoted string (``'…'`` or ``"…"``), the
quotes are removed, backslashes doubled and markdown punctuation escaped, so a
``str`` shows as literal text, never as markdown. Other plain values (numbers,
``None``, lists) go in as their ``repr``, unescaped. When the result is empty
(``""``, an empty ``Markdown``) the expression is left in the page as code.

So: generated prose that holds markdown is returned as an object with
``_repr_markdown_`` (``IPython.display.Markdown``, or a ``str`` subclass with
that method); a plain ``str`` is text.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

__all__ = ["MIME_ORDER", "escape_plain_text", "inline_markdown"]

#: Mime types in the order Quarto prefers them for HTML output (``displayDataMimeType``).
MIME_ORDER = (
    "application/vnd.jupyter.widget-state+json",
    "application/vnd.jupyter.widget-view+json",
    "application/javascript",
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/plain",
)

# Quarto's character class ``[\\`*_{}\[\]()>#+-.!]``: ``+-.`` is a range, so ``,`` is escaped too.
_MARKDOWN_PUNCT = re.compile(r"([\\`*_{}\[\]()>#+,\-.!])")


def escape_plain_text(text: str) -> str:
    """Quarto's ``asEscapedMarkdown``: a quoted ``repr`` loses its quotes and is escaped; anything else is kept."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        body = text[1:-1].replace("\\", "\\\\")
        return _MARKDOWN_PUNCT.sub(r"\\\1", body)
    return text


def _joined(data: Any) -> str:
    return "".join(map(str, data)) if isinstance(data, list) else str(data)


def inline_markdown(data: Mapping[str, Any]) -> str:
    """The markdown Quarto puts in place of an inline expression whose mime bundle is ``data``.

    An empty result means: leave the expression in the text as it was written.
    """
    for mime in MIME_ORDER:
        if mime not in data:
            continue
        value = _joined(data[mime])
        if mime == "text/html":
            return f"`{value}`{{=html}}" if value else ""
        if mime == "text/markdown":
            return value
        return escape_plain_text(value)
    return ""
