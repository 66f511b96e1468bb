"""Sensitivity analyses on the log scale, beside the Wilcoxon result: Table S2 of the manuscript's supplement.

Built only when ``analysis.sensitivity`` chose them (``transform: log`` and/or
``mixed_model: true``). One row per series and later visit: the Wilcoxon signed-rank
result (Hodges-Lehmann change with its CI, p), then the geometric mean ratio of the
paired t-test on log values (``paired_t_log``) and the ratio of geometric means of the
mixed model (``mixed_model``), each with its CI and p. Every number comes from
``results.comparisons`` (nothing is computed here) and prints through
:mod:`alsreport.present.format`. Singular fits and fits that did not converge are
marked by a footnote on their ratio; a comparison that could not be made says why.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
from great_tables import loc

from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)
from alsreport.present.format import MISSING, ci, conf_label, count, display_unit, number, p_value, series_decimals
from alsreport.present.format import table_visit_label
from alsreport.present.supplement_numbers import has_ratio_rows  # re-exported: the registry and tests use it here
from alsreport.present.tables.biomarkers import ordered_series, series_label
from alsreport.present.tables.style import abbreviations_note, add_footnote, add_note, base_gt, finish, group_label
from alsreport.present.tables.style import rows_where
from alsreport.present.tables.table import Table
from alsreport.results.model import Comparison, Results
from alsreport.stats.mixed import W_NOTCONV, W_SINGULAR

__all__ = ["RATIO_COLUMNS", "RATIO_TESTS", "has_ratio_rows", "ratio_data", "ratio_table"]

#: The comparisons.csv tests shown, with the column prefix of each.
RATIO_TESTS = {"wilcoxon": "wilcoxon", "paired_t_log": "gmr", "mixed_model": "mixed"}
_FIELDS = ("n", "estimate", "ci_low", "ci_high", "p_value", "p_holm", "reason")

RATIO_COLUMNS = ("family", "compartment", "analyte", "label", "unit", "contrast", "visit") + tuple(
    f"{prefix}_{f}" for prefix in RATIO_TESTS.values() for f in _FIELDS) + ("mixed_singular", "mixed_not_converged")


def _fields(prefix: str, c: Comparison | None) -> dict[str, object]:
    if c is None:
        return {f"{prefix}_{f}": (0 if f == "n" else "" if f == "reason" else math.nan) for f in _FIELDS}
    return {f"{prefix}_n": c.n, f"{prefix}_estimate": c.estimate,
            f"{prefix}_ci_low": c.ci.low if c.ci else math.nan, f"{prefix}_ci_high": c.ci.high if c.ci else math.nan,
            f"{prefix}_p_value": c.pvalue, f"{prefix}_p_holm": c.p_holm, f"{prefix}_reason": c.reason or ""}


def ratio_data(results: Results) -> pd.DataFrame:
    """Tidy frame (:data:`RATIO_COLUMNS`): numbers as numbers, one row per series x later visit."""
    config = results.config
    by_key = {(c.compartment, c.analyte, c.contrast, c.test): c for c in results.comparisons}
    families = list(dict.fromkeys([*config.family_names, *(s.family for s in results.series)]))  # study.yml order
    rows = []
    for s in ordered_series(results, families):
        for contrast in config.contrasts:
            mixed = by_key.get((s.compartment, s.analyte, contrast, "mixed_model"))
            row: dict[str, object] = {"family": s.family, "compartment": s.compartment, "analyte": s.analyte,
                                      "label": series_label(results, s), "unit": s.unit, "contrast": contrast,
                                      "visit": config.contrast_visits(contrast)[0]}
            for test, prefix in RATIO_TESTS.items():
                row.update(_fields(prefix, by_key.get((s.compartment, s.analyte, contrast, test))))
            warnings = mixed.warnings if mixed is not None else ()
            row["mixed_singular"] = W_SINGULAR in warnings
            row["mixed_not_converged"] = W_NOTCONV in warnings
            rows.append(row)
    frame = pd.DataFrame(rows, columns=list(RATIO_COLUMNS))
    for prefix in RATIO_TESTS.values():
        frame[f"{prefix}_n"] = frame[f"{prefix}_n"].astype("int64")
    return frame


def _estimate_text(frame: pd.DataFrame, prefix: str, decimals: Callable[[int], int]) -> list[str]:
    out = []
    for i, (e, lo, hi) in enumerate(zip(frame[f"{prefix}_estimate"], frame[f"{prefix}_ci_low"],
                                        frame[f"{prefix}_ci_high"], strict=True)):
        d = decimals(i)
        if not math.isfinite(e):
            out.append(MISSING)
        else:
            out.append(number(e, d) if not (math.isfinite(lo) and math.isfinite(hi)) else
                       f"{number(e, d)} ({ci(lo, hi, d)})")
    return out


def _display(results: Results, frame: pd.DataFrame, shown: list[str]) -> pd.DataFrame:
    """The printed cells, each through :mod:`alsreport.present.format`."""
    per_series = series_decimals(results)
    dec = [per_series.get((c, a), 2) for c, a in zip(frame["compartment"], frame["analyte"], strict=True)]
    first = ~frame.duplicated(["compartment", "analyte"]).to_numpy()
    units = [display_unit(u) for u in frame["unit"]]
    out = pd.DataFrame({
        "_group": [group_label(results.config.family_label(f), c, frame["family"].nunique() > 1)
                   for f, c in zip(frame["family"], frame["compartment"], strict=True)],
        "series": [(f"{lab} ({u})" if u else lab) if k else "" for lab, u, k in zip(frame["label"], units, first,
                                                                                   strict=True)],
        "visit": [table_visit_label(results.config, v) for v in frame["visit"]],
    })
    for prefix in shown:
        out[f"{prefix}_n"] = [count(n) if n else MISSING for n in frame[f"{prefix}_n"]]
        out[f"{prefix}_estimate"] = _estimate_text(frame, prefix, (lambda i: dec[i]) if prefix == "wilcoxon"
                                                   else (lambda i: 2))
        out[f"{prefix}_p_value"] = [p_value(p) for p in frame[f"{prefix}_p_value"]]
    return out


def ratio_table(results: Results, *, id: str = "alsreport-ratio-sensitivity") -> Table:
    """Table S2: each later visit vs baseline, Wilcoxon beside the log-scale ratios (only those chosen)."""
    config = results.config
    frame = ratio_data(results)
    shown = ["wilcoxon"] + [p for t, p in RATIO_TESTS.items() if t != "wilcoxon"
                            and any(c.test == t for c in results.comparisons)]
    cells = _display(results, frame, shown)
    level = conf_label(config.analysis.conf_level)
    base = table_visit_label(config, config.baseline.code)
    names = {"wilcoxon": "Wilcoxon signed-rank test", "gmr": "Paired t-test on log values",
             "mixed": "Linear mixed model (log values)"}
    heads = {"wilcoxon": f"Change ({level})", "gmr": f"GMR ({level})", "mixed": f"Ratio ({level})"}
    gt, meta = base_gt(cells, id=id, rowname_col="series", groupname_col="_group",
                       title="Sensitivity analyses on the log scale",
                       subtitle=f"Each later visit vs {base}: Wilcoxon signed-rank test and ratios of geometric means")
    gt = gtext.cols_label(gtext.tab_stubhead(gt, "Analyte (unit)"), visit="Visit")
    for prefix in shown:
        cols = [f"{prefix}_n", f"{prefix}_estimate", f"{prefix}_p_value"]
        gt = gtext.cols_label(gt, **{cols[0]: "n", cols[1]: heads[prefix], cols[2]: "p"})
        gt = gtext.tab_spanner(gt, names[prefix], columns=cols, id=prefix)
        gt = gt.cols_align(align="right", columns=cols)
    return finish(*_notes(gt, meta, frame, results, shown, base), results)


def _notes(gt, meta, frame: pd.DataFrame, results: Results, shown: list[str], base: str):  # noqa: ANN001, ANN202
    """What each column is, the fits that were singular or did not converge, why a cell is empty."""
    level = conf_label(results.config.analysis.conf_level)
    gt, meta = add_note(gt, meta, abbreviations_note(["CI"] + (["GMR"] if "gmr" in shown else [])
                                                     + list(frame["compartment"].unique())))
    gt, meta = add_footnote(gt, meta, f"Hodges–Lehmann estimate of the change from {base} (later − baseline, in the "
                                      f"analyte's unit) with its {level} (R's wilcox.test, paired = TRUE).",
                            loc.column_labels(columns="wilcoxon_estimate"))
    if "gmr" in shown:
        gt, meta = add_footnote(gt, meta, f"Geometric mean ratio, later visit / {base}, with its back-transformed "
                                          f"{level}: R's t.test(log(later), log(baseline), paired = TRUE); "
                                          "n: complete pairs.", loc.column_labels(columns="gmr_estimate"))
    if "mixed" in shown:
        gt, meta = add_footnote(gt, meta, "Ratio of geometric means, later visit / baseline, with its Wald "
                                          f"{level}, from log value ~ visit + (1 | participant) fitted by REML "
                                          "(R's lme4::lmer) on every available value; n: participants with any "
                                          "value.", loc.column_labels(columns="mixed_estimate"))
        for col, what in (("mixed_singular", "Singular fit: the participant variance was estimated at 0 "
                                             "(lme4's isSingular); the ratio is that of a model without it."),
                          ("mixed_not_converged", "The REML fit did not converge: interpret the ratio with "
                                                  "caution.")):
            mask = frame[col].to_numpy(dtype=bool)
            if mask.any():
                gt, meta = add_footnote(gt, meta, what, loc.body(columns="mixed_estimate", rows=rows_where(mask)))
    for prefix in shown:
        reasons = frame[f"{prefix}_reason"].astype(str)
        for reason in sorted(set(reasons[reasons.str.len() > 0])):
            gt, meta = add_footnote(gt, meta, f"Not computed: {reason}.",
                                    loc.body(columns=f"{prefix}_estimate", rows=rows_where(reasons == reason)))
    return gt, meta
