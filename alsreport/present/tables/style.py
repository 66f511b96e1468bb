"""The shared look of the manuscript tables and the helpers that put formatted values in them.

Every table is a :class:`great_tables.GT` built by :func:`base_gt`: a left-aligned
bold title, a subtitle, black rules above and below the column labels and below
the body (no vertical rules, no body lines), compact padding, a sans-serif font
that WeasyPrint finds on any machine (Liberation Sans is metric-compatible with
Arial), footnote marks as letters, and no fixed widths (the browser or WeasyPrint
sizes the table to its content, within the page).

How a value is shown is decided by :mod:`alsreport.present.format` (decimals,
signs, p-values, units, wording). Numbers are written by great-tables' public
``fmt_number`` / ``fmt_integer`` (so each output context gets its own minus sign),
whose rule — fixed decimals, no separators, U+2212 minus, no sign on a value that
rounds to zero — is the one of :func:`~alsreport.present.format.number`
(``tests/test_present_format.py`` checks they agree); p-values go in as the text of
:func:`~alsreport.present.format.p_value` (:func:`p_value_columns`), which
great-tables escapes for HTML and LaTeX. The helpers here only say *where*: the
decimals of each row (:func:`fmt_numbers_by_row`) and where merged cells such as
``median [q1–q3]`` are complete (:func:`merge_complete`). Text from the study
(labels, terms) always goes in as plain text, which great-tables escapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from great_tables import GT, loc, style

from alsreport.results.model import Results
from alsreport.present.abbreviations import ANALYTE_ABBREVIATIONS
from alsreport.present.format import MISSING, p_value
from alsreport.present.significance import SIG_MARK, SIG_NOTE
from alsreport.present.tables.table import Table, TableText
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)

__all__ = [
    "ABBREVIATIONS",
    "CELL_PADDING_PX",
    "COLUMN_GAP_EM",
    "FONT_PX",
    "FONT_STACK",
    "SIG_MARK",
    "SIG_NOTE",
    "MISSING",
    "NOWRAP",
    "latex_cleanup",
    "base_gt",
    "capitalise",
    "compartment_label",
    "group_label",
    "fmt_numbers_by_row",
    "merge_complete",
    "p_value_columns",
    "mark_significant",
    "add_note",
    "add_footnote",
    "fill_width",
    "abbreviations_note",
    "enrolled_n",
    "rows_where",
    "PAGE_WIDTH_PX",
    "text_width_px",
    "finish",
    "SYNTHETIC_NOTE",
]

#: Font stack: Arial where present, else its metric twin Liberation Sans (WeasyPrint on Linux).
FONT_STACK = ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans", "sans-serif"]

#: A span that keeps a piece of a merged cell on one line (in cols_merge patterns; HTML only,
#: :func:`latex_cleanup` removes it from LaTeX).
NOWRAP = '<span style="white-space:nowrap">{}</span>'

#: Abbreviations explained under a table when they occur in it.
ABBREVIATIONS = {
    "CI": "confidence interval",
    "CSF": "cerebrospinal fluid",
    "CPK": "creatine phosphokinase",
    "CTCAE": "Common Terminology Criteria for Adverse Events",
    "IQR": "interquartile range",
    "LOD": "limit of detection",
    "SD": "standard deviation",
    "IV": "intravenous",
    "IT": "intrathecal",
    "SOC": "system organ class",
    "HL": "Hodges–Lehmann",
    "GMR": "geometric mean ratio",
    "ALSFRS-R": "revised ALS Functional Rating Scale",
    "ALS": "amyotrophic lateral sclerosis",
    **ANALYTE_ABBREVIATIONS,
}

_EXTRA_CSS = """
#{id} .gt_table {{ font-variant-numeric: tabular-nums; page-break-inside: auto; width: 50%; }}
#{id} .gt_group_heading_row {{ page-break-after: avoid; break-after: avoid; }}
#{id} .gt_col_heading, #{id} .gt_column_spanner, #{id} .gt_group_heading {{ white-space: nowrap; }}
#{id} .gt_col_heading, #{id} .gt_column_spanner {{ vertical-align: bottom; }}
#{id} .gt_footnote, #{id} .gt_sourcenote {{ font-size: 10px; line-height: 1.3; padding-top: 1px; padding-bottom: 1px; }}
#{id} .gt_footnotes, #{id} .gt_sourcenotes {{ border-bottom-style: none; }}
#{id} .gt_row {{ vertical-align: top; white-space: nowrap; }}
/* Adjacent columns: at least 1 em between their text (half an em on each side of a cell; issue #10: 3 px of padding
   printed ">0.999 14", a p-value running into the next column's n). */
