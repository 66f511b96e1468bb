"""The abstract (background, methods, results, conclusions), the discussion and the limitations."""

from __future__ import annotations

from collections.abc import Sequence

from alsreport.present.format import contrast_visits, count, visit_label
from alsreport.present.adjustment import adjustment
from alsreport.present.prose.limitations import limitations
from alsreport.present.prose.multiplicity import abstract_adjustment
from alsreport.present.prose.lookups import (
    Change,
    compartments,
    earlier_changes,
    markers_named,
    markers_word,
    overview,
    primary_change,
    primary_significant,
    secondary_changes,
    secondary_tests,
    series_name,
)
from alsreport.present.prose.deaths import deaths_sentence
from alsreport.present.prose.harms_balance import (
    SERIOUS_NAMED,
    grade_words,
    harms_character,
    no_serious_bound,
    serious_conclusion,
)
from alsreport.present.prose.intervention import intervention_sentence
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.results import biomarker_results, earlier_by_series, first_named, primary_sentence
from alsreport.present.prose.schedule import abstract_schedule
from alsreport.present.prose.safety import safety_sentence
from alsreport.present.prose.sample_size import many_series, small_sample
from alsreport.present.prose.words import (
    all_of,
    cap,
    counted,
    inner_brackets,
    join_words,
    lower_first,
    plural,
    sentence,
    visits_words,
)
from alsreport.results.judgement import judged_significant
from alsreport.results.model import ReasonCount, Results

__all__ = [
    "abstract_background",
    "abstract_methods",
    "abstract_results",
    "abstract_conclusions",
    "discussion",
    "limitations",
]


def abstract_background(results: Results) -> str:
    """The disease, the gap and the aim; which biomarkers in which compartments is the Methods' (said there once:
    the 362-word abstract of the example named them in both)."""
    return ("Amyotrophic lateral sclerosis (ALS) is an incurable neurodegenerative disease without a validated "
            "biomarker of treatment response. This study describes biomarkers and safety before and after the "
            "intervention.")


def abstract_methods(results: Results) -> str:
    cfg = results.config
    design = md_escape(cfg.design) if cfg.design else "Single-arm study"
    visits = visits_words([md_escape(v.label) for v in cfg.visits])
    # the number included is the Results' first sentence ("Of 15 included participants, …"), not said here too
    text = [sentence(f"{design.rstrip('.')} of participants with ALS")]
    if cfg.intervention:
        text.append(intervention_sentence(md_escape(cfg.intervention)))
    text.append(abstract_schedule(results))
    text = [t for t in text if t]
    # one analyte named (outside tester: "Neurofilament biomarkers were"; session 34: "The neurofilament biomarker"),
    # after its compartments, so that its first use spelled out ("tumour necrosis factor α") starts no sentence
    comps = md_escape(join_words(compartments(results)))
    named = md_escape(markers_named(results))
    measured = (f"{cap(named)} were measured in {comps} at {visits}." if markers_word(results).endswith("s") else
                f"In {comps}, {named} was measured at {visits}.")
    text.append(f"{measured} Changes from {md_escape(cfg.baseline.label)} were tested with the paired Wilcoxon "
                "signed-rank test.")
    text.append(_judged_sentence(results))
    return " ".join(text)


def _judged_sentence(results: Results) -> str:
    """How the primary endpoint was judged (``analysis.primary.adjust``) and that the secondary ones are exploratory."""
    cfg = results.config
    prim = cfg.analysis.primary
    if prim is None:
        return f"All endpoints were exploratory, {abstract_adjustment(results)}."
    contrast = prim.contrast or cfg.final_contrast
    name = md_escape(series_name(results, prim.compartment, prim.analyte))
    later, _ = contrast_visits(cfg, contrast)
    judged = ("its unadjusted p-value" if prim.adjust == "none"
              else "its Holm-adjusted p-value within its biomarker family and compartment")
    # the change, not the value at the later visit (session 28 six-visit reader; "from Month 0" would take the
    # abstract past its 300 words)
    text = f"The primary endpoint, change in {name} to {md_escape(visit_label(cfg, later))}, was judged on {judged}"
    if not secondary_tests(results):
        return text + "."
    return text + f"; the secondary endpoints were exploratory, {abstract_adjustment(results)}."


def abstract_results(results: Results) -> str:
    """Who was analysed, with the primary endpoint's result in the same sentence (not "analysed for the primary
    endpoint. For the primary endpoint, …"), the secondary endpoints, and the harms: every category of the safety
    overview, deaths too, although the Conclusions name the serious events again to weigh them (session 34 reviewer:
    "One participant (8.3%) had a serious adverse event of grade 3 or higher" was all the Results said of a death)."""
    f = results.flow
    word = "included" if results.config.retrospective else "enrolled"
    why = not_analysed_words(f.not_analysed)
    # "All 15 included participants were analysed", not "Of 15 included participants, 15 were analysed"
    lead = (f"{cap(all_of(f.enrolled, word + ' participant'))} were analysed for the primary endpoint"
            if f.analysed == f.enrolled > 1 and not why else
            f"Of {plural(f.enrolled, word + ' participant')}, {count(f.analysed)} "
            f"{'was' if f.analysed == 1 else 'were'} analysed for the primary endpoint{f' ({why})' if why else ''}")
    prim = primary_change(results)
    lead += f"; {lower_first(primary_sentence(results, prim))}" if prim is not None else "."
    biomarkers = biomarker_results(results, max_listed=3, brief=True)
    safety = safety_sentence(results, brief=True)
    return " ".join(x for x in (lead, biomarkers, safety) if x)


