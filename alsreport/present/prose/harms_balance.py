"""What the harms were, in one clause, for the benefit–harm balance of the Discussion and the abstract's
conclusions (CONSORT 2025 item 29, CONSORT Harms 2022; reader 11a item 6: "14 of 15 participants had an adverse
event" said nothing of how severe, serious or related the events were). From the safety summary's counts: the
participants at each worst grade, the serious events and the related events by term.
"""

from __future__ import annotations

from alsreport.present.prose.lookups import overview
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words, plural, term_in_text
from alsreport.results.model import Results

__all__ = ["grade_words", "harms_character", "related_terms", "serious_words"]

#: Up to this many related terms are named (the most frequent, by participants).
TERMS_NAMED = 3


def grade_words(results: Results, noun: str = "event") -> str:
    """``every event was of grade 1 or 2``, ``every event was of grade 1``, or ``events of grade 3 or higher
    occurred in 4 participants (worst grade 5)`` (``noun``: ``adverse event`` where the sentence names no other);
    empty without events."""
    grades = {int(e.level): e.n_participants for e in results.safety.by_grade
              if e.n_participants and e.level.isdigit()}
    if not grades:
        return ""
    top = max(grades)
    if top <= 2:
        return f"every {noun} was of grade 1" + (" or 2" if top == 2 else "")
    severe = sum(n for g, n in grades.items() if g >= 3)
    return f"{noun}s of grade 3 or higher occurred in {plural(severe, 'participant')} (worst grade {top})"


def related_terms(results: Results) -> list[tuple[str, int]]:
    """The most frequent related terms and their participants (at most :data:`TERMS_NAMED`, most first)."""
    rows = [(e.level, e.n_participants) for e in results.safety.serious_related_by_term
            if e.category == "related" and e.n_participants]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows[:TERMS_NAMED]


def harms_character(results: Results, *, serious: bool = True) -> str:
    """``every event was of grade 1 or 2 and none was serious; the most frequent related events were post lumbar
    puncture headache (4 participants), back pain (3), and pyrexia (3)`` (``serious``: with the serious events'
    clause; leave it out where the sentence counts them already); empty without events."""
    grades = grade_words(results)
    if not grades:
        return ""
    text = f"{grades} and {serious_words(results)}" if serious else grades
    terms = related_terms(results)
    if terms and terms[0][1] > 1:
        named = [f"{md_escape(term_in_text(t))} ({plural(n, 'participant') if i == 0 else n})"
                 for i, (t, n) in enumerate(terms)]
        text += (f"; the most frequent related {'event was' if len(named) == 1 else 'events were'} "
                 f"{join_words(named)}")
    elif terms:   # one participant each: nothing is "most frequent"
        text += (f"; related events included {join_words([md_escape(term_in_text(t)) for t, _ in terms])} "
                 f"({'1 participant' if len(terms) == 1 else '1 participant each'})")
    return text


def serious_words(results: Results) -> str:
    """``none was serious`` or ``2 participants had a serious event``."""
    serious = overview(results).get("serious")
    k = serious.n_participants if serious is not None else 0
    return "none was serious" if not k else f"{plural(k, 'participant')} had a serious event"
