"""The manuscript's lists of abbreviations (issue #10: CSF, ALSFRS-R, IQR, HL, CRP … were never spelled out).

Journals accept an abbreviations list beside spelling each out at first use. The abstract is read on its own, so it
has its own list: the abbreviations its four paragraphs use (:func:`abstract_abbreviations`); the body's list names
those the body's text uses (:func:`body_abbreviations`). Neither lists an abbreviation only a table uses: every table
spells out its own in its notes (reader 7: the abstract's list named ALSFRS-R, HL, IQR, LOD, SD and SOC, which the
abstract never uses).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from alsreport.present.prose.abstract import (
    abstract_background,
    abstract_conclusions,
    abstract_methods,
    abstract_results,
    discussion,
    limitations,
)
from alsreport.present.prose.delivery import doses_reference
from alsreport.present.prose.event_outcomes import event_outcomes
from alsreport.present.prose.laboratory_harms import laboratory_harms_sentence
from alsreport.present.prose.methods_detail import harms_collection_text, intervention_detail, measurement_detail
from alsreport.present.prose.first_use import BODY_DEFINED
from alsreport.present.prose.methods import (
    design_text,
    harms_methods,
    intervention_text,
    objectives,
    outcomes_text,
    recruitment_text,
    interim_analyses_text,
    sample_size_text,
    sensitivity_text,
    setting_text,
    statistical_methods,
)
from alsreport.present.prose.prior_report import prior_report_discussion, prior_report_findings
from alsreport.present.prose.ratio_results import ratio_sensitivity_text
from alsreport.present.prose.results import baseline_sentence, biomarker_results, exposure_sentence, participant_flow
from alsreport.present.prose.safety import safety_sentence, serious_events_summary
from alsreport.present.tables.style import ABBREVIATIONS
from alsreport.results.model import Results

__all__ = ["abstract_abbreviations", "body_abbreviations", "abbreviations_list", "SAFETY_REPORT_WORDS",
           "safety_report_abbreviations", "abbreviation_used", "PROVENANCE_WORDS"]

_Text = Callable[[Results], str]

#: The abstract's generated paragraphs.
ABSTRACT: tuple[_Text, ...] = (abstract_background, abstract_methods, abstract_results, abstract_conclusions)

#: The body's generated texts (first_use.BODY_TEXTS, by function).
BODY: tuple[_Text, ...] = (
    prior_report_findings, objectives, design_text, setting_text, intervention_text, intervention_detail,
    outcomes_text, measurement_detail, harms_methods, harms_collection_text,
    sample_size_text, interim_analyses_text, statistical_methods, participant_flow, recruitment_text, baseline_sentence, biomarker_results, sensitivity_text,
    ratio_sensitivity_text, exposure_sentence, doses_reference, serious_events_summary, safety_sentence,
    event_outcomes, laboratory_harms_sentence, discussion,
    prior_report_discussion, limitations)

#: Abbreviations of the texts' own words (MSC besides the tables' words; BM-MSC of the example's title).
_WORDS = {**ABBREVIATIONS, "MSC": "mesenchymal stem cell", "BM-MSC": "bone-marrow mesenchymal stem cell",
          "SHA-256": "Secure Hash Algorithm, 256-bit", "UTC": "Coordinated Universal Time"}

#: The Provenance appendix's abbreviations (its sentence and its table's heads), in every manuscript's list (session
#: 28 reader: the manuscript used SHA-256 and UTC without defining them; the safety report's list had them).
PROVENANCE_WORDS = ("SHA-256", "UTC")


#: The safety report's words besides the manuscript's: the board's, its laboratory tables' and its provenance's.
SAFETY_REPORT_WORDS = {
    **_WORDS,
    "AE": "adverse event",
    "DSMB": "data and safety monitoring board",
    "GGT": "gamma-glutamyl transferase",
    "MedDRA": "Medical Dictionary for Regulatory Activities",
    "SAE": "serious adverse event",
    "SUSAR": "suspected unexpected serious adverse reaction",
}


def abbreviation_used(text: str, abbreviation: str, *, plurals: bool = False) -> bool:
    """Whether ``text`` uses ``abbreviation`` as a word of its own (``IL`` in ``IL-6``, not ``MSC`` in ``BM-MSC``
    nor ``ALS`` in ``ALSFRS-R``); with ``plurals`` also as ``SUSARs``."""
    tail = "s?" if plurals else ""
    return re.search(rf"(?<![\w-]){re.escape(abbreviation)}{tail}(?![a-zA-Z])", text) is not None


def _visible(text: str) -> str:
    """The words a reader sees: HTML tags, style sheets and markdown escapes removed, entities decoded."""
    text = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", text)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", text)).replace("\\", "")


def safety_report_abbreviations(texts: Iterable[str]) -> list[tuple[str, str]]:
    """``[("ALS", "amyotrophic lateral sclerosis"), ("CI", "confidence interval"), …]``, sorted: the abbreviations
    the safety report's ``texts`` use (its generated prose, its tables' HTML, its cover and fixed words), from the
    manuscript's list and :data:`SAFETY_REPORT_WORDS` (issue #10: the ethics report had no list)."""
    text = " ".join(_visible(t) for t in texts)
    found = [a for a in SAFETY_REPORT_WORDS if abbreviation_used(text, a, plurals=True)]
    return [(a, SAFETY_REPORT_WORDS[a]) for a in sorted(found, key=str.lower)]


def abbreviations_list(results: Results, texts: Iterable[str], also: Iterable[str] = ()) -> str:
    """``ALS, amyotrophic lateral sclerosis; CI, confidence interval; …`` (sorted): the abbreviations ``texts`` use
    (an analyte by its label's prefix: ``TNF-α`` → ``TNF``), and those of ``also``; empty when there is none."""
    text = " ".join(texts).replace("\\", "")
    found = {a for a in _WORDS if abbreviation_used(text, a)} | {a for a in also if a in _WORDS}
    if not found:
        return ""
    return "; ".join(f"{a}, {_WORDS[a]}" for a in sorted(found, key=str.lower)) + "."


def abstract_abbreviations(results: Results) -> str:
    """The abbreviations the abstract uses (printed under it)."""
    return abbreviations_list(results, (fn(results) for fn in ABSTRACT))


def body_abbreviations(results: Results) -> str:
    """The abbreviations the body's text uses, the Introduction's ALS among them, and the study's title and running
    head (the example's "BM-MSC in ALS", in no list: session 25 reader), and the Provenance appendix's (printed in the
    back matter)."""
    cfg = results.config
    titles = (cfg.title, cfg.short_title or "")
    return abbreviations_list(results, (*titles, *(fn(results) for fn in BODY)), also=(*BODY_DEFINED, *PROVENANCE_WORDS))
