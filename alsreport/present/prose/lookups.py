"""Look-ups in the results that the sentences share (names, order, significant changes): no arithmetic."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from alsreport.present.format import contrast_visits, label_in_text, series_decimals, series_title
from alsreport.present.prose.words import join_words
from alsreport.results.judgement import judged_significant
from alsreport.results.model import Characteristic, Comparison, Descriptive, EventCount, Results

__all__ = [
    "Change",
    "analyte_label",
    "series_name",
    "order_key",
    "final_wilcoxon",
    "tested",
    "changes",
    "nominal_only",
    "primary_change",
    "primary_adjustment",
    "primary_significant",
    "secondary_changes",
    "earlier_changes",
    "families_words",
    "family_words",
    "markers_word",
    "markers_named",
    "compartments",
    "characteristic",
    "overview",
    "overview_since_last",
    "several_comparisons",
]

def analyte_label(results: Results, analyte: str, fallback: str = "") -> str:
    try:
        return results.config.analyte(analyte).display
    except KeyError:
        return fallback or analyte


def series_name(results: Results, compartment: str, analyte: str, fallback: str = "") -> str:
    """``CSF TNF-α``, ``serum IL-6``, ``serum albumin`` (see :func:`~alsreport.present.format.series_title`)."""
    return series_title(compartment, analyte_label(results, analyte, fallback))


def order_key(results: Results) -> Callable[[Comparison], tuple[int, int, int]]:
    fam = {f: i for i, f in enumerate(results.config.family_names)}
    comp: dict[str, int] = {}
    for s in results.series:
        comp.setdefault(s.compartment, len(comp))
    names = {n: i for i, n in enumerate(results.config.analyte_names)}
    return lambda c: (fam.get(c.family, 9), comp.get(c.compartment, 99), names.get(c.analyte, 999))


@dataclass(frozen=True)
class Change:
    """One paired comparison with the medians at its two visits (for sentences)."""

    comparison: Comparison
    baseline: Descriptive | None
    final: Descriptive | None
    decimals: int

    @property
    def direction(self) -> str:
        e = self.comparison.estimate
        if not math.isfinite(e) or e == 0:
            return "changed"
        return "decreased" if e < 0 else "increased"


def _descriptive(results: Results, compartment: str, analyte: str, visit: str) -> Descriptive | None:
    for d in results.descriptives:
        if d.compartment == compartment and d.analyte == analyte and d.visit == visit:
            return d
    return None


def _change(results: Results, c: Comparison, decimals: dict[tuple[str, str], int]) -> Change:
    later, base = contrast_visits(results.config, c.contrast)
    return Change(c, _descriptive(results, c.compartment, c.analyte, base),
                  _descriptive(results, c.compartment, c.analyte, later),
                  decimals.get((c.compartment, c.analyte), 2))


def final_wilcoxon(results: Results) -> list[Comparison]:
    final = results.config.final_contrast
    found = [c for c in results.comparisons if c.test == "wilcoxon" and c.contrast == final]
    return sorted(found, key=order_key(results))


def tested(results: Results) -> list[Comparison]:
    return [c for c in final_wilcoxon(results) if math.isfinite(c.pvalue)]


def changes(results: Results, *, adjusted: str | None = "adjusted") -> list[Change]:
    """Series whose change to the final visit is significant (by default the p-value ``analysis.adjust``
    chooses, Holm-adjusted unless changed, < alpha)."""
    decimals = series_decimals(results)
    return [_change(results, c, decimals) for c in tested(results) if results.is_significant(c, adjusted)]


def nominal_only(results: Results) -> list[Change]:
    """Unadjusted p < alpha but adjusted p (``analysis.adjust``) ≥ alpha."""
    decimals = series_decimals(results)
    return [_change(results, c, decimals) for c in tested(results)
            if results.is_significant(c) and not results.is_significant(c, "adjusted")]


def primary_change(results: Results) -> Change | None:
    c = results.primary
    return _change(results, c, series_decimals(results)) if c is not None else None


def primary_adjustment(results: Results) -> str | None:
    """How the primary endpoint is judged: ``None`` (its unadjusted p, the default) or ``"holm"``."""
    p = results.config.analysis.primary
    return "holm" if p is not None and p.adjust == "holm_family" else None


def primary_significant(results: Results) -> bool:
    c = results.primary
    return c is not None and judged_significant(results, c)   # the one rule tables and figures also use


def secondary_tests(results: Results) -> list[Comparison]:
    """The Wilcoxon comparisons that were run (no ``reason``), other than the primary endpoint's."""
    prim = results.primary
    return [c for c in results.comparisons if c.test == "wilcoxon" and c is not prim and not c.reason]


