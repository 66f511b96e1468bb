"""What the harms were, in one clause, for the benefit–harm balance of the Discussion and the abstract's
conclusions (CONSORT 2025 item 29, CONSORT Harms 2022; reader 11a item 6: "14 of 15 participants had an adverse
event" said nothing of how severe, serious or related the events were). From the safety summary's counts: the
participants at each worst grade, the serious events and the related events by term (in the one ranking both
documents use, :mod:`alsreport.present.related_ranking`).
"""

from __future__ import annotations

from alsreport.present.format import CI_TO, conf_label, percent
from alsreport.present.prose.lookups import overview
from alsreport.present.related_ranking import named_related, serious_note
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.safety import relatedness_words
from alsreport.present.prose.words import counted, join_words, plural, term_in_text
from alsreport.results.model import AdverseEvent, Results

__all__ = ["grade_words", "harms_character", "related_words", "serious_conclusion", "serious_words", "SERIOUS_NAMED"]


def grade_words(results: Results, noun: str = "event") -> str:
    """``every event was of grade 1 or 2``, ``every event was of grade 1``, or ``events of grade 3 or higher
    occurred in 3 participants (grades 3, 4, and 5, one participant each)`` (``noun``: ``adverse event`` where the
    sentence names no other); empty without events. The participants by their worst grade, as the overview table
    counts them (session 31 reviewer: "(worst grade 5)" for three participants of grades 3, 4 and 5)."""
    grades = {int(e.level): e.n_participants for e in results.safety.by_grade
              if e.n_participants and e.level.isdigit()}
    if not grades:
        return ""
    top = max(grades)
    if top <= 2:
        return f"every {noun} was of grade 1" + (" or 2" if top == 2 else "")
    by = {g: n for g, n in sorted(grades.items()) if g >= 3}
    severe = sum(by.values())
    if severe == 1:
        which = f"grade {top}"
    elif len(by) == 1:
        which = f"grade {top} in {'both' if severe == 2 else f'all {severe}'}"
    elif set(by.values()) == {1}:
        which = f"grades {join_words([str(g) for g in by])}, one participant each"
    else:
        which = "worst grade " + join_words([f"{g} in {n}" for g, n in by.items()])
    return f"{noun}s of grade 3 or higher occurred in {plural(severe, 'participant')} ({which})"


def related_words(results: Results, *, table: str) -> str:
    """The related terms of :func:`~alsreport.present.related_ranking.named_related` as a clause: ``the related
    events were post lumbar puncture headache (4 participants), pyrexia (3), and back pain (3)``, ``the most
    frequent related events were … and 3 other terms (@tbl-ae)`` past five terms, ``related events, no term in more
    than one participant, were …`` when every count is 1 (nothing is "most frequent"); a term with a serious related
    event says so (``aseptic meningitis (serious, grade 3)``, reader 12b item 1). ``table``: where every term is
    (``@tbl-ae``). Empty without related events."""
    names = named_related(results)
    named, rest, ones = names.named, names.rest, names.single
    if not named:
        return ""
    items = []
    for i, t in enumerate(named):
        name = md_escape(term_in_text(t.term))
        serious = serious_note(t)
        if ones:
            items.append(f"{name} ({serious})" if serious else name)
            continue
        count = plural(t.n_participants, "participant") if i == 0 else str(t.n_participants)
        items.append(f"{name} ({count}; {serious})" if serious else f"{name} ({count})")
    if rest:
        items.append(f"{plural(rest, 'other term')} ({table})")
    listed = join_words(items)
    if ones:
        # the count last (session 27 six-visit reader: "related events, no term in more than one participant, were"
        # read awkwardly)
        return (f"the related {'event was' if len(items) == 1 else 'events were'} {listed}, "
                f"{'in one participant' if len(items) == 1 else 'each in one participant'}")
    lead = "the most frequent related" if rest else "the related"
    return f"{lead} {'event was' if len(items) == 1 else 'events were'} {listed}"


