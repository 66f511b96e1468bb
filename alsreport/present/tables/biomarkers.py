"""Tables 2 and 3: biomarkers by compartment, median [IQR] at each visit and the change to the final visit.

One row per series (analyte × compartment) of the chosen families, grouped by
compartment (and family, when a table spans several). Columns: the median
[IQR] at each visit of ``study.yml``; for the contrast (default: last visit −
baseline) the complete pairs ``n``, the Hodges–Lehmann estimate of the change
with its confidence interval, the raw p-value of the paired Wilcoxon
signed-rank test and the adjusted p-value ``analysis.adjust`` chooses (Holm by default,
Benjamini–Hochberg, or none: no second column), as the analysis computed it. Both adjusted
values are in the tidy data (CSV/XLSX). Nothing is computed
here: the numbers come from ``results.descriptives`` and ``results.comparisons``.
"""

from __future__ import annotations

from alsreport.present.supplement_numbers import DATA_S1, DATA_S1_INNER
from alsreport.present.population import enrolled_word
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)
from alsreport.present.abbreviations import label_abbreviation
from alsreport.present.adjustment import Adjustment, adjustment, scope_words
from alsreport.present.method_words import method_words
from alsreport.present.prose.words import cap, plural

import math
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

import numpy as np
import pandas as pd
from great_tables import GT, loc

from alsreport.results.judgement import judged_significant
from alsreport.results.model import Comparison, Descriptive, Results, Series
from alsreport.study.config import StudyConfig
from alsreport.present.format import (
    CI_TO,
    detection_limit,
    RANGE_DASH,
    big_n,
    below_lod_rule,
    conf_label,
    count,
    contrast_visits,
    decimals as fmt_decimals,
    display_unit,
    reference_range,
    series_title,
    table_visit_label,
)
from alsreport.present.significance import significance_key
from alsreport.present.tables.marks import mark_judged
from alsreport.present.tables.sample_counts import add_sample_counts
from alsreport.present.tables.table import Table, TableText
from alsreport.present.tables.style import (
    NOWRAP,
    abbreviations_note,
    add_footnote,
    add_note,
    base_gt,
    capitalise,
    enrolled_n,
    fill_width,
    finish,
    fmt_numbers_by_row,
    group_label,
    merge_complete,
    p_value_columns,
    rows_where,
)

__all__ = ["biomarker_data", "biomarker_table", "exact_is_usual", "ordered_series", "series_order", "series_label",
           "wilcoxon_variants"]


def series_label(results: Results, s: Series) -> str:
    """The analyte's label from study.yml (falls back to the label recorded in the results)."""
    try:
        return results.config.analyte(s.analyte).display
    except KeyError:
        return s.label or s.analyte


def ordered_series(results: Results, families: Sequence[str]) -> list[Series]:
    """Series of ``families``: family (as given), compartment (first appearance), analyte (study.yml order)."""
    fam_rank = {f: i for i, f in enumerate(families)}
    comp_rank: dict[str, int] = {}
    for s in results.series:
        comp_rank.setdefault(s.compartment, len(comp_rank))
    analyte_rank = {name: i for i, name in enumerate(results.config.analyte_names)}
    chosen = [s for s in results.series if s.family in fam_rank]
    return sorted(chosen, key=lambda s: (fam_rank[s.family], comp_rank[s.compartment],
                                         analyte_rank.get(s.analyte, len(analyte_rank))))


def series_order(results: Results) -> dict[tuple[str, str], int]:
    """The rank of each series ``(compartment, analyte)`` in the manuscript's tables (Table 2, then Table 3): family
    (study.yml's order, then any other in the order of the results), compartment, analyte (:func:`ordered_series`).
    Every table that lists series sorts by it, so the safety report's laboratory tables read in one order (reader
    11a, item 13: three orders in three adjacent tables)."""
    families = list(dict.fromkeys([*results.config.family_names, *(s.family for s in results.series)]))
    return {(s.compartment, s.analyte): i for i, s in enumerate(ordered_series(results, families))}


def _index(results: Results) -> tuple[dict[tuple[str, str, str], Descriptive],
                                       dict[tuple[str, str, str, str], Comparison]]:
    desc = {(d.compartment, d.analyte, d.visit): d for d in results.descriptives}
    comp = {(c.compartment, c.analyte, c.contrast, c.test): c for c in results.comparisons}
    return desc, comp


