"""The intervention as delivered, at route level: one source for the flow and exposure sentences.

Built from ``results.exposure.by_infusion`` (planned and given doses per infusion
and route, with the reasons for missed doses), the same numbers as the exposure
table, so the text, the table and the CONSORT diagram agree.
"""

from __future__ import annotations

from alsreport.present.format import count
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import all_of, cap, counted, inner_brackets, join_words, plural
from alsreport.present.prose.missing_samples import missing_samples_sentence
from alsreport.results.model import InfusionExposure, ReasonCount, Results

__all__ = ["routes_given", "delivery_sentence", "route_words", "missing_samples_sentence", "enrolled_word",
           "doses_reference", "missed_route_doses", "route_counts", "partly_missed"]

_ROUTE_WORDS = {"IV": "intravenously (IV)", "IT": "intrathecally (IT)"}
_ROUTE_ADJECTIVES = {"IV": "intravenous", "IT": "intrathecal"}


def _by_number(results: Results) -> dict[int, list[InfusionExposure]]:
    out: dict[int, list[InfusionExposure]] = {}
    for i in results.exposure.by_infusion:
        if i.n_planned:
            out.setdefault(i.infusion_no, []).append(i)
    return out


def route_counts(results: Results, infusion_no: int) -> list[tuple[str, int, tuple]]:
    """(route, participants given the dose, reasons it was not given) for each planned route."""
    return [(e.route, e.n_given, e.not_given) for e in results.exposure.by_infusion
            if e.infusion_no == infusion_no and e.n_planned > 0]


def partly_missed(routes: list[tuple[str, int, tuple]]) -> list[tuple[str, int, tuple]]:
    """:func:`route_counts`' rows with the reasons a route's dose was missed by those who received the infusion by
    another route only: who missed it by every route did not receive it and is counted once, as not receiving it or
    as discontinued (session 33 tester: "IV dose of infusion 3 not given (n = 199): withdrew consent" and the same
    for IT, beside "Discontinued after 2 infusions (n = 199)"). As given when the reasons do not record their
    participants."""
    whole = _missed_by_every_route(routes)
    if not whole:
        return routes
    return [(route, given, tuple(ReasonCount(r.reason, len(left), left) for r in missed
                                  if (left := tuple(p for p in r.participants if p not in whole))))
            for route, given, missed in routes]


def _missed_by_every_route(routes: list[tuple[str, int, tuple]]) -> set[str]:
    """The participants whose dose was not given by any route; empty when the reasons do not record them."""
    sets = []
    for _, _, missed in routes:
        if any(len(r.participants) != r.n for r in missed):
            return set()
        sets.append({p for r in missed for p in r.participants})
    return set.intersection(*sets) if sets else set()


def routes_given(results: Results) -> list[str]:
    """The routes any dose was planned by, in table order (e.g. ``["IV", "IT"]`` or ``["IT"]``)."""
    return list(dict.fromkeys(i.route for rows in _by_number(results).values() for i in rows))


def route_words(results: Results) -> str:
    """``intravenously (IV) and intrathecally (IT)``, or one route alone."""
    return join_words([_ROUTE_WORDS.get(r, md_escape(r)) for r in routes_given(results)])


def _reason_words(reason: str) -> str:
    """A reason for a dose not given, in running text inside brackets: lower case first, its own brackets square."""
    return md_escape(inner_brackets(reason[:1].lower() + reason[1:]))


def _reasons(i: InfusionExposure) -> str:
    if not i.not_given:
        return ""
    # each count before its reason, as the flow's other reasons ("1 lumbar puncture unsuccessful"; "lumbar puncture
    # unsuccessful, 1" was the last one written after it: session 28)
    return " (" + "; ".join(f"{count(r.n)} {_reason_words(r.reason)}" for r in i.not_given) + ")"


def delivery_sentence(results: Results) -> str:
    """``All planned doses of infusions 1 and 2 were given (IV and IT, 15 participants). Infusion 3: IV 15 of 15,
    IT 14 of 15 (1 lumbar puncture unsuccessful).``"""
    by_no = _by_number(results)
    if not by_no:
        return "No infusion was planned."
    complete = [no for no, rows in by_no.items() if all(i.n_given == i.n_planned for i in rows)]
    out: list[str] = []
    if complete:
        routes = join_words(list(dict.fromkeys(i.route for no in complete for i in by_no[no])))
        sizes = sorted({i.n_planned for no in complete for i in by_no[no]})
        people = plural(sizes[0], "participant") if len(sizes) == 1 else "every participant scheduled"
        if len(by_no) == 1:
            # one planned infusion: one dose per route, not "all planned doses of the infusion" (session 35 reviewer)
            given = (f"to {all_of(sizes[0], 'participant')}" if len(sizes) == 1 else "to every participant scheduled")
            out.append(f"The planned infusion was given {md_escape(routes)} {given}.")
            return " ".join(out)
        if len(complete) == len(by_no):
            which = "every infusion"
        else:
            which = f"infusion{'s' if len(complete) > 1 else ''} {join_words([str(n) for n in complete])}"
        out.append(f"All planned doses of {which} were given ({md_escape(routes)}, {people}).")
    for no, rows in by_no.items():
        if no in complete:
            continue
        # routes with the same count and reasons said once (session 33 tester: "given IV to 1801 of 2000 (199
        # withdrew consent) and IT to 1801 of 2000 (199 withdrew consent)")
        same: dict[str, list[str]] = {}
        for i in rows:
            same.setdefault(f"{count(i.n_given)} of {count(i.n_planned)}{_reasons(i)}", []).append(md_escape(i.route))
        parts = [f"{join_words(routes)} to {given}" for given, routes in same.items()]
        label = "The infusion" if len(by_no) == 1 else f"Infusion {no}"
        out.append(f"{label} was given {join_words(parts)}.")
    return " ".join(out)


