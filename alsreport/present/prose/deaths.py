"""The deaths, named wherever the harms are weighed (abstract Conclusions, Discussion), and counted plainly in the
safety report ("No deaths", "1 death (not related)": :func:`deaths_count`).

A reviewer looks for every death in the conclusions: its number, term, grade and whether it
was judged related to the intervention (CONSORT Harms 2022). Counted from
``results.safety.deaths`` (events of grade 5 or with outcome fatal), the same events as the
safety tables and the manuscript's listing of adverse events.
"""

from __future__ import annotations

from collections.abc import Sequence

from alsreport.present.format import percent
from alsreport.present.prose.listed_where import manuscript_listed_where
from alsreport.present.prose.lookups import overview
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import plural, term_in_text
from alsreport.results.model import AdverseEvent, Results

__all__ = ["deaths_sentence", "deaths_count", "deaths_count_sentence", "deaths_tally", "DEATHS_NAMED_MAX"]

#: Up to this many deaths are named one by one; more are counted (the listing names each).
DEATHS_NAMED_MAX = 10

_RELATEDNESS = {"unrelated": "judged unrelated to the intervention",
                "unlikely": "judged unlikely to be related to the intervention",
                "possible": "judged possibly related to the intervention",
                "probable": "judged probably related to the intervention",
                "definite": "judged definitely related to the intervention"}


def _died(results: Results) -> tuple[int, int]:
    """Participants who died, and those of them with a fatal event judged possibly, probably or definitely related."""
    evs = results.safety.deaths
    return len({e.participant_id for e in evs}), len({e.participant_id for e in evs if e.related})


def _deaths_words(n: int, related: int) -> str:
    """``1 death (not related)``, ``2 deaths (1 related)``, ``2 deaths (none related)`` (``n`` > 0)."""
    if n == 1:
        return f"1 death ({'related' if related else 'not related'})"
    return f"{plural(n, 'death')} ({f'{related} related' if related else 'none related'})"


def deaths_count(results: Results) -> str:
    """The deaths as the safety report counts them, plainly (issue #10): ``No deaths``, ``1 death (not related)``,
    ``2 deaths (1 related)``, ``2 deaths (none related)``. One death per participant who died; it is related when any
    of their fatal events was judged possibly, probably or definitely related to the intervention."""
    n, related = _died(results)
    return _deaths_words(n, related) if n else "No deaths"


def deaths_tally(results: Results) -> str:
    """After a label ("Deaths: …"): ``none``, ``1 participant (8.3%), not related``, ``2 participants (16.7%),
    1 related``, ``2 participants (16.7%), none related``: the participants with their share, as the bullets beside it
    count theirs (session 31 DSMB reader: no percentage); a list item no longer starts with a numeral (session 26
    six-visit reader: "1 death (not related)"). The share is the overview's fatal row, when it counts the same
    participants."""
    n, related = _died(results)
    if not n:
        return "none"
    fatal = overview(results).get("death")
    share = f" ({percent(fatal.percent)})" if fatal is not None and fatal.n_participants == n else ""
    if n == 1:
        return f"1 participant{share}, {'related' if related else 'not related'}"
    return f"{n} participants{share}, {f'{related} related' if related else 'none related'}"


def deaths_count_sentence(results: Results) -> str:
    """The count as a sentence that starts with no numeral: ``No deaths were reported.``, ``There was 1 death (not
    related; @tbl-deaths).``, ``There were 2 deaths (1 related; @tbl-deaths).``"""
    n, related = _died(results)
    if not n:
        return "No deaths were reported."
    return f"There {'was' if n == 1 else 'were'} {_deaths_words(n, related)[:-1]}; @tbl-deaths)."


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
