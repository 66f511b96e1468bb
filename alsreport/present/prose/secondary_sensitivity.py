"""The paired t-test beside the secondary comparisons that the Wilcoxon test found significant (§3.4; session 32
reviewer: only the primary endpoint's sensitivity results were reported, though the exploratory findings, CSF glucose
at Month 1 and CSF TNF-α at Month 2 in the example, have theirs in Table S2)."""

from __future__ import annotations

from alsreport.present.adjustment import adjustment
from alsreport.present.format import p_phrase, visit_label
from alsreport.present.prose.lookups import earlier_changes, secondary_changes, series_name
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words, visits_words
from alsreport.results.model import Comparison, Results

__all__ = ["secondary_sensitivity_sentence"]


def _named(results: Results, pairs: list[tuple[Comparison, Comparison]]) -> str:
    """``CSF glucose at Month 1 (Holm-adjusted p = 0.031)``: one series at its visits, each with its t-test's p;
    ``CSF TNF-α at Months 1, 2, 3, and 6 (Holm-adjusted p < 0.001 at each)`` where they share it (session 32 reader:
    "CSF TNF-α at Month …" four times)."""
    adj = adjustment(results.config).adjusted
    c = pairs[0][0]
    name = md_escape(series_name(results, c.compartment, c.analyte, c.label))
    labels = [visit_label(results.config, results.config.contrast_visits(w.contrast)[0]) for w, _ in pairs]
    phrases = [p_phrase(results.adjusted_p(t)) for _, t in pairs]
    if len(pairs) == 1:
        return f"{name} at {md_escape(labels[0])} ({adj} {phrases[0]})"
    if len(set(phrases)) == 1:
        return f"{name} at {md_escape(visits_words(labels))} ({adj} {phrases[0]} at each)"
    return (f"{name} at {md_escape(visits_words(labels))} ({adj} "
            + "; ".join(f"{p} at {md_escape(label)}" for p, label in zip(phrases, labels, strict=True)) + ")")


def secondary_sensitivity_sentence(results: Results) -> str:
    """``For the secondary comparisons significant on the Wilcoxon test, the paired t-test was also significant for CSF
    glucose at Month 1 (Holm-adjusted p = 0.031) and CSF TNF-α at Month 2 (Holm-adjusted p < 0.001).``, those it was
    not significant for after a semicolon; "" without such comparisons or without t-tests."""
    groups: dict[bool, dict[tuple[str, str], list[tuple[Comparison, Comparison]]]] = {True: {}, False: {}}
    for change in [*secondary_changes(results), *earlier_changes(results)]:
        c = change.comparison
        try:
            t = results.comparison(c.analyte, c.compartment, c.contrast, test="paired_t")
        except KeyError:
            continue
        agreed = results.is_significant(t, "adjusted")
        groups[agreed].setdefault((c.compartment, c.analyte), []).append((c, t))
    if not groups[True] and not groups[False]:
        return ""
    order = {v: k for k, v in enumerate(results.config.contrasts)}
    words = {k: [_named(results, sorted(pairs, key=lambda p: order.get(p[0].contrast, 99)))
                 for pairs in g.values()] for k, g in groups.items()}
    lead = "For the secondary comparisons significant on the Wilcoxon test, the paired t-test"
    parts = []
    if words[True]:
        parts.append(f"was also significant for {join_words(words[True])}")
    if words[False]:
        parts.append(f"was not significant for {join_words(words[False])}")
    if len(parts) == 2:
        return f"{lead} {parts[0]}; it {parts[1]}."
    return f"{lead} {parts[0]}."
