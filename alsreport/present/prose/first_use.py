"""Abbreviations spelled out at their first use (issue #10, words4 item 1).

Journals read the abstract on its own, so an abbreviation is defined at its first use in the abstract and
again at its first use in the body: ``cerebrospinal fluid (CSF)``, ``tumour necrosis factor α (TNF-α)``.
:func:`define_first_uses` walks a document's generated texts in reading order and rewrites the first use of
each abbreviation that no earlier text (or the text itself, as in ``intravenously (IV)``) has defined.

Inside round brackets the abbreviation goes in square ones (``(95% confidence interval [CI] −2.5 to −1.1)``);
a use inside square brackets (a reason quoted as recorded, within round ones) is left as written and does
not count, so no round bracket nests in another. The texts are markdown: an escaped hyphen
(``TNF\\-α``) or bracket (``\\(IV\\)``) matches as the plain character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from alsreport.present.abbreviations import ANALYTE_ABBREVIATIONS, label_abbreviation
from alsreport.present.tables.style import ABBREVIATIONS
from alsreport.results.model import Results

__all__ = ["abbreviation_definitions", "define_first_uses", "ABSTRACT_TEXTS", "BODY_TEXTS", "BODY_DEFINED"]

#: The abstract's generated texts, in reading order.
ABSTRACT_TEXTS = ("abstract_background", "abstract_methods", "abstract_results", "abstract_conclusions")

#: The manuscript body's generated texts, in the order ``report/manuscript.qmd`` prints them.
BODY_TEXTS = ("prior_report_findings", "objectives", "design", "setting", "intervention", "intervention_detail",
              "outcomes", "measurement_detail", "harms_methods", "harms_collection", "sample_size",
              "interim_analyses", "statistical_methods", "participant_flow", "recruitment", "baseline",
              "biomarker_results", "sensitivity", "ratio_sensitivity", "exposure", "doses_reference",
              "serious_events_summary", "safety", "event_outcomes", "laboratory_harms", "discussion",
              "prior_report_discussion", "limitations")

#: Defined in the body before its first generated text: the Introduction (typed in ``report/manuscript.qmd``)
#: opens with "Amyotrophic lateral sclerosis (ALS)".
BODY_DEFINED = frozenset({"ALS"})

#: Abbreviations of the texts' own words (not analytes) and their long forms.
_WORDS = {k: v for k, v in ABBREVIATIONS.items() if k not in ANALYTE_ABBREVIATIONS} | {
    "MSC": "mesenchymal stem cell"}


def _analyte_long(label: str) -> str | None:
    """``TNF-α`` → ``tumour necrosis factor α``, ``IL-6`` → ``interleukin 6``, ``CRP`` → ``C-reactive protein``;
    None for a label that is no known abbreviation (``albumin``)."""
    prefix = label_abbreviation(label)
    long = ANALYTE_ABBREVIATIONS.get(prefix)
    if long is None:
        return None
    rest = label[len(prefix):].lstrip("- ")
    return f"{long} {rest}" if rest else long


def abbreviation_definitions(results: Results) -> dict[str, str]:
    """Abbreviation → long form for the texts of ``results``: the texts' own words and the analyte labels."""
    out = dict(_WORDS)
    labels = [s.label for s in results.series] + [a.display for a in results.config.analytes]
    for label in labels:
        long = _analyte_long(str(label))
        if long is not None and str(label) not in out:
            out[str(label)] = long
    return out


def _pattern(abbreviation: str) -> re.Pattern[str]:
    body = "".join(r"\\?" + re.escape(ch) if not ch.isalnum() else re.escape(ch) for ch in abbreviation)
    return re.compile(rf"(?<![\w\\-]){body}(s?)(?![\w-])")


def _depth(text: str) -> str:
    """The brackets open at the end of ``text``, outermost first (``""``, ``(``, ``[``, ``([`` …)."""
    stack: list[str] = []
    for ch in text:
        if ch in "([":
            stack.append(ch)
        elif ch in ")]" and stack:
            stack.pop()
    return "".join(stack)


def _defined_here(text: str, start: int, end: int) -> bool:
    """The match is itself a definition: ``(IV)``, ``\\(IV\\)`` or ``[IV]``."""
    before = text[:start].rstrip("\\")
    after = text[end:].lstrip("\\")
    return bool(before) and before[-1] in "([" and after[:1] in ")]"


def _long_form(long: str, plural: str) -> str:
    return long + ("s" if plural and not long.endswith("s") else "")


def _define(text: str, abbreviation: str, long: str) -> tuple[str, bool]:
    """``text`` with the first use of ``abbreviation`` spelled out; whether it was used at all."""
    for m in _pattern(abbreviation).finditer(text):
        if _defined_here(text, m.start(), m.end()):
            return text, True
        depth = _depth(text[:m.start()])
        if "(" not in depth[:-1] or not depth.endswith("["):
            break
    else:  # not used, or only in square brackets within round ones (a reason quoted as recorded: as written)
        return text, False
    open_, close = ("[", "]") if depth.endswith("(") else ("(", ")")
    spelled = f"{_long_form(long, m.group(1))} {open_}{m.group(0)}{close}"
    return text[:m.start()] + spelled + text[m.end():], True


def define_first_uses(texts: Sequence[str], definitions: Mapping[str, str],
                      defined: Iterable[str] = ()) -> list[str]:
    """``texts`` (in reading order) with each abbreviation of ``definitions`` spelled out at its first use,
    unless it is in ``defined`` (defined before these texts) or defines itself there."""
    done = set(defined)
    out: list[str] = []
    order = sorted(definitions, key=len, reverse=True)  # ALSFRS-R before ALS
    for text in texts:
        for abbreviation in order:
            if abbreviation in done:
                continue
            text, used = _define(text, abbreviation, definitions[abbreviation])
            if used:
                done.add(abbreviation)
        out.append(text)
    return out
