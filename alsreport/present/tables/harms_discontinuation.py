"""What the harms tables say about events leading to discontinuation.

An event led to discontinuation when its ``action_taken`` is treatment discontinued or
withdrawn from study, or when it was fatal and its participant did not complete the study
(a death ends participation: :mod:`alsreport.analysis.summaries.safety`). Without any
``action_taken`` in the data the count is still known when the participants' disposition
accounts for everyone: every participant's ``completed`` is recorded, nobody stopped the
infusions, and whoever did not complete the study died of a counted event (so with no death
and everyone completing, the count is a known 0, as the participant flow says). Otherwise
only the fatal events are known; with no such event either, nothing is known and the tables
say "Not recorded" rather than a zero.

The tables call them events "ending treatment or study participation" (column: "Discontinued"): a death after
the last infusion, counted as "leading to discontinuation" beside "every participant received all three
infusions", read as a contradiction (session 30 DSMB reader); "Withdrawal" called that death a withdrawal
(session 31 reviewer), where a participant who died discontinued the study.

Both tables (the overview and the table by system organ class and term) take their wording
from here: :data:`DEFINITION` and :func:`discontinuation_note`.
"""

from __future__ import annotations

import pandas as pd

from alsreport.present.population import ended_by_an_event, left_without_fatal_event
from alsreport.present.prose.words import join_words, lower_first, plural
from alsreport.results.model import Results

__all__ = ["discontinuation_known", "unknown_leavers", "unknown_rows", "DEFINITION", "NOT_RECORDED_NOTE",
           "discontinuation_note", "not_recorded_note", "known_rows_note"]

#: What "leading to discontinuation" means (no brackets: the tables print it inside theirs).
DEFINITION = ("the action taken was discontinuation of the treatment or withdrawal from the study, or the event "
              "was fatal before the participant completed the study")

#: The lead of both tables' note when the count is not known (the overview prints "Not recorded", the table by
#: term leaves the column out); :func:`not_recorded_note` says why.
NOT_RECORDED_NOTE = ("Adverse events ending treatment or study participation are not known: the action taken was "
                     "not recorded for any event")


def not_recorded_note(results: Results) -> str:
    """:data:`NOT_RECORDED_NOTE` and who the disposition leaves open: ``…, and 2 participants left the study
    (withdrew consent) without a fatal event, so whether an adverse event led them to leave is not recorded.``
    (session 34 readers: "the participants' disposition does not account for everyone" named nobody, though P05
    had withdrawn after a probably related headache)."""
    flow = results.flow
    why = []
    unknown = flow.enrolled - flow.completed - flow.n_discontinued
    if unknown > 0:
        why.append(f"the disposition of {plural(unknown, 'participant')} is not recorded")
    n, left = left_without_fatal_event(results)
    if n:
        reasons = "; ".join(lower_first(r) for r in left)
        why.append(f"{plural(n, 'participant')} left the study ({reasons}) without a fatal event, so whether an "
                   f"adverse event led {'them' if n != 1 else 'the participant'} to leave is not recorded")
    skipped = sum(r.n for stage in flow.infusions for r in stage.not_received)
    if skipped:
        why.append(f"{plural(skipped, 'infusion')} {'was' if skipped == 1 else 'were'} not received by participants "
                   "who stayed in the study")
    return f"{NOT_RECORDED_NOTE}, and {join_words(why) if why else 'the disposition does not account for everyone'}."


def _leavers(results: Results) -> tuple[set[str], set[str]] | None:
    """Who left the study and who of all had an event counted as ending participation, when every participant's
    disposition is recorded, nobody stopped the infusions while staying in the study and those who left are named;
    else None (who left cannot be matched with the events)."""
    flow = results.flow
    if flow.enrolled <= 0 or flow.completed + flow.n_discontinued != flow.enrolled:
        return None
    if any(stage.not_received for stage in flow.infusions):
        return None
    left = {p for d in flow.discontinued for p in d.participants}
    if len(left) != flow.n_discontinued:
        return None
    return left, ended_by_an_event(results)


