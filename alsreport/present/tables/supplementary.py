"""Supplementary table S1: the change from baseline to EVERY later visit, for every series.

The main biomarker tables show the change to the final visit; the secondary endpoints
are the changes to each later visit, so every one of them is reported here (one row
group per visit, in visit order): n at each of the two visits and in complete pairs,
medians [IQR], the Hodges–Lehmann change with its confidence interval, p and the
adjusted p ``analysis.adjust`` chooses (``p_holm`` by default, ``p_bh``, or none), as in the results.
"""

from __future__ import annotations

import math

import pandas as pd
from great_tables import GT, loc

from alsreport.present.abbreviations import label_abbreviation
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)
from alsreport.present.format import counts_of, estimate_ci, median_iqr, p_value, series_title
from alsreport.present.method_words import method_words
from alsreport.present.prose.words import cap
from alsreport.present.tables.table import Table, TableText
from alsreport.present.tables.biomarkers import (
    ordered_series,
    series_label,
    exact_is_usual,
    wilcoxon_variants,
    zero_pair_footnotes,
    zero_pairs_words,
)
from alsreport.present.format import conf_label, contrast_visits, display_unit, series_decimals, table_visit_label
from alsreport.present.tables.style import (
    abbreviations_note,
    add_footnote,
    add_note,
    base_gt,
    finish,
    rows_where,
)
from alsreport.present.adjustment import Adjustment, adjustment, scope_words
from alsreport.present.significance import significance_key
from alsreport.present.tables.marks import mark_judged
from alsreport.results.judgement import judged_significant
from alsreport.results.model import Comparison, Results
from alsreport.study.config import StudyConfig

__all__ = ["SUPPLEMENTARY_COLUMNS", "supplementary_data", "supplementary_table"]

SUPPLEMENTARY_COLUMNS = (
    "contrast", "family", "compartment", "analyte", "label", "unit", "n_baseline", "n_later", "n_pairs",
    "n_zeros", "median_baseline", "q1_baseline", "q3_baseline", "median_later", "q1_later", "q3_later",
    "estimate", "ci_low", "ci_high", "conf_level", "p_value", "p_holm", "significant",
)


def supplementary_data(results: Results) -> pd.DataFrame:
    """One row per series × later visit (Wilcoxon), numbers as numbers; the adjusted-p column is the one
    ``analysis.adjust`` chooses (``p_holm``, ``p_bh``, or none when unadjusted)."""
    cfg = results.config
    desc = {(d.compartment, d.analyte, d.visit): d for d in results.descriptives}
    comp = {(c.compartment, c.analyte, c.contrast): c for c in results.comparisons if c.test == "wilcoxon"}
    families = list(dict.fromkeys([*cfg.family_names, *(s.family for s in results.series)]))
    rows = []
    for contrast in cfg.contrasts:
        later, base = contrast_visits(cfg, contrast)
        for s in ordered_series(results, families):
            c = comp.get((s.compartment, s.analyte, contrast))
            b, lt = desc.get((s.compartment, s.analyte, base)), desc.get((s.compartment, s.analyte, later))
            nan = math.nan
            rows.append({
                "contrast": contrast, "family": s.family, "compartment": s.compartment, "analyte": s.analyte,
                "label": series_label(results, s), "unit": display_unit(s.unit),
                "n_baseline": b.n if b else 0, "n_later": lt.n if lt else 0, "n_pairs": c.n if c else 0,
                "n_zeros": c.n_zeros if c else 0,
                "median_baseline": b.median if b else nan, "q1_baseline": b.q1 if b else nan,
                "q3_baseline": b.q3 if b else nan, "median_later": lt.median if lt else nan,
                "q1_later": lt.q1 if lt else nan, "q3_later": lt.q3 if lt else nan,
                "estimate": c.estimate if c else nan, "ci_low": c.ci.low if c and c.ci else nan,
                "ci_high": c.ci.high if c and c.ci else nan, "conf_level": c.ci.level if c and c.ci else nan,
                "p_value": c.pvalue if c else nan, "p_holm": c.p_holm if c else nan, "p_bh": c.p_bh if c else nan,
                "significant": bool(c is not None and judged_significant(results, c)),
            })
    return pd.DataFrame(rows, columns=list(_columns(cfg.analysis.adjust)))


def _columns(adjust: str) -> tuple[str, ...]:
    """:data:`SUPPLEMENTARY_COLUMNS` with ``p_holm`` replaced by the chosen adjusted p (or left out)."""
    chosen = {"holm": ("p_holm",), "BH": ("p_bh",), "none": ()}[adjust]
    return tuple(x for c in SUPPLEMENTARY_COLUMNS for x in (chosen if c == "p_holm" else (c,)))


