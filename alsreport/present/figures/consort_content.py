"""What Figure 1's boxes say: the CONSORT flow of :class:`~alsreport.results.model.ConsortFlow` as boxes of lines.

:mod:`~alsreport.present.figures.consort` measures, wraps, places and draws them; the alt text
(:mod:`~alsreport.present.figures.alt_text`) reads the same counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from alsreport.results.model import CompartmentFlow, ConsortFlow, Discontinuation, ReasonCount, Results
from alsreport.present.population import (after_last_infusion, enrolled_word, enrolment_word, primary_series_words,
                                          infusion_words, stopped_when)
from alsreport.present.format import compartment_name, contrast_visits, count, label_in_text, n_eq, table_visit_label, visit_label
from alsreport.present.prose.delivery import partly_missed, route_counts, routes_given
from alsreport.present.prose.words import join_words
from alsreport.present.missing_elsewhere import excluded_after_follow_up, missing_elsewhere, reasons_said
from alsreport.present.reason_groups import by_eligibility, eligibility_heading, group_reasons

__all__ = ["PHASES", "Line", "BoxSpec", "Gap", "Row", "ConsortContent", "consort_content"]

#: The side bands. One arm allocates nobody: the second band is the intervention (CONSORT's "Allocation"
#: band is for randomised arms), for every design (reader 6's item 10).
PHASES = ("Enrolment", "Intervention", "Follow-up", "Analysis")

@dataclass(frozen=True)
class Line:
    """One paragraph of a box (wrapped to the box width when drawn)."""

    text: str
    bold: bool = False
    bullet: bool = False
    section_start: bool = False
    """Starts a new section of a side box (a little extra space above)."""


@dataclass(frozen=True)
class BoxSpec:
    name: str
    """Unique, without ``-`` (used in gids)."""
    kind: Literal["main", "side", "analysis"]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Gap:
    """The space between two main boxes, optionally with a side box (and its branch arrow)."""

    name: str
    side: BoxSpec | None = None


@dataclass(frozen=True)
class Row:
    """Boxes side by side under the main column (one per compartment in the analysis phase), reached by a fork."""

    name: str
    boxes: tuple[BoxSpec, ...]


@dataclass(frozen=True)
class ConsortContent:
    """The diagram top to bottom: main boxes and the gaps between them, each in a phase."""

    elements: tuple[tuple[str, BoxSpec | Gap | Row], ...]
    """(phase, element) in drawing order; main boxes and gaps alternate, starting with a box; a row of
    boxes may end the diagram."""

    def boxes(self) -> list[BoxSpec]:
        out: list[BoxSpec] = []
        for _, el in self.elements:
            if isinstance(el, BoxSpec):
                out.append(el)
            elif isinstance(el, Row):
                out.extend(el.boxes)
            elif el.side is not None:
                out.append(el.side)
        return out

    def texts(self) -> list[str]:
        """Every paragraph of every box (for tests and captions)."""
        return [line.text for b in self.boxes() for line in b.lines]


def _reason_lines(reasons: Sequence[ReasonCount | Discontinuation], *, by_count: bool = False) -> list[Line]:
    """One bullet per reason; reasons differing only in a bracketed detail under one heading with the details
    (``Did not meet inclusion criteria (n = 3): ALSFRS-R below 24 (n = 2); …``), never ``… (detail) (n = 2)``;
    ``by_count``: larger groups first, as §3.1 lists the reasons."""
    out = []
    for g in group_reasons(((r.reason, r.n) for r in reasons), by_count=by_count):
        details = [f"{d} {n_eq(n)}" for d, n in g.parts if d is not None]
        if len(g.parts) == 1 and details:
            out.append(Line(f"{g.head}: {details[0]}", bullet=True))
        elif details:
            out.append(Line(f"{g.head} {n_eq(g.n)}: {'; '.join(details)}", bullet=True))
        else:
            out.append(Line(f"{g.head} {n_eq(g.n)}", bullet=True))
    return out


def _route_missed_lines(routes_given: list[tuple[str, int, tuple]], infusion_no: int) -> list[Line]:
    """Doses missed by one route while another was given (a participant still received the infusion): ``IT dose of
    infusion 3 not given`` (session 27 reader: "IT dose not given" above infusion 3's box named no infusion)."""
    if len(routes_given) < 2:
        return []
    out: list[Line] = []
    for route, _, missed in partly_missed(routes_given):
        n_missed = sum(r.n for r in missed)
        if n_missed:
            out += [Line(f"{route} dose of infusion {infusion_no} not given {n_eq(n_missed)}", bold=True,
                         section_start=True),
                    *_reason_lines(missed)]
    return out


def _routes(results: Results, infusion_no: int) -> list[str]:
    routes: list[str] = []
    for e in results.exposure.by_infusion:
        if e.infusion_no == infusion_no and e.n_given > 0 and e.route not in routes:
            routes.append(e.route)
    return routes


def _after(a: int) -> str:
    if a <= 0:
        return "before the first infusion"
    return f"after {a} infusion{'s' if a != 1 else ''}"


_Element = tuple[str, "BoxSpec | Gap | Row"]


def consort_content(results: Results, *, intervention: str | None = None) -> ConsortContent:
    """The boxes of the flow diagram and what they say, from ``results.flow`` (no drawing).

    ``intervention`` names the arm in the allocation box's second line ("BM-MSC"); by default the box
    names it as the Methods' schedule does: "3 planned infusions, IV and IT".
    """
    flow: ConsortFlow = results.flow
    by_after: dict[int, list[Discontinuation]] = {}
    for d in flow.discontinued:
        by_after.setdefault(min(max(d.after_infusion, 0), len(flow.infusions)), []).append(d)
    arm = " ".join(intervention.split()) if intervention and intervention.strip() else _schedule(results)
    return ConsortContent(tuple(_enrolment(results, arm)
                                + _infusions(results, by_after)
                                + _follow_up_and_analysis(results, by_after)))


def _schedule(results: Results) -> str:
    """``3 planned infusions, IV and IT`` (``One planned infusion, IT``): the arm as the Methods name it."""
    planned = len({i.infusion_no for i in results.exposure.by_infusion if i.n_planned})
    if not planned:
        return "the intervention"
    # a line of its own in the box, capitalised (session 36 reviewer: "one planned infusion, IV")
    what = "One planned infusion" if planned == 1 else f"{planned} planned infusions"
    routes = routes_given(results)
    return f"{what}, {join_words(routes)}" if routes else what


def _enrolment(results: Results, arm: str) -> list[_Element]:
    _, alloc, _, _ = PHASES
    enrol = enrolment_word(results.config)
    flow = results.flow
    lines = [Line(f"Excluded {n_eq(flow.excluded)}", bold=True)]
    for eligible, reasons in by_eligibility(flow.excluded_reasons):
        if eligible is not None:  # "Not eligible (n = 4)", then its reasons (session 32 reviewer)
            heading = eligibility_heading(eligible, enrolled_word(results.config))
            lines.append(Line(f"{heading} {n_eq(sum(r.n for r in reasons))}", section_start=True))
        lines += _reason_lines(reasons, by_count=True)
    excluded = BoxSpec("excluded", "side", tuple(lines))
    # A retrospective study includes people from records (nobody was enrolled); one arm: nobody was allocated.
    included = enrolled_word(results.config, capital=True)
    return [
        (enrol, BoxSpec("assessed", "main", (Line(f"Assessed for eligibility {n_eq(flow.assessed)}"),))),
        (enrol, Gap("gapexcluded", excluded)),
        (enrol, BoxSpec("enrolled", "main", (Line(f"{included} {n_eq(flow.enrolled)}"),))),
        (alloc, Gap("gapallocation")),
        # one wording for every design: a single arm allocates nobody, prospective or retrospective
        (alloc, BoxSpec("allocated", "main", (Line(f"Intervention {n_eq(flow.enrolled)}"), Line(arm)))),
    ]


def _discontinued_section(by_after: dict[int, list[Discontinuation]], a: int, last: int) -> list[Line]:
    """The "Discontinued after infusion a" section of a side box (empty when nobody did); "Did not complete
    follow-up" after the ``last`` infusion."""
    ds = by_after.get(a, [])
    if not ds:
        return []
    # after the last infusion there is no treatment left to stop: they left follow-up (session 26 six-visit reader:
    # "Discontinued after 3 infusions" for a participant who had every infusion and then died)
    what = "Did not complete follow-up" if after_last_infusion(a, last) else f"Discontinued {_after(a)}"
    head = Line(f"{what} {n_eq(sum(d.n for d in ds))}", bold=True, section_start=True)
    return [head, *_reason_lines(ds)]


def _infusions(results: Results, by_after: dict[int, list[Discontinuation]]) -> list[_Element]:
    """Per infusion: a side box (not received, a route's dose missed, discontinued) and the main box (received)."""
    _, alloc, _, _ = PHASES
    cfg = results.config
    el: list[_Element] = []
    n_stages = len(results.flow.infusions)
    for k, stage in enumerate(results.flow.infusions):
        lines: list[Line] = []
        if stage.not_received:
            n_lost = sum(r.n for r in stage.not_received)
            lines += [Line(f"Did not receive {infusion_words(stage.infusion_no, n_stages)} {n_eq(n_lost)}", bold=True,
                           section_start=True), *_reason_lines(stage.not_received)]
        routes_given = route_counts(results, stage.infusion_no)
        lines += _route_missed_lines(routes_given, stage.infusion_no)
        lines += _discontinued_section(by_after, k, len(results.flow.infusions))
        side = BoxSpec(f"lost{stage.infusion_no}", "side", tuple(_first(lines))) if lines else None
        el.append((alloc, Gap(f"gapinfusion{stage.infusion_no}", side)))
        routes = _routes(results, stage.infusion_no)
        how = f" ({' + '.join(routes)})" if routes and len(routes_given) < 2 else ""
        when = f" at {visit_label(cfg, stage.visit)}" if stage.visit else ""
        box = [Line(f"Received {infusion_words(stage.infusion_no, n_stages)}{how}{when} {n_eq(stage.n_received)}")]
        if len(routes_given) > 1:
            box.append(Line(", ".join(f"{route} {count(n)}" for route, n, _ in routes_given)))
        if stage.resumed:
            n_back = len(stage.resumed)
            box.append(Line(f"including {count(n_back)} who had missed an earlier infusion"))
        el.append((alloc, BoxSpec(f"infusion{stage.infusion_no}", "main", tuple(box))))
    return el


def _follow_up_and_analysis(results: Results, by_after: dict[int, list[Discontinuation]]) -> list[_Element]:
    _, _, follow, analysis = PHASES
    flow, cfg = results.flow, results.config
    n_stages = len(flow.infusions)
    el: list[_Element] = []
    final = _discontinued_section(by_after, n_stages, n_stages)
    if not final:
        # CONSORT's follow-up boxes: lost to follow-up and discontinued (session 28 readers: no "Lost to follow-up");
        # nobody discontinued: said once, not a zero box per stage. Who left during the intervention is counted in
        # its band, so this box counts the follow-up after the last infusion, saying so: an empty band read as
        # missing (session 35 DSMB reader #23, the withdrawn study beside the example's "(n = 0)")
        when = f" {stopped_when(n_stages, n_stages)}" if flow.discontinued and n_stages else ""
        final = [Line(f"Discontinued or lost to follow-up{when} {n_eq(0)}", bold=True)]
    side = BoxSpec("discontinued", "side", tuple(_first(final))) if final else None
    el.append((follow, Gap("gapfollowup", side)))
    last_visit = cfg.visits[-1].label
    el.append((follow, BoxSpec("completed", "main",
                               (Line(f"Completed follow-up to {last_visit} {n_eq(flow.completed)}"),))))

    if flow.compartments:
        el.append((analysis, Gap("gapanalysis")))
        el.append((analysis, Row("analysed", tuple(_compartment_box(results, k, c)
                                                   for k, c in enumerate(flow.compartments, start=1)))))
        return el
    n_out = sum(r.n for r in flow.not_analysed)
    not_analysed = BoxSpec("notanalysed", "side", (Line(f"Excluded from analysis {n_eq(n_out)}", bold=True),
                                                    *_reason_lines(reasons_said(flow.not_analysed))))
    el.append((analysis, Gap("gapanalysis", not_analysed)))
    lines = [Line(f"Analysed for the primary outcome {n_eq(flow.analysed)}")]
    what = _primary_what(results)
    if what:
        lines.append(Line(what))
    el.append((analysis, BoxSpec("analysed", "main", tuple(lines))))
    return el


def _primary_what(results: Results) -> str:
    """``CSF TNF-α, Month 3 vs Month 0``: the primary endpoint's series and contrast."""
    flow, cfg = results.flow, results.config
    later, base = contrast_visits(cfg, flow.analysed_contrast) if flow.analysed_contrast else ("", "")
    what = primary_series_words(flow)
    if later and base:
        what = f"{what}, {visit_label(cfg, later)} vs {visit_label(cfg, base)}"
    return what


def _compartment_box(results: Results, k: int, c: CompartmentFlow) -> BoxSpec:
    """CONSORT's analysis box for one compartment: analysed at the primary visit, excluded with reasons."""
    flow, cfg = results.flow, results.config
    later, base = contrast_visits(cfg, c.contrast)
    excluded = excluded_after_follow_up(results, c.not_analysed)   # not those the follow-up box counts
    # "CSF analysed (n = 15)": no colon after the compartment (issue #10: in bold at low resolution "CSF:" read as "CSFı")
    lines = [Line(f"{compartment_name(cfg, c.compartment)} analysed {n_eq(c.analysed)}", bold=True),
             Line(f"samples at {table_visit_label(cfg, base)} and {table_visit_label(cfg, later)}"),
             # "Not analysed", CONSORT's word for who completed follow-up but is not in the analysis: a sample
             # missing at the primary visit was "Excluded" (session 30 reviewer), as if a decision
             Line(f"Not analysed {n_eq(sum(r.n for r in excluded))}", section_start=True),
             *_reason_lines([_capitalised(r) for r in reasons_said(excluded)])]
    elsewhere = missing_elsewhere(results, c)
    if elsewhere:
        # the samples missing at the other visits (their tests have fewer pairs; Table S1 gives n at each visit):
        # session 27 readers, "CSF Excluded (n = 0)" while CSF was missing at Months 1 and 2
        lines += [Line(f"Sample missing at another visit {n_eq(sum(r.n for r in elsewhere))}", section_start=True),
                  *_reason_lines(elsewhere)]
    if c.below_lod_excluded:
        lines += [Line("Below the LOD, left out of the analyte's test:", section_start=True),
                  *_reason_lines(c.below_lod_excluded)]
    if flow.analysed_compartment == c.compartment and flow.analysed_series:
        analyte = label_in_text(flow.analysed_series.removeprefix(f"{c.compartment} "))
        lines.append(Line(f"Primary endpoint, {analyte} {n_eq(flow.analysed)}", section_start=True))
        shown = {p for r in c.not_analysed for p in r.participants}
        primary_out = reasons_said(excluded_after_follow_up(results, flow.not_analysed))
        lines += _reason_lines([_capitalised(r) for r in primary_out if not set(r.participants) <= shown])
    return BoxSpec(f"analysed{k}", "analysis", tuple(lines))


def _capitalised(r: ReasonCount) -> ReasonCount:
    return ReasonCount(r.reason[:1].upper() + r.reason[1:], r.n, r.participants)


def _first(lines: list[Line]) -> list[Line]:
    """No extra space above the first section of a box."""
    if lines and lines[0].section_start:
        lines = [Line(lines[0].text, lines[0].bold, lines[0].bullet, False), *lines[1:]]
    return lines