def _disposition_accounts(results: Results) -> bool:
    """Every participant's disposition is recorded, nobody stopped the infusions while staying in the study,
    and everyone who did not complete it had a fatal event counted as leading to discontinuation."""
    known = _leavers(results)
    return known is not None and known[0] <= known[1]


def discontinuation_known(results: Results) -> bool:
    """Action taken is recorded, or the disposition accounts for everyone, or at least one event is known to
    have led to discontinuation (a death)."""
    s = results.safety
    return (s.action_recorded or _disposition_accounts(results)
            or any(e.leading_to_discontinuation for e in s.events))


def unknown_leavers(results: Results) -> frozenset[str] | None:
    """The participants of whom it is not known whether an adverse event ended their participation, when the count
    is not known (:func:`discontinuation_known`) and they can be named: everyone's disposition recorded, nobody who
    stayed missed an infusion, and those who left named; they are those who left without a fatal event. Empty when
    the count is known; None when it is not and they cannot be named (every row of a table is then unknown)."""
    if discontinuation_known(results):
        return frozenset()
    known = _leavers(results)
    return None if known is None else frozenset(known[0] - known[1])


def unknown_rows(results: Results, frame: pd.DataFrame) -> pd.Series:
    """Per row of the table by system organ class and term (``row_type``: overall, soc or term, with its
    ``system_organ_class`` and ``term``): whether its count of participants with an event ending their participation
    is not known, as one of :func:`unknown_leavers` has an event there. A row without their events counts
    participants who completed the study or had a fatal event, a known count (session 36 DSMB reader: "Not recorded"
    in the withdrawn study's rows of muscle cramps and nausea, whose participants all completed it)."""
    who = unknown_leavers(results)
    if who is None:
        return pd.Series(True, index=frame.index)
    theirs = [(e.system_organ_class, e.term) for e in results.safety.events if e.participant_id in who]
    socs = {soc for soc, _ in theirs}
    terms = set(theirs)
    row_type = frame["row_type"]
    pairs = list(zip(frame["system_organ_class"], frame["term"], strict=True))
    return pd.Series([bool(theirs) if t == "overall" else soc in socs if t == "soc" else (soc, term) in terms
                      for t, (soc, term) in zip(row_type, pairs, strict=True)], index=frame.index)


def known_rows_note(results: Results) -> str:
    """The table by term's sentence on its rows with a count when others are "Not recorded": ``Ending treatment or
    study participation in rows without an event of P05 or P06: counted from the participants' disposition.``; ""
    when every row is known or none is."""
    who = unknown_leavers(results)
    if not who:
        return ""
    names = join_words(sorted(who), "or")
    return (f"Ending treatment or study participation in rows without an event of {names}: counted from the "
            "participants' disposition (everyone with an event in those rows completed the study or had a fatal "
            "event).")


def _by_route(results: Results) -> str:
    """`` by at least one route`` when a route's planned dose was missed (an infusion counts as received when
    it was given by at least one route, as in the exposure table: reader 8), else nothing."""
    missed = any(i.n_given < i.n_planned for i in results.exposure.by_infusion)
    return " by at least one route" if missed else ""


def discontinuation_note(results: Results) -> str:
    """How the count was found when the data record no action taken ("" when they do)."""
    s = results.safety
    if s.action_recorded:
        return ""
    if _disposition_accounts(results):
        how = (f"every participant completed the study and received every infusion{_by_route(results)}"
               if not results.flow.discontinued else "every participant who did not complete the study had a fatal event, and nobody else stopped "
                    "the study or the infusions")
        return f"The action taken was not recorded for any event, so the count follows from the participants' disposition: {how}."
    if not discontinuation_known(results):
        return not_recorded_note(results)
    return ("The action taken was not recorded for any event, so only fatal events before the participant completed the "
            "study are counted as ending participation; other events may also have ended treatment or participation.")
