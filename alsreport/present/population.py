"""The word for the study population: a retrospective study *includes* people from records (nobody was
enrolled), a prospective one *enrols* them (issue #10, "Wording")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from alsreport.present.format import series_title
from alsreport.results.exposure_flow import ConsortFlow
from alsreport.results.model import Results
from alsreport.results.missing_samples import not_collected_after_discontinuation
from alsreport.study.config import StudyConfig

__all__ = ["primary_series_words", "stopped_when", "after_last_infusion", "left_word", "prespecified_known", "enrolled_word", "enrolment_word", "no_dates",
           "ended_by_an_event", "left_without_fatal_event", "related_events_of_leavers", "received_counts", "infusion_words",
           "infusion_label"]


def primary_series_words(flow: ConsortFlow) -> str:
    """The primary endpoint's series as running text writes every series (:func:`series_title`): ``serum
    neurofilament light chain``, ``CSF TNF-α`` (outside tester: the flow's ``serum Neurofilament light chain`` in §3.1
    and the Analysis options, lower case in the rest of the text)."""
    comp, what = flow.analysed_compartment, flow.analysed_series
    if not comp or not what.startswith(f"{comp} "):
        return what
    return series_title(comp, what.removeprefix(f"{comp} "))


def enrolled_word(config: StudyConfig, *, capital: bool = False) -> str:
    """``included`` for a retrospective study, else ``enrolled`` (``Included`` / ``Enrolled`` with ``capital``)."""
    word = "included" if config.retrospective else "enrolled"
    return word.capitalize() if capital else word


def enrolment_word(config: StudyConfig) -> str:
    """The CONSORT diagram's first phase: ``Inclusion`` (retrospective) or ``Enrolment``."""
    return "Inclusion" if config.retrospective else "Enrolment"


def no_dates(config: StudyConfig) -> str:
    """``enrolment and consent dates are not among the data analysed``: what the data lack, in one wording for §3.1, the CONSORT
    checklist's item 23a and the safety report's enrolment section (reader 9: "no enrolment or consent dates" in
    the checklist beside "no enrolment dates" in §3.1). In the design's words: a retrospective study *includes*
    people (no enrolment), and a study whose consent was waived has no consent dates to lack. The waiver is not
    the reason the dates are missing, so it is not given as one (reader 7's item 8). Said of the study, not of
    "the data" (reader 13b item 5: the tool's view of its input)."""
    dates = enrolment_word(config).lower()
    ethics = config.reporting.ethics
    # "not among the data analysed", as the Methods ask for the dates (session 30 reviewer: §3.1 and item 23a said
    # it differently)
    if ethics is not None and ethics.consent == "waived":
        return f"{dates} dates are not among the data analysed"
    return f"{dates} and consent dates are not among the data analysed"


def after_last_infusion(after_infusion: int, n_infusions: int) -> bool:
    """Whether a participant stopped after every infusion of the schedule (``n_infusions``) had been given: nothing
    was left to stop but the follow-up, so the text says "did not complete follow-up", not "discontinued"."""
    return after_infusion >= n_infusions > 0


def infusion_words(no: int, n_infusions: int) -> str:
    """``infusion 2`` in running text; ``the infusion`` when the schedule has one (session 36 reviewer: "Received
    infusion 1" and "onset 2 days after infusion 1" in a study of one infusion)."""
    return "the infusion" if n_infusions == 1 else f"infusion {no}"


def infusion_label(no: int, n_infusions: int) -> str:
    """``Infusion 2``, a table's label (its visit added by the caller); ``Infusion`` when the schedule has one."""
    return "Infusion" if n_infusions == 1 else f"Infusion {no}"


def stopped_when(after_infusion: int, n_infusions: int) -> str:
    """When a participant stopped: ``before the first infusion``, ``after infusion 2``, or ``after the last
    infusion`` (``n_infusions``: the schedule's; :func:`after_last_infusion`); with one infusion planned, ``before
    the infusion`` and ``after the infusion`` (session 34 reviewer: "after the last infusion" of one)."""
    if after_infusion <= 0:
        return "before the infusion" if n_infusions == 1 else "before the first infusion"
    if after_last_infusion(after_infusion, n_infusions):
        return "after the infusion" if n_infusions == 1 else "after the last infusion"
    return f"after infusion {after_infusion}"


def ended_by_an_event(results: Results) -> set[str]:
    """The participants with an adverse event counted as ending their participation (a fatal one, or one whose
    action taken ended it)."""
    return {e.participant_id for e in results.safety.events if e.leading_to_discontinuation}


def left_without_fatal_event(results: Results) -> tuple[int, list[str]]:
    """Who left the study without an event counted as ending participation (a fatal one, or one whose action taken
    ended it), and their reasons as the data give them, in order: when no action taken is recorded, whether an
    adverse event led them to leave is not known (CONSORT Harms' withdrawals due to harms; session 34 readers)."""
    ended = ended_by_an_event(results)
    left = [d for d in results.flow.discontinued if not set(d.participants) <= ended]
    return (sum(len(set(d.participants) - ended) or d.n for d in left),
            list(dict.fromkeys(d.reason for d in left)))


def related_events_of_leavers(results: Results) -> dict[str, list[str]]:
    """The related adverse events' terms of each participant :func:`left_without_fatal_event` counts, by participant in
    the data's order (session 36 DSMB reader: both participants who withdrew consent had had a related event, which
    the committee could find only by reading the listing against the disposition)."""
    left = ({p for d in results.flow.discontinued for p in d.participants} - ended_by_an_event(results)
            - set(results.flow.died))
    out: dict[str, list[str]] = {}
    for e in results.safety.events:
        if e.related and e.participant_id in left and e.term not in out.get(e.participant_id, []):
            out.setdefault(e.participant_id, []).append(e.term)
    return out


def received_counts(results: Results) -> list[tuple[int, int]]:
    """(infusions received by at least one route, participants who received that many), the most infusions first:
    the exposure table's rows and the exposure sentence's clauses."""
    return sorted(Counter(p.n_infusions for p in results.exposure.by_participant).items(), reverse=True)


def left_word(flow: ConsortFlow, participants: Iterable[str] | None = None) -> str:
    """Why ``participants`` have no samples after they stopped: ``died`` when every one of them died, else ``left the
    study`` (a death is not a discontinuation: session 27 six-visit reader, "discontinued" in the tables' notes for
    a participant the text says died). ``participants`` by default: everyone with a scheduled sample not collected
    after they stopped (:func:`~alsreport.results.missing_samples.not_collected_after_discontinuation`)."""
    if participants is None:
        participants = (p for g in not_collected_after_discontinuation(flow) for p in g.participants)
    who = set(participants)
    return "died" if who and who <= set(flow.died) else "left the study"


def prespecified_known(config: StudyConfig) -> bool:
    """Whether the text may call the analysis prespecified: a prospective study whose protocol or registration the
    study records. A retrospective analysis prespecified nothing (issue #10, words4 item 6), and without a protocol or
    registration the Declarations leave it to the authors to say whether one did (session 27 six-visit reader:
    "as prespecified" in the notes beside "To be added by the authors: … whether they prespecified this analysis")."""
    return not config.retrospective and bool(config.registration or config.reporting.protocol)
