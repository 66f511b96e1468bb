"""The safety report's data-completeness section in its own words (issue #10): the missing samples listed by visit,
then compartment, with the participants and the reasons a board asks about, and what the completeness table counts.
The manuscript's sentence (:func:`~alsreport.present.prose.missing_samples.missing_samples_sentence`) speaks of the
comparisons that include fewer participants; a safety report makes no comparisons, so its words are the board's:
which sample is missing, whose, and why. Both count the same samples
(:func:`alsreport.results.missing_samples.missing_samples`), which the deviation listing lists one by one.
"""

from __future__ import annotations

from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.missing_samples import (after_discontinuation_compartments, after_discontinuation_counts,
                                                      missing_by_visit)
from alsreport.present.prose.results import participant_flow
from alsreport.present.prose.words import lower_first, plural
from alsreport.present.population import left_word
from alsreport.results.missing_samples import not_collected_after_discontinuation
from alsreport.results.model import Results

__all__ = ["data_completeness_text", "safety_report_flow", "WHO_NAMED_MAX"]

#: Up to this many participants of one visit and compartment are named; more are counted only.
WHO_NAMED_MAX = 5


def _cell(compartment: str, participants: tuple[str, ...], reasons: str) -> str:
    """``CSF, 1 participant (P09; lumbar puncture unsuccessful)``."""
    notes = ([", ".join(md_escape(p) for p in participants)] if len(participants) <= WHO_NAMED_MAX else []) + (
        [md_escape(lower_first(reasons))] if reasons else [])
    return f"{md_escape(compartment)}, {plural(len(participants), 'participant')}" + (
        f" ({'; '.join(notes)})" if notes else "")


def _after_discontinuation(results: Results) -> str:
    """``Samples scheduled after a participant had left the study (6: CSF 3, serum 3) are not counted as missing
    (participant flow: @sec-disposition).``; ``had died`` when they all died; "" when there are none. The section holds the
    discontinuations, not the samples: "(6: CSF 3, serum 3; Section 3)" sent the reader there for the samples (session
    25 six-visit reader)."""
    n, where, _ = after_discontinuation_counts(results)
    if not n:
        return ""
    left = left_word(results.flow)
    comps = after_discontinuation_compartments(results)
    # one compartment: "(1 serum sample)", not "(1: serum 1)" (outside tester's IV study)
    if n == 1:   # session 33 reader: "Samples scheduled … (1 serum sample) are not counted"
        return (f"The one {md_escape(comps[0])} sample scheduled after a participant had {left} is not counted as "
                "missing (participant flow: @sec-disposition).")
    counts = plural(n, f"{md_escape(comps[0])} sample") if len(comps) == 1 else f"{n}: {where}"
    return (f"Samples scheduled after a participant had {left} ({counts}) are not counted as missing "
            "(participant flow: @sec-disposition).")


def data_completeness_text(results: Results) -> str:
    """Markdown: the missing samples by visit, each visit's compartments with their participants and reasons, as a
    list; then the samples after a discontinuation and what @tbl-completeness counts. One sentence when nothing is
    missing."""
    visits = missing_by_visit(results)
    cfg = results.config
    out: list[str] = []
    if not visits:
        out.append("No scheduled sample was missing from a participant still in the study.")
    else:
        n = sum(s.n for _, cells in visits for _, s in cells)
        out.append(f"In all, {plural(n, 'sample')} {'was' if n == 1 else 'were'} missing from participants "
                   f"still in the study, {'a' if n == 1 else 'each a'} protocol deviation (@tbl-deviations); by visit "
                   "and compartment:\n")
        out.append("\n".join(f"- {md_escape(cfg.visit_label(visit))}: "
                             + "; ".join(_cell(comp, s.participants, s.reason) for comp, s in cells)
                             for visit, cells in visits) + "\n")
    after = _after_discontinuation(results)
    table = ("@tbl-completeness counts the analyte values recorded at each visit against those expected from the "
             "participants still in the study.")
    out.append(" ".join(x for x in (after, table) if x))
    return "\n".join(out) + "\n"


def safety_report_flow(results: Results) -> str:
    """The disposition paragraph of the safety report: the manuscript's flow without its sentence on the
    comparisons' missing samples, which the data-completeness section lists by visit instead, and without the
    reasons of those not included, which its own section lists (the reasons said twice within a page cost the
    example's Figure 1 its page: session 33)."""
    flow = participant_flow(results, samples=False, reasons_at="@sec-not-enrolled")
    if missing_by_visit(results) or not_collected_after_discontinuation(results.flow):
        flow += " Missing samples are listed by visit in @sec-completeness."
    return flow
