"""The safety report's request for a narrative of each death and serious adverse event (reader 12b item 2; ICH E3
§12.3.2, DSMB charters): the board reads the course of each case before it weighs "unrelated" against a death a week
after an intrathecal dose.

The study files hold no narrative (adverse_events.csv has no such column, study.yml no such field), so where the
report lists deaths or serious events it asks the investigators for one, and the summary says that none is there.
Nothing is printed for a study without deaths or serious events.
"""

from __future__ import annotations

from alsreport.present.prose.words import join_words, plural
from alsreport.results.model import Results

__all__ = ["serious_narratives_request", "death_narratives_request", "narratives_item"]

_ASK = "*To be added by the investigators:* a narrative of each "


def _contents(results: Results, *, deaths: bool) -> str:
    """What a narrative gives: the autopsy only where someone died; the seriousness criterion unless the data record
    it for every serious event (the listing shows it then: session 32 reader). The action taken with the intervention
    and the doses given after the event (did it recur?) are asked for too (session 31 DSMB reader: listings "too thin
    for an ethics board"; session 30: a related serious event followed by more intrathecal doses, with no word on
    re-exposure)."""
    autopsy = "autopsy if any, " if deaths else ""
    serious = results.safety.serious_events
    criterion = "" if serious and all(e.seriousness for e in serious) else "seriousness criterion, "
    return (f"({criterion}course, treatment, action taken with the intervention, doses given after the "
            f"event and whether it recurred, outcome, {autopsy}basis of the causality assessment, date reported to "
            "the committee).")


def _deaths_not_serious(results: Results) -> list:
    serious = set(results.safety.serious_events)
    return [e for e in results.safety.deaths if e not in serious]


def serious_narratives_request(results: Results) -> str:
    """Under the serious adverse events: ``*To be added by the investigators:* a narrative of each death and serious
    adverse event (seriousness criterion, course, treatment, …).`` ("" without serious events)."""
    s = results.safety
    if not s.serious_events:
        return ""
    noun = "death and serious adverse event" if s.deaths else "serious adverse event"
    return _ASK + noun + " " + _contents(results, deaths=bool(s.deaths))


def death_narratives_request(results: Results) -> str:
    """Under the deaths: the request for the deaths the serious events' request does not cover (a fatal event not
    reported as serious, or every death when there is no serious event); a pointer to it when it covers them all
    ("" without deaths)."""
    s = results.safety
    if not s.deaths:
        return ""
    if not s.serious_events:
        return _ASK + "death " + _contents(results, deaths=True)
    if _deaths_not_serious(results):
        return _ASK + "death not reported as serious " + _contents(results, deaths=True)
    return ("The narrative of each death is asked for with those of the serious adverse events "
            "(@sec-ae-serious).")


def narratives_item(results: Results) -> str:
    """The summary bullet: ``- Narratives of the 3 serious adverse events (1 fatal): not recorded; to be
    added by the investigators (@sec-ae-serious)``, ``- Narrative of the death: …`` for one case ("" without deaths or
    serious events). A death that is one of the
    serious events is counted once, as a fatal one of them (reader 13b item 3: "… and the death" read as a fourth
    case); a death not reported as serious is named after them."""
    s = results.safety
    serious = len(s.serious_events)
    others = len(_deaths_not_serious(results))
    fatal = len(s.deaths) - others
    if not serious and not others:
        return ""
    events = _the(serious, "serious adverse event")
    if fatal:
        events += " (fatal)" if serious == 1 else f" ({'all' if fatal == serious else fatal} fatal)"   # "3 … (1 fatal)"
    deaths = _the(others, "death") + (" not reported as serious" if others and serious else "")
    what = join_words([w for w in (events, deaths) if w])
    where = "@sec-ae-serious" if serious else "@sec-deaths"
    # one case, one narrative (DSMB reader, the IV-only study: "Narratives of the serious adverse event (fatal)")
    label = "Narrative" if serious + others == 1 else "Narratives"
    return f"- {label} of {what}: not recorded; to be added by the investigators ({where})"


def _the(n: int, noun: str) -> str:
    """``the death``, ``the 4 serious adverse events``; "" for none."""
    return "" if not n else f"the {noun}" if n == 1 else f"the {plural(n, noun)}"
