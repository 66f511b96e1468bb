"""Methods paragraphs: objectives, design, setting, intervention, outcomes, statistics, software."""

from __future__ import annotations

import math

from alsreport.present.supplement_numbers import LAB_GRADE_SHIFTS, has_grade_shifts, supplement_refs
from alsreport.analysis.multiplicity import ADJUST_BY
from alsreport.present.adjustment import adjustment
from alsreport.present.cutoff import cutoff_words
from alsreport.present.population import enrolled_word, enrolment_word, prespecified_known
from alsreport.present.format import (
    NBSP,
    count,
    below_lod_rule,
    contrast_visits,
    contrast_words,
    format_date,
    p_phrase,
    series_title,
    visit_label,
)
from alsreport.present.prose.lookups import (
    analyte_label,
    compartments,
    family_words,
    markers_named,
    order_key,
    secondary_tests,
    series_name,
    several_comparisons,
)
from alsreport.present.prose.description import design_and_description
from alsreport.present.prose.intervention import intervention_sentence
from alsreport.present.prose.markdown import md_escape
from alsreport.present.method_words import NO_OMNIBUS, omnibus_shown
from alsreport.present.prose.multiplicity import abstract_adjustment, multiplicity_sentence
from alsreport.present.prose.sensitivity_methods import schedule_methods, sensitivity_methods
from alsreport.present.prose.schedule import intervention_names_schedule, planned_dose
from alsreport.present.prose.secondary_sensitivity import secondary_sensitivity_sentence
from alsreport.present.prose.set_methods import analysis_set_methods
from alsreport.present.prose.survivorship import complete_case_sentence
from alsreport.present.prose.words import join_words, lower_first, number_word, plural
from alsreport.results.model import Results

__all__ = [
    "statistical_methods",
    "software_sentence",
    "objectives",
    "design_text",
    "setting_text",
    "intervention_text",
    "outcomes_text",
    "harms_methods",
    "sample_size_text",
    "interim_analyses_text",
    "recruitment_text",
    "sensitivity_text",
    "sensitivity_tables_words",
]


def _exact_words(n_exact: int, n_approx: int, n: int) -> str:
    """`` (here 18 of 93 tests were exact and 75 used the approximation).``; one test: ``(here the test was exact).``"""
    if not n:
        return "."
    if n == 1:
        return f" (here the test {'was exact' if n_exact else 'used the approximation'})."
    return (f" (here {n_exact} of {n} tests {'was' if n_exact == 1 else 'were'} exact and {n_approx} used the "
            "approximation).")


def _zero_words(wil: list) -> str:
    """Zero differences, dropped as R drops them (reader 12b item 13: the tables' n counts them, the test does not)."""
    zeros = [c.n_zeros for c in wil if c.n_zeros > 0]
    if not wil:
        return ""
    if not zeros:
        return "No paired difference was zero."
    many = (f"{zeros[0]} zero {'difference' if zeros[0] == 1 else 'differences'}" if min(zeros) == max(zeros) else
            f"{min(zeros)} to {max(zeros)} zero differences")
    where = f"the test had {many}" if len(wil) == 1 else f"{len(zeros)} of {len(wil)} tests had {many}"
    return (f"Zero differences were dropped from the ranks and from the Hodges–Lehmann estimate, as in R's "
            f"wilcox.test (here {where}); the tables' n counts every complete pair.")


def _all_visits(n: int) -> str:
    """``both visits``, ``all four visits`` (a count in words, as "three later visits" beside it: session 26 HTML
    reader), ``all 12 visits``."""
    return "both visits" if n == 2 else f"all {number_word(n)} visits"


#: The id of the mark before the Statistical analysis' sentence on missing values (documents.checklist, item 21c).
MISSING_DATA_MARK = "chk-missing"
#: The mark at the sentence saying whether the additional analyses were prespecified (CONSORT 21d and 28 give its page:
#: session 32 reader, "Section 2.8, p. 3" for a sentence on p. 4)
ADDITIONAL_ANALYSES_MARK = "chk-additional"


