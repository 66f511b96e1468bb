"""The data dictionary of Supplementary Data S1 (reader 12b item 12): what each column of ``comparisons.csv`` holds
and what its codes mean (``TNF-alpha``, ``M3-M0``, ``wilcoxon``, ``n_zeros``, ``p_bh``), for a journal reader who gets
the file without this software.

One source, :data:`COLUMN_WORDS` (a description for every column of
:data:`~alsreport.results.model.COMPARISON_COLUMNS`), and the study's own codes (families, analytes, visits,
contrasts, tests) make the rows of ``comparisons-columns.csv`` (:func:`dictionary_rows`): ``column, code, meaning``,
a row per column with the code empty, then a row per code of the columns that hold codes. ``alsreport render``
writes it beside the manuscript's ``comparisons.csv``; the manuscript's Supplementary material names it.
"""

from __future__ import annotations

import csv
import io

from alsreport.present.adjustment import scope_words
from alsreport.present.format import contrast_visits, visit_label
from alsreport.present.prose.words import join_words
from alsreport.results.cells import neutralise
from alsreport.results.model import COMPARISON_COLUMNS, Results

__all__ = ["COLUMN_WORDS", "TEST_WORDS", "dictionary_csv", "dictionary_rows"]

#: What each column of comparisons.csv holds ({scope}: where the p-values were adjusted, from the study's options).
COLUMN_WORDS: dict[str, str] = {
    "family": "Biomarker family (panel) of the analyte; codes below.",
    "compartment": "Where the analyte was measured: CSF (cerebrospinal fluid), serum, plasma or blood.",
    "analyte": "Analyte code as in the study data; codes below, with the name the manuscript prints (as in label).",
    "unit": "Unit of the measured values, and of estimate, ci_low and ci_high for the Wilcoxon and t-tests.",
    "contrast": "Visits compared: 'later-baseline' (e.g. M3-M0) is the paired change from the baseline visit to the "
                "later visit (later minus baseline); a comma-separated list is the visits of a Friedman test; codes "
                "below.",
    "test": "Statistical test; codes below.",
    "n": "Participants in the test: complete pairs for the paired tests (pairs with a zero difference included, see "
         "n_zeros), participants with a value at every visit for the Friedman test.",
    "statistic": "Test statistic, named in statistic_name: V (R's signed-rank statistic, the sum of the ranks of the "
                 "positive differences), t, or the Friedman chi-squared.",
    "p_value": "Two-sided p-value, not adjusted for multiple testing.",
    "p_holm": "p-value adjusted by Holm's method (R's p.adjust), {scope}.",
    "p_bh": "p-value adjusted by the Benjamini–Hochberg method (R's p.adjust), {scope}.",
    "estimate": "Estimated change (later minus baseline, in unit), named in estimate_name: (pseudo)median, the "
                "Hodges–Lehmann estimate of the Wilcoxon test; mean difference, of the paired t-test; empty for the "
                "Friedman test.",
    "ci_low": "Lower limit of the confidence interval of estimate, at conf_level.",
    "ci_high": "Upper limit of the confidence interval of estimate, at conf_level.",
    "effect_size": "Effect size, named in effect_size_name: rank-biserial correlation (Wilcoxon), Cohen's dz (paired "
                   "t-test) or Kendall's W (Friedman).",
    "label": "The analyte's name as the manuscript prints it.",
    "statistic_name": "Name of statistic.",
    "parameter": "Degrees of freedom of the t or chi-squared distribution; empty for the Wilcoxon test.",
    "estimate_name": "Name of estimate.",
    "effect_size_name": "Name of effect_size.",
    "conf_level": "Confidence level of the interval. As R's wilcox.test, it is lower than requested where ties and "
                  "zero differences make the requested level unattainable.",
    "method": "The test as R names it (its htest method).",
    "exact": "Wilcoxon test: true when the exact null distribution was used, false for the normal approximation "
             "(used with ties, zero differences or 50 pairs or more); empty for the other tests.",
    "correction": "continuity: the normal approximation used a continuity correction; empty otherwise.",
    "n_zeros": "Pairs with a zero difference (no change). As in R's wilcox.test, the Wilcoxon test and its estimate "
               "leave them out; the paired t-test keeps them.",
    "n_below_lod": "Values below the limit of detection among those used, replaced as the Methods state.",
    "n_above_uloq": "Values above the upper limit of quantification among those used.",
    "reason": "Why the test has no result (too few pairs, all differences zero, ...); empty when it has one.",
    "warnings": "R's warnings for this test, in R's words, separated by '; ' (e.g. 'cannot compute exact p-value "
                "with zeroes': the normal approximation was used instead).",
}

#: What each code of the test column means.
TEST_WORDS: dict[str, str] = {
    "wilcoxon": "Paired Wilcoxon signed-rank test with the Hodges–Lehmann estimate and its confidence interval "
                "(R: wilcox.test, paired, conf.int = TRUE): the primary and secondary endpoints.",
    "paired_t": "Paired t-test (R: t.test, paired): a sensitivity analysis.",
    "friedman": "Friedman rank-sum test across the visits (R: friedman.test): an omnibus test of change over time.",
    "paired_t_log": "Paired t-test of the log values, the ratio of geometric means: a sensitivity analysis.",
    "mixed_model": "Linear mixed model over all visits: a sensitivity analysis.",
}


def _contrast_words(results: Results, contrast: str) -> str:
    cfg = results.config
    if "," in contrast:
        labels = [visit_label(cfg, v) for v in contrast.split(",")]
        return f"{join_words(labels)}: the visits of the Friedman test."
    later, base = contrast_visits(cfg, contrast)
    return (f"The paired change from {visit_label(cfg, base)} to {visit_label(cfg, later)} ({visit_label(cfg, later)} "
            f"minus {visit_label(cfg, base)}).")


def dictionary_rows(results: Results) -> list[tuple[str, str, str]]:
    """``(column, code, meaning)``: every column of comparisons.csv (code empty), then the codes of family, analyte,
    contrast and test that the file holds, in the study's order."""
    cfg = results.config
    scope = scope_words(cfg) + ("" if cfg.analysis.adjust_scope == "all" else " and each test")
    rows = [(col, "", COLUMN_WORDS[col].format(scope=scope)) for col in COMPARISON_COLUMNS]
    comps = results.comparisons
    families = list(dict.fromkeys([*cfg.family_names, *(c.family for c in comps)]))
    used = {c.family for c in comps}
    rows += [("family", f, cfg.family_label(f)) for f in families if f in used]
    analytes = {c.analyte: c.label for c in comps}
    rows += [("analyte", a, label) for a, label in analytes.items()]
    contrasts = list(dict.fromkeys(c.contrast for c in comps))
    rows += [("contrast", k, _contrast_words(results, k)) for k in contrasts]
    tests = list(dict.fromkeys(c.test for c in comps))
    rows += [("test", t, TEST_WORDS.get(t, t)) for t in tests]
    return rows


def dictionary_csv(results: Results) -> str:
    """comparisons-columns.csv: a header ``column,code,meaning`` and :func:`dictionary_rows`, LF line ends, quoted
    where needed, text a spreadsheet would evaluate neutralised (as every CSV file alsreport writes)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["column", "code", "meaning"])
    writer.writerows([[neutralise(x) for x in row] for row in dictionary_rows(results)])
    return buf.getvalue()
