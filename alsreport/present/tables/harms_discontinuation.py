"""What the harms tables say about events leading to discontinuation.

An event led to discontinuation when its ``action_taken`` is treatment discontinued or
withdrawn from study, or when it was fatal and its participant did not complete the study
(a death ends participation: :mod:`alsreport.analysis.summaries.safety`). Without any
``action_taken`` in the data only the fatal events are known; with no such event either,
nothing is known and the tables say "Not recorded" rather than a zero.
"""

from __future__ import annotations

from alsreport.results.model import SafetySummary

__all__ = ["discontinuation_known", "DEFINITION", "only_deaths_note"]

DEFINITION = ("action taken treatment discontinued or withdrawn from study, or a fatal event of a participant "
              "who did not complete the study (a death ends participation)")


def discontinuation_known(s: SafetySummary) -> bool:
    """Action taken is recorded, or at least one event is known to have led to discontinuation (a death)."""
    return s.action_recorded or any(e.leading_to_discontinuation for e in s.events)


def only_deaths_note(s: SafetySummary) -> str:
    """The note when only fatal events are known to have led to discontinuation ("" otherwise)."""
    if s.action_recorded or not discontinuation_known(s):
        return ""
    return ("The data record no action taken: only fatal events of participants who did not complete the study "
            "are counted as leading to discontinuation; other events may also have led to it.")
