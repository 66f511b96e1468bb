"""The manuscript's list of abbreviations (issue #10: CSF, ALSFRS-R, IQR, HL, CRP … were never spelled out).

Journals accept an abbreviations list instead of spelling each out at first use; the list names every
abbreviation the manuscript's generated text uses, those its tables use, and the analytes' abbreviations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from alsreport.present.abbreviations import ANALYTE_ABBREVIATIONS
from alsreport.present.prose.abstract import (
    abstract_background,
    abstract_conclusions,
    abstract_methods,
    abstract_results,
    discussion,
    limitations,
)
from alsreport.present.prose.methods import (
    design_text,
    harms_methods,
    intervention_text,
    outcomes_text,
    statistical_methods,
)
from alsreport.present.prose.results import baseline_sentence, biomarker_results, exposure_sentence, participant_flow
from alsreport.present.prose.safety import safety_sentence, serious_events_summary
from alsreport.present.tables.style import ABBREVIATIONS
from alsreport.results.model import Results

__all__ = ["abbreviations_text"]

#: The manuscript's generated texts that may use an abbreviation.
_TEXTS: tuple[Callable[[Results], str], ...] = (
    abstract_background, abstract_methods, abstract_results, abstract_conclusions, design_text, intervention_text,
    outcomes_text, harms_methods, statistical_methods, participant_flow, baseline_sentence, biomarker_results,
    exposure_sentence, safety_sentence, serious_events_summary, discussion, limitations)

#: Abbreviations the manuscript's tables use whatever the study (their notes repeat them).
_IN_TABLES = ("CI", "IQR", "SD", "HL", "LOD", "SOC")


def _used(text: str, abbreviation: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(abbreviation)}(?![a-zA-Z])", text) is not None


def _analyte_labels(results: Results) -> Iterable[str]:
    return [s.label for s in results.series] + [a.display for a in results.config.analytes]


def abbreviations_text(results: Results) -> str:
    """``ALS, amyotrophic lateral sclerosis; CI, confidence interval; CRP, C-reactive protein; …`` (sorted)."""
    text = " ".join(fn(results) for fn in _TEXTS).replace("\\", "")
    labels = " ".join(_analyte_labels(results))
    found = {a: ABBREVIATIONS[a] for a in ABBREVIATIONS if a in _IN_TABLES or _used(text, a)}
    found |= {a: long for a, long in ANALYTE_ABBREVIATIONS.items() if _used(labels, a)}
    return "; ".join(f"{a}, {found[a]}" for a in sorted(found, key=str.lower)) + "."
