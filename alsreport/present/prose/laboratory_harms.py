"""The manuscript's sentences on laboratory harms (CONSORT Harms 2022; reader 11a item 3): the worst CTCAE grade
after baseline, where it is worse than at baseline, counted per participant (grade 2 or higher named by term), and
whether those abnormalities were also recorded as adverse events. The counts are the results layer's
(:func:`alsreport.analysis.lab_worst.worse_than_baseline`, from the values the safety report grades); the
supplementary shift table shows them by analyte.
"""

from __future__ import annotations

from collections import Counter

from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words, number_word, plural, term_in_text
from alsreport.present.supplement_numbers import LAB_GRADE_SHIFTS, supplement_refs
from alsreport.analysis.lab_worst import WorseGrade, graded_after_baseline, worse_than_baseline
from alsreport.results.model import Results

__all__ = ["laboratory_harms_sentence", "severe_values_recorded", "severe_values_recorded_clause"]


def _terms(pairs: list[WorseGrade]) -> str:
    """``anemia (4), CPK increased (2)``: CTCAE's terms word for word, as the tables print them, after "by CTCAE term"
    (session 27 readers: "anaemia" in the text beside "Anemia" in Table S4; reader 12a item 9 had asked for the
    British spelling beside "haemoglobin": the label says these are the grading's terms, not the text's words):
    participants per term, most first; each participant counted under every term
    that worsened (as in the supplementary shift table, one row block per analyte), not only under their worst."""
    counts = Counter(term_in_text(w.ctcae_term) for w in pairs)
    # "anemia (1)", as the serious events by term: a bare count after a term read poorly (session 27 PDF reader)
    return ", ".join(f"{md_escape(t)} ({n})" for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())))


def _recorded(pairs: list[WorseGrade]) -> str:
    n = sum(w.recorded_as_event for w in pairs)
    if n == 0:
        return ("None of these laboratory abnormalities was recorded as an adverse event." if len(pairs) > 1 else
                "It was not recorded as an adverse event.")
    if n == len(pairs):
        return "Each was also recorded as an adverse event with the same term."
    return (f"Of these {len(pairs)} abnormalities, {number_word(n)} {'was' if n == 1 else 'were'} also recorded as "
            f"{'an adverse event' if n == 1 else 'adverse events'} with the same term.")


def laboratory_harms_sentence(results: Results, *, where: str | None = None) -> str:
    """``After baseline, laboratory values … were worse than at baseline in 7 participants (Table S4); by term:
    anemia 4, …. Values reached grade 2 in 1 participant (anemia), and grade 1 otherwise; no value reached grade 3
    or higher. None of these …`` (nothing when no analyte has CTCAE laboratory criteria). Each term's count is the
    participants whose grade for it worsened, the shift table's count (reader 11a: the sentence had counted each
    participant under their worst term only, and gave CPK 1 where the table shows 2).

    ``where``: the reference after the count, `` (@tbl-grade-shifts)`` in the safety report; the manuscript's
    supplementary shift table by default."""
    if results.dsmb is None or not results.dsmb.grade_shifts:
        return ""
    if where is None:
        ref = supplement_refs(results).get(LAB_GRADE_SHIFTS)
        where = f" ({ref})" if ref else ""
    pairs = list(worse_than_baseline(results))
    version = md_escape(results.dsmb.ctcae_version)
    if not pairs:
        return (f"No laboratory value graded with the CTCAE version {version} was worse after baseline than at "
                f"baseline{where}.")
    worst: dict[str, int] = {}
    for w in pairs:
        worst[w.participant_id] = max(worst.get(w.participant_id, 0), w.worst_grade)
    top = max(worst.values())
    if top == 1:
        grades = "All were grade 1."
    else:
        parts = []
        for grade in range(top, 1, -1):
            at = [w for w in pairs if w.worst_grade == grade]
            if at:
                people = {w.participant_id for w in at}
                terms = join_words(list(dict.fromkeys(md_escape(term_in_text(w.ctcae_term))
                                                      for w in at)))
                parts.append(f"grade {grade} in {plural(len(people), 'participant')} ({terms})")
        above = "" if top >= 3 else "; no value reached grade 3 or higher"
        grades = f"Values reached {join_words(parts)}, and grade 1 otherwise{above}."
    return (f"After baseline, laboratory values graded with the CTCAE version {version} were worse than at baseline "
            f"in {plural(len(worst), 'participant')}{where}; by CTCAE term: {_terms(pairs)}. {grades} {_recorded(pairs)}")


def _named(pairs: list[WorseGrade]) -> str:
    """``H12 (alanine aminotransferase increased) and H05 (platelet count decreased)``."""
    return join_words([f"{md_escape(w.participant_id)} ({md_escape(term_in_text(w.ctcae_term))})" for w in pairs])


def severe_values_recorded(results: Results) -> str:
    """Whether each value of CTCAE grade 2 or higher after baseline was recorded as an adverse event, as a sentence
    of the safety report's laboratory section (reader 12a item 5); "" when there is none. Per participant and term:
    ``No value of grade 2 or higher was recorded as an adverse event.``, or the ones that were and were not."""
    pairs = list(graded_after_baseline(results))
    if not pairs:
        return ""
    recorded = [w for w in pairs if w.recorded_as_event]
    one = len(pairs) == 1
    if not recorded:
        return ("The value of grade 2 or higher was not recorded as an adverse event." if one else
                "No value of grade 2 or higher was recorded as an adverse event.")
    if len(recorded) == len(pairs):
        return ("The value of grade 2 or higher was also recorded as an adverse event with the same term." if one else
                "Each value of grade 2 or higher was also recorded as an adverse event with the same term.")
    others = [w for w in pairs if not w.recorded_as_event]
    verb = "was also recorded as an adverse event" if len(recorded) == 1 else "were also recorded as adverse events"
    return (f"Of the values of grade 2 or higher, {'that' if len(recorded) == 1 else 'those'} of {_named(recorded)} "
            f"{verb} with the same term; {'that' if len(others) == 1 else 'those'} of {_named(others)} "
            f"{'was' if len(others) == 1 else 'were'} not.")


def severe_values_recorded_clause(results: Results) -> str:
    """The same for the summary's bullet, as a clause: ``none recorded as an adverse event``, ``each also recorded
    as an adverse event with the same term``, or ``recorded as an adverse event: H12 (…); not recorded: H05 (…)``;
    "" when there is no such value."""
    pairs = list(graded_after_baseline(results))
    if not pairs:
        return ""
    recorded = [w for w in pairs if w.recorded_as_event]
    if not recorded:
        return "not recorded as an adverse event" if len(pairs) == 1 else "none recorded as an adverse event"
    if len(recorded) == len(pairs):
        return ("also recorded as an adverse event with the same term" if len(pairs) == 1 else
                "each also recorded as an adverse event with the same term")
    others = [w for w in pairs if not w.recorded_as_event]
    return f"recorded as an adverse event: {_named(recorded)}; not recorded: {_named(others)}"
