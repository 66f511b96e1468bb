"""The Word manuscript's floats: tables and figures as markdown pandoc's docx writer understands.

The HTML reports show great-tables' HTML and figures as inline SVG; pandoc's docx
writer drops raw HTML, so for the Word target (``alsreport render --to docx``)
the documents' :meth:`~alsreport.documents.context.ReportContext.table_block` and
``figure_block`` write:

- a table as a pandoc grid table, converted by pandoc's HTML reader from the
  *same* great-tables object the HTML shows (:func:`~alsreport.documents.table_export.docx_table_parts`):
  the cells are never recomputed; its notes follow the float as paragraphs;
- a figure as a PNG image (a data URI: nothing to fetch, so pandoc's sandbox holds)
  with its alt text.

Both go in the same ``::: {#tbl-x}`` / ``::: {#fig-x}`` floats as in HTML, so
Quarto and the embedded engine number them and resolve ``@tbl-x``.

Which target a document is executed for: the documents' parameter ``target``
(``alsreport render`` passes ``docx`` to the Word render under both engines), else
what Quarto says it renders (``QUARTO_EXECUTE_INFO``, for ``quarto render --to docx``
by hand), else ``html``.
"""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from alsreport.present.figures import Figure
    from alsreport.present.tables.table import Table

__all__ = ["TARGETS", "docx_figure_block", "docx_table_block", "output_target"]

TARGETS = ("html", "docx")
#: pandoc's markdown writer without raw HTML or attributes: a table it cannot draw fails instead of
#: falling back to HTML; without ``smart`` dashes and quotes are written as the characters they are
_WRITER = ("markdown-raw_html-native_divs-native_spans-fenced_divs-bracketed_spans-header_attributes"
           "-link_attributes-smart")
#: resolution of the figures in the Word file (dots per inch)
FIGURE_DPI = 200


def output_target(target: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``html`` or ``docx``: ``target`` when given, else Quarto's execution info, else ``html``."""
    if target is not None:
        if target not in TARGETS:
            from alsreport.errors import AlsreportError

            raise AlsreportError(f"unknown target {target!r}; choose from {', '.join(TARGETS)}")
        return target
    info = (os.environ if environ is None else environ).get("QUARTO_EXECUTE_INFO")
    if not info:
        return "html"
    try:
        fmt = json.loads(Path(info).read_text(encoding="utf-8"))["format"]["identifier"]
    except (OSError, ValueError, KeyError, TypeError):
        return "html"
    return "docx" if fmt.get("base-format") == "docx" else "html"


def html_to_markdown(markup: str, *, what: str) -> str:
    """HTML → pandoc markdown (tables as grid tables), through pandoc's HTML reader."""
    from alsreport.render.pandoc import run_pandoc

    return run_pandoc(["--sandbox", "-f", "html", "-t", _WRITER, "--wrap=none"], markup, what=what).strip()


def docx_table_block(table: "Table", label: str, caption: str) -> str:
    """A numbered table float holding a grid table of ``table``'s cells; its notes below it."""
    from alsreport.documents.table_export import docx_table_parts

    body, notes = docx_table_parts(table)
    grid = html_to_markdown(body, what=f"{label} (Word table)")
    block = f"::: {{#{label}}}\n{grid}\n\n{caption}\n:::\n"
    if notes:
        block += "\n" + html_to_markdown("\n".join(notes), what=f"{label} (notes)") + "\n"
    return block


def figure_png(fig: "Figure") -> bytes:
    """The matplotlib figure as PNG bytes (no date or software in its metadata: stable output)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def docx_figure_block(fig: "Figure", label: str, caption: str, alt: str) -> str:
    """A numbered figure float holding the figure as a PNG image with ``alt`` as its alternative text: the image's
    description (Quarto's Word writer drops ``fig-alt`` there: every picture had an empty description) and
    ``fig-alt``."""
    from alsreport.present.prose import md_escape

    data = base64.b64encode(figure_png(fig)).decode("ascii")
    alt_attr = alt.replace("\\", "\\\\").replace('"', '\\"')
    return (f'::: {{#{label}}}\n![{md_escape(alt)}](data:image/png;base64,{data}){{fig-alt="{alt_attr}"}}\n\n'
            f'{caption}\n:::\n')