def harms_character(results: Results, *, serious: bool = True) -> str:
    """``every event was of grade 1 or 2 and none was serious; the related events were post lumbar puncture
    headache (4 participants), back pain (3), and pyrexia (3)`` (``serious``: with the serious events' clause; leave
    it out where the sentence counts them already); empty without events."""
    grades = grade_words(results)
    if not grades:
        return ""
    text = f"{grades} and {serious_words(results, ci=True)}" if serious else grades
    related = related_words(results, table="@tbl-ae")
    return f"{text}; {related}" if related else text


def serious_words(results: Results, *, ci: bool = False) -> str:
    """``none was serious`` or ``2 participants had a serious event``; with ``ci``, none serious with the upper end
    of what it allows (``none was serious (95% CI 0.0% to 21.8% of participants)``: session 29 reader, "none was
    serious" among 15 participants is compatible with a rate of up to 21.8%, as the overview table gives)."""
    serious = overview(results).get("serious")
    k = serious.n_participants if serious is not None else 0
    if k:
        return f"{plural(k, 'participant')} had a serious event"
    interval = serious.ci if serious is not None else None
    if not ci or interval is None:
        return "none was serious"
    # the results hold proportions; the text, as the table, gives them in percent
    return (f"none was serious ({conf_label(interval.level)} {percent(interval.low * 100)}{CI_TO}"
            f"{percent(interval.high * 100)} of participants)")


#: Up to this many serious events the abstract names one by one, each with its grade and relatedness; more are
#: counted, with the related ones named (the listing names each).
SERIOUS_NAMED = 5


def _serious_item(e: AdverseEvent, fatal: bool) -> str:
    """``aseptic meningitis (grade 3, probably related)``, ``fatal respiratory failure (grade 5, unrelated)``."""
    return (f"{'fatal ' if fatal else ''}{md_escape(term_in_text(e.term))} "
            f"(grade {e.grade}, {relatedness_words(e.relatedness)})")


def serious_conclusion(results: Results) -> tuple[str, bool]:
    """The abstract's sentence on the serious events, each with its grade and relatedness (CONSORT Harms 2022's
    abstract item; reader 12b item 1: the death was "judged unrelated" while the one serious event judged probably
    related went unsaid): ``Serious adverse events, to be weighed against any benefit, occurred in three
    participants: aseptic meningitis (grade 3, probably related), pulmonary embolism (grade 4, unlikely to be
    related), and fatal respiratory failure (grade 5, unrelated).``; past :data:`SERIOUS_NAMED` events, their count
    and the related ones. Also whether every death is named in it (the deaths' own sentence is then not needed).
    ("", False) without serious events."""
    evs = results.safety.serious_events
    if not evs:
        return "", False
    people = len({e.participant_id for e in evs})
    who = counted(people, "participant")
    more = f" ({plural(len(evs), 'event')})" if len(evs) != people else ""
    what = "A serious adverse event" if len(evs) == 1 else "Serious adverse events"
    lead = f"{what}, to be weighed against any benefit, occurred in {who}{more}"
    deaths = results.safety.deaths
    if len(evs) <= SERIOUS_NAMED:
        items = [_serious_item(e, e in deaths) for e in evs]
        return f"{lead}: {join_words(items)}.", all(d in evs for d in deaths)
    related = [e for e in evs if e.related]
    if not related:
        return f"{lead}; none was judged related to the intervention.", False
    verb = "was" if len(related) == 1 else "were"
    text = (f"{lead}; {counted(len(related), 'event')} {verb} judged possibly, probably or definitely related to the "
            "intervention")
    if len(related) <= SERIOUS_NAMED:
        text += ": " + join_words([f"{md_escape(term_in_text(e.term))} (grade {e.grade})" for e in related])
    return text + ".", False


def no_serious_bound(results: Results) -> str:
    """``With 15 participants, serious harms cannot be excluded.``: what "none was serious" allows (the upper limit
    of its interval is the Discussion's: :func:`serious_words`), the abstract's conclusion on harms when no event was
    serious (session 30 reviewer: "Every adverse event was of grade 1 or 2 and none was serious" was a result stated in
    the Conclusions only); "" when some event was serious."""
    serious = overview(results).get("serious")
    if serious is None or serious.n_participants:
        return ""
    return f"With {plural(serious.denominator, 'participant')}, serious harms cannot be excluded."
