"""Sentences only the safety report for the ethics committee prints (``report/ethics.qmd``).

That report is written by the investigators, not by a manuscript's authors; it states "as of the data cut-off"
only when study.yml records one (else the last data recorded: :func:`~alsreport.present.cutoff.as_of_words`); and its laboratory section describes only the tables
the data can fill (reader 7's items 5 and 6, issue #10).
"""

from __future__ import annotations

from alsreport.present.cutoff import as_of_words
from alsreport.present.ethics_cover import reviewers
from alsreport.present.format import count, format_date, number, percent, visit_label
from alsreport.present.prose.deaths import deaths_tally
from alsreport.present.prose.laboratory_harms import laboratory_harms_sentence, severe_values_recorded
from alsreport.present.prose.lookups import overview_since_last
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import all_of, cap, join_words, plural
from alsreport.present.prose.methods import recruitment_text
from alsreport.analysis.lab_worst import graded_after_baseline, worse_than_baseline
from alsreport.results.model import EventCount, Results

__all__ = ["investigators_recruitment", "previous_report_text", "stopping_rule_counts", "laboratory_table_keys",
           "laboratory_safety_text", "follow_up_text"]


def investigators_recruitment(results: Results) -> str:
    """:func:`recruitment_text` with "To be added by the investigators" (they write the safety report)."""
    return recruitment_text(results, who="investigators")


def previous_report_text(results: Results) -> str:
    """What the counts cover: since the previous report's data cut-off (a date as the report writes dates, session 33
    DSMB reader: "2024-06-30" beside "31 December 2024"), or cumulative in a first report. The counts since then only
    where the overview table shows them, by the table's own condition; without onset dates, why not (DSMB reader: the
    columns promised to a table without them)."""
    prev = results.config.safety.previous_report_cutoff
    if prev is None:
        return "This is the first safety report: all counts are cumulative."
    said = f"The previous safety report had a data cut-off of {format_date(prev)}"
    if overview_since_last(results):
        return f"{said}; the adverse-event overview shows cumulative counts and counts since then."
    return (f"{said}. Counts since then cannot be given, as the onset dates of the adverse events are not recorded: "
            "the adverse-event overview shows cumulative counts only.")


def _events_in(e: EventCount | None) -> str:
    """``none``, ``1 event in 1 participant (8.3%)``, ``3 events in 2 participants (16.7%)``: the participants with
    their share, as the Deaths bullet gives it (DSMB reader); results written before these counts say so."""
    if e is None:
        return "not in these results (written by an earlier alsreport: run alsreport analyze again)"
    if not e.n_events:
        return "none"
    return f"{plural(e.n_events, 'event')} in {plural(e.n_participants, 'participant')} ({percent(e.percent)})"


