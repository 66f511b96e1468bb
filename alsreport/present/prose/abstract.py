"""The abstract (background, methods, results, conclusions), the discussion and the limitations."""

from __future__ import annotations

from alsreport.present.format import contrast_words
from alsreport.present.prose.lookups import changes, compartments, families_words, overview, series_name, tested
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.results import biomarker_results
from alsreport.present.prose.safety import safety_sentence
from alsreport.present.prose.words import cap, join_words, lower_first, plural, sentence
from alsreport.results.model import Results

__all__ = [
    "abstract_background",
    "abstract_methods",
    "abstract_results",
    "abstract_conclusions",
    "discussion",
    "limitations",
]


def abstract_background(results: Results) -> str:
    fams = families_words(results).replace(" or ", " and ")
    comps = join_words(compartments(results))
    return ("Amyotrophic lateral sclerosis (ALS) is an incurable neurodegenerative disease, and no biomarker has "
            "been validated to judge the response to a treatment. This study describes "
            f"{md_escape(fams)} biomarkers in {md_escape(comps)} before and after the intervention, together with "
            "its safety.")


def abstract_methods(results: Results) -> str:
    cfg = results.config
    f = results.flow
    design = md_escape(cfg.design) if cfg.design else "Single-arm study"
    visits = join_words([md_escape(v.label) for v in cfg.visits])
    text = [f"{sentence(design)} The study enrolled {plural(f.enrolled, 'participant')} with ALS."]
    if cfg.intervention:
        text.append(sentence(md_escape(cfg.intervention)))
    text.append(f"{cap(md_escape(families_words(results).replace(' or ', ' and ')))} biomarkers were measured in "
                f"{md_escape(join_words(compartments(results)))} at {visits}. Changes from "
                f"{md_escape(cfg.baseline.label)} were tested with the paired Wilcoxon signed-rank test, with Holm "
                "adjustment within each biomarker family and compartment.")
    return " ".join(text)


def abstract_results(results: Results) -> str:
    f = results.flow
    lead = (f"Of {plural(f.enrolled, 'enrolled participant')}, {f.analysed} "
            f"{'was' if f.analysed == 1 else 'were'} analysed for the primary endpoint.")
    return " ".join(x for x in (lead, biomarker_results(results, max_listed=3), safety_sentence(results)) if x)


def abstract_conclusions(results: Results) -> str:
    sig = changes(results)
    serious = overview(results).get("serious")
    parts: list[str] = []
    if sig:
        names = [md_escape(series_name(results, ch.comparison.compartment, ch.comparison.analyte,
                                        ch.comparison.label)) for ch in sig[:3]]
        dirs = {ch.direction for ch in sig[:3]}
        verb = dirs.pop() if len(dirs) == 1 else "changed"
        more = f" and {len(sig) - 3} other series" if len(sig) > 3 else ""
        parts.append(f"{join_words(names)}{more} {verb} after the intervention, while the other biomarkers did not "
                     "change significantly.")
        parts.append("Without a control group this change cannot be attributed to the treatment; it needs "
                     "confirmation in a controlled trial.")
    else:
        parts.append("No biomarker changed significantly after the intervention. The study was small and "
                     "uncontrolled, so this does not exclude an effect.")
    if serious is not None and serious.n_participants == 0:
        parts.append("No serious adverse event was recorded.")
    elif serious is not None:
        parts.append(f"{plural(serious.n_events, 'serious adverse event')} "
                     f"{'was' if serious.n_events == 1 else 'were'} recorded and should be weighed against "
                     "any benefit.")
    return " ".join(parts)


def discussion(results: Results) -> str:
    """A short, result-dependent discussion paragraph (no claims beyond the data)."""
    sig = changes(results)
    design = md_escape(lower_first(results.config.design)) if results.config.design else "single-arm study"
    if sig:
        names = join_words([md_escape(series_name(results, ch.comparison.compartment, ch.comparison.analyte,
                                                    ch.comparison.label)) for ch in sig[:3]])
        first = (f"In this {design}, {names} changed significantly between the first and the last visit, "
                 "and the other biomarkers did not. A change measured before and after a treatment in the same "
                 "participants may reflect the treatment, the natural course of the disease, regression to the "
                 "mean or differences in sampling and assay runs; a single-arm study cannot tell these apart.")
    else:
        first = (f"In this {design}, no biomarker changed significantly between the first and the last visit. "
                 "With few participants and many biomarkers, small changes may have been missed.")
    return first


def limitations(results: Results) -> str:
    n = results.flow.enrolled
    n_tested = len(tested(results))
    return (f"The study has no control group, a small sample ({n} participants) and a short follow-up "
            f"({md_escape(contrast_words(results.config, results.config.final_contrast))}). In all, "
            f"{plural(n_tested, 'biomarker series', 'biomarker series')} {'was' if n_tested == 1 else 'were'} "
            "compared; the Holm adjustment controls the family-wise error within each family and "
            "compartment but not across all of them, so isolated findings should be read as hypotheses. "
            "Biomarker changes are surrogate measures and do not show clinical benefit.")
