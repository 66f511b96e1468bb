"""The deaths, named wherever the harms are weighed (abstract Conclusions, Discussion).

A reviewer looks for every death in the conclusions: its number, term, grade and whether it
was judged related to the intervention (CONSORT Harms 2022). Counted from
``results.safety.deaths`` (events of grade 5 or with outcome fatal), the same events as the
safety tables and the manuscript's listing of adverse events.
"""

from __future__ import annotations

from collections.abc import Sequence

from alsreport.present.prose.listed_where import manuscript_listed_where
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import plural, term_in_text
from alsreport.results.model import AdverseEvent, Results

__all__ = ["deaths_sentence", "DEATHS_NAMED_MAX"]

#: Up to this many deaths are named one by one; more are counted (the listing names each).
DEATHS_NAMED_MAX = 10

_RELATEDNESS = {"unrelated": "judged unrelated to the intervention",
                "unlikely": "judged unlikely to be related to the intervention",
                "possible": "judged possibly related to the intervention",
                "probable": "judged probably related to the intervention",
                "definite": "judged definitely related to the intervention"}


def _judged(e: AdverseEvent) -> str:
    return _RELATEDNESS.get(e.relatedness, f"relatedness {md_escape(e.relatedness)}")


def _named(e: AdverseEvent, who: bool = False) -> str:
    bits = ([f"participant {md_escape(e.participant_id)}"] if who else []) + [f"grade {e.grade}"]
    return f"{md_escape(term_in_text(e.term))} ({', '.join(bits)}), {_judged(e)}"


def _counted(results: Results, evs: Sequence[AdverseEvent], people: int) -> str:
    related = sum(e.related for e in evs)
    where = manuscript_listed_where(results, evs)
    return (f"In all, {plural(people, 'participant')} died ({plural(len(evs), 'fatal event')}); "
            f"{related} {'was' if related == 1 else 'were'} judged possibly, probably or definitely related to "
            f"the intervention{f' ({where})' if where else ''}.")


def deaths_sentence(results: Results) -> str:
    """``One participant died of respiratory failure (grade 5), judged unrelated to the intervention.``;
    "" when nobody died."""
    evs = results.safety.deaths
    if not evs:
        return ""
    people = len({e.participant_id for e in evs})
    if len(evs) > DEATHS_NAMED_MAX:
        return _counted(results, evs, people)
    if len(evs) == 1:
        return f"One participant died of {_named(evs[0])}."   # no numeral starts a sentence
    items = "; ".join(_named(e, who=True) for e in evs)
    return f"In all, {plural(people, 'participant')} died ({plural(len(evs), 'fatal event')}): {items}."