def statistical_methods(results: Results) -> str:
    """The statistical-analysis paragraph, from the analysis options, the methods used and the provenance."""
    cfg = results.config
    opt = cfg.analysis
    base = md_escape(cfg.baseline.label)
    level = f"{opt.conf_level * 100:g}%"
    wil = [c for c in results.comparisons if c.test == "wilcoxon" and math.isfinite(c.pvalue)]
    n_exact = sum(1 for c in wil if c.exact is True)
    n_approx = sum(1 for c in wil if c.exact is False)
    out = [
        f"Each biomarker was analysed separately in each compartment, using the participants with values at both "
        f"visits of a comparison (complete pairs). Changes from {base} to each later visit were tested with the "
        "two-sided paired Wilcoxon signed-rank test, computed as R's wilcox.test: the exact null distribution "
        "when there were fewer than 50 pairs and no ties or zero differences, otherwise the normal approximation "
        "with continuity correction"
        + _exact_words(n_exact, n_approx, len(wil)),
        f"The change was estimated by the Hodges–Lehmann estimator (the pseudomedian of the paired differences) "
        f"with its {level} confidence interval.",
        _zero_words(wil),
        multiplicity_sentence(results),
        # what each extra test answers, with its adjustment (session 25 reader: the Friedman p-values' adjustment
        # was never said; session 26 reader: the Friedman test asks whether anything changed across all visits,
        # another question than the primary contrast's, so it supports rather than checks it; Kendall's W, in
        # Table 4, was never introduced)
        ("The paired t-test was used as a sensitivity analysis of each comparison, and the Friedman test across "
         f"{_all_visits(len(cfg.visits))} (in the participants with a value at every visit; effect size Kendall's W) "
         f"as a supportive test of any change over time; both {abstract_adjustment(results, per_visit=False)}."
         if omnibus_shown(cfg) else
         (f"The paired t-test was used as a sensitivity analysis of each comparison, "
          f"{abstract_adjustment(results, per_visit=False)}. "
          if several_comparisons(results) else
          # one comparison: one t-test, nothing to adjust (session 34 reviewer: "with Holm adjustment" of one test)
          "The paired t-test was used as a sensitivity analysis of the comparison. ")
         + NO_OMNIBUS)
        + additional_analyses_words(results),
        # the CONSORT checklist's item 21c (missing data) points to this sentence's page, not the section's first
        # (session 27 PDF reader: "Section 2.8, p. 3" for a sentence on p. 4)
        f"[]{{#{MISSING_DATA_MARK}}}Results reported below the limit of detection (LOD) were "
        f"{md_escape(below_lod_rule(opt.below_lod))}; "
        "missing values were not imputed.",
        complete_case_sentence(results),   # who a death or discontinuation left out (reader 11b's item 1)
    ]
    out = [x for x in out if x]  # a single test: no multiplicity sentence, nothing to adjust
    if opt.primary is not None:
        contrast = opt.primary.contrast or cfg.final_contrast
        name = md_escape(series_name(results, opt.primary.compartment, opt.primary.analyte))
        # "as the primary test" said nothing the sentence had not (session 30 reviewer: tautological)
        single = ", as the single prespecified primary test" if prespecified_known(results.config) else ""
        judged = (f"on its unadjusted p-value{single}"
                  if opt.primary.adjust == "none" else
                  "on its Holm-adjusted p-value within its family and compartment")  # primary.adjust: holm_family
        # no Wilcoxon comparison besides the primary: nothing "secondary" (session 34 reviewer, one-series study)
        others = ("; all other comparisons are secondary and exploratory" if secondary_tests(results) else
                  "; it is the only comparison with baseline")
        out.append(f"The primary endpoint was the change in {name} "
                   f"({md_escape(contrast_words(results.config, contrast))}), judged {judged}{others}."
                   + _primary_in_adjustment(results))
    # the harms tables' and the Discussion's intervals (session 30 reviewer: the Methods never named them)
    out.append(f"A p-value below {opt.alpha:g} was considered significant. Adverse events are summarised as "
               "counts of participants and events, without tests; the percentage of participants with an event "
               f"has an exact (Clopper–Pearson) {results.safety.conf_level * 100:g}% confidence interval.")
    out += [s for s in (schedule_methods(results), analysis_set_methods(results), sensitivity_methods(results))
            if s]  # study.yml options
    out.append(software_sentence(results))
    return " ".join(out)


