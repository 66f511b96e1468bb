"""Methods words for the analysis options of study.yml: the multiplicity scope and the sensitivity analyses."""

from __future__ import annotations

from alsreport.present.supplement_numbers import DATA_S1
from alsreport.present.prose.markdown import md_escape
from alsreport.present.adjustment import scope_words
from alsreport.results.model import Results

__all__ = ["adjustment_scope", "schedule_methods", "sensitivity_methods"]


def schedule_methods(results: Results) -> str:
    """Sentences for ``analysis.baseline`` (visits before it) and ``compartments:`` (own sampling visits)."""
    cfg = results.config
    out = []
    before = cfg.visits[: cfg.baseline_index]
    if before:
        names = ", ".join(md_escape(v.label) for v in before)
        out.append(f"The baseline was {md_escape(cfg.baseline.label)}; {names} "
                   f"{'is' if len(before) == 1 else 'are'} described but not tested.")
    for c in cfg.compartments:
        if c.visits is None:
            continue
        labels = [md_escape(cfg.visit_label(v)) for v in cfg.sampled_visits(c.name)]
        listed = ", ".join(labels[:-1]) + " and " + labels[-1]
        out.append(f"{md_escape(c.label or c.name)} ({md_escape(c.name)}) was sampled at {listed} only; its "
                   "comparisons used these visits, and comparisons with other visits were not made.")
    return " ".join(out)


def adjustment_scope(results: Results, short: bool = False) -> str:
    """Where p-values were adjusted, per ``analysis.adjust_scope``: the words after "adjusted"."""
    return scope_words(results.config, short=short)


def _fit_problems(results: Results) -> str:
    """``; 2 of 40 fits were singular`` from the mixed-model rows' warnings (one fit per series)."""
    fits: dict[tuple[str, str], tuple[str, ...]] = {}
    for c in results.comparisons:
        if c.test == "mixed_model":
            fits[(c.analyte, c.compartment)] = c.warnings
    singular = sum(1 for w in fits.values() if any(m.startswith("singular") for m in w))
    notconv = sum(1 for w in fits.values() if any("converge" in m for m in w))
    parts = [f"{k} of {len(fits)} fits {what}" for k, what in ((singular, "were singular (participant variance "
             "estimated at zero)"), (notconv, "did not converge")) if k]
    return f"; {' and '.join(parts)}, as flagged in {DATA_S1}" if parts else ""


def sensitivity_methods(results: Results) -> str:
    """One sentence per chosen sensitivity analysis (log-scale paired t-test, mixed model)."""
    opt = results.config.analysis
    level = f"{opt.conf_level * 100:g}%"
    base = md_escape(results.config.baseline.label)
    out = []
    if opt.sensitivity.transform == "log":
        out.append(
            "As a sensitivity analysis for skewed distributions, each change was also tested on the log scale with "
            "the paired t-test (R's t.test of the log values) and reported as the geometric mean ratio of the later "
            f"visit to {base} with its back-transformed {level} confidence interval.")
    if opt.sensitivity.mixed_model:
        out.append(
            "A linear mixed model using every available value, including those of participants with missing "
            "visits (log value with visit as a fixed factor and a random intercept per participant, fitted by "
            "restricted maximum likelihood, as R's lme4::lmer), estimated each visit against "
            f"{base} as a ratio of geometric means with a {level} Wald confidence interval{_fit_problems(results)}.")
    return " ".join(out)
