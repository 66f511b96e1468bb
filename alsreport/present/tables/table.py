"""A manuscript table: the great-tables object and what it says besides its cells.

great-tables keeps the heading and the footnotes of a ``GT`` in private
attributes; alsreport reads none of them. Each table builder returns a
:class:`Table` that carries, next to the ``GT``, the texts it was given: title,
subtitle, general notes (unmarked footnotes), marked footnotes and source notes.
The documents use them for captions, Word headings and the notes of LaTeX
output (which great-tables cannot footnote).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Callable

from great_tables import GT

__all__ = ["TableText", "Table"]


@dataclass(frozen=True)
class TableText:
    """The words around a table's cells, in the order they were added."""

    title: str
    subtitle: str | None = None
    notes: tuple[str, ...] = ()
    """General notes under the table (footnotes without a mark)."""
    footnotes: tuple[str, ...] = ()
    """Footnotes whose letter marks a cell or a column label."""
    source_notes: tuple[str, ...] = ()
    """Source notes (e.g. the synthetic-data notice), printed last."""

    def with_note(self, text: str) -> TableText:
        return replace(self, notes=self.notes + (text,))

    def with_footnote(self, text: str) -> TableText:
        return replace(self, footnotes=self.footnotes + (text,))

    def with_source_note(self, text: str) -> TableText:
        return replace(self, source_notes=self.source_notes + (text,))


@dataclass(frozen=True)
class Table:
    """A built table: ``gt`` to render, ``text`` to caption and annotate it without reading ``gt``."""

    gt: GT
    text: TableText
    attachment: str | None = None
    """For a listing too long to print (:mod:`~alsreport.present.tables.listing_summary`): the name of the CSV
    file with every row, which the documents attach to the PDF and write beside it; ``gt`` is then a summary."""
    full_rows: int | None = None
    """Rows of that full listing."""
    narrower: Callable[[], "Table"] | None = field(default=None, compare=False, repr=False)
    """Builds the same table in a narrower form (e.g. two lines per row), for the documents to print when this
    one does not fit a portrait page and that one does (:func:`alsreport.documents.table_fit.fit_table`)."""

    @cached_property
    def html(self) -> str:
        """``gt.as_raw_html()``, rendered once: the width estimate that chose the layout and the documents
        that show the table use the same string (forked workers inherit it); ``gt`` is never changed."""
        return self.gt.as_raw_html()

    def _repr_html_(self) -> str:
        """Shown as its GT in Jupyter, Quarto and the embedded engine (the display protocol)."""
        return self.gt._repr_html_()

    @property
    def title(self) -> str:
        return self.text.title

    @property
    def subtitle(self) -> str | None:
        return self.text.subtitle

    @property
    def notes(self) -> tuple[str, ...]:
        return self.text.notes

    @property
    def footnotes(self) -> tuple[str, ...]:
        return self.text.footnotes
