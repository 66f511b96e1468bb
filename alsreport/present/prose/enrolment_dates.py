"""The safety report's enrolment section when the data hold no enrolment dates: one sentence, not an empty
"Enrolment over time" table (reader 8's defect 11, as the laboratory section already does for empty tables)."""

from __future__ import annotations

from alsreport.present.population import enrolled_word, no_dates
from alsreport.present.prose.words import plural
from alsreport.results.model import Results

__all__ = ["enrolment_has_dates", "enrolment_without_dates"]


def enrolment_has_dates(results: Results) -> bool:
    """The enrolment-over-time table has rows (the data hold enrolment or consent dates)."""
    return bool(results.dsmb is not None and results.dsmb.enrolment.by_month)


def enrolment_without_dates(results: Results) -> str:
    """``In all, 12 participants were enrolled (no target recorded); enrolment and consent
    dates are not among the data analysed (:func:`~alsreport.present.population.no_dates`, as §3.1 and the checklist), so enrolment over time cannot be shown.``; "" when there are dates (the table shows them)."""
    if results.dsmb is None or enrolment_has_dates(results):
        return ""
    e = results.dsmb.enrolment
    word = enrolled_word(results.config)
    noun = "inclusion" if word == "included" else "enrolment"
    target = f"target {e.target}" if e.target else "no target recorded"
    # "In all,": a sentence never starts with a numeral (outside reader, session 24)
    return (f"In all, {plural(e.n_enrolled, 'participant')} {'was' if e.n_enrolled == 1 else 'were'} {word} ({target}); "
            f"{no_dates(results.config)}, so {noun} over time cannot be shown.")