def _visit_columns(code: str) -> dict[str, str]:
    return {k: f"{k}_{code}" for k in ("n", "median", "q1", "q3", "n_below_lod")}


def biomarker_data(results: Results, families: Sequence[str] = ("immunological",),
                   contrast: str | None = None) -> pd.DataFrame:
    """The tidy data of a biomarker table: one row per series, numbers as numbers.

    Columns: family, compartment, analyte, label, unit, ref_low, ref_high, lod (NaN: none, or not one),
    ``n_<visit>``, ``median_<visit>``, ``q1_<visit>``, ``q3_<visit>``,
    ``n_below_lod_<visit>`` for each visit, then contrast, test, method, exact,
    n (complete pairs), n_zeros (of them, pairs with a zero difference), estimate (Hodges–Lehmann), estimate_name, ci_low,
    ci_high, conf_level, p_value, p_holm, p_bh, significant (the p that judges the test < alpha: the adjusted p of ``analysis.adjust``, the primary
    endpoint's as ``analysis.primary.adjust`` says; :mod:`alsreport.results.judgement`),
    reason. Column names match :meth:`Results.comparisons_frame`.
    """
    config = results.config
    contrast = contrast or config.final_contrast
    desc, comp = _index(results)
    rows = []
    for s in ordered_series(results, families):
        rec: dict[str, object] = {
            "family": s.family, "compartment": s.compartment, "analyte": s.analyte,
            "label": series_label(results, s), "unit": s.unit, "ref_low": s.ref_low, "ref_high": s.ref_high,
            "lod": s.lod,
        }
        for v in config.visit_codes:
            d = desc.get((s.compartment, s.analyte, v))
            cols = _visit_columns(v)
            rec[cols["n"]] = d.n if d else 0
            rec[cols["median"]] = d.median if d else math.nan
            rec[cols["q1"]] = d.q1 if d else math.nan
            rec[cols["q3"]] = d.q3 if d else math.nan
            rec[cols["n_below_lod"]] = d.n_below_lod if d else 0
        c = comp.get((s.compartment, s.analyte, contrast, "wilcoxon"))
        ci = c.ci if c else None
        rec.update({
            "contrast": contrast, "test": "wilcoxon",
            "method": c.method if c else "", "exact": c.exact if c else None,
            "n": c.n if c else 0, "n_zeros": c.n_zeros if c else 0,
            "estimate": c.estimate if c else math.nan,
            "estimate_name": c.estimate_name if c else "",
            "ci_low": ci.low if ci else math.nan, "ci_high": ci.high if ci else math.nan,
            "conf_level": ci.level if ci else config.analysis.conf_level,
            "p_value": c.pvalue if c else math.nan,
            "p_holm": c.p_holm if c else math.nan,
            "p_bh": c.p_bh if c else math.nan,
            "significant": bool(c is not None and judged_significant(results, c)),
            "reason": (c.reason if c else "no comparison in the results") or "",
        })
        rows.append(rec)
    frame = pd.DataFrame(rows, columns=_columns(results, contrast))
    for col in frame.columns:
        if col.startswith("n_") or col == "n":
            frame[col] = frame[col].astype("int64")
    frame["significant"] = frame["significant"].astype(bool)
    return frame


def _columns(results: Results, contrast: str) -> list[str]:
    cols = ["family", "compartment", "analyte", "label", "unit", "ref_low", "ref_high", "lod"]
    for v in results.config.visit_codes:
        cols += list(_visit_columns(v).values())
    return cols + ["contrast", "test", "method", "exact", "n", "n_zeros", "estimate", "estimate_name", "ci_low", "ci_high",
                   "conf_level", "p_value", "p_holm", "p_bh", "significant", "reason"]


def _families_title(results: Results, families: Sequence[str]) -> str:
    names = [results.config.family_label(f) for f in families]
    if len(names) == 1:
        return capitalise(names[0])
    return capitalise(", ".join(names[:-1]) + " and " + names[-1])