#{id} .gt_row, #{id} .gt_stub, #{id} .gt_col_heading, #{id} .gt_group_heading, #{id} .gt_column_spanner_outer {{
  padding-left: {pad_em}em; padding-right: {pad_em}em; }}
/* An indented row label indented on every line, not its first only (great-tables indents with text-indent): a term
   that wraps on a phone ("Post lumbar puncture / headache") had its second line under the organ classes (session 35
   HTML reader). */
#{id} .gt_stub.gt_indent_1 {{ text-indent: 0; padding-left: calc({pad_em}em + {indent}px); }}
#{id} .gt_stub.gt_indent_2 {{ text-indent: 0; padding-left: calc({pad_em}em + {indent2}px); }}
#{id} .gt_heading.gt_title {{ font-weight: bold; }}
#{id} .gt_footnote_marks {{ font-size: 80%; }}
/* WeasyPrint lets "#id .class" rules override inline styles: restate tab_style bold. */
#{id} .gt_row[style*="font-weight: bold"] {{ font-weight: bold; }}
#{id} thead {{ display: table-header-group; }}
#{id} tr {{ page-break-inside: avoid; }}
@media print {{
  #{id} .gt_table {{ font-size: {print_px}px; }}
  #{id} .gt_footnote, #{id} .gt_sourcenote {{ font-size: {note_px}px; }}
}}
"""


def base_gt(data: pd.DataFrame, *, id: str, title: str, subtitle: str | None = None,
            rowname_col: str | None = None, groupname_col: str | None = None) -> tuple[GT, TableText]:
    """A GT with the alsreport journal look and a fixed ``id`` (stable HTML, no random ids), and its text."""
    gt = GT(data, rowname_col=rowname_col, groupname_col=groupname_col, id=id)
    gt = gtext.tab_header(gt, title=title, subtitle=subtitle)
    gt = gt.opt_table_font(font=FONT_STACK, add=False)
    gt = gt.opt_align_table_header(align="left")
    gt = gt.opt_footnote_marks("letters")
    gt = gt.tab_options(
        table_font_size="12px",
        table_font_color="#000000",
        table_border_top_style="solid", table_border_top_width="2px", table_border_top_color="#000000",
        table_border_bottom_style="none",
        heading_title_font_size="12px", heading_title_font_weight="bold",
        heading_subtitle_font_size="11px",
        heading_padding="2px",
        heading_border_bottom_style="solid", heading_border_bottom_width="1px",
        heading_border_bottom_color="#000000",
        column_labels_font_weight="bold",
        column_labels_padding="3px",
        column_labels_border_top_style="none",
        column_labels_border_bottom_style="solid", column_labels_border_bottom_width="1px",
        column_labels_border_bottom_color="#000000",
        column_labels_vlines_style="none",
        row_group_font_weight="bold",
        row_group_padding="4px",
        row_group_border_top_style="none",
        row_group_border_bottom_style="none",
        row_group_border_left_style="none", row_group_border_right_style="none",
        table_body_hlines_style="none",
        table_body_vlines_style="none",
        table_body_border_top_style="solid", table_body_border_top_width="1px",
        table_body_border_top_color="#000000",
        table_body_border_bottom_style="solid", table_body_border_bottom_width="1.5px",
        table_body_border_bottom_color="#000000",
        stub_border_style="none",
        stub_row_group_border_style="none",
        stub_indent_length=f"{STUB_INDENT_PX}px",
        data_row_padding="2px",
        data_row_padding_horizontal="3px",
        column_labels_padding_horizontal="3px",
        row_group_padding_horizontal="3px",
        source_notes_font_size="10px",
        source_notes_padding="1px",
        container_padding_x="0px",
        container_padding_y="6px",
        footnotes_order="marks_last",
    )
    gt = gt.opt_css(_EXTRA_CSS.format(id=id, print_px=FONT_PX, note_px=NOTE_PX, pad_em=COLUMN_GAP_EM / 2,
                                      indent=STUB_INDENT_PX, indent2=2 * STUB_INDENT_PX))
    return gt, TableText(title=title, subtitle=subtitle)


#: Under every table made from synthetic data.
SYNTHETIC_NOTE = "Synthetic example data: not real patients."


def finish(gt: GT, text: TableText, results: Results) -> Table:
    """Last touches shared by all tables (the synthetic-data notice): the :class:`Table`."""
    if results.config.synthetic:
        gt, text = gtext.tab_source_note(gt, SYNTHETIC_NOTE), text.with_source_note(SYNTHETIC_NOTE)
    return Table(gt, text)


# Words ----------------------------------------------------------------------

def capitalise(text: str) -> str:
    """First letter upper case, the rest untouched (``serum`` → ``Serum``, ``CSF`` stays)."""
    return text[:1].upper() + text[1:]


def compartment_label(compartment: str) -> str:
    return capitalise(compartment)


def group_label(family: str, compartment: str, with_family: bool) -> str:
    """Row-group label: ``CSF`` or, when a table spans families, ``Serum — biochemical``."""
    label = compartment_label(compartment)
    return f"{label} — {family}" if with_family else label


def enrolled_n(results: Results) -> int:
    for c in results.baseline:
        if c.variable == "n" and c.count is not None:
            return int(c.count)
    return int(results.flow.enrolled)


def abbreviations_note(used: Iterable[str]) -> str | None:
    """``CI, confidence interval; IQR, interquartile range.`` for the abbreviations in ``used``."""
    seen = [a for a in dict.fromkeys(used) if a in ABBREVIATIONS]
    if not seen:
        return None
    return "; ".join(f"{a}, {ABBREVIATIONS[a]}" for a in sorted(seen, key=str.lower)) + "."


# Numbers ---------------------------------------------------------------------

#: Width the tables aim for: A4 portrait less 20 mm margins (CSS px, 96 per inch), less 3% for
#: the error of :func:`text_width_px`.
PAGE_WIDTH_PX = 170 / 25.4 * 96 * 0.97
#: Body font size in px when printed (WeasyPrint, browsers' print); 12px on screen.
FONT_PX = 11.0  # 8.25 pt: journals expect at least 8 pt in tables
#: Notes under a table when printed: 8 pt.
NOTE_PX = 10.7
#: The least space between the text of two adjacent columns, in ems of the table's type (half on each side of
#: a cell): 8.25 pt printed (3 px of padding on each side, 4.5 pt, read as one word space, issue #10).
COLUMN_GAP_EM = 1.0
#: A row label's indent per level (great-tables' stub_indent_length), on every line of a label that wraps.
STUB_INDENT_PX = 12
#: Horizontal padding of a cell (both sides), px, in the printed type.
CELL_PADDING_PX = COLUMN_GAP_EM * FONT_PX

_NARROW = set(" .,:;[]()|!'ijlIft/")


def text_width_px(text: str, font_px: float = FONT_PX) -> float:
    """Rough width of ``text`` in Arial at ``font_px`` (to choose a layout, never to size anything)."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.28
        elif ch.isdigit() or ch in "–−+-<>=%":
            em += 0.56
        elif ch.isupper() or ch in "mwMW":
            em += 0.70
        else:
            em += 0.52
    return em * font_px


