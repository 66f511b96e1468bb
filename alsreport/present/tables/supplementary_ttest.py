"""Supplementary Table S2: the paired t-test (a sensitivity analysis) at EVERY later visit, for every series.

Table 4 shows the paired t-test at the final visit only; the Limitations count every paired t-test
run, so each one is shown here (issue #10, reader 8: two Holm-significant t-tests at earlier visits
were only in the CSV export). One row group per later visit, in visit order, as Table S1: complete
pairs, the mean of the paired differences with its confidence interval, p and the adjusted p
``analysis.adjust`` chooses, as in the results. Numbers are formatted by :mod:`alsreport.present.format`.
"""

from __future__ import annotations

import math

import pandas as pd

from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)
from alsreport.present.abbreviations import label_abbreviation
from alsreport.present.adjustment import adjustment, scope_words
from alsreport.present.format import conf_label, contrast_visits, display_unit, estimate_ci, p_value, series_title
from alsreport.present.format import count, series_decimals, table_visit_label
from alsreport.present.significance import significance_key
from alsreport.present.tables.biomarkers import ordered_series, series_label
from alsreport.present.tables.marks import mark_judged
from alsreport.present.tables.style import abbreviations_note, add_note, base_gt, finish
from alsreport.present.tables.table import Table
from alsreport.results.judgement import judged_significant
from alsreport.results.model import Comparison, Results

__all__ = ["TTEST_COLUMNS", "TTEST_TITLE", "ttest_every_visit_data", "ttest_every_visit_table"]

TTEST_TITLE = "Paired t-test at every later visit"   # Month 0 is not tested against itself (session 26 reader)

TTEST_COLUMNS = (
    "contrast", "family", "compartment", "analyte", "label", "unit", "n_pairs", "statistic", "df",
    "estimate", "ci_low", "ci_high", "conf_level", "p_value", "p_holm", "p_bh", "significant",
)


def _tests(results: Results) -> dict[tuple[str, str, str], Comparison]:
    return {(c.compartment, c.analyte, c.contrast): c for c in results.comparisons if c.test == "paired_t"}


def ttest_every_visit_data(results: Results) -> pd.DataFrame:
    """One row per later visit × series (paired t-test), numbers as numbers, in visit and table order."""
    cfg = results.config
    tests = _tests(results)
    families = list(dict.fromkeys([*cfg.family_names, *(s.family for s in results.series)]))
    nan = math.nan
    rows = []
    for contrast in cfg.contrasts:
        for s in ordered_series(results, families):
            c = tests.get((s.compartment, s.analyte, contrast))
            rows.append({
                "contrast": contrast, "family": s.family, "compartment": s.compartment, "analyte": s.analyte,
                "label": series_label(results, s), "unit": display_unit(s.unit), "n_pairs": c.n if c else 0,
                "statistic": c.statistic if c else nan, "df": c.parameter if c else nan,
                "estimate": c.estimate if c else nan, "ci_low": c.ci.low if c and c.ci else nan,
                "ci_high": c.ci.high if c and c.ci else nan, "conf_level": c.ci.level if c and c.ci else nan,
                "p_value": c.pvalue if c else nan, "p_holm": c.p_holm if c else nan, "p_bh": c.p_bh if c else nan,
                "significant": bool(c is not None and judged_significant(results, c)),
            })
    return pd.DataFrame(rows, columns=list(TTEST_COLUMNS))




def ttest_every_visit_table(results: Results) -> Table:
    """Table S2 (great-tables): row groups per later visit, the text formatted per series as in Table S1."""
    cfg = results.config
    data = ttest_every_visit_data(results)
    decimals = series_decimals(results)
    base_label = table_visit_label(cfg, cfg.baseline.code)
    dec = [decimals.get((c, a), 2) for c, a in zip(data["compartment"], data["analyte"], strict=True)]
    shown = pd.DataFrame({
        "group": [f"{table_visit_label(cfg, contrast_visits(cfg, k)[0])} vs {base_label}" for k in data["contrast"]],
        "series": [series_title(r.compartment, r.label, row=True) + (f" ({r.unit})" if r.unit else "")
                   for r in data.itertuples()],
        "n": [count(n) for n in data["n_pairs"]],
        "change": [estimate_ci(r.estimate, r.ci_low, r.ci_high, d) for r, d in zip(data.itertuples(), dec, strict=True)],
        "p": [p_value(p) for p in data["p_value"]],
    })
    adj = adjustment(cfg)
    if adj.column:
        shown[adj.column] = [p_value(p) for p in data[adj.column]]
    gt, meta = base_gt(shown, id="alsreport-table-s2-ttest", title=TTEST_TITLE,
                       rowname_col="series", groupname_col="group")
    level = conf_label(cfg.analysis.conf_level)
    gt = gtext.cols_label(gt, n="n", change=f"Mean difference ({level})", p="p",
                          **({adj.column: f"p\u00a0({adj.short})"} if adj.column else {}))
    gt = gt.opt_css("#alsreport-table-s2-ttest .gt_col_heading { white-space: normal; }")
    gt = gt.cols_align(align="right", columns=[c for c in shown.columns if c not in ("group", "series")])
    tests = _tests(results)
    rows = [tests.get(k) for k in zip(data["compartment"], data["analyte"], data["contrast"], strict=True)]
    gt = mark_judged(gt, results, rows, "change", "p", adj.column or "p")
    adjusted = (f"p ({adj.short}): {adj.long} {scope_words(cfg)}" if adj.any
                else "p not adjusted for multiple testing")
    gt, meta = add_note(
        gt, meta,
        "n: complete pairs. Mean difference: mean of the paired differences (later visit minus "
        f"{base_label}) with its {level}, from the paired t-test (R's t.test, paired = TRUE), a sensitivity "
        f"analysis; {adjusted}. {significance_key(results, rows)}")
    gt, meta = add_note(gt, meta, abbreviations_note(["CI"] + list(data["compartment"].unique())
                                                     + [label_abbreviation(x) for x in data["label"].unique()]))
    return finish(gt, meta, results)