def software_sentence(results: Results) -> str:
    p = results.provenance
    deps = p.dependencies
    libs = [f"{name} {deps[key]}" for name, key in (("NumPy", "numpy"), ("SciPy", "scipy"), ("pandas", "pandas"))
            if key in deps]
    return (f"Analyses were run with alsreport {md_escape(p.alsreport_version)} (Python "
            f"{md_escape(p.python_version)}; {md_escape(', '.join(libs))}), whose test statistics, p-values, "
            # how the claim can be checked (session 32 reviewer: "reproduce R" stood without support)
            "confidence intervals and adjustments are computed as in R's stats package; its verify command "
            "recomputes every one of them in R.")


def objectives(results: Results) -> str:
    cfg = results.config
    later, base = contrast_visits(results.config, cfg.final_contrast)
    comps = md_escape(join_words(compartments(results)))
    which = md_escape(markers_named(results))   # one analyte by its name (session 34 reviewer)
    text = (f"The objectives were to describe the change in {which} in {comps} from "
            f"{md_escape(visit_label(results.config, base))} to {md_escape(visit_label(results.config, later))}")
    prim = cfg.analysis.primary
    if prim is not None and len(results.series) == 1 and (prim.contrast or cfg.final_contrast) == cfg.final_contrast:
        # the one series at the final visit is the primary endpoint: named once (session 35 reviewer: "the change in
        # neurofilament light chain in serum from Month 0 to Month 6, with serum neurofilament light chain at Month 6
        # vs Month 0 as the primary endpoint" was circular)
        text += " (the primary endpoint)"
    elif prim is not None:
        contrast = prim.contrast or cfg.final_contrast
        text += (f", with {md_escape(series_name(results, prim.compartment, prim.analyte))} at "
                 f"{md_escape(contrast_words(results.config, contrast))} as the primary endpoint")
    return text + ", and to describe the safety of the intervention (harms)."


def design_text(results: Results) -> str:
    cfg = results.config
    out = [design_and_description(cfg)]  # the description too, the design said once
    # exploratory apart from a primary endpoint: "the analysis is exploratory" beside "the single prespecified
    # primary test" read as a contradiction (session 25 reader, six-visit study)
    scope = "apart from the primary endpoint, these comparisons are" if cfg.analysis.primary is not None else \
        "these comparisons are"
    out.append("All participants received the same intervention: there was no control group, no random "
               "allocation and no blinding. Each participant's later visits were compared with the baseline visit "
               f"(paired comparisons); {scope} exploratory.")
    visits = join_words([f"{md_escape(v.label)}" for v in cfg.visits])
    base = cfg.baseline.label
    which = "the first visit" if base.strip().lower() == "baseline" else md_escape(base)
    out.append(f"Visits were scheduled at {visits}; {which} is the baseline.")
    # the reporting period and the data cut-off are §3.1's, in a sentence ("The reporting period was …"): here too, as
    # fragments, they were read three times (session 30 reviewer)
    return " ".join(out)


