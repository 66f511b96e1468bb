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

from alsreport.analysis.ctcae import same_term
from alsreport.results.model import Results

__all__ = ["WorseGrade", "worse_than_baseline", "graded_after_baseline"]


@dataclass(frozen=True)
class WorseGrade:
    """One participant's worst post-baseline CTCAE grade of one term (above their baseline grade, in
    :func:`worse_than_baseline`)."""

    participant_id: str
    ctcae_term: str
    baseline_grade: int
    """0 when the baseline value was below grade 1 (or missing)."""
    worst_grade: int
    recorded_as_event: bool
    """The participant has an adverse event with this term (British or US spelling aside: anaemia, anemia)."""


def _grades(results: Results) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int], dict[str, list[str]]]:
    """Baseline and worst post-baseline grade per (participant, term), and each participant's event terms."""
    baseline = results.config.baseline.code
    base: dict[tuple[str, str], int] = {}
    worst: dict[tuple[str, str], int] = {}
    for g in results.dsmb.graded_values if results.dsmb is not None else ():
        key = (g.participant_id, g.ctcae_term)
        into = base if g.visit == baseline else worst
        into[key] = max(into.get(key, 0), g.grade)
    terms: dict[str, list[str]] = {}
    for e in results.safety.events:
        terms.setdefault(e.participant_id, []).append(e.term)
    return base, worst, terms


def _pairs(results: Results, keep) -> tuple[WorseGrade, ...]:
    base, worst, terms = _grades(results)
    out = [WorseGrade(p, term, base.get((p, term), 0), grade,
                      any(same_term(term, t) for t in terms.get(p, ())))
           for (p, term), grade in worst.items() if keep(grade, base.get((p, term), 0))]
    return tuple(sorted(out, key=lambda w: -w.worst_grade))


def worse_than_baseline(results: Results) -> tuple[WorseGrade, ...]:
    """Participants × CTCAE terms whose worst post-baseline grade exceeds the baseline grade, worst grade first,
    then term and participant in data order; empty without graded values."""
    return _pairs(results, lambda grade, base: grade > base)


def graded_after_baseline(results: Results, min_grade: int = 2) -> tuple[WorseGrade, ...]:
    """Participants × CTCAE terms with a value of grade ``min_grade`` or more after baseline, whatever the baseline
    grade (the safety report's summary names every such value), in the order of :func:`worse_than_baseline`; each
    says whether the participant has an adverse event with the term (reader 12a item 5: the board asks first
    whether a grade 2 value was reported as an adverse event)."""
    return _pairs(results, lambda grade, base: grade >= min_grade)
