"""Writing the manuscript tables: HTML, CSV, XLSX, LaTeX and Word.

``export_tables(results, out_dir, formats)`` writes, for the tables of
:func:`~alsreport.present.tables.registry.table_entries`:

``html``
    ``<key>.html``: a minimal UTF-8 page around ``GT.as_raw_html()``.
``csv``
    ``<key>.csv``: the tidy frame the GT is built from (numbers as numbers: floats
    as their shortest round-trip text, empty for NaN, booleans ``true``/``false``).
``xlsx``
    ``tables.xlsx``: one sheet per table (the key), the same tidy frames, numeric
    cells numeric (openpyxl writes 16 significant digits; the CSV files keep every bit).
``tex``
    ``<key>.tex``: ``GT.as_latex()`` (booktabs; longtable for long tables). Footnotes,
    which great-tables cannot write as LaTeX, become notes under the table
    (without their marks); styles (bold) are dropped, the significance marker stays.
``docx``
    ``tables.docx``: every table as a real Word table, converted from the HTML by
    the pandoc of ``pypandoc-binary``.

Text cells of CSV/XLSX that a spreadsheet would read as a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) are prefixed with ``'``;
numbers are never touched. Each file is written atomically (temp file +
``os.replace``).
"""

from __future__ import annotations

import html
import math
import re
import subprocess
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from great_tables import GT

from alsreport.results.cells import neutralise
from alsreport.results.writer import format_cell
from alsreport.render.atomic import atomic_path, atomic_write_bytes, atomic_write_text
from alsreport.results.model import Results
from alsreport.present.tables.registry import table_entries
from alsreport.present.tables.table import Table
from alsreport.present.tables.style import SIG_MARK, SIG_NOTE, latex_cleanup
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)

__all__ = ["TABLE_FORMATS", "export_tables", "neutralise", "table_csv_text", "latex_table", "html_page", "docx_html",
           "docx_table_html", "docx_table_parts"]

TABLE_FORMATS = ("html", "csv", "xlsx", "tex", "docx", "pdf")

#: Tables longer than this many rows use LaTeX's longtable.
LONGTABLE_ROWS = 40




def _cell(value: Any) -> str:
    """A CSV/LaTeX cell: numbers at full precision as in ``comparisons.csv``, text neutralised."""
    text = format_cell(value)
    return str(neutralise(text)) if isinstance(value, str) else text


def _csv_field(text: str) -> str:
    """RFC 4180 quoting, also for a lone carriage return (which csv.writer leaves bare with LF line ends)."""
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def table_csv_text(frame: pd.DataFrame) -> str:
    """The CSV text of a tidy frame (see the module docstring); LF line ends."""
    lines = [",".join(_csv_field(str(neutralise(str(c)))) for c in frame.columns)]
    for row in frame.astype(object).itertuples(index=False, name=None):
        lines.append(",".join(_csv_field(_cell(v)) for v in row))
    return "\n".join(lines) + "\n"


def _xlsx_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        x = float(value)
        return None if math.isnan(x) or math.isinf(x) else x
    return neutralise(str(value))