def setting_text(results: Results) -> str:
    from alsreport.present.statements import TO_ADD  # here: statements imports this package (md_escape)

    cfg = results.config
    f = results.flow
    word = enrolled_word(cfg)
    out = [f"The study was conducted at {md_escape(cfg.site)}." if cfg.site else
           f"{TO_ADD} the setting and location where the study was conducted."]
    if cfg.retrospective:
        out.append(f"The records of people with ALS were assessed for eligibility by the investigators "
                   f"({count(f.assessed)} assessed, {count(f.enrolled)} {word}); the reasons why the others were not included are "
                   "given with the participant flow.")   # session 32 reviewer: "…a patient are given, as recorded, …"
    else:
        out.append(f"People with ALS were assessed for eligibility by the investigators ({count(f.assessed)} assessed, "
                   f"{count(f.enrolled)} {word}); the reasons for not enrolling are given with the participant flow.")
    return " ".join(out)


def intervention_text(results: Results) -> str:
    cfg = results.config
    ex = results.exposure
    out = []
    if cfg.intervention:
        out.append(intervention_sentence(md_escape(cfg.intervention)))
    by_no: dict[int, tuple[str, list[str]]] = {}
    for i in ex.by_infusion:
        if i.n_planned:  # routes nobody was scheduled for are not part of the schedule
            by_no.setdefault(i.infusion_no, (i.visit, []))[1].append(i.route)
    if len(by_no) == 1:
        (no, (visit, routes)), = by_no.items()
        out.append(f"Schedule: one infusion at {md_escape(visit_label(results.config, visit))} "
                   f"({md_escape(join_words(routes))}).")
    elif by_no:
        sched = [f"infusion {no} at {md_escape(visit_label(results.config, visit))} ({md_escape(join_words(routes))})"
                 for no, (visit, routes) in sorted(by_no.items())]
        out.append(f"Schedule: {join_words(sched)}.")
    # the dose whenever the abstract states it, after the schedule that names the routes it is split between
    if planned_dose(results) and not intervention_names_schedule(cfg):
        out.append(f"The planned dose was {planned_dose(results)}.")
    return " ".join(out)


def outcomes_text(results: Results) -> str:
    cfg = results.config
    later, base = contrast_visits(results.config, cfg.final_contrast)
    prim = cfg.analysis.primary
    groups: dict[tuple[str, str], list[str]] = {}
    order = order_key(results)
    for s in sorted(results.series, key=order):
        if prim is not None and (s.analyte, s.compartment) == (prim.analyte, prim.compartment) \
                and len(cfg.contrasts) == 1:
            continue  # its only contrast is the primary endpoint
        groups.setdefault((s.family, s.compartment), []).append(
            md_escape(series_title("", analyte_label(results, s.analyte, s.label))))  # 'total protein' mid-sentence
    listing = "; ".join(f"{md_escape(family_words(results, fam))} marker{'s' if len(names) > 1 else ''} in "
                        f"{md_escape(comp)}: {join_words(names)}"
                        for (fam, comp), names in groups.items())
    out = []
    visits_words = ("each later visit" if len(cfg.contrasts) > 1
                    else md_escape(visit_label(results.config, later)))
    if prim is not None:
        contrast = prim.contrast or cfg.final_contrast
        p_later, p_base = contrast_visits(results.config, contrast)
        out.append(f"The primary endpoint was the change in "
                   f"{md_escape(series_name(results, prim.compartment, prim.analyte))} from "
                   f"{md_escape(visit_label(results.config, p_base))} to {md_escape(visit_label(results.config, p_later))}, "
                   "summarised by the Hodges–Lehmann estimate of the paired change.")
        if listing:
            out.append(f"Secondary endpoints were the changes from {md_escape(visit_label(results.config, base))} to "
                       f"{visits_words} of every series ({listing}), other than the primary endpoint itself.")
    elif listing:
        out.append(f"The endpoints were the changes from {md_escape(visit_label(results.config, base))} to "
                   f"{visits_words} of every series ({listing}).")
    # "series" said once (session 28 six-visit reader: an undefined, internal-sounding word)
    out.append("Values are reported in the units of the laboratory; each series (one biomarker in one compartment) was "
               "analysed on its own.")
    notes = [f"{md_escape(a.display)}: {md_escape(a.description.strip().rstrip('.'))}." for a in cfg.analytes
             if a.description and a.description.strip()]
    if notes:
        out.append("Notes on the biomarkers: " + " ".join(notes))
    return " ".join(out)


