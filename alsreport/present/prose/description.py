"""The study's ``description`` (study.yml) in the reports, the design said once (issue #10: "description fields of
study.yml never shown"; reader 7: it was only the PDF's Subject).

The description usually restates the design ("Retrospective, open-label, single-arm study of …"): then it *is* the
design sentence of the manuscript's Methods §2.1 and of the safety report's study overview, instead of following
"Retrospective, open-label, single-arm study." word for word.
"""

from __future__ import annotations

import re

from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import sentence
from alsreport.study.config import StudyConfig

__all__ = ["description_repeats_design", "design_and_description"]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".").lower()


def description_repeats_design(config: StudyConfig) -> bool:
    """Whether the description opens with the design's words (so printing both would say the design twice)."""
    if not (config.description and config.design and _words(config.design)):
        return False
    return _words(config.description).startswith(_words(config.design))


def design_and_description(config: StudyConfig) -> str:
    """The Methods' first sentences (markdown): the design, then the description, or the description alone when it
    opens with the design; ``Single-arm study.`` when study.yml has neither."""
    description = " ".join(config.description.split()) if config.description else ""
    if description_repeats_design(config):
        return sentence(md_escape(description))
    first = sentence(md_escape(config.design)) if config.design else ("" if description else "Single-arm study.")
    return " ".join(x for x in (first, sentence(md_escape(description)) if description else "") if x)
