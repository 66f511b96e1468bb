"""The shared look of the manuscript tables and small formatting helpers.

Every table is a :class:`great_tables.GT` built by :func:`base_gt`: a left-aligned
bold title, a subtitle, black rules above and below the column labels and below
the body (no vertical rules, no body lines), compact padding, a sans-serif font
that WeasyPrint finds on any machine (Liberation Sans is metric-compatible with
Arial), footnote marks as letters, and no fixed widths (the browser or WeasyPrint
sizes the table to its content, within the page).

Numbers are formatted by great-tables (``fmt_number``, ``fmt_integer``, ``fmt``
and ``cols_merge``); the helpers here only choose *how*: the decimals of a row
(:func:`decimals_for`), p-values (:data:`P_VALUE`), and where merged cells such
as ``median [q1–q3]`` are complete (:func:`merge_complete`). Text from the
study (labels, terms) always goes in as plain text, which great-tables escapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from great_tables import GT, loc, style
from great_tables._gt_data import FormatFns

from alsreport.study.config import StudyConfig
from alsreport.results.model import Results
from alsreport.present.pvalues import format_p
from alsreport.present.units import display_unit

__all__ = [
    "ABBREVIATIONS",
    "CELL_PADDING_PX",
    "FONT_PX",
    "FONT_STACK",
    "SIG_MARK",
    "SIG_NOTE",
    "MISSING",
    "NOWRAP",
    "latex_cleanup",
    "P_VALUE",
    "base_gt",
    "capitalise",
    "compartment_label",
    "group_label",
    "visit_label",
    "display_unit",
    "decimals_for",
    "fmt_numbers_by_row",
    "fmt_p",
    "merge_complete",
    "mark_significant",
    "add_note",
    "add_footnote",
    "fill_width",
    "abbreviations_note",
    "below_lod_rule",
    "conf_label",
    "contrast_visits",
    "enrolled_n",
    "rows_where",
    "PAGE_WIDTH_PX",
    "text_width_px",
    "number_text",
    "finish",
]

#: Font stack: Arial where present, else its metric twin Liberation Sans (WeasyPrint on Linux).
FONT_STACK = ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans", "sans-serif"]

#: Appended to the adjusted p-value of a significant result (the cells are also bold).
SIG_MARK = "*"

#: A span that keeps a piece of a merged cell on one line (in cols_merge patterns; HTML only,
#: :func:`latex_cleanup` removes it from LaTeX).
NOWRAP = '<span style="white-space:nowrap">{}</span>'

#: Start of the note that explains the significance marker (LaTeX, which has no bold, drops "Bold with ").
SIG_NOTE = f"Bold with {SIG_MARK}"

#: Shown for a value that could not be computed or was not measured.
MISSING = "—"

#: Abbreviations explained under a table when they occur in it.
ABBREVIATIONS = {
    "CI": "confidence interval",
    "CSF": "cerebrospinal fluid",
    "IQR": "interquartile range",
    "LOD": "limit of detection",
    "SD": "standard deviation",
    "IV": "intravenous",
    "IT": "intrathecal",
    "SOC": "system organ class",
    "HL": "Hodges–Lehmann",
    "ALSFRS-R": "revised ALS Functional Rating Scale",
    "ALS": "amyotrophic lateral sclerosis",
}

_EXTRA_CSS = """
#{id} .gt_table {{ font-variant-numeric: tabular-nums; page-break-inside: auto; width: 50%; }}
#{id} .gt_group_heading_row {{ page-break-after: avoid; break-after: avoid; }}
#{id} .gt_col_heading, #{id} .gt_column_spanner, #{id} .gt_group_heading {{ white-space: nowrap; }}
#{id} .gt_col_heading, #{id} .gt_column_spanner {{ vertical-align: bottom; }}
#{id} .gt_footnote, #{id} .gt_sourcenote {{ font-size: 10px; line-height: 1.3; padding-top: 1px; padding-bottom: 1px; }}
#{id} .gt_footnotes, #{id} .gt_sourcenotes {{ border-bottom-style: none; }}
#{id} .gt_row {{ vertical-align: top; white-space: nowrap; }}
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
            rowname_col: str | None = None, groupname_col: str | None = None) -> GT:
    """A GT with the alsreport journal look and a fixed ``id`` (stable HTML, no random ids)."""
    gt = GT(data, rowname_col=rowname_col, groupname_col=groupname_col, id=id)
    gt = gt.tab_header(title=title, subtitle=subtitle)
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
        stub_indent_length="12px",
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
    return gt.opt_css(_EXTRA_CSS.format(id=id, print_px=FONT_PX, note_px=NOTE_PX))