def _title(results: Results, frame: pd.DataFrame, families: Sequence[str]) -> str:
    """``Immunological biomarkers by compartment``; ``Neurofilament biomarker`` for one analyte in one compartment
    (outside tester, session 33: "Neurofilament biomarkers by compartment" over serum NfL alone)."""
    fams = _families_title(results, list(dict.fromkeys(frame["family"])) or list(families))
    if frame["analyte"].nunique() == 1:
        return f"{fams} biomarker" + (" by compartment" if frame["compartment"].nunique() > 1 else "")
    return f"{fams} biomarkers by compartment"


def biomarker_table(results: Results, families: Sequence[str] = ("immunological",),
                    contrast: str | None = None, *, stacked: bool | None = None, id: str | None = None) -> Table:
    """Table 2 (``families=("immunological",)``) or 3 (``("biochemical", "haematological")``).

    ``stacked``: the IQR under the median and the CI under the estimate (two lines per
    row), so that wide tables fit an A4 portrait page. ``None``: one line per row, with the
    two-line form as the table's ``narrower`` form; the documents print the one that fits the
    page, from its measured width (:func:`alsreport.documents.table_fit.fit_table`).
    """
    if stacked is not None:
        return _biomarker_table(results, families, contrast, stacked, id)
    single = _biomarker_table(results, families, contrast, False, id)
    return replace(single, narrower=partial(_biomarker_table, results, tuple(families), contrast, True, id))


def _biomarker_table(results: Results, families: Sequence[str], contrast: str | None, stacked: bool,
                     id: str | None) -> Table:
    config = results.config
    families = tuple(families)
    contrast = contrast or config.final_contrast
    data = biomarker_data(results, families, contrast)
    later, base = contrast_visits(config, contrast)
    later_label, base_label = table_visit_label(config, later), table_visit_label(config, base)
    codes = config.visit_codes
    level = config.analysis.conf_level  # requested; rows where R had to lower it are footnoted
    multi_family = data["family"].nunique() > 1
    adj = adjustment(config)
    p_cols = ["p_value", adj.column] if adj.column else ["p_value"]
    show_ref = bool(np.isfinite(data[["ref_low", "ref_high"]].to_numpy(dtype=float)).any())

    frame = data.copy()
    frame["_group"] = [group_label(results.config.family_label(f), c, multi_family)
                       for f, c in zip(frame["family"], frame["compartment"], strict=False)]
    frame["_unit"] = [display_unit(u) or None for u in frame["unit"]]
    rules = fmt_decimals(results)
    per_series = rules.summary
    decimals = [per_series.get((c, a), 2) for c, a in zip(frame["compartment"], frame["analyte"], strict=False)]
    if show_ref:   # at the analyte's recorded precision (format.Decimals.values: "2.4–7" was reader 12a's item 8,
        # "7.0–41.0" for ALT recorded as integers reader 13a's item 2)
        recorded = rules.values
        frame["ref_low"] = [reference_range(lo, hi, recorded.get((c, a), 2)) for lo, hi, c, a in
                            zip(frame["ref_low"], frame["ref_high"], frame["compartment"], frame["analyte"],
                                strict=True)]
    brk = "<br>" if stacked else " "

    n_enrolled = enrolled_n(results)
    gid = id or f"alsreport-{'-'.join(families)}"
    gt, meta = base_gt(
        p_value_columns(frame, p_cols), id=gid, rowname_col="label", groupname_col="_group",
        title=_title(results, frame, families),
        subtitle=(f"Median [IQR] at each visit and change from {base_label} to {later_label} "
                        f"{big_n(n_enrolled, enrolled_word(results.config))}"),
    )
    gt = merge_complete(gt, frame, ["label", "_unit"], "{0} " + NOWRAP.format("({1})"), fallback=None)
    gt = _cells(gt, frame, codes, decimals, brk, show_ref)
    gt = _arrange_columns(gt, frame, config, level, later_label, base_label, show_ref)
    if stacked:
        gt = fill_width(gt, gid)
        gt = gt.opt_css(f"#{gid} .gt_row {{ padding-bottom: 4px; }}")  # two-line rows need air between them
    comps = [_index(results)[1].get((c, a, contrast, "wilcoxon"))
             for c, a in zip(frame["compartment"], frame["analyte"], strict=True)]
    gt = mark_judged(gt, results, comps, "estimate", "p_value", p_cols[-1])
    gt, meta = _general_notes(gt, meta, config, frame, significance_key(results, comps))
    gt, meta = add_sample_counts(gt, meta, results, frame)
    gt, meta = _change_footnotes(gt, meta, frame, base_label, later_label, level)
    gt, meta = _p_footnotes(gt, meta, frame, show_ref, adj, results)
    gt, meta = _missing_footnotes(gt, meta, frame)
    return finish(gt, meta, results)


