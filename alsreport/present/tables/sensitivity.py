"""Sensitivity analyses: paired t-test for the final contrast and the Friedman test over all visits.

One row per series of all families (grouped by compartment and family). The
paired t-test gives the mean difference with its confidence interval; the
Friedman omnibus test gives chi-squared, its degrees of freedom and Kendall's W
(complete cases over every visit). p-values raw and adjusted (``analysis.adjust``) within family,
compartment and test, as in the results.
"""

from __future__ import annotations

from alsreport.present.supplement_numbers import DATA_S1
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)

import math
from collections.abc import Sequence

import pandas as pd
from great_tables import GT, loc

from alsreport.present.abbreviations import label_abbreviation
from alsreport.present.method_words import omnibus_shown
from alsreport.present.adjustment import Adjustment, adjustment, scope_words
from alsreport.present.tables.marks import mark_judged
from alsreport.results.judgement import judged_significant
from alsreport.results.model import Results
from alsreport.study.config import StudyConfig
from alsreport.present.tables.biomarkers import ordered_series, series_label
from alsreport.present.format import CI_TO, conf_label, contrast_visits, display_unit, series_decimals, table_visit_label
from alsreport.present.tables.table import Table, TableText
from alsreport.present.tables.style import (
    SIG_NOTE,
    abbreviations_note,
    add_footnote,
    add_note,
    base_gt,
    finish,
    fmt_numbers_by_row,
    group_label,
    mark_significant,
    merge_complete,
    p_value_columns,
    rows_where,
)

__all__ = ["SENSITIVITY_COLUMNS", "sensitivity_data", "sensitivity_table"]

SENSITIVITY_COLUMNS = (
    "family", "compartment", "analyte", "label", "unit",
    "t_contrast", "t_n", "t_statistic", "t_df", "t_estimate", "t_ci_low", "t_ci_high", "t_conf_level",
    "t_p_value", "t_p_holm", "t_p_bh", "t_significant", "t_reason",
    "friedman_contrast", "friedman_n", "friedman_statistic", "friedman_df", "friedman_p_value", "friedman_p_holm",
    "friedman_p_bh", "kendall_w", "friedman_significant", "friedman_reason",
)


def _families(results: Results) -> list[str]:
    seen: dict[str, None] = dict.fromkeys(results.config.family_names)  # declared order first
    for a in results.config.analytes:
        seen.setdefault(a.family, None)
    for s in results.series:
        seen.setdefault(s.family, None)
    return list(seen)


def sensitivity_data(results: Results, families: Sequence[str] | None = None,
                     contrast: str | None = None) -> pd.DataFrame:
    config = results.config
    contrast = contrast or config.final_contrast
    fams = list(families) if families is not None else _families(results)
    by_key = {(c.compartment, c.analyte, c.test, c.contrast): c for c in results.comparisons}
    friedman = {(c.compartment, c.analyte): c for c in results.comparisons if c.test == "friedman"}
    rows = []
    for s in ordered_series(results, fams):
        t = by_key.get((s.compartment, s.analyte, "paired_t", contrast))
        f = friedman.get((s.compartment, s.analyte))
        ci = t.ci if t else None
        rows.append({
            "family": s.family, "compartment": s.compartment, "analyte": s.analyte,
            "label": series_label(results, s), "unit": s.unit,
            "t_contrast": contrast, "t_n": t.n if t else 0,
            "t_statistic": t.statistic if t else math.nan, "t_df": t.parameter if t else math.nan,
            "t_estimate": t.estimate if t else math.nan,
            "t_ci_low": ci.low if ci else math.nan, "t_ci_high": ci.high if ci else math.nan,
            "t_conf_level": ci.level if ci else config.analysis.conf_level,
            "t_p_value": t.pvalue if t else math.nan, "t_p_holm": t.p_holm if t else math.nan,
            "t_p_bh": t.p_bh if t else math.nan,
            "t_significant": bool(t is not None and judged_significant(results, t)),
            "t_reason": (t.reason if t else "no paired t-test in the results") or "",
            "friedman_contrast": f.contrast if f else ",".join(config.visit_codes),
            "friedman_n": f.n if f else 0,
            "friedman_statistic": f.statistic if f else math.nan, "friedman_df": f.parameter if f else math.nan,
            "friedman_p_value": f.pvalue if f else math.nan, "friedman_p_holm": f.p_holm if f else math.nan,
            "friedman_p_bh": f.p_bh if f else math.nan, "kendall_w": f.effect_size if f else math.nan,
            "friedman_significant": bool(f is not None and judged_significant(results, f)),
            "friedman_reason": (f.reason if f else "no Friedman test in the results") or "",
        })
    frame = pd.DataFrame(rows, columns=list(SENSITIVITY_COLUMNS))
    for c in ("t_n", "friedman_n"):
        frame[c] = frame[c].astype("int64")
    for c in ("t_significant", "friedman_significant"):
        frame[c] = frame[c].astype(bool)
    return frame