#: Up to this many reasons for not analysing a participant are given in the abstract; more are counted.
REASONS_NAMED = 3


def not_analysed_words(reasons: Sequence[ReasonCount]) -> str:
    """``1 died before Month 12``, ``2 had no CSF sample at Month 3``: who was not analysed for the primary endpoint
    and why, from the flow's reasons (the same as Section 3.1's and the flow diagram's; reader 12b item 11: the
    abstract gave the number analysed without the losses, CONSORT 2025's abstract item); past
    :data:`REASONS_NAMED` reasons, ``5 not analysed, for 4 reasons``."""
    if not reasons:
        return ""
    if len(reasons) > REASONS_NAMED:
        return f"{sum(r.n for r in reasons)} not analysed, for {len(reasons)} reasons"
    out = []
    for r in reasons:
        reason = inner_brackets(r.reason.replace("; ", " and ")).replace(" [excluded]", "")
        verb = "" if reason.split(" ", 1)[0] in ("died", "discontinued") else "had "
        out.append(f"{r.n} {verb}{md_escape(reason)}")
    return "; ".join(out)


def _primary_clause(results: Results) -> str:
    """``the primary endpoint, CSF TNF-α, decreased from Month 0 to Month 3`` (or did not change significantly)."""
    prim = primary_change(results)
    if prim is None:
        return ""
    c = prim.comparison
    later, base = contrast_visits(results.config, c.contrast)
    name = md_escape(series_name(results, c.compartment, c.analyte, c.label))
    span = (f"from {md_escape(visit_label(results.config, base))} to "
            f"{md_escape(visit_label(results.config, later))}")
    if primary_significant(results):
        return f"the primary endpoint, {name}, {prim.direction} {span}"
    return f"the primary endpoint, {name}, did not change significantly {span}"


def _secondary_clause(results: Results) -> str:
    sig = secondary_changes(results)
    if not sig:
        return ""
    # more than three: the three with the smallest adjusted p-values named (ties in the tables' order), as the
    # abstract's Results name them, and the others the list's last item ("CSF NfL, CSF pNfH, serum pNfH, and 8 other
    # series"; session 33 tester: "…, and serum pNfH and 8 other series"), their direction in the verb
    names = first_named({md_escape(series_name(results, ch.comparison.compartment, ch.comparison.analyte,
                                               ch.comparison.label)): results.adjusted_p(ch.comparison) for ch in sig})
    dirs = {ch.direction for ch in sig}
    verb = dirs.pop() if len(dirs) == 1 else "changed"
    return f"among the exploratory secondary endpoints, {join_words(names)} {verb}"


def abstract_conclusions(results: Results) -> str:
    """The primary endpoint's result first (positive or null), then the secondary findings, then harms."""
    serious = overview(results).get("serious")
    parts: list[str] = []
    primary = _primary_clause(results)
    secondary = _secondary_clause(results)
    if primary:
        parts.append(cap(primary) + ".")
    if secondary:
        parts.append(cap(secondary) + "; these findings are hypotheses to be tested.")
    elif not primary:
        parts.append("No biomarker changed significantly after the intervention.")
    if primary_significant(results) or secondary:
        # a retrospective analysis chose its endpoints with the data in hand: said where the finding is, not only in
        # the Limitations (session 26 example reader: "the unadjusted headline p would be called data-driven")
        chosen = (", and with endpoints chosen after the data were collected"
                  if results.config.retrospective and primary else "")
        parts.append(f"Without a control group{chosen}, a change cannot be attributed to the treatment; it needs "
                     f"confirmation in a {'prospective ' if chosen else ''}controlled trial.")
    else:
        small = "small and " if small_sample(results) else ""   # not "small" with 2,000 (session 33 tester)
        parts.append(f"The study was {small}uncontrolled, so this does not exclude an effect.")
    # the harms in one clause (reader 11a item 6): without a serious event the Results state the grades and that
    # none was serious; the Conclusions say what that allows (session 30 reviewer: a result stated in the Conclusions)
    grades = grade_words(results, "adverse event")
    if grades and (serious is None or not serious.n_participants):
        parts.append(no_serious_bound(results))
        parts.append(deaths_sentence(results))
        return " ".join(p for p in parts if p)
    # the serious events each with its grade and relatedness (reader 12b item 1); the grades said once with them
    # when every event of grade 3 or higher is among those named (reader 12b: "grade 3 or higher in 3
    # participants" and "three serious adverse events" were the same three people)
    named, deaths_named = serious_conclusion(results)
    severe = [e for e in results.safety.events if e.grade >= 3]
    if grades and not (len(results.safety.serious_events) <= SERIOUS_NAMED and severe
                       and all(e in results.safety.serious_events for e in severe)):
        parts.append(f"{cap(grades)}.")
    parts.append(named)
    if not deaths_named:
        parts.append(deaths_sentence(results))
    return " ".join(p for p in parts if p)