def _cells(gt: GT, frame: pd.DataFrame, codes: Sequence[str], decimals: Sequence[int], brk: str,
           show_ref: bool) -> GT:
    """Numbers with each row's decimals, merged into ``median [q1–q3]`` and ``estimate (low to high)`` (the reference
    range is text already)."""
    value_cols = [f"{k}_{v}" for v in codes for k in ("median", "q1", "q3")] + ["estimate", "ci_low", "ci_high"]
    gt = fmt_numbers_by_row(gt, value_cols, decimals)
    gt = gt.fmt_integer(columns="n")
    for v in codes:
        gt = merge_complete(gt, frame, [f"median_{v}", f"q1_{v}", f"q3_{v}"], "{0}" + brk + "[{1}" + RANGE_DASH + "{2}]")
    gt = merge_complete(gt, frame, ["estimate", "ci_low", "ci_high"], "{0}" + brk + "({1}" + CI_TO + "{2})")
    return gt


def _arrange_columns(gt: GT, frame: pd.DataFrame, config: StudyConfig, level: float, later_label: str,
                     base_label: str, show_ref: bool) -> GT:
    """Which columns show, in which order, with which labels, spanners and alignment."""
    codes = config.visit_codes
    adj = adjustment(config)
    change = ["n", "estimate", "p_value"] + ([adj.column] if adj.column else [])
    visible = [f"median_{v}" for v in codes] + change
    if show_ref:
        visible = ["ref_low"] + visible
    hidden = [c for c in frame.columns if c not in visible and c not in ("label", "_group", "_unit")]
    gt = gt.cols_hide(columns=hidden)
    gt = gt.cols_move_to_end(columns=visible)
    gt = gtext.tab_stubhead(gt, "Analyte (unit)")
    labels = {f"median_{v}": table_visit_label(config, v) for v in codes}
    labels.update({"n": "n", "estimate": f"Change ({conf_label(level)})", "p_value": "p",
                   "ref_low": "Reference range"})
    if adj.column:
        labels[adj.column] = f"p\u00a0({adj.short})"
    gt = gtext.cols_label(gt, **labels)
    gt = gtext.tab_spanner(gt, "Median [IQR]", columns=[f"median_{v}" for v in codes], id="visits")
    gt = gtext.tab_spanner(gt, f"{later_label} vs {base_label}", columns=change,
                        id="change")
    gt = gt.cols_align(align="right", columns=visible)
    return gt.cols_align(align="left", columns="label")


def _general_notes(gt: GT, meta: TableText, config: StudyConfig, frame: pd.DataFrame,
                   key: str) -> tuple[GT, TableText]:
    """What the values are, the below-LOD rule with its counts, the significance mark, abbreviations."""
    codes = config.visit_codes
    # Said under every biomarker table, not "as in Table 2": each table is also exported alone (its own
    # HTML, CSV, LaTeX file and Word/Excel sheet: documents/table_export.py) and read alone (issue #10).
    gt, meta = add_note(gt, meta, "Values are median [IQR] of all values available at each visit "
                                  "(quartiles as R's default, type 7), in the units shown.")
    # Below the limit of detection
    below = frame[[f"n_below_lod_{v}" for v in codes]].sum(axis=1).to_numpy()
    total_values = int(frame[[f"n_{v}" for v in codes]].to_numpy().sum())
    n_below = int(below.sum())
    rule = below_lod_rule(config.analysis.below_lod)
    if n_below:
        idx = [int(i) for i in np.flatnonzero(below)]
        # each series' limit with its count (session 32 reviewer: "the LOD of each assay is never given")
        detail = "; ".join(f"{frame['compartment'].iat[i]} {frame['label'].iat[i]}: {int(below[i])}"
                           + (f", {limit}" if (limit := detection_limit(frame['lod'].iat[i], frame['unit'].iat[i]))
                              else "") for i in idx)
        gt, meta = add_note(gt, meta, f"Results below the limit of detection (LOD) were {rule}: {n_below} of "
                                      f"{count(total_values)} values in this table ({detail}).")
    else:
        gt, meta = add_note(gt, meta, f"Results below the limit of detection (LOD) would be {rule}; "
                                      f"none of the {count(total_values)} values in this table was below the LOD.")
    gt, meta = add_note(gt, meta, key)
    gt, meta = add_note(gt, meta, abbreviations_note(["CI", "IQR", "LOD"]
                        + [c for c in frame["compartment"].unique()]
                        + [label_abbreviation(lab) for lab in frame["label"].unique()]))  # CRP, IL, TNF
    return gt, meta