def harms_methods(results: Results) -> str:
    return ("Adverse events were recorded by the investigators with their term and system organ class, a severity "
            "grade from 1 (mild) to 5 (death), whether they were serious, their relatedness to the intervention "
            "and, where applicable, the infusion they followed and the day of onset after it. Events judged "
            "possibly, probably or definitely related count as related. " + laboratory_safety_sentence(results))


def laboratory_safety_sentence(results: Results) -> str:
    """How laboratory harms were graded, with the CTCAE version the Results and Table S4 state, and
    where the manuscript shows them (reader 12a item 2: the Methods sent readers to the confidential safety report
    and asked the authors for a grading version the Results already gave)."""
    graded = ""
    if has_grade_shifts(results):
        assert results.dsmb is not None
        # the Results' section, not its supplementary table: Table S4 cited here came before Tables S1-S3 (session 27
        # HTML reader: journals number supplementary tables in the order of their first citation)
        shown = "; @sec-safety counts those whose grade worsened, by term" if supplement_refs(results).get(
            LAB_GRADE_SHIFTS) else ""
        graded = (f"Laboratory values were graded with the CTCAE version {md_escape(results.dsmb.ctcae_version)} "
                  "wherever its criteria cover the analyte, and each participant's worst grade after baseline was "
                  f"compared with their baseline grade{shown}. ")
    return graded + _reference_ranges(results)


def _reference_ranges(results: Results) -> str:
    if not results.shifts and not results.out_of_range:
        return ("No laboratory reference ranges were available, so laboratory values were not classified as "
                "within or outside a reference range.")   # no "study files" in a manuscript (reader 13b item 5)
    return ("A listing of every laboratory value outside the laboratory's reference range is available from the "
            "authors on request.")


def additional_analyses_words(results: Results) -> str:
    """`` These additional analyses were …``: whether the paired t-test and the Friedman test were prespecified or
    post hoc (CONSORT items 21d and 28; session 32 reviewer: §2.8 never said): ``reporting.additional_analyses`` as
    written; else post hoc in a retrospective study, whose whole analysis followed the data; else asked of the
    authors."""
    from alsreport.present.statements import TO_ADD, as_sentence  # statements imports this package

    cfg = results.config
    mark = f"[]{{#{ADDITIONAL_ANALYSES_MARK}}}"
    if cfg.reporting.additional_analyses:
        return f" {mark}{as_sentence(cfg.reporting.additional_analyses)}"
    # two visits: the t-test alone (method_words.omnibus_shown), "this additional analysis" (session 35 reviewer)
    these = "these additional analyses" if omnibus_shown(cfg) else "this additional analysis"
    if cfg.retrospective:
        return (f" {mark}Like the rest of this retrospective analysis, {these} {'were' if omnibus_shown(cfg) else 'was'} "
                "chosen after the data had been collected (post hoc).")
    # not "prespecified", a word a study without protocol or registration does not use (population.prespecified_known)
    return (f" {mark}{TO_ADD} whether {these} {'were' if omnibus_shown(cfg) else 'was'} planned before the data were "
            "seen or chosen post hoc.")


def sample_size_text(results: Results) -> str:
    """CONSORT item 16a: how the sample size was determined (``reporting.sample_size``, else a placeholder for the
    authors), and which data the analyses use (reader 12b item 4: "No sample-size calculation is recorded in the
    study files" answered nothing, in the tool's words)."""
    from alsreport.present.statements import TO_ADD, as_sentence  # statements imports this package

    given = results.config.reporting.sample_size
    size = (f"Sample size: {as_sentence(given)}" if given else
            f"{TO_ADD} how the sample size was determined (or that it was not formally calculated, and why this "
            "number).")
    n, word = results.flow.enrolled, enrolled_word(results.config)
    who = (f"{'Both' if n == 2 else f'All {count(n)}'} {word} participants contribute to each analysis for which they have data." if n != 1 else
           f"The one {word} participant contributes to each analysis for which they have data.")
    cutoff = cutoff_words(results.config)  # named only with its date (reader 6's item 8)
    scope = (f"The analysis uses all data available at {cutoff}." if cutoff else
             "The analysis uses all data available (*to be added by the authors:* the data cut-off date).")
    return f"{size} {who} {scope}"


