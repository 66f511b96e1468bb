"""Listings on paper: the full listing of a summarised one attached to the PDF and written beside it.

* A page that starts inside a listing names the table and the group its rows belong to ("Table 13 (continued) — CSF —
  Total protein (mg/dL)"), from the listing's group headings, as for every table (:mod:`alsreport.render.continued`).
* A listing longer than ``safety.listing_max_rows`` is a summary in the report
  (:mod:`alsreport.present.tables.listing_summary`); :func:`write_listing_files` writes every row as CSV
  beside the PDF, and :func:`attachment_link` adds the marked ``<link rel="attachment">`` WeasyPrint embeds
  (only alsreport's marked links are kept: :mod:`alsreport.render.attachments`). No hyperlink to the file:
  WeasyPrint would write its absolute path into the PDF.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alsreport.documents.context import ReportContext

__all__ = ["ATTACHMENT_MARK", "attachment_link", "listing_files", "write_listing_files"]

#: The attribute the PDF step keeps ``rel="attachment"`` for (alsreport.render.attachments.MARK).
ATTACHMENT_MARK = "data-alsreport-attachment"


def attachment_link(file: str, rows: int | None) -> str:
    """The paragraph under a summarised listing and the marked ``<link rel="attachment">`` that makes
    WeasyPrint embed the file in the PDF's attachments (the names tree, with its AF entry in PDF/A-3)."""
    name = html.escape(file, quote=True)
    count = f" ({rows:,} rows)" if rows is not None else ""
    return (f'<link rel="attachment" {ATTACHMENT_MARK}="" href="{name}" title="Full listing: {name}">'
            f'<p class="alsr-attachment">Full listing{count}: <span class="alsr-file">{name}</span>, attached '
            "to this PDF (the reader's attachments panel) and written beside it.</p>")


def listing_files(ctx: "ReportContext") -> dict[str, str]:
    """``{table key: CSV file name}`` of the listings the report summarises (no table is built for it)."""
    from alsreport.present.listing_limit import listing_file_name

    return {key: listing_file_name(key) for key in ctx.tables.summarised_listings()}


def write_listing_files(ctx: "ReportContext", out_dir: Path) -> list[Path]:
    """Write every summarised listing in full to ``out_dir``: its tidy data, as ``alsreport tables`` exports
    it (numbers at full precision, text a spreadsheet would evaluate neutralised)."""
    from alsreport.documents.table_export import table_csv_text
    from alsreport.present.listing_limit import listing_file_name
    from alsreport.render.atomic import atomic_write_text

    written = []
    for key, frame in ctx.tables.summarised_listings().items():
        path = Path(out_dir) / listing_file_name(key)
        atomic_write_text(path, table_csv_text(frame))
        written.append(path)
    return written