def sensitivity_table(results: Results, families: Sequence[str] | None = None, contrast: str | None = None,
                      *, id: str = "alsreport-sensitivity") -> Table:
    config = results.config
    contrast = contrast or config.final_contrast
    data = sensitivity_data(results, families, contrast)
    later, base = contrast_visits(config, contrast)
    later_label, base_label = table_visit_label(config, later), table_visit_label(config, base)
    level = float(data["t_conf_level"].iat[0]) if len(data) else config.analysis.conf_level

    frame = data.copy()
    multi = frame["family"].nunique() > 1
    frame["_group"] = [group_label(results.config.family_label(f), c, multi)
                       for f, c in zip(frame["family"], frame["compartment"], strict=False)]
    frame["_unit"] = [display_unit(u) or None for u in frame["unit"]]
    per_series = series_decimals(results)
    decimals = [per_series.get((c, a), 2) for c, a in zip(frame["compartment"], frame["analyte"], strict=False)]

    adj = adjustment(config)  # which adjusted p is shown: t_p_holm / t_p_bh, or none
    t_adj, f_adj = ([f"t_{adj.column}"], [f"friedman_{adj.column}"]) if adj.column else ([], [])
    p_cols = ["t_p_value", *t_adj, "friedman_p_value", *f_adj]
    # two visits: no Friedman test (a sign test of the one comparison, nothing beside the Wilcoxon test's)
    omnibus = omnibus_shown(config)
    gt, meta = base_gt(p_value_columns(frame, p_cols), id=id, rowname_col="label", groupname_col="_group",
                       title="Sensitivity and supportive analyses" if omnibus else "Sensitivity analysis",
                       subtitle=f"Paired t-test ({later_label} vs {base_label})"
                       + (" and Friedman test across all visits" if omnibus else ""))
    gt = merge_complete(gt, frame, ["label", "_unit"], "{0} ({1})", fallback=None)
    gt = fmt_numbers_by_row(gt, ["t_estimate", "t_ci_low", "t_ci_high"], decimals)
    gt = gt.fmt_integer(columns=["t_n", "friedman_n"])
    gt = gt.fmt_number(columns="friedman_statistic", decimals=2, use_seps=False)
    gt = gt.fmt_number(columns="friedman_df", decimals=0)
    gt = gt.fmt_number(columns="kendall_w", decimals=2)
    gt = merge_complete(gt, frame, ["t_estimate", "t_ci_low", "t_ci_high"], "{0} ({1}" + CI_TO + "{2})")
    gt = merge_complete(gt, frame, ["friedman_statistic", "friedman_df"], "{0} ({1})")
    gt = gt.sub_missing(columns="kendall_w", missing_text="—")
    t_cols = ["t_n", "t_estimate", "t_p_value", *t_adj]
    f_cols = ["friedman_n", "friedman_statistic", "friedman_p_value", *f_adj, "kendall_w"] if omnibus else []
    gt = gt.cols_hide(columns=[c for c in frame.columns if c not in t_cols + f_cols + ["label", "_group", "_unit"]])
    gt = gt.cols_move_to_end(columns=t_cols + f_cols)
    gt = gtext.cols_label(gt, t_n="n", t_estimate=f"Mean difference ({conf_label(level)})", t_p_value="p",
                          friedman_n="n", friedman_statistic="χ² (df)", friedman_p_value="p", kendall_w="W",
                          **{c: f"p\u00a0({adj.short})" for c in t_adj + f_adj})
    gt = gtext.tab_spanner(gt, f"Paired t-test, {later_label} − {base_label}", columns=t_cols, id="t")
    if omnibus:
        gt = gtext.tab_spanner(gt, "Friedman test", columns=f_cols, id="friedman")
    gt = gt.cols_align(align="right", columns=t_cols + f_cols)
    gt = gtext.tab_stubhead(gt, "Analyte (unit)")
    t_mark, f_mark = (t_adj or ["t_p_value"])[0], (f_adj or ["friedman_p_value"])[0]
    by_key = {(c.compartment, c.analyte, c.contrast): c for c in results.comparisons if c.test == "paired_t"}
    t_tests = [by_key.get((c, a, contrast)) for c, a in zip(frame["compartment"], frame["analyte"], strict=True)]
    gt = mark_judged(gt, results, t_tests, "t_estimate", "t_p_value", t_mark)
    if omnibus:
        gt = mark_significant(gt, rows_where(frame["friedman_significant"]), ["friedman_statistic", f_mark], f_mark)
    gt, meta = _notes(gt, meta, frame, config, level, later_label, base_label, omnibus=omnibus)
    return finish(gt, meta, results)


