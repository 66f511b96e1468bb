"""Results sentences: participant flow, baseline, exposure and the biomarker changes.

Wording rules (see ``tests/test_narrative.py``):

* a biomarker "changed" when its adjusted p-value (``analysis.adjust``: Holm by
  default, Benjamini–Hochberg, or none; within family and compartment, at the final
  contrast) is below ``analysis.alpha`` — the rule the biomarker tables mark with an asterisk;
* "no other parameter changed significantly" is written only when it is true;
  series with an unadjusted p below alpha that do not survive adjustment are
  named as such;
* the primary endpoint is always reported, significant or not.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from alsreport.present.format import (NBSP, contrast_visits, contrast_words, count, iqr, number, p_phrase, percent,
                                      unit_in_text, visit_label)
from alsreport.present.prose.lookups import (
    Change,
    characteristic,
    final_wilcoxon,
    earlier_changes,
    nominal_only,
    primary_adjustment,
    primary_change,
    secondary_changes,
    series_name,
    tested,
)
from alsreport.present.adjustment import adjustment
from alsreport.present.population import after_last_infusion, primary_series_words, received_counts, stopped_when
from alsreport.present.prose.delivery import (
    delivery_sentence,
    enrolled_word,
    missed_route_doses,
    missing_samples_sentence,
    routes_given,
)
from alsreport.present.prose.markdown import md_escape
from alsreport.present.supplement_numbers import supplement_refs
from alsreport.present.reason_groups import by_eligibility, group_reasons
from alsreport.present.prose.words import (cap, counted, counted_opening, inner_brackets, join_words, lower_first, number_word, plural,
                                          reason_after_count, term_in_text, visits_words)
from alsreport.results.model import Comparison, Discontinuation, ReasonCount, Results
from alsreport.study.config import StudyConfig

__all__ = [
    "change_sentence",
    "biomarker_results",
    "primary_sentence",
    "participant_flow",
    "baseline_sentence",
    "exposure_sentence",
    "first_named",
]


def _adjusted_words(results: Results, c: Comparison, judged_by: str | None) -> str:
    """``, Holm-adjusted p = 0.007`` for the p-value ``judged_by`` names (``"adjusted"``: the study's
    ``analysis.adjust``), or nothing when the test is judged on its unadjusted p."""
    if judged_by is None:
        return ""
    adj = adjustment(results.config)
    if judged_by == "adjusted" and not adj.any:
        return ""
    word, p = ("Holm-adjusted", c.p_holm) if judged_by == "holm" else (adj.adjusted, results.adjusted_p(c))
    return f", {word} {p_phrase(p)}" if math.isfinite(p) else ""


def change_sentence(results: Results, ch: Change, *, subject: str | None = None,
                    judged_by: str | None = "adjusted") -> str:
    """``CSF TNF-α decreased from a median of 9.06 pg/mL at Month 0 to 7.12 pg/mL at Month 3
    (Hodges–Lehmann estimate of the change −1.91 pg/mL, 95% CI −2.51 to −1.11; p = 0.001,
    Holm-adjusted p = 0.007).`` ``judged_by``: the p-value that decides "significantly"
    (``"adjusted"``: ``analysis.adjust``'s; ``"holm"``; ``None``: the unadjusted p)."""
    c = ch.comparison
    d = ch.decimals
    shown_unit = md_escape(unit_in_text(c.unit))
    u = f"{NBSP}{shown_unit}" if shown_unit else ""
    later, base = contrast_visits(results.config, c.contrast)
    name = subject or md_escape(series_name(results, c.compartment, c.analyte, c.label))
    verb = ch.direction if results.is_significant(c, judged_by) else "changed"
    parts: list[str] = []
    # each visit's median is of everyone sampled at it: when they are not the same participants, the sentence says how
    # many each is of (session 27 six-visit reader: "from 19.8 at Month 0", of 12, beside an estimate from 11 pairs)
    of = ""
    if ch.baseline is not None and ch.final is not None and ch.baseline.n != ch.final.n:
        of = f" of {count(ch.baseline.n)} and {count(ch.final.n)} participants"
    if verb == "changed" and not results.is_significant(c, judged_by):
        head = (f"{name} did not change significantly from {md_escape(visit_label(results.config, base))} to "
                f"{md_escape(visit_label(results.config, later))}")
        if ch.baseline is not None and ch.final is not None:
            parts.append(f"medians {number(ch.baseline.median, d)}{u} and {number(ch.final.median, d)}{u}{of}")
    else:
        head = f"{name} {verb}"
        if ch.baseline is not None and ch.final is not None:
            head += (f" from a median of {number(ch.baseline.median, d)}{u} at "
                     f"{md_escape(visit_label(results.config, base))} to {number(ch.final.median, d)}{u} at "
                     f"{md_escape(visit_label(results.config, later))}")
            if of:
                parts.append(f"medians{of}")
    if math.isfinite(c.estimate):
        est = f"Hodges–Lehmann estimate of the change {number(c.estimate, d)}{u}"
        if c.ci is not None and math.isfinite(c.ci.low) and math.isfinite(c.ci.high):
            est += f", {c.ci.level * 100:g}%{NBSP}CI {number(c.ci.low, d)} to {number(c.ci.high, d)}"
        parts.append(est)
    parts.append(p_phrase(c.pvalue) + _adjusted_words(results, c, judged_by))
    return cap(f"{head} ({'; '.join(parts)}).")


def primary_sentence(results: Results, prim: Change) -> str:
    """The primary endpoint's result, judged as ``analysis.primary.adjust`` says (unadjusted by default)."""
    return change_sentence(results, prim, judged_by=primary_adjustment(results))


def _series_count(n: int) -> str:
    return "the other series" if n == 1 else f"the other {n} series"


def _secondary_final(results: Results, later_l: str, max_listed: int, brief: bool = False) -> list[str]:
    """Secondary endpoints at the final visit: what changed, and whether anything else did; in the abstract
    (``brief``) more than ``max_listed`` changes summarised (:func:`_changes_summary`)."""
    alpha = results.config.analysis.alpha
    prim = results.primary
    tested_ = [c for c in tested(results) if c is not prim]
    if not tested_:
        return []
    sig = secondary_changes(results)
    nominal = [ch for ch in nominal_only(results) if ch.comparison is not prim]
    out: list[str] = []
    if sig and brief and len(sig) > max_listed:
        groups = {md_escape(series_name(results, ch.comparison.compartment, ch.comparison.analyte,
                                        ch.comparison.label)): [ch] for ch in sig}
        out.append(f"Among the secondary endpoints (exploratory), {_changes_summary(results, groups, later_l)}.")
    elif sig:
        out.append(f"Among the secondary endpoints (exploratory) at {later_l}, "
                   + lower_first(change_sentence(results, sig[0])))
        out.extend(change_sentence(results, ch) for ch in sig[1:max_listed])
        if len(sig) > max_listed:
            more = len(sig) - max_listed   # "A further 8 series", no numeral first (session 33 tester)
            further = "One further series" if more == 1 else f"A further {plural(more, 'series', 'series')}"
            out.append(f"{further} changed "
                       f"significantly at {later_l} (see the biomarker tables).")
    others = len(tested_) - len(sig)
    if others > 0:
        lead = "No other secondary endpoint" if sig else "No secondary endpoint"
        if nominal:
            out.append(f"{lead} changed significantly at {later_l} {adjustment(results.config).after}; "
                       + _nominal_clause(results, nominal) + ".")
        else:
            if sig:
                scope = f" for {_series_count(others)}"
            else:
                # "secondary": the primary's series is not among them (session 27 reader: "all 30 series" beside the
                # Limitations' "31 biomarker series")
                scope = {1: "", 2: " for both secondary series"}.get(others, f" for all {others} secondary series")
            out.append(f"{lead} changed significantly at {later_l} "
                       f"({adjustment(results.config).adjusted} p{NBSP}≥{NBSP}{alpha:g}{scope}).")
    return out


#: The abstract names up to this many series that changed at a visit one by one; more are summarised
#: (:func:`_changes_summary`; session 33 tester: a 2,000-participant study's abstract ran to 640 words, listing all
#: 12 series that changed at Month 3).
ABSTRACT_LISTED = 3


def first_named(best: dict[str, float]) -> list[str]:
    """The names of ``best`` (name -> its smallest adjusted p), as given when at most :data:`ABSTRACT_LISTED`; else
    the :data:`ABSTRACT_LISTED` with the smallest p (ties in the given order), then ``9 other series``: how the
    abstract and the Discussion name many series that changed."""
    if len(best) <= ABSTRACT_LISTED:
        return list(best)
    ranked = sorted(best, key=best.get)   # stable: equal p-values keep the given order
    return ranked[:ABSTRACT_LISTED] + [counted(len(best) - ABSTRACT_LISTED, "other series", "other series")]


def _changes_summary(results: Results, groups: dict[str, list[Change]], when: str) -> str:
    """``12 series decreased significantly at Month 3 (Holm-adjusted p = 0.003 or less): CSF pNfH, CSF CRP, serum
    TNF-alpha, and 9 other series``: how many series changed at ``when``, the adjusted p-values' bound and the
    :data:`ABSTRACT_LISTED` with the smallest adjusted p-values by name (ties in the tables' order); ``groups``:
    each series' name (markdown) -> its changes."""
    adj = adjustment(results.config)
    best = {name: min(results.adjusted_p(ch.comparison) for ch in found) for name, found in groups.items()}
    dirs = {ch.direction for found in groups.values() for ch in found}
    verb = dirs.pop() if len(dirs) == 1 else "changed"
    phrases = {p_phrase(results.adjusted_p(ch.comparison)) for found in groups.values() for ch in found}
    largest = p_phrase(max(results.adjusted_p(ch.comparison) for found in groups.values() for ch in found))
    bound = f"{largest} for each" if len(phrases) == 1 else f"{largest} or less"
    return (f"{counted(len(groups), 'series', 'series')} {verb} significantly at {when} "
            f"({adj.adjusted + ' ' if adj.any else ''}{bound}): {join_words(first_named(best))}")


def earlier_by_series(results: Results, earlier: Sequence[Change]) -> dict[str, list[tuple[Change, str]]]:
    """The earlier visits' changes by series, in their order: the series' name (markdown) -> (change, its visit's label
    in markdown); the Results and the Discussion name them so."""
    cfg = results.config
    grouped: dict[tuple[str, str], list[tuple[Change, str]]] = {}
    for ch in earlier:
        c = ch.comparison
        grouped.setdefault((c.compartment, c.analyte), []).append(
            (ch, md_escape(visit_label(cfg, contrast_visits(cfg, c.contrast)[0]))))
    return {md_escape(series_name(results, comp, analyte, found[0][0].comparison.label)): found
            for (comp, analyte), found in grouped.items()}

def _no_earlier_change(cfg: StudyConfig, visits: str) -> str:
    """``In exploratory comparisons, no series changed significantly from Month 0 to any earlier visit (Month 1 or
    Month 2; Holm-adjusted p ≥ 0.05).``: the body's and the abstract's sentence, ``visits`` as each words them."""
    return (f"In exploratory comparisons, no series changed significantly from {md_escape(cfg.baseline.label)} "
            f"to any earlier visit ({visits}; {adjustment(cfg).adjusted} p{NBSP}≥{NBSP}{cfg.analysis.alpha:g}).")


def _earlier_visits(results: Results) -> str:
    """Changes to the visits before the final one (each prespecified as a secondary endpoint)."""
    cfg = results.config
    if len(cfg.contrasts) < 2:
        return ""
    earlier = earlier_changes(results)
    labels = [md_escape(visit_label(cfg, contrast_visits(cfg, c)[0])) for c in cfg.contrasts[:-1]]
    if not earlier:
        return _no_earlier_change(cfg, join_words(labels, "or"))
    items = []
    for name, found in earlier_by_series(results, earlier).items():
        dirs = {ch.direction for ch, _ in found}
        verb = dirs.pop() if len(dirs) == 1 else "changed"
        adj = adjustment(cfg).adjusted
        at = join_words([f"{when} ({adj} {p_phrase(results.adjusted_p(ch.comparison))})" for ch, when in found])
        items.append(f"{name} {verb} at {at}")
    # each visit named once (readers 10a/10b: "At the earlier visits (Month 1 and Month 2), CSF glucose decreased at
    # Month 1 ..." named them twice); what the earlier visits were is the negative clause's
    final = md_escape(visit_label(cfg, contrast_visits(cfg, cfg.final_contrast)[0]))
    return (f"Before {final}, {join_words(items)}; no other series changed significantly {adjustment(cfg).after} "
            f"at an earlier visit ({join_words(labels)}). All changes to every visit are listed in "
            f"{supplement_refs(results)['supplementary_s1']}.")


def biomarker_results(results: Results, *, max_listed: int = 6, brief: bool = False) -> str:
    """The biomarker results: the primary endpoint first, then the secondary endpoints at the final
    visit and at the earlier visits, each claim scoped to the visit it was tested at. ``brief`` (the abstract):
    without the primary endpoint (the abstract says it with the number analysed) and the earlier visits' changes
    as :func:`_earlier_visits_brief` says them."""
    cfg = results.config
    later, _ = contrast_visits(results.config, cfg.final_contrast)
    later_l = md_escape(visit_label(results.config, later))
    out: list[str] = []
    prim = primary_change(results)
    if prim is not None and not brief:
        out.append("For the primary endpoint, " + lower_first(primary_sentence(results, prim)))
    out.extend(_secondary_final(results, later_l, max_listed, brief))
    if not tested(results):
        out.append(f"No biomarker change to {later_l} could be tested (too few complete pairs).")
    earlier = _earlier_visits_brief(results) if brief else _earlier_visits(results)
    if earlier:
        out.append(earlier)
    untested = [c for c in final_wilcoxon(results) if not math.isfinite(c.pvalue)]
    if untested:
        items = [f"{md_escape(series_name(results, c.compartment, c.analyte, c.label))}"
                 + (f" ({md_escape(c.reason)})" if c.reason else "") for c in untested]
        out.append(f"The change of {join_words(items)} could not be tested.")
    return " ".join(out)


def _nominal_clause(results: Results, nominal: Sequence[Change]) -> str:
    names = [md_escape(series_name(results, ch.comparison.compartment, ch.comparison.analyte, ch.comparison.label))
             + f" ({p_phrase(ch.comparison.pvalue)} unadjusted, {adjustment(results.config).adjusted} "
               f"{p_phrase(results.adjusted_p(ch.comparison))})"
             for ch in nominal]
    verb = "was" if len(names) == 1 else "were"
    return f"{join_words(names)} {verb} nominally significant only"


def _why_stopped(results: Results, d: Discontinuation) -> str:
    """``died: respiratory failure, a fatal adverse event`` when every participant of ``d`` died (``flow.died``) of a
    recorded fatal event (CONSORT Harms: withdrawals due to harms; session 32 reviewer: "(died)" did not say of
    what), the terms in the listings' order; else the reason as recorded."""
    died = set(d.participants) & set(results.flow.died)
    terms = list(dict.fromkeys(term_in_text(e.term) for e in results.safety.deaths if e.participant_id in died))
    if not terms or len(died) != d.n:
        return md_escape(inner_brackets(lower_first(d.reason)))
    events = "a fatal adverse event" if len(terms) == 1 else "fatal adverse events"
    return f"died: {md_escape(join_words(terms))}, {events}"


def _discontinued_sentence(results: Results) -> str:
    """``One participant discontinued after infusion 1 (withdrew consent).``; after the last infusion ``One
    participant did not complete follow-up after the last infusion (died: respiratory failure, a fatal adverse
    event).`` (session 26 six-visit reader: "discontinued after infusion 3" for a participant who had every infusion,
    then died); several: ``In all, 3 participants left the study: 1 after infusion 1 (…), 2 after the last infusion
    (…).``"""
    discontinued, n_infusions = results.flow.discontinued, len(results.flow.infusions)
    total = sum(d.n for d in discontinued)
    if len(discontinued) == 1:   # one time and reason: "Two participants discontinued after infusion 1 (…)."
        d = discontinued[0]       # (session 34 reviewer: "In all, 2 participants left the study: 2 after infusion 1")
        verb = "did not complete follow-up" if after_last_infusion(d.after_infusion, n_infusions) else "discontinued"
        who = counted_opening(total, "participant")
        return f"{who} {verb} {stopped_when(d.after_infusion, n_infusions)} ({_why_stopped(results, d)})."
    parts = [f"{d.n} {stopped_when(d.after_infusion, n_infusions)} ({_why_stopped(results, d)})"
             for d in discontinued]
    return f"In all, {total} participants left the study: {join_words(parts)}."


def _grouped_reasons(reasons) -> list[str]:
    """``2 declined the treatment``, ``3 did not meet inclusion criteria (ALSFRS-R below 24, n = 2; forced vital
    capacity below 50%, n = 1)``, ``1 was not included because of contraindication to lumbar puncture``: reasons that differ only in their bracketed detail are
    counted together (:mod:`alsreport.present.reason_groups`), larger counts first, ties in the data's order."""
    out = []
    for g in group_reasons((r.reason, r.n) for r in reasons):
        text = f"{count(g.n)} {md_escape(reason_after_count(lower_first(g.head), g.n))}"
        details = g.counted_details()
        if details:
            text += " " + md_escape(f"({details})")   # escaped brackets: no link or span
        out.append(text)
    return out


def _reasons_clause(reasons: Sequence[ReasonCount], total: int, listed: Callable[[list[str]], str]) -> str:
    """`` (declined the treatment)`` when one reason without a detail covers all ``total``, else ``: 3 did not meet
    inclusion criteria (…); 2 declined the treatment`` (the reasons joined by ``listed``): the count before its reason,
    not "did not meet inclusion criteria, 1" (issue #10, session 25 reader)."""
    groups = _grouped_reasons(reasons)
    if len(groups) == 1 and sum(r.n for r in reasons) == total:
        # one reason for all: no count to repeat (session 27 six-visit reader: "1 was not enrolled (1 did not meet
        # inclusion criteria)")
        groups = [groups[0].split(" ", 1)[1]]
    # one reason without detail in brackets ("and 1 was not (did not meet inclusion criteria)"), else a list
    return f" ({groups[0]})" if len(groups) == 1 and "\\(" not in groups[0] else ": " + listed(groups)


def participant_flow(results: Results, *, samples: bool = True, reasons_at: str | None = None) -> str:
    """``Of 21 people assessed for eligibility, 6 were excluded … 15 were analysed for the primary endpoint.``, then
    (``samples``) the missing samples' sentence. ``reasons_at``: a cross-reference where the reasons of those not
    included are listed (the safety report's own list), said instead of the reasons."""
    f = results.flow
    word = enrolled_word(results)
    # those included first, then those not with their reasons after a colon, so that a reason's own detail takes
    # round brackets: "(ALSFRS-R below 24, n = 2; …)" inside "(…)" had square ones, where an abbreviation is never
    # defined (session 28 reader: ALSFRS-R was used in §3.1 before §3.2 defined it)
    head = f"Of {plural(f.assessed, 'person', 'people')} assessed for eligibility, "
    if not f.excluded:
        out = [head + (f"the one was {word}." if f.enrolled == 1 else f"{'both' if f.enrolled == 2 else f'all {count(f.enrolled)}'} were {word}.")]
    else:
        out = [head + f"{count(f.enrolled)} {'was' if f.enrolled == 1 else 'were'} {word} and {count(f.excluded)} "
               f"{'was' if f.excluded == 1 else 'were'} not"]
        parts = by_eligibility(f.excluded_reasons)
        if reasons_at and f.excluded_reasons:
            out[-1] += f" (reasons in {reasons_at})"
        elif len(parts) == 2:
            # those not eligible apart from the eligible who were not included, as the flow diagram's box (session 32
            # reviewer: a contraindication recorded as eligible = no read as a third kind of exclusion)
            out[-1] += f". Of these {count(f.excluded)}, " + "; ".join(
                f"{count(n)} {'was' if n == 1 else 'were'} {'eligible but not ' + word if eligible else 'not eligible'}"
                + _reasons_clause(reasons, n, join_words)
                for eligible, reasons in parts for n in [sum(r.n for r in reasons)])
        elif f.excluded_reasons:
            out[-1] += _reasons_clause(f.excluded_reasons, f.excluded, "; ".join)
        out[-1] += "."
    if f.infusions:
        out.append(delivery_sentence(results))
    if f.discontinued:
        out.append(_discontinued_sentence(results))
    else:
        out.append("No participant discontinued.")
    # who was not analysed in the same sentence, with the reason (session 30 reviewer: "Not analysed: died before
    # Month 12 (1)." was a fragment repeating the sentence before it)
    missed = sum(r.n for r in f.not_analysed)
    why = (md_escape(f.not_analysed[0].reason) if len(f.not_analysed) == 1
           else "; ".join(f"{count(r.n)} {md_escape(r.reason)}" for r in f.not_analysed))
    not_analysed = f"; {count(missed)} {'was' if missed == 1 else 'were'} not ({why})" if missed else ""
    out.append(f"Follow-up was completed by {plural(f.completed, 'participant')}, and "
               f"{count(f.analysed)} {'was' if f.analysed == 1 else 'were'} analysed for the primary endpoint "
               f"({md_escape(primary_series_words(f))}, {md_escape(contrast_words(results.config, f.analysed_contrast))})"
               f"{not_analysed}.")
    if samples:
        out.append(missing_samples_sentence(results))
    return " ".join(out)


def baseline_sentence(results: Results) -> str:
    """Age, sex and disease characteristics of the enrolled participants, when the data have them."""
    n = results.flow.enrolled
    parts = [f"The {enrolled_word(results)} participant" if n == 1 else f"The {count(n)} {enrolled_word(results)} participants"]
    bits: list[str] = []
    age = characteristic(results, "age_years")
    if age is not None and math.isfinite(age.mean):
        bits.append(f"had a mean age of {number(age.mean, 1)} years (SD {number(age.sd, 1)})")
    female = characteristic(results, "sex", "female")
    if female is not None and female.count is not None:
        bits.append(f"{count(female.count)} ({percent(female.percent)}) were women")
    alsfrs = characteristic(results, "alsfrs_r_baseline")
    if alsfrs is not None and math.isfinite(alsfrs.median):
        # round brackets in the text, as the SD's ("[interquartile range (IQR) 30.0–38.0]" beside "(standard deviation
        # [SD] 6.3)": session 28 reader); square ones are the tables' "median [IQR]"
        bits.append(f"the median ALSFRS-R score was {number(alsfrs.median, 1)} "
                    f"(IQR {iqr(alsfrs.q1, alsfrs.q3, 1)})")
    if not bits:
        return ""
    return parts[0] + " " + join_words(bits) + "."


def _infusions_received(n: int, planned: int) -> str:
    """``all three planned infusions``, ``both planned infusions``, ``two infusions``, ``one``: how many of the
    ``planned`` infusions a participant received, in words, as "Every participant received all three planned
    infusions" says it (session 36 DSMB reader: "13 received all 3 planned infusions and 2 received one")."""
    if n == 1:
        return "one"
    if n < planned:
        return counted(n, "infusion")
    return "both planned infusions" if n == 2 else f"all {number_word(n)} planned infusions"


def exposure_sentence(results: Results) -> str:
    """Infusions per participant. The doses by route with the reasons for missed doses are said once, in the
    participant flow (:func:`participant_flow`), to which the documents refer; here only when the flow has none."""
    ex = results.exposure
    s = ex.infusions_per_participant
    if not s.n:
        return "No infusion was recorded."
    planned = len({i.infusion_no for i in ex.by_infusion})
    if s.min == s.max == planned:
        text = ("Every participant received the planned infusion" if planned == 1
                else f"Every participant received all {number_word(planned)} planned infusions")
    elif s.min == s.max:   # counts in words, as the doses not given ("one intrathecal dose": session 28 reader)
        text = f"Every participant received {number_word(int(s.min)) if s.min else 'none'} of the {number_word(planned)} planned infusions"
    else:   # how many received how many ("a median of 3 of the 3 planned infusions (range 1–3)": session 34 reviewer)
        parts = [f"{count(k)} received {_infusions_received(n, planned)}" for n, k in received_counts(results)]
        text = f"Of the {plural(s.n, 'participant')}, {join_words(parts)}"
    missed = missed_route_doses(results) if len(routes_given(results)) > 1 else ""
    if missed:   # the doses not given and why are the next sentence's (delivery.doses_reference: session 31); every
        text += (", by at least one route" if s.min != s.max else " by at least one route")   # dose given: no rule
        # to state ("an infusion counts when…": reader 9)
    return text + "." + ("" if results.flow.infusions else " " + delivery_sentence(results))


def _earlier_visits_brief(results: Results) -> str:
    """The abstract's :func:`_earlier_visits`: ``In exploratory comparisons before Month 3, CSF glucose decreased at Month 1 (Holm-adjusted
    p = 0.048) and CSF TNF-α at Month 2 (Holm-adjusted p < 0.001); no other series changed significantly at an
    earlier visit.`` Each series' visits listed once with their p-values (``at Months 1, 2, and 6 (Holm-adjusted
    p < 0.001, p = 0.002, and p = 0.002)``; ``p < 0.001 at both`` when they are equal), a verb said again only
    when it differs, the earlier visits not listed again and no pointer to the supplement (the body's sentence has
    them): the same changes and p-values in fewer words (issue #10: the six-visit abstract ran to 425 words)."""
    cfg = results.config
    if len(cfg.contrasts) < 2:
        return ""
    earlier = earlier_changes(results)
    adj = adjustment(cfg)
    if not earlier:
        labels = [md_escape(visit_label(cfg, contrast_visits(cfg, c)[0])) for c in cfg.contrasts[:-1]]
        return _no_earlier_change(cfg, visits_words(labels, "or"))
    final = md_escape(visit_label(cfg, contrast_visits(cfg, cfg.final_contrast)[0]))
    by_series = earlier_by_series(results, earlier)
    if len(by_series) > ABSTRACT_LISTED:
        labels = list(dict.fromkeys(w for found in by_series.values() for _, w in found))
        # "at Month 1 or Month 2", not "at Months 1 and 2": a series may have changed at one of them only
        visits = join_words(labels, "or")
        groups = {name: [ch for ch, _ in found] for name, found in by_series.items()}
        return (f"In exploratory comparisons before {final}, {_changes_summary(results, groups, visits)}; no other "
                "series changed significantly at an earlier visit.")
    items = []
    said = ""
    for name, found in by_series.items():
        dirs = {ch.direction for ch, _ in found}
        verb = dirs.pop() if len(dirs) == 1 else "changed"
        phrases = [p_phrase(results.adjusted_p(ch.comparison)) for ch, _ in found]
        same = len(phrases) > 1 and len(set(phrases)) == 1   # "p < 0.001 at both", not "p < 0.001 and p < 0.001"
        ps = f"{phrases[0]} at {'both' if len(phrases) == 2 else 'each'}" if same else join_words(phrases)
        p_words = f"{adj.adjusted} {ps}" if adj.any else ps
        items.append(f"{name}{'' if verb == said else ' ' + verb} at {visits_words([w for _, w in found])} "
                     f"({p_words})")
        said = verb
    # secondary endpoints, as the Methods define them: the abstract says so where it reports them (reader 24)
    return (f"In exploratory comparisons before {final}, {join_words(items)}; no other series changed significantly "
            f"at an earlier visit.")
