"""The data dictionaries of comparisons.csv and descriptives.csv: comparisons-columns.csv, descriptives-columns.csv.

What each column holds and what its codes mean (``TNF-alpha``, ``M3-M0``, ``wilcoxon``, ``n_zeros``, ``p_bh``), for a
reader who gets a file without this software (reader 12b item 12: comparisons.csv is the manuscript's Supplementary
Data S1). The rows ``column, type, code, meaning`` are a row per column of the file, from the same definitions the
CSV writer uses (:mod:`alsreport.results.columns`; the code empty), then a row per code the file holds in the
columns that hold codes (families, analytes, visits or contrasts, tests), in the study's order.
``alsreport analyze`` writes both beside the files (:mod:`alsreport.results.writer`); ``alsreport render`` writes
comparisons-columns.csv beside the manuscript's comparisons.csv, the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from alsreport.results.cells import neutralise
from alsreport.results.columns import COMPARISON_COLUMN_DEFS, DESCRIPTIVE_COLUMN_DEFS, ColumnDef, scope_words
from alsreport.results.model import Results

__all__ = ["HEADER", "TEST_WORDS", "comparison_rows", "descriptive_rows", "comparisons_dictionary_csv",
           "descriptives_dictionary_csv"]

#: The header of a data dictionary.
HEADER = ("column", "type", "code", "meaning")

#: What each code of the test column means.
TEST_WORDS: dict[str, str] = {
    "wilcoxon": "Paired Wilcoxon signed-rank test with the Hodges–Lehmann estimate and its confidence interval "
                "(R: wilcox.test, paired, conf.int = TRUE): the primary and secondary endpoints.",
    "paired_t": "Paired t-test (R: t.test, paired): a sensitivity analysis.",
    "friedman": "Friedman rank-sum test across the visits (R: friedman.test): an omnibus test of change over time.",
    "paired_t_log": "Paired t-test of the log values, the ratio of geometric means: a sensitivity analysis.",
    "mixed_model": "Linear mixed model over all visits: a sensitivity analysis.",
}

Row = tuple[str, str, str, str]


def _join(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b, and c``."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + f", and {words[-1]}"


def _contrast_words(results: Results, contrast: str) -> str:
    cfg = results.config
    if "," in contrast:
        return f"{_join([cfg.visit_label(v) for v in contrast.split(',')])}: the visits of the Friedman test."
    later, base = cfg.contrast_visits(contrast)
    return (f"The paired change from {cfg.visit_label(base)} to {cfg.visit_label(later)} ({cfg.visit_label(later)} "
            f"minus {cfg.visit_label(base)}).")


def _column_rows(results: Results, defs: Sequence[ColumnDef]) -> list[Row]:
    cfg = results.config
    scope = scope_words(cfg) + ("" if cfg.analysis.adjust_scope == "all" else " and each test")
    return [(c.name, c.type, "", c.meaning.format(scope=scope)) for c in defs]


def _code_rows(defs: Sequence[ColumnDef], column: str, codes: Iterable[tuple[str, str]]) -> list[Row]:
    kind = next(c.type for c in defs if c.name == column)
    return [(column, kind, code, meaning) for code, meaning in codes]


def _family_codes(results: Results, used: Iterable[str]) -> list[tuple[str, str]]:
    cfg, used = results.config, set(used)
    return [(f, cfg.family_label(f)) for f in dict.fromkeys([*cfg.family_names, *sorted(used)]) if f in used]


def comparison_rows(results: Results) -> list[Row]:
    """``(column, type, code, meaning)``: every column of comparisons.csv (code empty), then the codes of family,
    analyte, contrast and test that the file holds, in the study's order."""
    comps, defs = results.comparisons, COMPARISON_COLUMN_DEFS
    return [
        *_column_rows(results, defs),
        *_code_rows(defs, "family", _family_codes(results, (c.family for c in comps))),
        *_code_rows(defs, "analyte", {c.analyte: c.label for c in comps}.items()),
        *_code_rows(defs, "contrast", [(k, _contrast_words(results, k))
                                       for k in dict.fromkeys(c.contrast for c in comps)]),
        *_code_rows(defs, "test", [(t, TEST_WORDS.get(t, t)) for t in dict.fromkeys(c.test for c in comps)]),
    ]


def descriptive_rows(results: Results) -> list[Row]:
    """``(column, type, code, meaning)``: every column of descriptives.csv (code empty), then the codes of family,
    analyte and visit that the file holds, in the study's order."""
    descs, defs, cfg = results.descriptives, DESCRIPTIVE_COLUMN_DEFS, results.config
    return [
        *_column_rows(results, defs),
        *_code_rows(defs, "family", _family_codes(results, (d.family for d in descs))),
        *_code_rows(defs, "analyte", {d.analyte: d.label for d in descs}.items()),
        *_code_rows(defs, "visit", [(v, cfg.visit_label(v)) for v in dict.fromkeys(d.visit for d in descs)]),
    ]


def _csv(rows: Iterable[Row]) -> str:
    """A header :data:`HEADER` and ``rows``, LF line ends, quoted where needed, text a spreadsheet would evaluate
    neutralised (as every CSV file alsreport writes)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows([[neutralise(x) for x in row] for row in rows])
    return buf.getvalue()


def comparisons_dictionary_csv(results: Results) -> str:
    """The text of comparisons-columns.csv."""
    return _csv(comparison_rows(results))


def descriptives_dictionary_csv(results: Results) -> str:
    """The text of descriptives-columns.csv."""
    return _csv(descriptive_rows(results))