def _write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for key, frame in frames.items():
        ws = wb.create_sheet(title=key[:31])
        ws.append([neutralise(str(c)) for c in frame.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in frame.astype(object).itertuples(index=False, name=None):
            ws.append([_xlsx_value(v) for v in row])
        ws.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        wb.save(tmp)


def html_page(gt: GT, title: str) -> str:
    """A minimal standalone page for one table."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n"
        "<style>body { margin: 2em; } @page { size: A4; margin: 20mm; }</style>\n"
        f"</head>\n<body>\n{gt.as_raw_html()}\n</body>\n</html>\n"
    )


def latex_table(table: Table, *, longtable: bool = False) -> str:
    """``gt.as_latex()`` with footnotes turned into notes and the HTML-only bits removed."""
    notes: list[str] = []
    for text in table.notes + table.footnotes:  # in the order the HTML shows them (marks last)
        plain_text = text.replace(SIG_NOTE, SIG_MARK)  # no bold in great-tables' LaTeX
        if plain_text not in notes:
            notes.append(plain_text)
    plain = table.gt.rm_footnotes()
    for text in notes:
        plain = gtext.tab_source_note(plain, text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Styles are not yet supported in LaTeX output."
        tex = plain.as_latex(use_longtable=longtable)
    return LATEX_HEADER + latex_cleanup(tex)


#: First lines of every .tex file.
LATEX_HEADER = ("% Needs \\usepackage{booktabs} (and longtable for long tables). The text is UTF-8 (Greek letters,\n"
                "% superscripts): compile with XeLaTeX or LuaLaTeX. Footnotes are printed as notes without marks.\n")


_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
                  "<": r"\textless{}", ">": r"\textgreater{}"}


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _latex_fallback(frame: pd.DataFrame, title: str) -> str:
    """A plain booktabs table of the tidy data, when great-tables cannot write the table."""
    cols = list(frame.columns)
    lines = [f"% {_latex_escape(title)}: great-tables could not write this table; tidy data shown instead.",
             r"\begin{longtable}{" + "l" * len(cols) + "}", r"\toprule",
             " & ".join(_latex_escape(str(c)) for c in cols) + r" \\", r"\midrule"]
    for row in frame.astype(object).itertuples(index=False, name=None):
        lines.append(" & ".join(_latex_escape(_cell(v)) for v in row) + r" \\")
    lines += [r"\bottomrule", r"\end{longtable}", ""]
    return "\n".join(lines)


_MARK = re.compile(r'<span class="gt_footnote_marks"[^>]*>(.*?)</span>', re.S)
_BOLD_CELL = re.compile(r'<(td|th)( style="[^"]*font-weight: bold;[^"]*")([^>]*)>(.*?)</\1>', re.S)
_STYLE = re.compile(r"<style>.*?</style>", re.S)
_TFOOT = re.compile(r"<tfoot>(.*?)</tfoot>", re.S)
_TD = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


def docx_html(table: Table) -> str:
    """One table as HTML that pandoc turns into a good Word table (title as a heading, marks superscript)."""
    parts = [f"<h2>{html.escape(table.title)}</h2>"]
    if table.subtitle:
        parts.append(f"<p>{html.escape(table.subtitle)}</p>")
    parts.append(docx_table_html(table))
    return "\n".join(parts)


def docx_table_html(table: Table) -> str:
    """The table's cells (no title) and its notes as paragraphs below: HTML for pandoc's HTML reader."""
    body, notes = docx_table_parts(table)
    return "\n".join([body, *notes])


def docx_table_parts(table: Table) -> tuple[str, list[str]]:
    """(the table's cells as an HTML table without its title, its notes as ``<p>`` elements).

    The same great-tables object as the HTML reports, so a Word table shows the same cells.
    """
    body = table.gt.rm_header().as_raw_html(inline_css=False)
    body = _STYLE.sub("", body)
    body = _MARK.sub(r"<sup>\1</sup>", body)
    body = _BOLD_CELL.sub(lambda m: f"<{m[1]}{m[3]}><strong>{m[4]}</strong></{m[1]}>", body)
    # Notes go under the Word table as paragraphs, not as table rows.
    notes: list[str] = []
    foot = _TFOOT.search(body)
    if foot:
        notes = [f"<p>{cell.strip()}</p>" for cell in _TD.findall(foot.group(1))]
        body = body[:foot.start()] + body[foot.end():]
    return body, notes


def _write_docx(tables: Iterable[Table], path: Path, document_title: str) -> None:
    from alsreport.render.pandoc import pandoc_path

    sections = [docx_html(table) for table in tables]
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(document_title)}</title></head><body>\n"
            + "\n".join(sections) + "\n</body></html>\n")
    with atomic_path(path) as tmp:
        proc = subprocess.run(
            [pandoc_path(), "--sandbox", "-f", "html", "-t", "docx", "-o", str(tmp)],
            input=page, capture_output=True, text=True, encoding="utf-8", check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"tables.docx: pandoc failed (exit {proc.returncode}): {proc.stderr.strip()}")


@dataclass(frozen=True)
class _Built:
    """What the writers share: the tables and the tidy frames, each built once."""

    tables: dict[str, Table]
    data: dict[str, pd.DataFrame]
    document_title: str


def _write_html_files(out: Path, built: _Built) -> list[Path]:
    paths = [out / f"{key}.html" for key in built.tables]
    for p, table in zip(paths, built.tables.values(), strict=True):
        atomic_write_text(p, html_page(table.gt, table.title))
    return paths


def _write_csv_files(out: Path, built: _Built) -> list[Path]:
    paths = [out / f"{key}.csv" for key in built.data]
    for p, frame in zip(paths, built.data.values(), strict=True):
        atomic_write_text(p, table_csv_text(frame))
    return paths


def _latex_or_fallback(table: Table, frame: pd.DataFrame) -> str:
    try:
        return latex_table(table, longtable=len(frame) > LONGTABLE_ROWS)
    except Exception as exc:  # great-tables' LaTeX writer is experimental
        return f"% as_latex failed: {type(exc).__name__}\n" + _latex_fallback(frame, table.title)


def _write_tex_files(out: Path, built: _Built) -> list[Path]:
    paths = [out / f"{key}.tex" for key in built.tables]
    for p, (key, table) in zip(paths, built.tables.items(), strict=True):
        atomic_write_bytes(p, _latex_or_fallback(table, built.data[key]).encode("utf-8"))
    return paths


def _write_xlsx_file(out: Path, built: _Built) -> list[Path]:
    _write_xlsx(built.data, out / "tables.xlsx")
    return [out / "tables.xlsx"]


def _write_docx_file(out: Path, built: _Built) -> list[Path]:
    _write_docx(built.tables.values(), out / "tables.docx", built.document_title)
    return [out / "tables.docx"]


def _write_pdf_file(out: Path, built: _Built) -> list[Path]:
    _write_pdf(built.tables, out / "tables.pdf", built.document_title, out)
    return [out / "tables.pdf"]


#: Each format's writer and what it needs built: (writer, needs the tables, needs tidy frames).
_WRITERS: dict[str, tuple[Callable[[Path, _Built], list[Path]], bool, bool]] = {
    "html": (_write_html_files, True, False),
    "csv": (_write_csv_files, False, True),
    "xlsx": (_write_xlsx_file, False, True),
    "tex": (_write_tex_files, True, True),
    "docx": (_write_docx_file, True, False),
    "pdf": (_write_pdf_file, True, False),
}
assert tuple(_WRITERS) == TABLE_FORMATS


def export_tables(results: Results, out_dir: Path | str, formats: Iterable[str] = ("html", "csv", "xlsx"),
                  ) -> list[Path]:
    """Write the tables in ``formats`` into ``out_dir`` (created if needed); return the paths written.

    Every table is built once (its table and its tidy frame) whatever the number of formats."""
    chosen = [f.lower() for f in formats]
    unknown = sorted(set(chosen) - set(TABLE_FORMATS))
    if unknown:
        raise ValueError(f"unknown table format(s): {', '.join(unknown)}; choose from {', '.join(TABLE_FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries = table_entries(results)
    need_tables = any(_WRITERS[f][1] for f in chosen)
    need_data = any(_WRITERS[f][2] for f in chosen)
    built = _Built(
        tables={e.key: e.table(results) for e in entries} if need_tables else {},
        data={e.key: e.data(results) for e in entries} if need_data else {},
        document_title=results.config.short_title or results.config.title,
    )
    paths: list[Path] = []
    for fmt in TABLE_FORMATS:
        if fmt in chosen:
            paths.extend(_WRITERS[fmt][0](out, built))
    return paths


_PDF_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
        @top-left { content: element(study); }
        @bottom-right { content: "Page " counter(page) " of " counter(pages);
                        font: 8pt "Liberation Sans", "DejaVu Sans", sans-serif; color: #57606a; } }
html { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; }
.alsr-study { position: running(study); font-size: 8pt; color: #57606a; }
section.alsr-table-page { break-after: page; }
section.alsr-table-page:last-child { break-after: auto; }
.gt_table { margin-left: 0 !important; margin-right: auto !important; }
.gt_table thead { display: table-header-group; }
.gt_table tr { break-inside: avoid; }
"""


def _write_pdf(tables: dict[str, Table], path: Path, study_title: str, out_dir: Path) -> None:
    """Every table on its own A4 page (long listings continue with their header rows), via WeasyPrint."""
    from alsreport.render.pdf import html_to_pdf

    body = "\n".join(f'<section class="alsr-table-page" id="{html.escape(key)}">\n{table.gt.as_raw_html()}\n</section>'
                     for key, table in tables.items())
    page = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(study_title)}: tables</title>\n<style>{_PDF_CSS}</style>\n</head>\n<body>\n"
            f'<p class="alsr-study">{html.escape(study_title)}</p>\n{body}\n</body>\n</html>\n')
    html_to_pdf(page, path, base_dir=out_dir, allowed_dirs=(), where=path.name)