def doses_reference(results: Results) -> str:
    """The start of the sentence that refers the reader to the participant flow (the document adds where and the
    table of doses: "… in Section 3.1; the doses by route are in Table 5."): ``No dose was missed by either route,
    as stated in``; ``One intrathecal dose was not given (lumbar puncture unsuccessful), as stated in``, the doses
    and their reasons said, not only where they are (session 31 reviewer: "The reason a planned dose was not given is
    in Section 3.1"; and "Every planned dose was given" after "Every participant received all three planned
    infusions" said the same twice). The section counts participants, not doses: "the doses given by route are in
    Section 3.1 and Table 5" promised what the section does not give (session 30 DSMB reader)."""
    by_route = _missed_by_route(results)
    if not by_route:
        routes = len(routes_given(results))
        return ("No dose was missed, as stated in" if routes < 2 else
                f"No dose was missed by {'either' if routes == 2 else 'any'} route, as stated in")
    # "a planned dose not given", not "the missed dose": the deviation listing calls a dose given by no route missed,
    # and this one (one route of an infusion) partial (session 25 example reader)
    # each reason counts the participants it kept from a dose, not the doses (session 33 reader: "199 intravenous doses
    # and 199 intrathecal doses were not given (398 withdrew consent)"); doses where no participant is recorded
    who: dict[str, set[str]] = {}
    doses_of: dict[str, int] = {}
    for i in results.exposure.by_infusion:
        for r in i.not_given:
            who.setdefault(r.reason, set()).update(r.participants)
            doses_of[r.reason] = doses_of.get(r.reason, 0) + r.n
    # and says which it counts: "withdrew consent: 8 doses in 2 participants" (session 36 reviewer: "Four intravenous
    # doses and five intrathecal doses were not given (2 withdrew consent; 1 lumbar puncture unsuccessful)" counted 9
    # doses, then 3 participants)
    missed = sum(by_route.values())
    why = "; ".join(_reason_words(r) if missed == 1 else _doses_for(r, n, len(who[r])) for r, n in doses_of.items())
    doses = missed_route_doses(results)
    # no numeral starts the sentence (session 33 tester): "Of the planned doses, 199 intravenous doses …"
    lead = f"Of the planned doses, {doses}" if doses[:1].isdigit() else cap(doses)
    return (lead + (" was" if missed == 1 else " were") + " not given"
            + (f" ({why})" if why else "") + ", as stated in")


def _doses_for(reason: str, doses: int, participants: int) -> str:
    """``withdrew consent: 8 doses in 2 participants``; ``lumbar puncture unsuccessful: 1 dose`` (one dose is one
    participant's)."""
    who = f" in {plural(participants, 'participant')}" if doses > 1 and participants else ""
    return f"{_reason_words(reason)}: {plural(doses, 'dose')}{who}"


def doses_table_words(results: Results) -> str:
    """``the doses by route are in`` (the document adds the exposure table), ``the doses are in`` when one route was
    used (session 33 DSMB reader: "by route" in an IV-only study)."""
    return "the doses by route are in" if len(routes_given(results)) > 1 else "the doses are in"


def missed_route_doses(results: Results) -> str:
    """``one intrathecal dose``, ``two intravenous doses and one intrathecal dose``: the planned doses not given,
    by route (empty when every planned dose was given), from the same counts as the exposure table."""
    return join_words([counted(n, f"{_ROUTE_ADJECTIVES.get(r, md_escape(r) + ' route')} dose")
                       for r, n in _missed_by_route(results).items()])


def _missed_by_route(results: Results) -> dict[str, int]:
    """Planned doses not given, by route in table order (routes with none missed left out)."""
    missed: dict[str, int] = {}
    for i in results.exposure.by_infusion:
        if i.n_planned > i.n_given:
            missed[i.route] = missed.get(i.route, 0) + i.n_planned - i.n_given
    return missed


def enrolled_word(results: Results) -> str:
    """``included`` for a retrospective study (nobody was enrolled), else ``enrolled``."""
    return "included" if results.config.retrospective else "enrolled"
