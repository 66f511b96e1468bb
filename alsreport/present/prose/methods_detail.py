"""The Methods' details a journal reviewer checks first in a cell-therapy paper (CONSORT 2025 items 13, 14 and
15, CONSORT Harms 2022): how the cells were made and given, how the biomarkers were measured, and how harms
were graded, coded, collected and attributed.

Each comes from ``study.yml`` when the study gives it (``reporting.manufacturing``,
``reporting.outcome_measurement``; the ``safety:`` keys the safety report's "How harms were collected" lists),
else from a "To be added by the authors" placeholder naming exactly what is missing, so that the checklist
(:mod:`alsreport.documents.checklist_study`) can mark the item for the authors instead of claiming it answered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from alsreport.present.prose.delivery import routes_given
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words
from alsreport.results.model import Results
from alsreport.study.config import StudyConfig

__all__ = ["harms_collection_missing", "harms_collection_text", "intervention_detail", "measurement_detail"]


def _statements() -> tuple[str, Callable[[str], str]]:
    """:data:`~alsreport.present.statements.TO_ADD` and its ``as_sentence`` (imported here: statements imports
    this package for ``md_escape``)."""
    from alsreport.present.statements import TO_ADD, as_sentence

    return TO_ADD, as_sentence


def intervention_detail(results: Results) -> str:
    """``reporting.manufacturing``, else what a replication needs of the cell product and its administration."""
    given = results.config.reporting.manufacturing
    TO_ADD, _sentence = _statements()
    if given:
        return f"Cell product and administration: {_sentence(given)}"
    # the harvest named only where the study names the bone marrow as the source (session 32 reviewer: the six-visit
    # study's "autologous mesenchymal stem cells" were asked about a bone-marrow harvest the text never mentioned)
    cfg = results.config
    marrow = re.search(r"bone[\s-]*marrow", f"{cfg.intervention or ''} {cfg.description or ''}", re.IGNORECASE)
    first = "the infusion" if len(results.flow.infusions) == 1 else "the first infusion"   # one infusion: no "first"
    source = (f"how the bone marrow was harvested (and when, relative to {first})" if marrow else
              f"the source of the cells and how they were obtained (and when, relative to {first})")
    return (f"{TO_ADD} {source}, how the cells were isolated and expanded (passages, viability and release criteria), "
            "and how each dose was prepared and infused.")


def _csf_at_injection(results: Results) -> bool:
    """CSF is measured and doses are given intrathecally: CSF may come from the injection's lumbar puncture."""
    return "IT" in routes_given(results) and any(c.compartment == "CSF" for c in results.flow.compartments)


def measurement_detail(results: Results) -> str:
    """``reporting.outcome_measurement``, else what a reader needs to judge the biomarker values."""
    given = results.config.reporting.outcome_measurement
    TO_ADD, _sentence = _statements()
    if given:
        return f"Measurement: {_sentence(given)}"
    needs = ["the assays (with their kits) and the laboratory that measured the biomarkers",
             "how the samples were taken, processed and stored"]
    if _csf_at_injection(results):
        needs.append("whether CSF was taken before the intrathecal injection at the same lumbar puncture")
    return f"{TO_ADD} {join_words(needs)}."


#: The harms methods ``safety:`` records: its key, the Methods placeholder's words, and a checklist cell's shorter ones.
_HARMS_PARTS = (
    ("ctcae_version", "the grading scale of the adverse events and its version", "the grading scale"),
    ("meddra_version", "the coding dictionary and its version", "the coding dictionary"),
    ("harms_collection", "how harms were collected", "how harms were collected"),
    # "an infusion": one schedule or several (session 36 second reader: "each infusion" of one)
    ("surveillance_window", "over which period after an infusion", "the surveillance period"),
    ("relatedness_assessor", "who judged relatedness", "who judged relatedness"),
)


def harms_collection_missing(config: StudyConfig, *, short: bool = False) -> tuple[str, ...]:
    """What the harms methods lack, in the words of the placeholder, or with ``short`` of a checklist cell (empty
    when the study gives everything)."""
    return tuple(brief if short else words for key, words, brief in _HARMS_PARTS
                 if not getattr(config.safety, key))


def harms_collection_text(results: Results) -> str:
    """What ``safety:`` records of the grading, coding, collection, window and attribution of harms, then a
    placeholder for the rest."""
    s = results.config.safety
    TO_ADD, _sentence = _statements()
    known: list[str] = []
    if s.ctcae_version:
        known.append(f"Events were graded with the CTCAE version {md_escape(s.ctcae_version)}.")
    if s.meddra_version:
        known.append(f"Terms were coded with MedDRA version {md_escape(s.meddra_version)}.")
    if s.harms_collection:
        known.append(f"Collection: {_sentence(s.harms_collection)}")
    if s.surveillance_window:
        known.append(f"Surveillance window: {_sentence(s.surveillance_window)}")
    if s.relatedness_assessor:
        known.append(f"Relatedness was judged by {_sentence(s.relatedness_assessor)}")
    missing = harms_collection_missing(results.config)
    if missing:
        known.append(f"{TO_ADD} {join_words(list(missing))}.")
    return " ".join(known)
