"""How the adverse events ended, in one sentence for the manuscript's harms section.

"As of the data cut-off (31 January 2024), 14 of the 15 events had resolved and 1 had not: muscle cramps
(grade 1, recovering)." CONSORT Harms 2022 asks for the outcome of each harm; the safety report names the
unresolved events by participant (:func:`~alsreport.present.prose.board_summary.unresolved_item`), the manuscript
by term only, as it never names participants (session 30 reviewer: P15's unresolved event was only in Table S3).
"""

from __future__ import annotations

from alsreport.present.cutoff import as_of_words
from alsreport.present.format import count
from alsreport.present.prose.board_summary import UNRESOLVED_OUTCOMES
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import all_of, cap, join_words, plural, term_in_text
from alsreport.results.model import Results

__all__ = ["event_outcomes"]

#: Up to this many unresolved events are named; more are counted.
NAMED = 3


def event_outcomes(results: Results) -> str:
    """The events that resolved, were fatal, or had not resolved (named by term, grade and outcome), as of the data
    cut-off; "" without events."""
    events = results.safety.events
    if not events:
        return ""
    # not resolved as the safety report's summary counts it (board_summary.unresolved_item): one rule for both
    open_ = [e for e in events if e.outcome is None or e.outcome in UNRESOLVED_OUTCOMES]
    fatal = sum(e.outcome == "fatal" for e in events)
    resolved = len(events) - len(open_) - fatal
    when = cap(as_of_words(results))
    sequelae = sum(e.outcome == "recovered with sequelae" for e in events)
    with_sequelae = f" ({sequelae} with sequelae)" if sequelae else ""
    if resolved == len(events):
        return f"{when}, {all_of(len(events), 'event')} had resolved{with_sequelae}."
    parts = [f"{count(resolved) if resolved else 'none'} of the {plural(len(events), 'event')} had resolved{with_sequelae}"]
    if fatal:
        parts.append(f"{fatal} {'was' if fatal == 1 else 'were'} fatal")
    if open_:
        named = [f"{md_escape(term_in_text(e.term))} (grade {e.grade}, {md_escape(e.outcome or 'outcome not recorded')})"
                 for e in open_[:NAMED]]
        more = [f"{len(open_) - NAMED} more"] if len(open_) > NAMED else []
        parts.append(f"{len(open_)} had not: {join_words([*named, *more])}")
    return f"{when}, {join_words(parts)}."
