"""Alt text of every figure, built from the numbers it plots (not from its caption).

A screen reader, or a reader of the PDF's tags, gets what a sighted reader sees: what kind of
chart, of what, for how many participants, and the values that make its point, e.g. "Line chart
of CSF TNF-α (pg/mL) by month for 15 participants … the median falls from 9.1 at Month 0 to 7.3 at
Month 3". Every number comes from the results (or from the figure's own display rows, for the
forest plot's percentages) and is written by :mod:`alsreport.present.format`.
"""

from __future__ import annotations

import math

from alsreport.present.adjustment import adjustment
from alsreport.present.figures.consort_content import consort_content
from alsreport.present.figures.forest import change_text, forest_contrast, forest_rows
from alsreport.present.figures.trajectories import ending_early, missed_visits, series_descriptives, series_of
from alsreport.present.missing_elsewhere import excluded_after_follow_up, missing_elsewhere, reasons_said
from alsreport.present.population import primary_series_words
from alsreport.present.prose.abbreviations import abbreviation_used
from alsreport.present.prose.delivery import route_counts
from alsreport.present.prose.words import inner_brackets, lower_first, reason_after_count
from alsreport.present.reason_groups import by_eligibility, eligibility_heading, group_reasons
from alsreport.present.format import (
    label_in_text,
    series_title,
    compartment_name,
    conf_label,
    contrast_visits,
    count,
    display_unit,
    number,
    series_decimals,
    visit_label,
)
from alsreport.present.tables.style import ABBREVIATIONS, abbreviations_note
from alsreport.results.model import Results

__all__ = ["alt_text", "caption_abbreviations", "consort_alt", "trajectory_alt", "trajectory_caption_notes",
           "forest_alt"]


def _reasons(reasons) -> str:
    """``1 no sample at Month 1, 1 lumbar puncture unsuccessful at Month 2``: each reason after its count, as §3.1
    counts them ("2 declined the treatment"), so that a count never runs into the visit before it (session 27
    reader: "no sample at Month 1 1")."""
    return ", ".join(f"{count(r.n)} {inner_brackets(lower_first(r.reason))}" for r in reasons)   # inside brackets


def _grouped(reasons) -> str:
    """``3 did not meet inclusion criteria [ALSFRS-R below 24, n = 2; forced vital capacity below 50%, n = 1], 2
    declined the treatment``: the reasons grouped and ordered as the diagram's box lists them (session 28 HTML reader: the alt text
    listed "did not meet inclusion criteria" twice, in the data's order)."""
    out = []
    for g in group_reasons((r.reason, r.n) for r in reasons):
        details = g.counted_details()
        out.append(f"{count(g.n)} {reason_after_count(lower_first(g.head), g.n)}" + (f" [{details}]" if details else ""))
    return ", ".join(out)


def consort_alt(results: Results) -> str:
    """The flow diagram's counts, box by box, with the reasons its side boxes give."""
    f, cfg = results.flow, results.config
    included = "included" if cfg.retrospective else "enrolled"
    parts_why = [(f"{count(sum(r.n for r in reasons))} {eligibility_heading(eligible, included).lower()}: "
                  if eligible is not None else "") + _grouped(reasons)
                 for eligible, reasons in by_eligibility(f.excluded_reasons)]
    why = f" ({'; '.join(parts_why)})" if f.excluded and f.excluded_reasons else ""
    parts = [f"{count(f.assessed)} assessed for eligibility", f"{count(f.excluded)} excluded{why}",
             f"{count(f.enrolled)} {included}"]
    for stage in f.infusions:
        routes = route_counts(results, stage.infusion_no)
        # a route's missed dose with its reason, as the side box prints it (session 27 reader)
        missed = "".join(f"; {r} not given: {_reasons(m)}" for r, _, m in routes if m)
        by_route = f" ({', '.join(f'{r} {count(n)}' for r, n, _ in routes)}{missed})" if len(routes) > 1 else ""
        parts.append(f"infusion {stage.infusion_no} received by {count(stage.n_received)}{by_route}")
    # discontinued, died or lost to follow-up, with the reasons; "no participant" rather than "0" (session 27 readers)
    left = f" ({_reasons(f.discontinued)})" if f.discontinued else ""
    parts.append(f"{count(f.n_discontinued) if f.n_discontinued else 'no participant'} left the study early{left}")
    parts.append(f"{count(f.completed)} completed follow-up to {cfg.visits[-1].label}")
    text = "Flow diagram of participants: " + "; ".join(parts) + "."
    if f.compartments:
        boxes = []
        for c in f.compartments:
            later, base = contrast_visits(cfg, c.contrast)
            # each exclusion and each sample missing at another visit with its reason, as the box prints them
            # (session 27 reader: the alt text gave the counts only)
            excluded = _reasons(reasons_said(excluded_after_follow_up(results, c.not_analysed))) or "none"
            elsewhere = _reasons(missing_elsewhere(results, c))
            boxes.append(f"{compartment_name(cfg, c.compartment)} {count(c.analysed)} ({visit_label(cfg, later)} vs "
                         f"{visit_label(cfg, base)}; not analysed: {excluded}"
                         + (f"; sample missing at another visit: {elsewhere}" if elsewhere else "") + ")")
        text += f" Analysed: {'; '.join(boxes)}."
    else:
        text += f" Analysed for the primary outcome: {count(f.analysed)}."
    if f.analysed_series:
        text += f" Primary endpoint {primary_series_words(f)}: {count(f.analysed)} analysed."
    return text