def rows_where(mask: Sequence[bool] | pd.Series | np.ndarray) -> list[int]:
    """Row positions (Python ints: great-tables reads other types as row names)."""
    return [int(i) for i in np.flatnonzero(np.asarray(mask, dtype=bool))]


def fmt_numbers_by_row(gt: GT, columns: list[str], decimals: Sequence[int], **kwargs: Any) -> GT:
    """``fmt_number`` on ``columns`` with ``decimals[i]`` decimals in row ``i``."""
    dec = np.asarray(decimals)
    for d in sorted(set(int(x) for x in dec)):
        gt = gt.fmt_number(columns=columns, rows=rows_where(dec == d), decimals=d, use_seps=False, **kwargs)
    return gt


def p_value_columns(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``frame`` with the p-values of ``columns`` as printed text (:func:`alsreport.present.format.p_value`).

    great-tables escapes text cells for its output (``&lt;0.001`` in HTML, ``\\textless{}0.001`` in LaTeX).
    """
    out = frame.copy()
    for c in columns:
        out[c] = [p_value(p) for p in out[c]]
    return out


def merge_complete(gt: GT, frame: pd.DataFrame, columns: list[str], pattern: str,
                   fallback: str | None = MISSING) -> GT:
    """``cols_merge(columns, pattern)`` in the rows where every column has a value.

    The other columns are hidden everywhere; in incomplete rows the first column
    shows alone (``fallback`` where it is missing too).
    """
    complete = np.ones(len(frame), dtype=bool)
    for c in columns:
        complete &= frame[c].notna().to_numpy()
        if pd.api.types.is_float_dtype(frame[c].dtype):
            complete &= np.isfinite(frame[c].to_numpy(dtype=float, na_value=np.nan))
    rows = rows_where(complete)
    if rows:
        gt = gt.cols_merge(columns=columns, rows=rows, pattern=pattern, hide_columns=columns[1:])
    else:
        gt = gt.cols_hide(columns=columns[1:])
    if fallback is not None:
        gt = gt.sub_missing(columns=columns[0], missing_text=fallback)
    return gt


def mark_significant(gt: GT, rows: list[int], bold_columns: list[str], mark_column: str) -> GT:
    """Bold ``bold_columns`` in ``rows`` and append :data:`SIG_MARK` to ``mark_column`` (survives LaTeX/Word)."""
    if not rows:
        return gt
    gt = gt.tab_style(style=style.text(weight="bold"), locations=loc.body(columns=bold_columns, rows=rows))
    return gt.text_transform(locations=loc.body(columns=mark_column, rows=rows), fn=lambda s: f"{s}{SIG_MARK}")


def add_note(gt: GT, meta: TableText, text: str | None) -> tuple[GT, TableText]:
    """A general note under the table (a footnote without a mark); nothing when ``text`` is empty."""
    if not text:
        return gt, meta
    return gtext.tab_footnote(gt, text), meta.with_note(text)


def add_footnote(gt: GT, meta: TableText, text: str, locations: Any) -> tuple[GT, TableText]:
    """A footnote whose letter marks ``locations`` (write ``text`` so it also reads without the mark)."""
    return gtext.tab_footnote(gt, text, locations=locations, placement="right"), meta.with_footnote(text)


def fill_width(gt: GT, gid: str) -> GT:
    """Let the table with id ``gid`` take the full width, wrapping row and column labels where needed.

    By default a table is half the width, or as wide as its single-line cells need
    (a table is never narrower than its min-content), and long notes wrap instead of
    widening it.
    """
    return gt.opt_css(f"#{gid} .gt_table {{ width: 100%; }}\n"
                      f"#{gid} .gt_stub, #{gid} .gt_col_heading {{ white-space: normal; }}")


_TAG = re.compile(r"</?span[^>]*>")
_SUPERSCRIPTS = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_PLAIN = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")


def latex_cleanup(tex: str) -> str:
    """Make ``GT.as_latex()`` output of these tables journal-like and free of HTML from merge patterns.

    Data text never contains a raw ``<`` in LaTeX output (great-tables escapes it as
    ``\\textless{}``), so the tags removed here can only come from our patterns.
    Also drops the vertical rule great-tables puts after the stub column.
    """
    tex = _SUPERSCRIPTS.sub(lambda m: "\\textsuperscript{" + m.group(0).translate(_PLAIN) + "}", tex)
    tex = _TAG.sub("", tex).replace("<br>", " ").replace("\u00a0", "~").replace("\u2060", "")
    return re.sub(r"(\\extracolsep\{\\fill\}\}l+)\|", r"\1", tex)
