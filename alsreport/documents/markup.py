"""Markdown text that shows as markdown in an inline expression, under both engines.

Quarto inserts a plain ``str`` from `` `{python} expr` `` as escaped *text*;
only a value with ``_repr_markdown_`` goes in as markdown (see
:mod:`alsreport.render.inline`, which the embedded engine follows). The prose
of :mod:`alsreport.present.prose` is markdown, so the documents receive it as
:class:`Markdown`: a ``str`` (it prints, formats and concatenates as one) that
also displays as markdown.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Markdown", "MarkdownProse"]


class Markdown(str):
    """A markdown string: ``_repr_markdown_`` makes Quarto and the embedded engine insert it as markdown."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return str.__str__(self)


class MarkdownProse:
    """A view of :class:`alsreport.present.prose.ReportText` whose text attributes are :class:`Markdown`."""

    def __init__(self, text: Any) -> None:
        self._text = text

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._text, name)
        return Markdown(value) if isinstance(value, str) else value

    def __dir__(self) -> list[str]:
        return dir(self._text)