def several_comparisons(results: Results) -> bool:
    """More than one Wilcoxon comparison with baseline was run (the primary endpoint's and :func:`secondary_tests`):
    with one, there is no multiplicity to adjust for or to speak of (session 34 reviewer)."""
    return len(secondary_tests(results)) + (results.primary is not None) > 1


def secondary_changes(results: Results) -> list[Change]:
    """Series other than the primary endpoint whose change to the final visit is significant after adjustment."""
    prim = results.primary
    return [ch for ch in changes(results) if ch.comparison is not prim]


def earlier_changes(results: Results) -> list[Change]:
    """Significant (after ``analysis.adjust``'s adjustment) Wilcoxon changes to visits before the final one (never the primary endpoint)."""
    final = results.config.final_contrast
    prim = results.primary
    decimals = series_decimals(results)
    order = order_key(results)
    visits = {c: k for k, c in enumerate(results.config.contrasts)}
    found = [c for c in results.comparisons
             if c.test == "wilcoxon" and c.contrast != final and c is not prim and math.isfinite(c.pvalue)
             and results.is_significant(c, "adjusted")]
    found.sort(key=lambda c: (visits.get(c.contrast, 99), *order(c)))
    return [_change(results, c, decimals) for c in found]


def family_words(results: Results, family: str) -> str:
    """A family's label as running text writes it: ``neurofilament`` for study.yml's ``Neurofilament`` (outside
    tester: "the only Neurofilament marker"), ``IL`` or ``CSF`` as written (:func:`label_in_text`)."""
    return label_in_text(results.config.family_label(family))


def families_words(results: Results, families: Iterable[str] | None = None, conjunction: str = "or") -> str:
    """``immunological, biochemical or haematological``: the labels of the families of the results, in
    study.yml's order (``families``), as running text writes them (:func:`family_words`)."""
    rank = {f: i for i, f in enumerate(results.config.family_names)}
    fams = list(dict.fromkeys(families if families is not None else
                              sorted({s.family for s in results.series}, key=lambda f: rank.get(f, len(rank)))))
    return join_words([family_words(results, f) for f in fams], conjunction)


def markers_word(results: Results, families: Iterable[str] | None = None, noun: str = "biomarker") -> str:
    """``biomarkers``, or ``biomarker`` when the families (all of the results' by default) hold one analyte
    (outside tester: "the change in Neurofilament biomarkers" for serum NfL alone)."""
    fams = set(families) if families is not None else {s.family for s in results.series}
    analytes = {s.analyte for s in results.series if s.family in fams}
    return noun if len(analytes) == 1 else noun + "s"


def markers_named(results: Results, families: Iterable[str] | None = None, noun: str = "biomarker") -> str:
    """``immunological and biochemical biomarkers``, or the analyte itself when the families (all of the results' by
    default) hold one: ``neurofilament light chain`` (session 34 reviewer: "The neurofilament biomarker was
    measured in serum" named a family for the one marker). Plain text: the caller escapes it."""
    fams = list(families) if families is not None else None
    word = markers_word(results, fams, noun)
    if word.endswith("s"):
        return f"{families_words(results, fams, 'and')} {word}"
    analyte = next(s.analyte for s in results.series if fams is None or s.family in fams)
    return label_in_text(results.config.analyte(analyte).display)


def compartments(results: Results) -> list[str]:
    return list(dict.fromkeys(s.compartment for s in results.series))


def characteristic(results: Results, variable: str, level: str | None = None) -> Characteristic | None:
    for c in results.baseline:
        if c.variable == variable and (level is None or c.level == level):
            return c
    return None


def overview(results: Results) -> dict[str, EventCount]:
    return {e.category: e for e in results.safety.overview}


def overview_since_last(results: Results) -> dict[str, EventCount]:
    """The overview over events with onset after ``safety.previous_report_cutoff``, by category; empty without that
    cut-off or without onset dates. The one condition for the overview table's "Since the last report" columns and
    for every sentence that speaks of them (DSMB reader: §2.3 promised the columns to a table without them)."""
    dsmb = results.dsmb
    return {e.category: e for e in dsmb.overview_since_last} if dsmb is not None else {}