def _change_footnotes(gt: GT, meta: TableText, frame: pd.DataFrame, base_label: str, later_label: str,
                      level: float) -> tuple[GT, TableText]:
    """What n and the change are; the intervals whose level R had to lower."""
    # the rows with zero differences are named in the note, not marked: a mark on n widens the column, and Tables 2
    # and 3 of a six-visit study then no longer fit the portrait page in 8 pt (Table S1's n has the room)
    zeros = frame["n_zeros"].to_numpy()
    named = "; ".join(f"{series_title(frame['compartment'].iat[i], frame['label'].iat[i])}: {int(zeros[i])}"
                      for i in np.flatnonzero(zeros))
    said = (f"As in R's wilcox.test, the change and the signed-rank test leave out pairs with a zero difference "
            f"({named})." if named else zero_pairs_words(zeros))
    gt, meta = add_footnote(gt, meta, f"n: participants with values at both {base_label} and {later_label} "
                                      f"(complete pairs). {said}",
                            loc.column_labels(columns="n"))
    gt, meta = add_footnote(gt, meta, f"Change from {base_label} to {later_label}: Hodges–Lehmann estimate (the "
                                      f"pseudomedian of the paired differences) with its {conf_label(level)}, as "
                                      "R's wilcox.test.",
                            loc.column_labels(columns="estimate"))
    achieved = frame["conf_level"].to_numpy(dtype=float)
    lowered = np.isfinite(achieved) & ~np.isclose(achieved, level) & frame["ci_low"].notna().to_numpy()
    for value in sorted(set(np.round(achieved[lowered], 6)), reverse=True):
        rows = rows_where(lowered & np.isclose(achieved, value))
        gt, meta = add_footnote(gt, meta, f"{conf_label(value)}: the requested {conf_label(level)} is not "
                                          "achievable with these ties and zero differences; as R's wilcox.test, the "
                                          "interval has the level that is achievable (R warns \"requested "
                                          "conf.level not achievable\").",
                                loc.body(columns="estimate", rows=rows))
    return gt, meta


def zero_pairs_words(zeros: np.ndarray) -> str:
    """What n means for the signed-rank test: R's wilcox.test drops zero differences from the ranks and the
    Hodges–Lehmann estimate, so the test may use fewer pairs than n (reader 12b item 13)."""
    if (np.asarray(zeros) > 0).any():
        return ("As in R's wilcox.test, the change and the signed-rank test leave out pairs with a zero difference "
                "(marked where there are any).")
    return "No pair has a zero difference, so the change and the signed-rank test use every pair."


def zero_pair_footnotes(gt: GT, meta: TableText, zeros: np.ndarray, column: str) -> tuple[GT, TableText]:
    """A lettered footnote on the ``column`` cell of each row whose complete pairs include zero differences, one
    footnote per count."""
    zeros = np.asarray(zeros)
    for k in sorted({int(z) for z in zeros if z > 0}):
        gt, meta = add_footnote(gt, meta, f"Includes {plural(k, 'pair')} with a zero difference, left out of the change "
                                          "and the signed-rank test.", loc.body(columns=column, rows=rows_where(zeros == k)))
    return gt, meta


def exact_is_usual(results: Results) -> bool:
    """Whether most of the results' Wilcoxon tests used the exact distribution: the variant every table with both
    states in its p footnote, marking the other (session 35 reviewer: each table chose its own majority, so Table 2
    said "exact distribution unless marked" and Table 3 "normal approximation … unless marked")."""
    exact = [c.exact for c in results.comparisons if c.test == "wilcoxon" and c.exact is not None]
    return sum(exact) >= len(exact) - sum(exact)


