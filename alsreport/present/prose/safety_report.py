"""Sentences only the safety report for the ethics committee prints (``report/ethics.qmd``).

That report is written by the investigators, not by a manuscript's authors; it states "as of the data cut-off"
only when study.yml records one (else the analysis date); and its laboratory section describes only the tables
the data can fill (reader 7's items 5 and 6, issue #10).
"""

from __future__ import annotations

from alsreport.present.cutoff import cutoff_words
from alsreport.present.format import format_date
from alsreport.present.prose.methods import recruitment_text
from alsreport.results.model import Results

__all__ = ["investigators_recruitment", "stopping_rule_counts", "as_of_words", "laboratory_table_keys",
           "laboratory_safety_text"]


def investigators_recruitment(results: Results) -> str:
    """:func:`recruitment_text` with "To be added by the investigators" (they write the safety report)."""
    return recruitment_text(results, who="investigators")


def as_of_words(results: Results) -> str:
    """``as of the data cut-off (31 January 2024)``, or ``as of the analysis date (2 December 2026)``."""
    cutoff = cutoff_words(results.config)
    if cutoff:
        return f"as of {cutoff}"
    return f"as of the analysis date ({format_date(results.provenance.generated_at)})"


def stopping_rule_counts(results: Results) -> str:
    """The counts the board weighs against the stopping rules: related events of grade >= 3 and deaths."""
    s = results.safety
    severe = sum(1 for e in s.related_events if e.grade >= 3)
    deaths = next(e.n_participants for e in s.overview if e.category == "death")
    related = sum(1 for e in s.deaths if e.related)
    counts = (f"{severe} related adverse event{'s' if severe != 1 else ''} of grade 3 or higher and "
              f"{deaths} death{'s' if deaths != 1 else ''} ({related} related), {as_of_words(results)}.")
    if not results.config.safety.stopping_rules:   # no rules to assess against (reader 8)
        return f"The study files record no stopping rules. For the board: {counts}"
    return f"For the board's assessment against these rules: {counts}"


def _graded(results: Results) -> bool:
    return bool(results.dsmb is not None and results.dsmb.grade_counts)


def _ranged(results: Results) -> bool:
    return bool(results.shifts)


def laboratory_table_keys(results: Results) -> tuple[str, ...]:
    """The laboratory tables with something to show: CTCAE grades only for analytes with CTCAE criteria,
    shifts and out-of-range values only for analytes with a reference range (no empty tables)."""
    return ((("lab_grades", "lab_grade_shifts") if _graded(results) else ())
            + (("lab_shifts", "out_of_range") if _ranged(results) else ()))


def laboratory_safety_text(results: Results) -> str:
    """The laboratory section's text (markdown with cross-references to the tables it describes), or one
    sentence when there is nothing to show."""
    graded, ranged = _graded(results), _ranged(results)
    if not graded and not ranged:
        return ("No laboratory reference ranges and no analytes with CTCAE laboratory criteria are recorded in "
                "the study files, so laboratory safety could not be assessed from the values.")
    out = []
    if graded:
        out.append("Analytes with CTCAE criteria are graded from the value, the laboratory's reference range and "
                   "the participant's baseline: @tbl-lab-grades summarises them by visit and @tbl-grade-shifts "
                   "crosses the baseline grade with the worst grade after baseline.")
    else:
        out.append("No analyte has CTCAE laboratory criteria, so no value is graded.")
    if ranged:
        out.append("For every analyte with a reference range, @tbl-shifts shows how many participants moved from "
                   "their baseline category to their worst category after baseline, and @tbl-out-of-range lists "
                   "every value outside the reference range" + (", with its CTCAE grade where there is one."
                                                                  if graded else "."))
    else:
        out.append("No analyte has a reference range, so no value is classified as within or outside one.")
    return " ".join(out)