def interim_analyses_text(results: Results) -> str:
    """CONSORT item 16b: whether interim analyses or stopping guidelines were planned (``reporting.interim_analyses``,
    else a placeholder for the authors); its own text, after its own checklist mark (the page of item 16b)."""
    from alsreport.present.statements import TO_ADD, as_sentence  # statements imports this package

    given = results.config.reporting.interim_analyses
    if given:
        return f"Interim analyses and stopping guidelines: {as_sentence(given)}"
    return f"{TO_ADD} whether interim analyses or stopping guidelines were planned."


def _period_words(text: str) -> str:
    """The study's reporting period inside a sentence: lower-cased only when it starts with a common word
    ("From May 2023 …" → "from May 2023 …"); a word followed by a number ("Month 0 to Month 3",
    "January 2024 to …") keeps its capital, as the visit labels and month names do."""
    words = text.split(maxsplit=2)
    if len(words) > 1 and words[1][:1].isdigit():
        return text
    return lower_first(text)


def _primary_in_adjustment(results: Results) -> str:
    """The adjusted p-values shown for the secondary endpoints count the primary test in its family (as
    computed); said when the primary itself is judged unadjusted, so the tables' adjusted p of the primary
    row and the family sizes in the notes are not a surprise."""
    opt = results.config.analysis
    prim = results.primary
    if prim is None or opt.primary is None or opt.primary.adjust != "none" or not adjustment(results.config).any:
        return ""
    keys = ADJUST_BY[opt.adjust_scope]
    family = [c for c in results.comparisons if all(getattr(c, k) == getattr(prim, k) for k in keys)]
    if len(family) < 2:
        return ""
    return (" The primary endpoint's test is counted in the adjustment of the secondary endpoints (its adjusted "
            "p-value is shown in the tables but not used to judge it), which makes that adjustment slightly "
            "conservative.")


def recruitment_text(results: Results, *, who: str = "authors") -> str:
    """Reporting period, cut-off, inclusion dates and end of follow-up; ``who`` adds what the data lack (the
    manuscript's authors; the safety report's investigators)."""
    cfg = results.config
    out = []
    if cfg.reporting_period:
        out.append(f"The reporting period was {_period_words(md_escape(cfg.reporting_period))}")
    if cfg.data_cutoff:
        out.append((", with a" if out else "The") + f" data cut-off {'on' if out else 'was'} "
                   f"{format_date(cfg.data_cutoff)}")
    text = ("".join(out) + ". ") if out else ""
    return text + inclusion_dates(results, who=who) + (
        f"Follow-up ended at the last scheduled visit ({md_escape(cfg.visits[-1].label)}).")


def inclusion_dates(results: Results, *, who: str = "authors") -> str:
    """``Participants were included from 3 March 2023 to 14 May 2024. `` (CONSORT 2025 item 23a), from the
    data's enrolment (else consent) dates; without dates the placeholder the checklist's item 23a points at
    (reader 6's item 7)."""
    e = results.dsmb.enrolment if results.dsmb is not None else None
    word = enrolled_word(results.config)
    if e is None or not e.first_date:
        which = enrolment_word(results.config).lower()
        # not "(inclusion dates were not recorded)", which asked for what it said did not exist (session 30 reviewer)
        return f"*To be added by the {who}:* the dates of the first and last {which}, which are not among the data analysed. "
    if e.last_date and e.last_date != e.first_date:
        return f"Participants were {word} from {format_date(e.first_date)} to {format_date(e.last_date)}. "
    return f"Participants were {word} on {format_date(e.first_date)}. "