def finish(gt: GT, results: Results) -> GT:
    """Last touches shared by all tables: the synthetic-data notice."""
    if results.config.synthetic:
        gt = gt.tab_source_note("Synthetic example data: not real patients.")
    return gt


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


# Shared with the tables, figures and text: one definition each.
visit_label = StudyConfig.visit_label
contrast_visits = StudyConfig.contrast_visits


def conf_label(level: float) -> str:
    """``0.95`` → ``95% CI`` (with a no-break space)."""
    return f"{level * 100:g}%\u00a0CI"


def enrolled_n(results: Results) -> int:
    for c in results.baseline:
        if c.variable == "n" and c.count is not None:
            return int(c.count)
    return int(results.flow.enrolled)


def below_lod_rule(rule: str) -> str:
    """``analysis.below_lod`` in words (what replaced a result reported as ``<LOD``)."""
    return {
        "half_lod": "replaced by half the LOD",
        "lod": "replaced by the LOD",
        "lod_sqrt2": "replaced by the LOD divided by √2",
        "exclude": "excluded from the analysis",
    }.get(rule, f"handled by the rule {rule!r}")


def abbreviations_note(used: Iterable[str]) -> str | None:
    """``CI, confidence interval; IQR, interquartile range.`` for the abbreviations in ``used``."""
    seen = [a for a in dict.fromkeys(used) if a in ABBREVIATIONS]
    if not seen:
        return None
    return "; ".join(f"{a}, {ABBREVIATIONS[a]}" for a in sorted(seen, key=str.lower)) + "."


# Numbers ---------------------------------------------------------------------

def decimals_for(values: Iterable[float]) -> int:
    """Decimals for a row whose largest magnitude is ``max|values|`` (about three significant digits)."""
    finite = [abs(float(v)) for v in values if v is not None and np.isfinite(v)]
    if not finite:
        return 2
    m = max(finite)
    if m >= 100:
        return 0
    if m >= 10:
        return 1
    if m >= 0.1:
        return 2
    return 3


#: Width the tables aim for: A4 portrait less 20 mm margins (CSS px, 96 per inch), less 3% for
#: the error of :func:`text_width_px`.
PAGE_WIDTH_PX = 170 / 25.4 * 96 * 0.97
#: Body font size in px when printed (WeasyPrint, browsers' print); 12px on screen.
FONT_PX = 11.0  # 8.25 pt: journals expect at least 8 pt in tables
#: Notes under a table when printed: 8 pt.
NOTE_PX = 10.7
#: Horizontal padding of a cell (both sides), px.
CELL_PADDING_PX = 6.0

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


def number_text(x: float, decimals: int) -> str:
    """``x`` with ``decimals`` as ``fmt_number`` shows it (for width estimates only)."""
    if x is None or not np.isfinite(x):
        return MISSING
    return f"{x:.{decimals}f}".replace("-", "−")


def rows_where(mask: Sequence[bool] | pd.Series | np.ndarray) -> list[int]:
    """Row positions (Python ints: great-tables reads other types as row names)."""
    return [int(i) for i in np.flatnonzero(np.asarray(mask, dtype=bool))]


def fmt_numbers_by_row(gt: GT, columns: list[str], decimals: Sequence[int], **kwargs: Any) -> GT:
    """``fmt_number`` on ``columns`` with ``decimals[i]`` decimals in row ``i``."""
    dec = np.asarray(decimals)
    for d in sorted(set(int(x) for x in dec)):
        gt = gt.fmt_number(columns=columns, rows=rows_where(dec == d), decimals=d, use_seps=False, **kwargs)
    return gt


def _p_text(p: Any, lt: str, gt_: str) -> str:
    return format_p(p, lt=lt, gt=gt_, missing=MISSING)


#: p-values: three decimals, ``<0.001`` and ``>0.999`` at the ends, ``—`` when not computed.
P_VALUE = FormatFns(
    html=lambda p: _p_text(p, "&lt;", "&gt;"),
    latex=lambda p: _p_text(p, r"\textless{}", r"\textgreater{}"),
    default=lambda p: _p_text(p, "<", ">"),
)


def fmt_p(gt: GT, columns: str | list[str]) -> GT:
    return gt.fmt(P_VALUE, columns=columns)


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


def add_note(gt: GT, text: str | None) -> GT:
    """A general note under the table (a footnote without a mark)."""
    return gt if not text else gt.tab_footnote(text)


def add_footnote(gt: GT, text: str, locations: Any) -> GT:
    """A footnote whose letter marks ``locations`` (write ``text`` so it also reads without the mark)."""
    return gt.tab_footnote(text, locations=locations, placement="right")


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
