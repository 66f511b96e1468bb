"""Laboratory harms of the manuscript (CONSORT Harms 2022; reader 11a item 3): per participant and CTCAE term, the
worst grade after baseline where it is worse than at baseline, and whether the participant has an adverse event
recorded under that term.

Read from the results the safety report's CTCAE tables use (``results.dsmb.graded_values``: every value of grade 1
or more, :mod:`alsreport.analysis.summaries.lab_grades`), so the two documents count alike. A value that stays at
its baseline grade (a creatine kinase above the upper limit from the start) is no new abnormality. Counts only: the
words are the presentation's (:mod:`alsreport.present.prose.laboratory_harms`).
"""

from __future__ import annotations

from dataclasses import dataclass

from alsreport.results.model import Results

__all__ = ["WorseGrade", "worse_than_baseline"]


@dataclass(frozen=True)
class WorseGrade:
    """One participant's worst post-baseline CTCAE grade of one term, above their baseline grade."""

    participant_id: str
    ctcae_term: str
    baseline_grade: int
    """0 when the baseline value was below grade 1 (or missing)."""
    worst_grade: int
    recorded_as_event: bool
    """The participant has an adverse event with this term (spelling variants aside: anaemia, anemia)."""


def _same_term(a: str, b: str) -> bool:
    def norm(t: str) -> str:
        return " ".join(t.lower().replace("aemia", "emia").split())

    return norm(a) == norm(b)


def worse_than_baseline(results: Results) -> tuple[WorseGrade, ...]:
    """Participants × CTCAE terms whose worst post-baseline grade exceeds the baseline grade, worst grade first,
    then term and participant in data order; empty without graded values."""
    if results.dsmb is None:
        return ()
    baseline = results.config.baseline.code
    base: dict[tuple[str, str], int] = {}
    worst: dict[tuple[str, str], int] = {}
    for g in results.dsmb.graded_values:
        key = (g.participant_id, g.ctcae_term)
        into = base if g.visit == baseline else worst
        into[key] = max(into.get(key, 0), g.grade)
    terms: dict[str, list[str]] = {}
    for e in results.safety.events:
        terms.setdefault(e.participant_id, []).append(e.term)
    out = [WorseGrade(p, term, base.get((p, term), 0), grade,
                      any(_same_term(term, t) for t in terms.get(p, ())))
           for (p, term), grade in worst.items() if grade > base.get((p, term), 0)]
    return tuple(sorted(out, key=lambda w: -w.worst_grade))