def _earlier_named(results: Results, earlier: list) -> str:
    """``CSF glucose at Month 1 and CSF TNF-α at Month 2``: which series at which visits (reader 10b: "four secondary
    comparisons were significant ... (see Results)" named none of them); more than ``ABSTRACT_LISTED`` series: those
    with the smallest adjusted p-values, then ``and nine other series`` (session 33 tester: all 12 named again, after
    the Results)."""
    return join_words(first_named({f"{name} at {join_words([when for _, when in found])}":
                                   min(results.adjusted_p(ch.comparison) for ch, _ in found)
                                   for name, found in earlier_by_series(results, earlier).items()}))


def discussion(results: Results) -> str:
    """The discussion: the primary result first, then the exploratory findings, their limits and the harms."""
    design = md_escape(lower_first(results.config.design)) if results.config.design else "single-arm study"
    primary = _primary_clause(results)
    secondary = _secondary_clause(results)
    out = []
    if primary:
        out.append(f"In this {design}, {primary}.")
    else:
        out.append(f"In this {design}, no primary endpoint was set.")
    if secondary:
        out.append(cap(secondary) + "; with many secondary comparisons, these are hypotheses, not findings.")
    elif primary and secondary_tests(results):  # a single test has no secondary endpoint to speak of
        out.append("No secondary endpoint changed significantly at the final visit.")
    earlier = earlier_changes(results)
    if earlier:
        out.append(f"At earlier visits, {counted(len(earlier), 'secondary comparison')} "
                   f"{'was' if len(earlier) == 1 else 'were'} significant {adjustment(results.config).after} "
                   f"({_earlier_named(results, earlier)}); they are exploratory{_not_lasting(results, earlier)}.")
    if primary_significant(results) or secondary:
        out.append("A change measured before and after a treatment in the same participants may reflect the "
                   "treatment, the natural course of the disease, regression to the mean or differences in "
                   "sampling and assay runs; a single-arm study cannot tell these apart.")
    else:
        out.append(_power_sentence(results))
    out.append(_harms_balance(results))
    return " ".join(x for x in out if x)


def _not_lasting(results: Results, earlier: Sequence[Change]) -> str:
    """``, and CSF glucose did not differ significantly from Month 0 at Month 3``: the series of the earlier visits'
    changes whose change to the final visit was not significant (by the rule the tables use), so that a change
    that went away is not read as lasting (session 34 reviewer: "CSF glucose decreased at Month 1" beside its
    Month 2 and Month 3 changes of +0.5 and +1.0 mg/dL); "" when each one lasted."""
    cfg = results.config
    gone = {}
    for name, found in earlier_by_series(results, earlier).items():
        c = found[0][0].comparison
        try:
            last = results.comparison(c.analyte, c.compartment)   # its change to the final visit
        except KeyError:
            continue
        if not judged_significant(results, last):
            gone[name] = min(results.adjusted_p(ch.comparison) for ch, _ in found)
    if not gone:
        return ""
    later, base = contrast_visits(cfg, cfg.final_contrast)
    return (f", and {join_words(first_named(gone))} did not differ significantly from "
            f"{md_escape(visit_label(cfg, base))} at {md_escape(visit_label(cfg, later))}")


def _power_sentence(results: Results) -> str:
    """What a study without significant changes could have missed, by its size and number of series (session 33
    tester: "With few participants and many biomarkers" for 2,000 participants and for a single analyte):
    ``With few participants and many biomarkers, small changes may have been missed.`` below
    :data:`~alsreport.present.prose.sample_size.LARGE_SAMPLE`, else ``With 2,000 participants, even small changes
    were likely to reach statistical significance.``"""
    if not small_sample(results):
        return (f"With {count(results.flow.enrolled)} participants, even small changes were likely to reach "
                "statistical significance.")
    many = " and many biomarkers" if many_series(results) else ""
    return f"With few participants{many}, small changes may have been missed."


def _harms_balance(results: Results) -> str:
    ov = overview(results)
    n = results.flow.enrolled
    anyae, serious = ov.get("any"), ov.get("serious")
    if anyae is None or n == 0:
        return ""
    # "any benefit must be weighed" implied a benefit the study never measured (session 25 example reader); a
    # sentence, not a heading and a colon (session 29 reader: "Harms, to be weighed against …: 14 of 15 …")
    text = (f"Any clinical benefit, which this study did not assess, would have to be weighed against the harms: "
            f"{count(anyae.n_participants)} of {count(n)} participants had an adverse event")
    if serious is not None and serious.n_participants:
        text += f" and {count(serious.n_participants)} a serious adverse event"
    # how severe, serious and related (reader 11a item 6); the serious ones are counted just before
    character = harms_character(results, serious=not (serious is not None and serious.n_participants))
    if anyae.n_participants and character:
        text += f"; {character}"
    return " ".join(x for x in (text + ".", deaths_sentence(results)) if x)