def stopping_rule_counts(results: Results) -> str:
    """The counts the board weighs against the stopping rules (markdown: a lead and a list): related events of grade
    3 or higher and of grade 4 or higher, related serious events, each in events and participants with their share,
    and deaths; with stopping rules recorded, events of grade 4 or higher and serious events of any relatedness too.
    The rules are the protocol's words; whether one was met is the board's judgement, said as such (session 33 DSMB
    reader: one fixed count of "related events of grade 3 or higher" answered neither a grade-4 rule nor a rule on
    participants with related serious events; a later DSMB reader: rules are often on all-cause events, which it left
    out). Without rules the all-cause counts are left to the Summary's key facts and the overview table, which give
    them already: nothing here is weighed against a rule, and the block stays as long as it was (a longer one left the
    six-visit report's flow diagram alone on a half-empty page: tests/test_ethics_layout.py)."""
    counts = {e.category: e for e in results.dsmb.rule_counts} if results.dsmb is not None else {}
    deaths = deaths_tally(results)   # as the key facts: "1 participant (8.3%), not related"
    when = as_of_words(results)
    ruled = bool(results.config.safety.stopping_rules)   # without rules, nothing to assess against (reader 8)
    who = reviewers(results.config)
    lead = (f"For {who}'s assessment against these rules, {when}:" if ruled else
            f"No stopping rules are recorded for this study. {cap(when)}:")
    judgement = f"Whether a rule was met is {who}'s judgement from these counts and the listings."
    shown = ("related grade>=3", "related grade>=4", "serious related") + (("grade>=4", "serious") if ruled else ())
    if counts and all(_events_in(counts.get(c)) == "none" for c in shown) and deaths == "none":   # one sentence
        said = ("no related adverse event of grade 3 or higher, no adverse event of grade 4 or higher, no serious "
                "adverse event and no deaths." if ruled else
                "no related adverse event of grade 3 or higher, no related serious adverse event and no deaths.")
        return f"{lead} {said}" + (f" {judgement}" if ruled else "") + "\n"
    severe = _events_in(counts.get("related grade>=3"))
    # the all-cause counts only against rules (their bullets marked "any relatedness")
    items = [f"- Related adverse events of grade 3 or higher: {severe}"
             + (f"; of grade 4 or higher: {_events_in(counts.get('related grade>=4'))}" if severe != "none" else ""),
             *([f"- Adverse events of grade 4 or higher (any relatedness): {_events_in(counts.get('grade>=4'))}"]
               if ruled else []),
             f"- Related serious adverse events: {_events_in(counts.get('serious related'))}",
             *([f"- Serious adverse events (any relatedness): {_events_in(counts.get('serious'))}"] if ruled else []),
             f"- Deaths: {deaths}"]
    return f"{lead}\n\n" + "\n".join(items) + "\n" + (f"\n{judgement}\n" if ruled else "")


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
        return ("No laboratory reference ranges and no analytes with CTCAE laboratory criteria are recorded for "
                "this study, so laboratory safety could not be assessed from the values.")
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
    if not graded:
        return " ".join(out)
    # what the tables show, in words: the manuscript's count per CTCAE term and whether the values of grade 2 or
    # higher were recorded as adverse events (reader 12a item 5: the board's first question about them)
    findings = [laboratory_harms_sentence(results, where=" (@tbl-grade-shifts)")]
    severe = severe_values_recorded(results)
    if severe and not _said(findings[0], results):
        findings.append(severe)
    return " ".join(out) + "\n\n" + " ".join(findings)


def _said(sentence: str, results: Results) -> bool:
    """The count sentence already says it for the grade >= 2 values: each of them is a worsening it counts, and
    it says the same (none, or each) of all of them."""
    worse = set(worse_than_baseline(results))
    severe = graded_after_baseline(results)
    uniform = len({w.recorded_as_event for w in worse}) == 1
    return uniform and all(w in worse for w in severe)


def _months(x: float) -> str:
    return count(x) if float(x).is_integer() else number(x, 1)


#: How many participants who stopped before the last visit the sentence names (else a count)
_NAMED = 5


def follow_up_text(results: Results) -> str:
    """Follow-up by the last visit with a sample, summarised, and the participants who did not reach the last visit
    (exposure counted infusions only: reader 11b, item 5); the median days on study when dates are recorded."""
    f = results.dsmb.follow_up if results.dsmb is not None else None
    if f is None or not f.participants:
        return ""
    n = len(f.participants)
    last = results.config.visits[-1]
    if f.min_months != f.min_months:   # NaN: nobody attended a visit
        return "Follow-up: no participant has a recorded visit."
    # "with a sample", not "attended": the deviation listing calls a visit attended where an infusion was given
    # without a sample (session 28 six-visit reader)
    at_last = f"had a sample at the last visit ({md_escape(visit_label(results.config, last.code))})"
    reached = (f"{all_of(n, 'participant')} {at_last}" if f.n_last_visit == n
               else f"{count(f.n_last_visit)} of {count(n)} participants {at_last}")
    spread = ("" if f.min_months == f.max_months else
              f"median {_months(f.median_months)} months (range {_months(f.min_months)} to {_months(f.max_months)}); ")
    out = [f"Follow-up, by the last visit with a sample: {spread}{reached}; {_months(f.total_months)} participant-months "
           "in total."]
    early = [p for p in f.participants if p.last_visit != last.code]
    if early and len(early) <= _NAMED:
        named = [f"{md_escape(p.participant_id)} ({md_escape(visit_label(results.config, p.last_visit))})"
                 if p.last_visit else f"{md_escape(p.participant_id)} (no visit)" for p in early]
        out.append(f"The other participant's last visit with a sample: {named[0]}." if len(named) == 1 else
                   f"The others' last visits with a sample: {join_words(named)}.")
    days = results.dsmb.enrolment.median_days_on_study
    if days == days:   # dates recorded
        out.append(f"Median time on study: {plural(round(days), 'day')}.")
    return " ".join(out)
