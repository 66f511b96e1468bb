"""The manuscript's sentences on laboratory harms (CONSORT Harms 2022; reader 11a item 3): the worst CTCAE grade
after baseline, where it is worse than at baseline, counted per participant (grade 2 or higher named by term), and
whether those abnormalities were also recorded as adverse events. The counts are the results layer's
(:func:`alsreport.results.lab_worst.worse_than_baseline`, from the values the safety report grades); the
supplementary shift table shows them by analyte.
"""

from __future__ import annotations

from collections import Counter

from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words, number_word, plural, term_in_text
from alsreport.present.supplement_numbers import LAB_GRADE_SHIFTS, supplement_refs
from alsreport.results.lab_worst import WorseGrade, worse_than_baseline
from alsreport.results.model import Results

__all__ = ["laboratory_harms_sentence"]


def _terms(pairs: list[WorseGrade]) -> str:
    """``anemia 3, hypoalbuminemia 2``: participants per term, most first."""
    counts = Counter(term_in_text(w.ctcae_term) for w in pairs)
    return ", ".join(f"{md_escape(t)} {n}" for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _recorded(pairs: list[WorseGrade]) -> str:
    n = sum(w.recorded_as_event for w in pairs)
    if n == 0:
        return ("None of these laboratory abnormalities was recorded as an adverse event." if len(pairs) > 1 else
                "It was not recorded as an adverse event.")
    if n == len(pairs):
        return "Each was also recorded as an adverse event with the same term."
    return (f"Of these {len(pairs)} abnormalities, {number_word(n)} {'was' if n == 1 else 'were'} also recorded as "
            f"{'an adverse event' if n == 1 else 'adverse events'} with the same term.")


def laboratory_harms_sentence(results: Results) -> str:
    """``After baseline, laboratory values worsened to CTCAE grade 2 in 1 participant (anemia) and to grade 1 at
    most in 7 participants (…); no value reached grade 3 or higher (Table S3). None of these …`` (nothing when no
    analyte has CTCAE laboratory criteria)."""
    if results.dsmb is None or not results.dsmb.grade_shifts:
        return ""
    ref = supplement_refs(results).get(LAB_GRADE_SHIFTS)
    where = f" (Supplementary {ref})" if ref else ""
    pairs = list(worse_than_baseline(results))
    version = md_escape(results.dsmb.ctcae_version)
    if not pairs:
        return (f"No laboratory value graded with the CTCAE version {version} was worse after baseline than at "
                f"baseline{where}.")
    worst: dict[str, int] = {}
    for w in pairs:
        worst[w.participant_id] = max(worst.get(w.participant_id, 0), w.worst_grade)
    parts = []
    for grade in sorted(set(worst.values()), reverse=True):
        people = [p for p, g in worst.items() if g == grade]
        at = [w for w in pairs if w.participant_id in people and w.worst_grade == grade]
        if grade >= 2:
            terms = join_words(list(dict.fromkeys(md_escape(term_in_text(w.ctcae_term)) for w in at)))
            parts.append(f"to grade {grade} in {plural(len(people), 'participant')} ({terms})")
        else:
            parts.append(f"to grade 1 at most in {plural(len(people), 'participant')} ({_terms(at)})")
    top = max(worst.values())
    above = "" if top >= 3 else "; no value reached grade 3 or higher"
    return (f"After baseline, laboratory values graded with the CTCAE version {version} worsened {join_words(parts)}"
            f"{above}{where}. {_recorded(pairs)}")
