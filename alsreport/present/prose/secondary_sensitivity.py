"""The paired t-test beside the secondary comparisons that the Wilcoxon test found significant (§3.4; session 32
reviewer: only the primary endpoint's sensitivity results were reported, though the exploratory findings, CSF glucose
at Month 1 and CSF TNF-α at Month 2 in the example, have theirs in Table S2)."""

from __future__ import annotations

from alsreport.present.adjustment import adjustment
from alsreport.present.format import p_phrase, visit_label
from alsreport.present.prose.lookups import earlier_changes, secondary_changes, series_name
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words
from alsreport.results.model import Comparison, Results

__all__ = ["secondary_sensitivity_sentence"]


def _named(results: Results, c: Comparison, t: Comparison) -> str:
    later, _ = results.config.contrast_visits(c.contrast)
    adj = adjustment(results.config).adjusted
    return (f"{md_escape(series_name(results, c.compartment, c.analyte, c.label))} at "
            f"{md_escape(visit_label(results.config, later))} ({adj} {p_phrase(results.adjusted_p(t))})")


def secondary_sensitivity_sentence(results: Results) -> str:
    """``For the secondary comparisons significant on the Wilcoxon test, the paired t-test was also significant for CSF
    glucose at Month 1 (Holm-adjusted p = 0.031) and CSF TNF-α at Month 2 (Holm-adjusted p < 0.001).``, those it was
    not significant for after a semicolon; "" without such comparisons or without t-tests."""
    agreed, not_agreed = [], []
    for change in [*secondary_changes(results), *earlier_changes(results)]:
        c = change.comparison
        try:
            t = results.comparison(c.analyte, c.compartment, c.contrast, test="paired_t")
        except KeyError:
            continue
        (agreed if results.is_significant(t, "adjusted") else not_agreed).append(_named(results, c, t))
    if not agreed and not not_agreed:
        return ""
    lead = "For the secondary comparisons significant on the Wilcoxon test, the paired t-test"
    parts = []
    if agreed:
        parts.append(f"was also significant for {join_words(agreed)}")
    if not_agreed:
        parts.append(f"was not significant for {join_words(not_agreed)}")
    if len(parts) == 2:
        return f"{lead} {parts[0]}; it {parts[1]}."
    return f"{lead} {parts[0]}."