def wilcoxon_variants(frame: pd.DataFrame, exact_usual: bool) -> tuple[str, np.ndarray, str]:
    """Which variant the p column's footnote states, the rows that used the other (marked), and why. A table whose
    rows all used one variant states that one; one with both states ``exact_usual``'s (the document's usual variant,
    :func:`exact_is_usual`)."""
    exact = frame["exact"].map(lambda x: x is True).to_numpy()
    approx = frame["exact"].map(lambda x: x is False).to_numpy()
    usual_approx = not exact_usual if exact.any() and approx.any() else bool(approx.sum() > exact.sum())
    if usual_approx:
        which, marked = "normal approximation with continuity correction", exact
        why = "exact distribution: no ties or zero differences"
    else:
        which, marked = "exact distribution", approx
        why = "normal approximation because of ties or zero differences"
    if marked.any():
        which += " unless marked"
    return which, marked, why


def _tests_per_group(frame: pd.DataFrame) -> str:
    """``6 tests per row group`` (the size of each adjustment family shown)."""
    groups = frame.groupby("_group", sort=False)["p_value"].apply(lambda p: int(np.isfinite(p.to_numpy(float)).sum()))
    sizes = sorted(set(int(k) for k in groups))
    if len(sizes) == 1:
        return f"{sizes[0]} test{'s' if sizes[0] != 1 else ''} per row group"
    if sizes:
        return ", ".join(str(k) for k in sizes[:-1]) + f" or {sizes[-1]} tests per row group"
    return "tests per row group"


def _p_footnotes(gt: GT, meta: TableText, frame: pd.DataFrame, show_ref: bool,
                 adj: Adjustment, results: Results) -> tuple[GT, TableText]:
    """Which Wilcoxon variant (the rows with the other marked), the adjustment and its families, the reference range."""
    config = results.config
    which, marked, why = wilcoxon_variants(frame, exact_is_usual(results))
    unadjusted = ("unadjusted." if adj.any else "not adjusted for multiple testing (Holm- and "
                  f"Benjamini–Hochberg-adjusted values are in {DATA_S1_INNER}).")
    gt, meta = add_footnote(gt, meta, f"p: paired Wilcoxon signed-rank test ({which}), {unadjusted}",
                            loc.column_labels(columns="p_value"))
    for method in sorted(set(frame.loc[marked, "method"])):
        rows = rows_where(marked & (frame["method"] == method).to_numpy())
        gt, meta = add_footnote(gt, meta, f"{cap(method_words(method))} ({why}).",
                                loc.body(columns="p_value", rows=rows))
    if adj.column:
        other = "Benjamini–Hochberg" if adj.method == "holm" else "Holm"
        where = (scope_words(config) if config.analysis.adjust_scope == "all" else
                 f"within each family and compartment ({_tests_per_group(frame)}) at this contrast")
        gt, meta = add_footnote(gt, meta, f"p ({adj.short}): {adj.long} {where}; {other}-adjusted "
                                          f"values are in {DATA_S1}.",
                                loc.column_labels(columns=adj.column))
    if show_ref:
        gt, meta = add_footnote(gt, meta, "Reference range of the laboratory, in the analyte's unit.",
                                loc.column_labels(columns="ref_low"))
    return gt, meta


def _missing_footnotes(gt: GT, meta: TableText, frame: pd.DataFrame) -> tuple[GT, TableText]:
    """Why a number is missing; the midrange fallback for an estimate without an interval."""
    missing = frame["reason"].astype(str).str.len().to_numpy() > 0
    for reason in sorted(set(frame.loc[missing, "reason"])):
        rows = rows_where(missing & (frame["reason"] == reason).to_numpy())
        gt, meta = add_footnote(gt, meta, f"Not computed: {reason}.", loc.body(columns="p_value", rows=rows))
    midrange = (frame["estimate_name"] == "midrange").to_numpy()
    if midrange.any():
        gt, meta = add_footnote(gt, meta, "Midrange of the differences: the confidence interval could not be "
                                          "computed (R's fallback).",
                                loc.body(columns="estimate", rows=rows_where(midrange)))
    return gt, meta