def sensitivity_tables_words(results: Results) -> str:
    """``The paired t-test and the Friedman test for every marker are in`` (the document adds the table); ``The paired
    t-test is in`` with two visits (no Friedman test shown) and one marker (session 33 reader: "for every marker" in
    a one-analyte study)."""
    omnibus = omnibus_shown(results.config)
    several = len({(c.compartment, c.analyte) for c in results.comparisons if c.test == "wilcoxon"}) > 1
    tests = "The paired t-test and the Friedman test" if omnibus else "The paired t-test"
    return f"{tests}{' for every marker' if several else ''} {'are' if omnibus else 'is'} in"


def sensitivity_text(results: Results) -> str:
    c = results.primary
    if c is None:
        return ("The paired t-test and the Friedman test across all visits were computed for every series "
                "as sensitivity analyses." if omnibus_shown(results.config) else
                "The paired t-test was computed for every series as a sensitivity analysis.")
    name = md_escape(series_name(results, c.compartment, c.analyte, c.label))
    parts = []
    try:
        t = results.comparison(c.analyte, c.compartment, c.contrast, test="paired_t")
        parts.append(f"the paired t-test gave {p_phrase(t.pvalue)}")
    except KeyError:
        pass
    try:   # two visits: the Friedman test is not presented (method_words.omnibus_shown)
        fr = results.comparison(c.analyte, c.compartment, test="friedman") if omnibus_shown(results.config) else None
    except KeyError:
        fr = None
    if fr is not None:
        # its complete blocks may be fewer than the Wilcoxon test's pairs: say so (session 25 reader, six visits: the
        # Friedman test on 10 participants, the Wilcoxon tests on 11 and 12, with nothing in the text)
        fewer = (f" in the {fr.n} participants with a value at every visit"
                 if fr.n is not None and c.n is not None and fr.n < c.n else "")
        parts.append(f"the Friedman test across all visits {p_phrase(fr.pvalue)}{fewer}")
    primary = (f"For the primary endpoint, {name} (Wilcoxon signed-rank test: {p_phrase(c.pvalue)}), "
               f"{join_words(parts)}." if parts else "")
    # then the other series' omnibus tests and the exploratory findings' t-tests (session 32 reviewer)
    return " ".join(x for x in (primary, friedman_sentence(results), secondary_sensitivity_sentence(results)) if x)


def friedman_sentence(results: Results) -> str:
    """The omnibus tests of the other series: which changed over all visits (after ``analysis.adjust``'s
    adjustment), so that the text and the sensitivity table agree."""
    prim = results.primary
    if not omnibus_shown(results.config):
        return ""
    fr = [c for c in results.comparisons if c.test == "friedman" and math.isfinite(c.pvalue)
          and not (prim is not None and (c.analyte, c.compartment) == (prim.analyte, prim.compartment))]
    if not fr:
        return ""
    sig = sorted((c for c in fr if results.is_significant(c, "adjusted")), key=order_key(results))
    adj = adjustment(results.config).adjusted
    if not sig:
        return (f"The Friedman test across all visits was not significant for any other series "
                f"({adj} p{NBSP}≥{NBSP}{results.config.analysis.alpha:g}).")
    names = [f"{md_escape(series_name(results, c.compartment, c.analyte, c.label))} "
             f"({adj} {p_phrase(results.adjusted_p(c))})" for c in sig]
    rest = len(fr) - len(sig)
    if not rest:   # session 33 reader: "the other 0 series showed no significant change" (a 2,000-participant study)
        if len(sig) == 1:
            return f"Across all visits, the Friedman test was significant for the one other series, {names[0]}."
        every = "both other series" if len(sig) == 2 else "every other series"
        return f"Across all visits, the Friedman test was significant for {every}: {join_words(names)}."
    return (f"Across all visits, the Friedman test was significant for {join_words(names)}; the other "
            f"{plural(rest, 'series', 'series')} showed no significant change over time.")
