"""One ranking of the related adverse events by term, for every document that names them (reader 12b item 3: the
manuscript's Discussion and the safety report's summary each sorted ``serious_related_by_term`` their own way, ties
alphabetically or in table order, and named different events from the same five).

Most participants first; between equal counts, the strongest relatedness (definite, probable, possible), then the
worst grade of the term's related events, then the term. Every document names the same terms:
:func:`named_related` gives all of them up to :data:`NAMED_ALL`, past that the first :data:`NAMED_FIRST` (and any
with a serious related event) and the number left unnamed.
"""

from __future__ import annotations

from dataclasses import dataclass

from alsreport.results.model import Results
from alsreport.study.contract import RELATEDNESS

__all__ = ["RelatedTerm", "NamedRelated", "related_ranking", "named_related", "serious_note", "NAMED_ALL",
           "NAMED_FIRST"]

#: Up to this many related terms, every one is named.
NAMED_ALL = 5
#: Past :data:`NAMED_ALL`, this many are named and the rest counted ("and 3 other terms").
NAMED_FIRST = 3


@dataclass(frozen=True)
class RelatedTerm:
    """A term with at least one related event: participants with one, and how strong and severe they were."""

    term: str
    system_organ_class: str
    n_participants: int
    percent: float
    relatedness: str
    """The strongest relatedness of the term's related events (``definite``, ``probable``, ``possible``)."""
    worst_grade: int
    """The worst grade of the term's related events."""
    serious_grade: int | None = None
    """The worst grade of the term's serious related events (None: none was serious)."""
    n_serious: int = 0
    """Participants with a serious related event of the term."""


def related_ranking(results: Results) -> tuple[RelatedTerm, ...]:
    """The related terms (``serious_related_by_term``'s ``related`` rows with participants), ranked."""
    strength = {r: i for i, r in enumerate(RELATEDNESS)}
    rel: dict[tuple[str, str], str] = {}
    worst: dict[tuple[str, str], int] = {}
    serious: dict[tuple[str, str], int] = {}
    serious_people: dict[tuple[str, str], set[str]] = {}
    for e in results.safety.related_events:
        key = (e.system_organ_class, e.term)
        if strength.get(e.relatedness, -1) > strength.get(rel.get(key, ""), -1):
            rel[key] = e.relatedness
        worst[key] = max(worst.get(key, e.grade), e.grade)
        if e.serious:
            serious[key] = max(serious.get(key, e.grade), e.grade)
            serious_people.setdefault(key, set()).add(e.participant_id)
    terms = []
    for e in results.safety.serious_related_by_term:
        if e.category == "related" and e.n_participants:
            key = (e.system_organ_class or "", e.level)
            terms.append(RelatedTerm(e.level, key[0], e.n_participants, e.percent, rel.get(key, ""),
                                     worst.get(key, 0), serious.get(key), len(serious_people.get(key, ()))))
    terms.sort(key=lambda t: (-t.n_participants, -strength.get(t.relatedness, -1), -t.worst_grade, t.term.lower()))
    return tuple(terms)


@dataclass(frozen=True)
class NamedRelated:
    """What a document names of the ranking: the terms, how many it leaves unnamed, and whether every related term
    was seen in one participant only (then nothing is "most frequent", reader 12b item 3)."""

    named: tuple[RelatedTerm, ...]
    rest: int
    single: bool
    """Every related term (named or not) has one participant."""


def named_related(results: Results) -> NamedRelated:
    """The related terms a document names (in :func:`related_ranking` order) and how many it leaves unnamed: all
    of them up to :data:`NAMED_ALL`, else the first :data:`NAMED_FIRST` and every term with a serious related
    event (a related serious event is always named, reader 12b item 1)."""
    ranked = related_ranking(results)
    single = all(t.n_participants == 1 for t in ranked)
    if len(ranked) <= NAMED_ALL:
        return NamedRelated(ranked, 0, single)
    named = tuple(t for i, t in enumerate(ranked) if i < NAMED_FIRST or t.serious_grade is not None)
    return NamedRelated(named, len(ranked) - len(named), single)


def serious_note(t: RelatedTerm) -> str:
    """``serious, grade 3`` (or ``serious in 1, grade 3`` when not every participant's was): how a document marks
    a term with a serious related event (reader 12b item 1); "" when none was serious."""
    if t.serious_grade is None:
        return ""
    who = "" if t.n_serious == t.n_participants else f" in {t.n_serious}"
    return f"serious{who}, grade {t.serious_grade}"
