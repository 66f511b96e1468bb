"""How every number and label is shown, in tables, figures and sentences alike: one module.

The results keep numbers as numbers; this module is the only place that turns
them into text. Tables (great-tables), figures (matplotlib) and the generated
prose all call these functions, so the same value prints as the same string
everywhere (``tests/test_present_format.py`` checks it).

The rules:

* **Numbers** (:func:`number`): fixed decimals, no thousands separators, the
  typographic minus U+2212. A value that *rounds to zero* prints without a sign
  (``-0.001`` at two decimals is ``0.00``, never ``−0.00``; ``-0.0`` is ``0.00``).
  Rounding is Python's (round-half-even on the binary value), which is also what
  great-tables' ``fmt_number`` does. A missing or non-finite value prints as
  :data:`MISSING` (``—``).
* **Decimals of a series**: from its *recorded* precision (:func:`recorded_decimals`: the most decimals any
  observed value of the series has in the data, ``50`` → 0, ``5.2`` → 1). Individual values and reference
  limits print at the recorded precision (:func:`value_decimals`: ALT ``50``, range ``7–41``; CRP ``5.2``, range
  ``0.0–5.0``; a limit keeps a decimal it was given with): no value claims more decimals than the laboratory
  reported (ALT ``50.0`` beside ALP ``137``, CRP ``5.20``: reader 13a's item 2). Medians, quartiles, estimates and
  CIs, for every analyte alike, at about three significant digits of the series' largest median or upper quartile,
  but never more than one decimal beyond the recorded precision (:func:`series_decimals`: the smaller of
  :func:`decimals_for` and the recorded precision + 1, the usual convention for summaries: a median of integers
  may fall on a half, a mean difference of integers is reported to one decimal): ALT ``27.0 [19.5–31.5]``,
  CSF glucose mean difference ``−3.6 (−6.2 to −1.0)``, CSF TNF-α (recorded ``9.06``) ``9.1 [7.9–10.9]``. :func:`decimals_for`: 0 from 100, 1 from 10, 2 from 0.1, else 3; 2 when nothing is
  finite and non-zero; a series with no observed value (all below the LOD, or none) has only this.
* **Counts** (:func:`count`): integers with thousands separators (``1,234``); a group size
  as ``(n = 15)`` with no-break spaces (:func:`n_eq`).
* **Percentages** (:func:`percent`): one decimal and ``%`` (``93.3%``).
* **p-values** (:func:`p_value`): three decimals; below 0.001 as ``<0.001`` and
  above 0.999 as ``>0.999`` (more digits claim a precision the data do not have);
  ``—`` when no test was computed. The full-precision value stays in the results
  and the CSV/XLSX exports.
* **Intervals**: a confidence interval is ``low to high`` (:func:`ci`), an
  interquartile range ``q1–q3`` (:func:`iqr`), a median with it
  ``median [q1–q3]`` (:func:`median_iqr`), a laboratory's reference range ``low–high`` at the analyte's
  recorded decimals, both ends alike (:func:`reference_range`: ``2.4–7.0`` for uric acid recorded as ``7.2``,
  ``7–41`` for ALT recorded as ``50``; never ``2.4–7``: reader 12a's item 8), never fewer than a limit was
  given with. A range or interval never breaks
  across lines: ``to`` is joined by no-break spaces and the en dash is followed
  by an invisible U+2060 WORD JOINER (:data:`RANGE_DASH`; the table builders'
  merge patterns use it too), so a wrapped table cell breaks only between the
  median and its ``[IQR]`` or before a CI's ``(`` (issue #10: "18.5–" / "20.8]").
* **Names in table rows** (:func:`series_title` with ``row=True``): a hyphen inside a
  name (``IL-6``, ``TNF-α``) is followed by the same U+2060 (:data:`NAME_HYPHEN`), so a
  narrow cell never breaks "CSF IL-" / "6" (reader 9). The hyphen stays U+002D: text
  search finds ``IL-6`` (Chromium's find ignores the joiner; the PDF has no joiner).
* **Units** (:func:`display_unit`): powers written ``10^9/L`` print as ``10⁹/L``.
* **Visits and contrasts**: the labels of ``study.yml`` (:func:`visit_label`,
  :func:`contrast_words`). In a table (cells, headers, notes, captions) a label never breaks between its word
  and its number (:func:`table_visit_label`, :func:`unbroken_label`): a no-break space joins them ("Month" /
  "0" in the safety report's laboratory table at 390 px: issue #10 readers), in the browsers and in WeasyPrint.
* **Below the LOD**: one wording of ``analysis.below_lod``, in a sentence
  (:func:`below_lod_rule`: "replaced by half the LOD") and in a figure legend
  (:func:`below_lod_plotted`: "plotted at LOD/2").

Everything returns plain text (Unicode, unescaped): escape it for the target
(markdown, HTML, LaTeX) where it is written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alsreport.results.model import Results
from alsreport.study.config import StudyConfig

__all__ = [
    "series_title",
    "label_in_text",
    "power_of_ten",
    "MINUS",
    "NBSP",
    "big_n",
    "RANGE_DASH",
    "NAME_HYPHEN",
    "unbroken_name",
    "CI_TO",
    "N_PERCENT",
    "MISSING",
    "number",
    "estimate_ci",
    "count",
    "percent",
    "PERCENT_DECIMALS",
    "decimals_for",
    "Decimals",
    "decimals",
    "series_decimals",
    "recorded_decimals",
    "value_decimals",
    "p_value",
    "p_phrase",
    "reported_p",
    "ci",
    "iqr",
    "median_iqr",
    "reference_range",
    "conf_label",
    "display_unit",
    "unit_in_text",
    "format_date",
    "n_eq",
    "n_is",
    "n_missing",
    "counts_of",
    "visit_label",
    "table_visit_label",
    "unbroken_label",
    "contrast_visits",
    "contrast_words",
    "compartment_name",
    "below_lod_rule",
    "below_lod_plotted",
]

#: The typographic minus sign (U+2212).
MINUS = "\u2212"
#: No-break space (keeps ``p = 0.001`` and ``95% CI`` together).
NBSP = "\u00a0"
#: The en dash of a range (``7.12–9.80``), followed by U+2060 WORD JOINER: browsers, WeasyPrint and Word may
#: break a line after an en dash; never inside a range (the joiner is invisible and absent from PDF text).
RANGE_DASH = "\u2013\u2060"
#: A hyphen inside a name (``IL-6``), followed by U+2060 WORD JOINER as :data:`RANGE_DASH`: browsers break a line
#: after a hyphen ("CSF IL-" / "6 (pg/mL)" at 390 px: reader 9); the hyphen itself stays U+002D, which text search
#: and the PDF's text layer keep (a U+2011 no-break hyphen would not match "IL-6").
NAME_HYPHEN = "-\u2060"
_NAME_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
#: The ``to`` of a confidence interval, with no-break spaces (``−2.51 to −1.11`` stays on one line).
CI_TO = f"{NBSP}to{NBSP}"
#: The great-tables merge pattern of an ``n (%)`` cell: a no-break space joins the count and its percent
#: (``7 (58.3)`` broke into "7 / (58.3)" in a narrow column: reader 8), as :data:`RANGE_DASH` and :data:`CI_TO`.
N_PERCENT = "{0}" + NBSP + "({1})"
#: Shown for a value that could not be computed or was not measured.
MISSING = "—"


def _finite(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


# Numbers -------------------------------------------------------------------------

def number(x: Any, decimals: int = 2) -> str:
    """``x`` with ``decimals`` decimals, U+2212 minus, no sign when it rounds to zero; ``—`` if missing."""
    v = _finite(x)
    if v is None:
        return MISSING
    text = f"{v:.{int(decimals)}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def power_of_ten(x: float, exponent: int | None = None) -> str:
    """``1000000`` → ``1 × 10⁶``; with ``exponent`` 6, ``500000`` → ``0.5 × 10⁶`` (the parts of a dose in the power of
    the whole); the mantissa with as few decimals as it needs (at most 3). No-break spaces around ``×``: a line never
    breaks inside the number (session 26 reader: "1 ×" | "10⁶ cells/kg")."""
    exp = exponent if exponent is not None else (int(math.floor(math.log10(x))) if x > 0 else 0)
    mant = x / 10 ** exp
    sup = str(exp).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
    decimals = next((d for d in range(4) if abs(round(mant, d) - mant) < 1e-9 * max(1.0, abs(mant))), 3)
    return f"{number(mant, decimals)}{NBSP}×{NBSP}10{sup}"


def count(n: Any) -> str:
    """An integer count with thousands separators (``1234`` → ``1,234``); ``—`` if missing."""
    v = _finite(n)
    if v is None:
        return MISSING
    return f"{int(v):,}".replace("-", MINUS)


def big_n(n: Any, what: str = "") -> str:
    """``(N = 15)``, ``(N = 15 included)``: the population's size with no-break spaces, so that a line never ends
    at "(N" or "=" (session 29 ethics reader: "participants (N =" / "15 included)" in the list of tables)."""
    return f"(N{NBSP}={NBSP}{count(n)}" + (f"{NBSP}{what}" if what else "") + ")"


def n_is(n: Any) -> str:
    """``n = 15`` with no-break spaces, so wrapping never separates the count from ``n`` (a count inside a list that
    already has its brackets: "below 24, n = 2; …")."""
    return f"n{NBSP}={NBSP}{count(n)}"


def n_eq(n: Any) -> str:
    """``(n = 15)``: :func:`n_is` in brackets."""
    return f"({n_is(n)})"


def counts_of(*ns: Any) -> str:
    """``12 / 11 / 11``: counts side by side (Table S1's n at baseline / the later visit / in pairs), joined by
    no-break spaces so the value never breaks across lines (it wrapped onto five at 390 px: reader 8)."""
    return f"{NBSP}/{NBSP}".join(count(n) for n in ns)


def n_missing(n: Any, missing: Any) -> str:
    """``14 (1)``: a count with the number missing in brackets (gtsummary's "n (missing)")."""
    return f"{count(n)} ({count(missing)})"


#: Decimals of every percentage (tables, forest plots, text).
PERCENT_DECIMALS = 1


def percent(pct: Any) -> str:
    """A percentage the results computed, one decimal (``93.3%``); ``—`` if missing."""
    return MISSING if _finite(pct) is None else number(pct, PERCENT_DECIMALS) + "%"


def decimals_for(values: Iterable[Any]) -> int:
    """Decimals giving about three significant digits for the largest magnitude in ``values``.

    0 from 100, 1 from 10, 2 from 0.1, 3 below; 2 when no value is finite and non-zero.
    """
    finite = [abs(v) for v in map(_finite, values) if v is not None]
    m = max(finite, default=0.0)
    if m >= 100:
        return 0
    if m >= 10:
        return 1
    if m >= 0.1 or m == 0:
        return 2
    return 3


#: The most decimals a recorded value is read with (a float's binary noise beyond this is not a decimal).
_MAX_RECORDED_DECIMALS = 6


def _row_decimals(values: np.ndarray) -> np.ndarray:
    """The decimals each value was written with (``50.0`` → 0, ``5.2`` → 1, ``0.125`` → 3; at most 6), vectorised."""
    v = np.abs(values)
    out = np.full(v.shape, _MAX_RECORDED_DECIMALS, dtype=np.int64)
    undecided = np.ones(v.shape, dtype=bool)
    for d in range(_MAX_RECORDED_DECIMALS):
        scaled = v * 10.0**d
        exact = undecided & (np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1.0, scaled))
        out[exact] = d
        undecided &= ~exact
    return out


def recorded_decimals(results: Results) -> dict[tuple[str, str], int]:
    """The recorded precision of each series ``(compartment, analyte)``: the most decimals any *observed* value of
    it has in the analysis data (values below or above a limit were substituted and are left out; ``50`` and
    ``50.0`` are both 0 decimals: the data hold numbers, not their text). Series with no observed value are
    absent."""
    data = results.analysis_data
    if data is None or data.empty or "value" not in data.columns:
        return {}
    value = data["value"].to_numpy(dtype=np.float64)
    keep = np.isfinite(value)
    if "censoring" in data.columns:
        keep &= (data["censoring"].astype(str) == "observed").to_numpy()
    if not keep.any():
        return {}
    frame = pd.DataFrame({"compartment": data["compartment"].astype(str).to_numpy()[keep],
                          "analyte": data["analyte"].astype(str).to_numpy()[keep],
                          "decimals": _row_decimals(value[keep])})
    most = frame.groupby(["compartment", "analyte"], sort=False)["decimals"].max()
    return {(str(c), str(a)): int(d) for (c, a), d in most.items()}


def _magnitude_decimals(results: Results) -> dict[tuple[str, str], int]:
    """:func:`decimals_for` of each series' medians and upper quartiles."""
    values: dict[tuple[str, str], list[float]] = {}
    for d in results.descriptives:
        values.setdefault((d.compartment, d.analyte), []).extend([d.median, d.q3])
    return {k: decimals_for(v) for k, v in values.items()}


@dataclass(frozen=True)
class Decimals:
    """Each series' decimals ``(compartment, analyte) → int``, both rules computed once (:func:`decimals`)."""

    summary: dict[tuple[str, str], int]
    """Medians, quartiles, estimates and CIs: :func:`decimals_for` of the series' medians and upper quartiles (about
    three significant digits), but no more than one decimal beyond its recorded precision
    (:func:`recorded_decimals` + 1; capping at the recorded precision itself printed a mean difference of integer
    glucose values as ``−4 (−6 to −1)``); a series with no observed value: :func:`decimals_for` alone."""
    values: dict[tuple[str, str], int]
    """Individual values and reference limits: the recorded precision (:func:`recorded_decimals`); a series with
    no observed value: :func:`decimals_for` of its medians."""


def decimals(results: Results) -> Decimals:
    """Both decimals rules for every series, reading the analysis data and the descriptives once."""
    recorded, magnitude = recorded_decimals(results), _magnitude_decimals(results)
    return Decimals(summary={k: min(d, recorded.get(k, d - 1) + 1) for k, d in magnitude.items()},
                    values=magnitude | recorded)


def value_decimals(results: Results) -> dict[tuple[str, str], int]:
    """:attr:`Decimals.values`: each series' individual values and reference limits at its recorded precision."""
    return decimals(results).values


def series_decimals(results: Results) -> dict[tuple[str, str], int]:
    """:attr:`Decimals.summary`: each series' medians, quartiles, estimates and CIs, one rule for every analyte."""
    return decimals(results).summary


# p-values ---------------------------------------------------------------------------

def p_value(p: Any, *, lt: str = "<", gt: str = ">", missing: str = MISSING) -> str:
    """``p`` as printed (``0.042``, ``<0.001``, ``>0.999``, ``—``); ``lt``/``gt`` for escaped signs."""
    x = _finite(p)
    if x is None:
        return missing
    if x < 0.001:
        return f"{lt}0.001"
    if x > 0.999:
        return f"{gt}0.999"
    return f"{x:.3f}"


def p_phrase(p: Any, name: str = "p") -> str:
    """``p = 0.001``, ``p < 0.001`` (no-break spaces) for a sentence; ``p not computed`` when missing."""
    text = p_value(p)
    if text == MISSING:
        return f"{name} not computed"
    if text[0] in "<>":
        return f"{name}{NBSP}{text[0]}{NBSP}{text[1:]}"
    return f"{name}{NBSP}={NBSP}{text}"


def reported_p(relation: str, value: float, name: str = "p") -> str:
    """Another report's p as it printed it: ``p < 0.01``, ``p = 0.003`` (no-break spaces; digits as given, not
    rounded to this report's three decimals: the value is that report's, not a result of this analysis)."""
    digits = f"{value:.12f}".rstrip("0").rstrip(".") or "0"
    return f"{name}{NBSP}{relation}{NBSP}{digits}"


# Intervals --------------------------------------------------------------------------

def ci(low: Any, high: Any, decimals: int = 2) -> str:
    """A confidence interval: ``−2.51 to −1.11`` (``to``, since both ends may be negative; no-break spaces)."""
    return f"{number(low, decimals)}{CI_TO}{number(high, decimals)}"


def estimate_ci(estimate: Any, low: Any, high: Any, decimals: int = 2) -> str:
    """``−1.90 (−2.51 to −1.11)``; the estimate alone when an end is missing; :data:`MISSING` without an estimate."""
    if _finite(estimate) is None:
        return MISSING
    text = number(estimate, decimals)
    if _finite(low) is not None and _finite(high) is not None:
        text += f" ({ci(low, high, decimals)})"
    return text


def iqr(q1: Any, q3: Any, decimals: int = 2) -> str:
    """An interquartile range: ``7.12–9.80`` (:data:`RANGE_DASH`: an en dash no line breaks after)."""
    return f"{number(q1, decimals)}{RANGE_DASH}{number(q3, decimals)}"


def median_iqr(median: Any, q1: Any, q3: Any, decimals: int = 2) -> str:
    """``9.06 [7.12–9.80]``; the median alone when a quartile is missing."""
    if _finite(q1) is None or _finite(q3) is None:
        return number(median, decimals)
    return f"{number(median, decimals)} [{iqr(q1, q3, decimals)}]"


def _given_decimals(x: float) -> int:
    """The decimals ``x`` was written with (``7.0`` and ``7`` → 0, ``2.4`` → 1; at most 6)."""
    text = f"{x:.6f}".rstrip("0")
    return len(text) - text.index(".") - 1


def reference_range(low: Any, high: Any, decimals: int = 2) -> str:
    """A reference range at ``decimals`` (the analyte's recorded precision, :func:`value_decimals`) on both ends, or
    more when a limit was given with more (no limit is rounded): ``2.4–7.0``, ``7–41``, ``12.0–17.5``; one limit
    ``≥ 3.5`` or ``≤ 200``;
    :data:`MISSING` without either."""
    lo, hi = _finite(low), _finite(high)
    ends = [v for v in (lo, hi) if v is not None]
    if not ends:
        return MISSING
    d = max([int(decimals)] + [_given_decimals(v) for v in ends])
    if lo is not None and hi is not None:
        return f"{number(lo, d)}{RANGE_DASH}{number(hi, d)}"
    return f"≥{NBSP}{number(lo, d)}" if lo is not None else f"≤{NBSP}{number(hi, d)}"


def conf_label(level: float) -> str:
    """``0.95`` → ``95% CI`` (with a no-break space)."""
    return f"{level * 100:g}%{NBSP}CI"


# Units and dates -----------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("0123456789-−+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁺")
_POWER = re.compile(r"\^\{?([-−+]?\d+)\}?")


def series_title(compartment: str, label: str, *, start: bool = False, row: bool = False) -> str:
    """A series named in a sentence: ``CSF TNF-α``, ``serum albumin``, ``white blood cells``.

    The compartment comes first as written in the data (``CSF`` stays upper case); a label whose
    first word is an ordinary capitalised word (``Albumin``, ``White``) is lower-cased after it,
    an acronym or symbol (``IL-6``, ``TNF-α``, ``Na``, ``pH``) is kept; a label that already names
    the compartment (``White blood cells`` in ``blood``) stands alone. ``start`` capitalises the
    first letter, for a table cell, a panel title or a caption. ``row``: a table row among rows of
    several compartments (Tables S1 and S2), where the compartment always leads and is capitalised,
    so every row of the column reads alike (``Blood white blood cells`` below ``Blood lymphocytes``:
    reader 8), and a hyphen inside a name never ends a line (:func:`unbroken_name`: reader 9).
    """
    if row:
        return unbroken_name(series_title(compartment, label, start=True) if not compartment else (
            compartment[:1].upper() + compartment[1:] + " " + series_title("", label)))
    words = label.split()
    body = label_in_text(label)
    named = bool(compartment) and compartment.lower() in {w.lower().strip("(),") for w in words}
    text = body if named or not compartment else f"{compartment} {body}"
    return text[:1].upper() + text[1:] if start else text


def label_in_text(label: str) -> str:
    """A label from study.yml as running text writes it: its first word lower-cased when it is an ordinary
    capitalised word (``Neurofilament`` → ``neurofilament``, ``Albumin light chain`` → ``albumin light chain``),
    kept when an acronym or symbol (``IL``, ``CSF``, ``TNF-α``, ``Na``, ``pH``, ``Th17``)."""
    first = label.split()[0] if label.split() else ""
    ordinary = len(first) >= 3 and first.isalpha() and first[0].isupper() and first[1:].islower()
    return first.lower() + label[len(first):] if ordinary else label


def unbroken_name(text: str) -> str:
    """``IL-6`` with :data:`NAME_HYPHEN`: no line break after a hyphen between two letters or digits."""
    return _NAME_HYPHEN.sub(NAME_HYPHEN, text)


def detection_limit(lod: Any, unit: str | None) -> str:
    """``LOD 0.6 pg/mL``: a series' limit of detection as written (no rounding), with its unit, never broken across
    lines (no-break spaces, a joiner after the unit's slash: "pg/" / "mL" ended a line, session 32 reader); "" when
    the series has none, or more than one."""
    v = _finite(lod)
    if v is None:
        return ""
    unit_text = unit_in_text(unit)
    return f"LOD{NBSP}{number(v, _given_decimals(v))}" + (f"{NBSP}{unit_text}" if unit_text else "")


def display_unit(text: str | None) -> str:
    """A unit as printed: powers written ``10^9/L`` become ``10⁹/L``."""
    return _POWER.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), text or "")


