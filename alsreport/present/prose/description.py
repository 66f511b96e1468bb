"""The study's ``description`` (study.yml) in the reports, the design said once (issue #10: "description fields of
study.yml never shown"; reader 7: it was only the PDF's Subject).

The description usually restates the design ("Retrospective, open-label, single-arm study of …"): then it *is* the
design sentence of the manuscript's Methods §2.1 and of the safety report's study overview, instead of following
"Retrospective, open-label, single-arm study." word for word.
"""

from __future__ import annotations

import re

from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import indefinite_article, lower_first, sentence
from alsreport.study.config import StudyConfig

__all__ = ["description_repeats_design", "design_and_description"]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".").lower()


def description_repeats_design(config: StudyConfig) -> bool:
    """Whether the description opens with the design's words (so printing both would say the design twice)."""
    if not (config.description and config.design and _words(config.design)):
        return False
    return _words(config.description).startswith(_words(config.design))


_VERB = re.compile(r"\b(is|was|are|were|has|had|have|followed|enrolled|included|received|used)\b", re.IGNORECASE)
_OPENS_CLAUSE = re.compile(r"(this|the|we|it|in|a|an|our)\b", re.IGNORECASE)


def _statement(text: str) -> str:
    """A design given as a noun phrase ("Retrospective, open-label, single-arm study of …") as a sentence with a verb
    ("This was a retrospective, open-label, single-arm study of …"): the Methods' first sentence had none (session 26
    reader); a design that is already a sentence is kept."""
    text = " ".join(text.split())
    first, stop, rest = text.partition(". ")
    if _VERB.search(first) or _OPENS_CLAUSE.match(first):
        return sentence(text)
    phrase = lower_first(first)
    return sentence(f"This was {indefinite_article(phrase)} {phrase}{stop}{rest}")


def design_and_description(config: StudyConfig) -> str:
    """The Methods' first sentences (markdown): the design, then the description, or the description alone when it
    opens with the design; ``This was a single-arm study.`` when study.yml has neither. A design written as a noun
    phrase becomes a sentence (``This was a prospective, open-label, single-arm study of …``)."""
    description = " ".join(config.description.split()) if config.description else ""
    if description_repeats_design(config):
        return _statement(md_escape(description))
    first = _statement(md_escape(config.design)) if config.design else ("" if description else
                                                                          "This was a single-arm study.")
    return " ".join(x for x in (first, sentence(md_escape(description)) if description else "") if x)