def _adjustment_note(adj: Adjustment, config: StudyConfig) -> str:
    """Which adjustment the table shows, within which families, and where the others are."""
    if not adj.any:
        return ("p-values are not adjusted for multiple testing; Holm- and Benjamini–Hochberg-adjusted values are "
                f"in {DATA_S1}.")
    name, other = ("Holm", "Benjamini–Hochberg") if adj.method == "holm" else ("Benjamini–Hochberg", "Holm")
    return (f"{name} adjustment {scope_words(config, short=True)}, separately for each test; {other}-adjusted "
            f"values are in {DATA_S1}.")


def _one_rule_note(config: StudyConfig) -> str:
    """Reader 8's item 12: the primary endpoint's paired t-test was starred on its unadjusted p, its Friedman test on
    the adjusted p; every sensitivity column now follows the one rule of the secondary endpoints, and says so."""
    adj, prim = adjustment(config), config.analysis.primary
    if not adj.any or prim is None or prim.adjust != "none":
        return ""
    # reader 10a: "only the primary endpoint's Wilcoxon test" read as if this table showed it
    return (f" Every test here, including those of the primary endpoint, is marked on its {adj.adjusted} p; only the "
            "primary analysis itself (its Wilcoxon test, not in this table) is judged on its unadjusted p.")


def _notes(gt: GT, meta: TableText, frame: pd.DataFrame, config: StudyConfig, level: float, later_label: str,
           base_label: str, *, omnibus: bool = True) -> tuple[GT, TableText]:
    """Significance and adjustment, abbreviations, what each test is, why a test is missing."""
    alpha = config.analysis.alpha
    visits = ", ".join(table_visit_label(config, v) for v in config.visit_codes)
    gt, meta = add_note(gt, meta, f"{SIG_NOTE}: {adjustment(config).adjusted} p < {alpha:g}. "
                                  + _adjustment_note(adjustment(config), config) + _one_rule_note(config))
    gt, meta = add_note(gt, meta, abbreviations_note(["CI"] + list(frame["compartment"].unique())
                                                     + [label_abbreviation(lab) for lab in frame["label"].unique()]))
    gt, meta = add_footnote(gt, meta, f"Mean of the paired differences ({later_label} − {base_label}) with its "
                                      f"{conf_label(level)}, from the paired t-test (R's t.test, paired = TRUE); n: complete "
                                      "pairs.", loc.column_labels(columns="t_estimate"))
    if omnibus:
        gt, meta = add_footnote(gt, meta, f"Friedman rank-sum test across {visits} (R's friedman.test) on participants "
                                          "with values at every visit (n); χ² with its degrees of freedom.",
                                loc.column_labels(columns="friedman_statistic"))
        gt, meta = add_footnote(gt, meta, "Kendall's W (coefficient of concordance) = χ² / (n (k − 1)), k visits.",
                                loc.column_labels(columns="kendall_w"))
    tests = (("t_p_value", "t_reason"), ("friedman_p_value", "friedman_reason")) if omnibus else (("t_p_value", "t_reason"),)
    for col, reason_col in tests:
        missing = frame[reason_col].astype(str).str.len().to_numpy() > 0
        for reason in sorted(set(frame.loc[missing, reason_col])):
            rows = rows_where(missing & (frame[reason_col] == reason).to_numpy())
            gt, meta = add_footnote(gt, meta, f"Not computed: {reason}.", loc.body(columns=col, rows=rows))
    return gt, meta


