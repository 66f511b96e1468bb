"""The Methods sentence on multiple testing: ``analysis.adjust`` (which adjusted p judges the secondary
endpoints) and ``analysis.adjust_scope`` (within which families)."""

from __future__ import annotations

from alsreport.present.supplement_numbers import DATA_S1, DATA_S1_INNER
from alsreport.present.adjustment import adjustment
from alsreport.present.population import prespecified_known
from alsreport.present.prose.lookups import secondary_tests
from alsreport.present.prose.sensitivity_methods import adjustment_scope
from alsreport.results.model import Results

__all__ = ["multiplicity_sentence"]

_OTHER = {"holm": "the Benjamini–Hochberg method", "BH": "the Holm method"}


def multiplicity_sentence(results: Results) -> str:
    """``For the secondary endpoints, p-values were adjusted … by the Holm method (shown in the tables and
    used to judge significance) and by the Benjamini–Hochberg method (in Supplementary Data S1 …).``; nothing when
    there is a single test (nothing to adjust)."""
    if not secondary_tests(results):
        return ""
    adj = adjustment(results.config)
    scope = adjustment_scope(results)
    lead = "For the secondary endpoints, p-values" if results.config.analysis.primary is not None else "P-values"
    if not adj.any:
        # a retrospective analysis prespecified nothing; without a protocol or registration it is not known
        why = ("this retrospective analysis makes no adjustment for multiple testing" if results.config.retrospective
               else "no adjustment for multiple testing was prespecified" if prespecified_known(results.config)
               else "the analysis makes no adjustment for multiple testing")
        return (f"{lead} are reported unadjusted and judged on their unadjusted values ({why}); Holm- and "
                f"Benjamini–Hochberg-adjusted p-values, {scope}, are given in {DATA_S1}.")
    shown = "the Holm method (" if adj.method == "holm" else "the Benjamini–Hochberg method (false discovery rate; "
    return (f"{lead} were adjusted for multiple testing {scope}, by {shown}shown in the tables and used to judge "
            f"significance) and by {_OTHER[adj.method]} (in {DATA_S1_INNER}).")


def abstract_adjustment(results: Results, *, per_visit: bool = True) -> str:
    """``with Holm adjustment per biomarker family, compartment and visit`` (abstract's Methods; ``within each
    biomarker family and compartment`` with one later visit, or without ``per_visit``: the Methods' sentence on the
    paired t-test and the Friedman test, which has no visit)."""
    adj = adjustment(results.config)
    if not adj.any:
        return "without adjustment for multiple testing"
    name = "Holm" if adj.method == "holm" else "Benjamini–Hochberg (false discovery rate)"
    # the visit named: the families are not adjusted across visits (session 33 reviewer: the abstract overstated the
    # control, a Month 1 finding adjusted among the 3 tests of its visit only); as many words as without it
    scope = adjustment_scope(results, short=True)
    if per_visit and results.config.analysis.adjust_scope != "all" and _several_visits(results):
        scope = scope.replace("within each biomarker family and compartment", "per biomarker family, compartment and visit")
    return f"with {name} adjustment {scope}"


def _several_visits(results: Results) -> bool:
    """More than one later visit compared with the baseline."""
    return len({c.contrast for c in results.comparisons if c.test == "wilcoxon"}) > 1


def limitation_clause(results: Results) -> str:
    """What the adjustment does and does not control, for the Limitations (ends before "so isolated …")."""
    adj = adjustment(results.config)
    everywhere = results.config.analysis.adjust_scope == "all"
    if adj.method == "holm":
        if everywhere:
            return "the Holm adjustment controls the family-wise error across all of them"
        return ("the Holm adjustment controls the family-wise error within each biomarker family and compartment"
                + (" at each visit, not across families, compartments or visits" if _several_visits(results) else
                   ", not across families or compartments"))
    if adj.method == "BH":
        return (f"the Benjamini–Hochberg adjustment {adjustment_scope(results, short=True)} controls the expected "
                "proportion of false discoveries, not the chance of any false finding")
    return "the p-values were not adjusted for multiple testing and some significant results are expected by chance"