def unit_in_text(text: str | None) -> str:
    """:func:`display_unit` for running text, its slash joined to what follows with U+2060 WORD JOINER as
    :data:`RANGE_DASH`: WeasyPrint broke the abstract's "−1.9 pg/mL" after the slash ("pg/" at a line's end, "mL" on
    the next: session 25 reader). Not for figures (matplotlib would draw the joiner) or table cells."""
    return display_unit(text).replace("/", "/\u2060")


def format_date(value: dt.date | dt.datetime | str | None) -> str:
    """``2024-01-31`` → ``31 January 2024`` (unambiguous in every locale); other text unchanged."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day} {value.strftime('%B')} {value.year}"


# Visits and contrasts --------------------------------------------------------------------

#: The label of a visit code as study.yml gives it (``StudyConfig.visit_label``).
visit_label = StudyConfig.visit_label
#: ``M3-M0`` → (``M3``, ``M0``) (``StudyConfig.contrast_visits``).
contrast_visits = StudyConfig.contrast_visits


#: A space between a word and the number after it (``Month 0``, ``Infusion 3``, ``Day −14``)
_WORD_NUMBER = re.compile(r"(?<=[^\W\d_]) (?=[-−+]?\d)")


def unbroken_label(text: str) -> str:
    """``Month 0`` → ``Month\u00a00``: a word and the number after it joined by a no-break space, so that a line
    never breaks between them (``Infusion 3 (Month 2)`` keeps both pairs; other spaces may still break)."""
    return _WORD_NUMBER.sub(NBSP, text)


def table_visit_label(config: StudyConfig, code: str) -> str:
    """A visit's label in a table (cell, column header, note or caption): :func:`visit_label` that never breaks
    between its word and its number (:func:`unbroken_label`)."""
    return unbroken_label(config.visit_label(code))


def contrast_words(config: StudyConfig, contrast: str) -> str:
    """``M3-M0`` → ``Month 3 vs Month 0`` (the visit labels of study.yml)."""
    later, base = config.contrast_visits(contrast)
    return f"{config.visit_label(later)} vs {config.visit_label(base)}"


def compartment_name(config: StudyConfig, compartment: str) -> str:
    """``CSF``, ``Serum``: the compartment as the tables' row groups name it (first letter capitalised)."""
    return compartment[:1].upper() + compartment[1:]


# Below the limit of detection ------------------------------------------------------------

#: ``analysis.below_lod`` → (what replaced the value, where a figure draws it).
_BELOW_LOD: dict[str, tuple[str, str]] = {
    "half_lod": ("replaced by half the LOD", "plotted at LOD/2"),
    "lod": ("replaced by the LOD", "plotted at the LOD"),
    "lod_sqrt2": ("replaced by the LOD divided by √2", "plotted at LOD/√2"),
    "exclude": ("excluded from the analysis", "excluded"),
}


def below_lod_rule(rule: str) -> str:
    """``analysis.below_lod`` in words, for a sentence: results below the LOD were *replaced by half the LOD*."""
    words = _BELOW_LOD.get(rule)
    return words[0] if words else f"handled by the rule {rule!r}"


def below_lod_plotted(rule: str) -> str:
    """``analysis.below_lod`` in words, for a figure legend: *plotted at LOD/2*."""
    words = _BELOW_LOD.get(rule)
    return words[1] if words else "substituted"