def caption_abbreviations(results: Results, key: str, alt: str | None = None) -> str:
    """``CSF, cerebrospinal fluid; IQR, interquartile range; TNF, tumour necrosis factor.``: the abbreviations figure
    ``key`` prints (the flow diagram's boxes; a trajectory's or forest plot's words, as its alt text gives them, with
    its IQR or CI), spelt out for its caption as every table spells out its own (session 28 readers: the diagram's
    "ALSFRS-R below 24" came before the text defined it; Figures 2 to 4 did not stand alone); "" when none. ``alt``:
    the figure's alt text, when the caller has it already."""
    texts = consort_content(results).texts() if key == "figure1_consort" else [
        alt if alt is not None else alt_text(results, key)]
    extra = ["IQR"] if key.startswith("figure2_") else ["CI"] if key.startswith("figure3_") else []
    text = " ".join([*texts, *extra])
    return abbreviations_note(a for a in ABBREVIATIONS if abbreviation_used(text, a)) or ""


def trajectory_caption_notes(results: Results, analyte: str, compartment: str) -> str:
    """What the lines of a trajectory figure's caption must explain, from its data (session 25 six-visit reader: the
    caption said neither why a line was dotted nor why one stopped at Month 2): ``Dotted lines bridge a visit a
    participant missed. Lines that stop early are of participants without later values.``; "" when neither."""
    s = series_of(results, analyte, compartment)
    out = []
    if missed_visits(results, s):
        out.append("Dotted lines bridge a visit without a value.")
    if math.isfinite(s.ref_low) or math.isfinite(s.ref_high):   # the band _reference_band draws (example reader)
        out.append("The grey band is the laboratory's reference range.")
    early = ending_early(results, s)
    if early:
        out.append("A line that stops early is that of a participant without later values." if early == 1 else
                   "Lines that stop early are those of participants without later values.")
    return " ".join(out)


def trajectory_alt(results: Results, analyte: str, compartment: str) -> str:
    """``Line chart of CSF TNF-α (pg/mL) by month for 15 participants … falls from 9.1 at Month 0 to 7.3 …``."""
    s = series_of(results, analyte, compartment)
    cfg = results.config
    ds = [d for d in series_descriptives(results, s) if math.isfinite(d.median)]
    unit = display_unit(s.unit)
    what = series_title(compartment, s.label) + (f" ({unit})" if unit else "")
    if not ds:
        return f"Line chart of {what} by month: no values."
    dec = series_decimals(results).get((compartment, analyte), 2)
    first, last = ds[0], ds[-1]
    u = f"\u00a0{unit}" if unit else ""
    a, b = number(first.median, dec) + u, number(last.median, dec) + u
    at_first, at_last = visit_label(cfg, first.visit), visit_label(cfg, last.visit)
    if a == b:
        sentence = f"the median is {a} at {at_first} and at {at_last}"
    else:
        sentence = (f"the median {'falls' if last.median < first.median else 'rises'} from {a} at {at_first} "
                    f"to {b} at {at_last}")
    between = [f"{visit_label(cfg, d.visit)} {number(d.median, dec)}" for d in ds[1:-1]]
    if between:
        sentence += f" ({'; '.join(between)})"
    gaps = len(missed_visits(results, s))
    # no apostrophe: pandoc's Word writer curls it, and the picture's description must equal this text (test_docx)
    dotted = (f" A line is dotted across a visit without a value for its participant ({count(gaps)} such "
              f"visit{'' if gaps == 1 else 's'})." if gaps else "")
    return (f"Line chart of {what} by month for {count(first.n)} participants, one line each, with the median "
            f"and interquartile range at each visit; {sentence}.{dotted}")


def forest_alt(results: Results, family: str, compartment: str) -> str:
    """The forest plot's rows: each marker's change as drawn (% of the baseline median) with its CI."""
    cfg = results.config
    later, base = contrast_visits(cfg, forest_contrast(results))
    rows = forest_rows(results, family, compartment)
    items = []
    for r in rows:
        text = f"{r.series.label} {change_text(r)}" if r.estimable else f"{r.series.label} not shown ({r.note})"
        after = "on its unadjusted p (primary endpoint)" if r.on_raw_p else adjustment(cfg).after
        items.append(text + (f", significant {after}" if r.significant else ""))
    return (f"Forest plot of the change from {visit_label(cfg, base)} to {visit_label(cfg, later)} in "
            f"{count(len(rows))} {label_in_text(cfg.family_label(family))} marker{'s' if len(rows) != 1 else ''} in {compartment}, as a percentage of the {visit_label(cfg, base)} "
            f"median with {conf_label(cfg.analysis.conf_level)}: {'; '.join(items)}.")


def alt_text(results: Results, key: str) -> str:
    """The alt text of figure ``key`` (a key of :func:`alsreport.present.figures.build_figures`); "" if unknown."""
    from alsreport.present.figures import changed_series, forest_panels, slug

    if key == "figure1_consort":
        return consort_alt(results)
    if key == "figure2_trajectories" and results.primary is not None:
        return trajectory_alt(results, results.primary.analyte, results.primary.compartment)
    for s in changed_series(results):
        if key == f"figure2_trajectories_{slug(s.compartment, s.analyte)}":
            return trajectory_alt(results, s.analyte, s.compartment)
    panels = forest_panels(results)
    if key in panels:
        return forest_alt(results, *panels[key])
    return ""