def supplementary_table(results: Results) -> Table:
    """Table S1 (great-tables): row groups per later visit, the text already formatted per series."""
    cfg = results.config
    data = supplementary_data(results)
    decimals = series_decimals(results)
    base_label = table_visit_label(cfg, cfg.baseline.code)
    shown = pd.DataFrame({
        "group": [f"{table_visit_label(cfg, contrast_visits(cfg, k)[0])} vs {base_label}" for k in data["contrast"]],
        "series": [series_title(r.compartment, r.label, row=True) + (f" ({r.unit})" if r.unit else "")
                   for r in data.itertuples()],
        "n": [counts_of(r.n_baseline, r.n_later, r.n_pairs) for r in data.itertuples()],
        "baseline": [median_iqr(r.median_baseline, r.q1_baseline, r.q3_baseline,
                                decimals.get((r.compartment, r.analyte), 2)) for r in data.itertuples()],
        "later": [median_iqr(r.median_later, r.q1_later, r.q3_later,
                             decimals.get((r.compartment, r.analyte), 2)) for r in data.itertuples()],
        "change": [estimate_ci(r.estimate, r.ci_low, r.ci_high, decimals.get((r.compartment, r.analyte), 2))
                   for r in data.itertuples()],
        "p": [p_value(p) for p in data["p_value"]],
    })
    adj = adjustment(cfg)
    if adj.column:
        shown[adj.column] = [p_value(p) for p in data[adj.column]]  # p_holm or p_bh: as in the tidy data
    marked = adj.column or "p"
    gt, meta = base_gt(shown, id="alsreport-table-s1", title="Changes from baseline to every later visit",
                       rowname_col="series", groupname_col="group")
    level = conf_label(cfg.analysis.conf_level)
    gt = gtext.cols_label(gt, n="n", baseline=f"{base_label}, median [IQR]", later="Later visit, median [IQR]",
                          change=f"Change, HL ({level})", p="p",
                          **({adj.column: f"p\u00a0({adj.short})"} if adj.column else {}))  # as Tables 2-3
    # the long column labels wrap ("Month 0, median [IQR]"): the gaps between the columns (issue #10) left the table
    # wider than the portrait column with them on one line
    gt = gt.opt_css("#alsreport-table-s1 .gt_col_heading { white-space: normal; }")
    numbers = [c for c in shown.columns if c not in ("group", "series")]
    gt = gt.cols_align(align="right", columns=numbers)     # numbers right-aligned, as in Tables 2-4 (issue #10)
    comp = {(c.compartment, c.analyte, c.contrast): c for c in results.comparisons if c.test == "wilcoxon"}
    tests = [comp.get(k) for k in zip(data["compartment"], data["analyte"], data["contrast"], strict=True)]
    gt = mark_judged(gt, results, tests, "change", "p", marked)
    which, gt, meta = _variant_marks(gt, meta, tests, exact_is_usual(results))
    gt, meta = zero_pair_footnotes(gt, meta, data["n_zeros"].to_numpy(), "n")
    gt, meta = add_note(
        gt, meta,
        f"n: participants with a value at {base_label} / at the later visit / with both (complete pairs). "
        f"{zero_pairs_words(data['n_zeros'].to_numpy())} HL: Hodges–Lehmann estimate of the paired change (later minus baseline), "
        f"Wilcoxon signed-rank test ({which}); {_adjusted_words(adj, cfg)}. {significance_key(results, tests)}")
    # its own abbreviations, as Tables 2 and 3 (issue #10: the manuscript's lists name only what its text uses)
    gt, meta = add_note(gt, meta, abbreviations_note(["CI", "IQR"] + list(data["compartment"].unique())
                                                     + [label_abbreviation(x) for x in data["label"].unique()]))
    return finish(gt, meta, results)


def _variant_marks(gt: GT, meta: TableText, tests: list[Comparison | None],
                   exact_usual: bool) -> tuple[str, GT, TableText]:
    """The Wilcoxon variant the table states (the document's usual one, ``exact_usual``, where it has both) and a
    lettered footnote on the rows that used the other, as in Tables 2 and 3 (reader 6's item 13: Table S1 had no
    exact-test marker)."""
    variants = pd.DataFrame({"exact": [c.exact if c else None for c in tests],
                             "method": [c.method if c else "" for c in tests]})
    which, other, why = wilcoxon_variants(variants, exact_usual)
    for method in sorted(set(variants.loc[other, "method"])):
        rows = rows_where(other & (variants["method"] == method).to_numpy())
        gt, meta = add_footnote(gt, meta, f"{cap(method_words(method))} ({why}).", loc.body(columns="p", rows=rows))
    return which, gt, meta


def _adjusted_words(adj: Adjustment, config: StudyConfig) -> str:
    """``p (Holm): Holm-adjusted within each biomarker family and compartment, separately for each visit`` (the
    note's words for ``analysis.adjust`` and ``analysis.adjust_scope``)."""
    if not adj.any:
        return "p not adjusted for multiple testing"
    return f"p ({adj.short}): {adj.long} {scope_words(config)}"
