"""The manuscript's title names the design (CONSORT 2025 item 1a; issue #10).

``study.yml``'s ``title`` is kept as written when it already says the study is single-arm (or contains
the design); otherwise the ``design`` is appended: "Repeated BM-MSC transplantation in ALS: a retrospective, open-label,
single-arm study", or after an em dash when the title has a colon already ("Cell therapy in ALS: a test
study — a prospective, open-label, single-arm study"). A title that ends in "study" or "trial" already takes
the design's adjectives in brackets instead, so that the noun is not said twice ("Cell therapy in ALS: a
test study (prospective, open-label, single-arm)"). Without a ``design`` the title stays as written.
"""

from __future__ import annotations

import re

from alsreport.present.format import format_date
from alsreport.present.prose.words import lower_first, with_article
from alsreport.study.config import StudyConfig

__all__ = ["manuscript_title", "safety_report_title"]

_NAMES_DESIGN = re.compile(r"single[- ]arm|uncontrolled|one[- ]arm", re.IGNORECASE)
#: The noun a title or a design ends with ("… a test study", "Open-label, single-arm trial").
_ENDS_IN_NOUN = re.compile(r"\s+(?:study|trial)$", re.IGNORECASE)


def manuscript_title(config: StudyConfig) -> str:
    """The title with the design appended unless it already names it (plain text, not escaped)."""
    title = " ".join(str(config.title).split()).rstrip(". ")
    design = " ".join(str(config.design or "").split()).rstrip(". ")
    if not design or _NAMES_DESIGN.search(title) or design.lower() in title.lower():
        return title
    design = lower_first(design)  # 'Retrospective, …' → 'retrospective, …'; an acronym ('MSC study') kept
    adjectives = _ENDS_IN_NOUN.sub("", design)
    if _ENDS_IN_NOUN.search(title) and adjectives != design and adjectives:
        return f"{title} ({adjectives})"   # "… a test study (prospective, open-label, single-arm)"
    # a title that has a colon already gets the design after an em dash, not a second colon
    return f"{title}{' — ' if ':' in title else ': '}{with_article(design)}"


def safety_report_title(config: StudyConfig) -> str:
    """The safety report's document title (the HTML ``<title>``, the PDF's Title): it names the study, so that
    several studies' reports can be told apart in a file list, a PDF viewer or a browser tab (readers 11a and 11b):
    ``Safety report — BM-MSC in ALS, data cut-off 31 January 2024`` (the short title, else the title; the date
    only when study.yml records one). Plain text, not escaped."""
    name = " ".join(str(config.short_title or config.title).split())
    cutoff = f", data cut-off {format_date(config.data_cutoff)}" if config.data_cutoff else ""
    return f"Safety report — {name}{cutoff}"
