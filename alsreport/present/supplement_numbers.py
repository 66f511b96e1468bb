"""The numbers of the manuscript's supplementary tables, decided in one place (the text, the captions and the
CONSORT checklist's caption all take them from here). It imports no table: the prose asks it too.

Table S1 (the Wilcoxon change at every visit) always; Table S2, the paired t-test at every visit, when the
results hold paired t-tests; then the log-scale ratios when ``analysis.sensitivity`` chose them; the CONSORT
checklist is the last supplementary table.
"""

from __future__ import annotations

from alsreport.results.model import Results

__all__ = ["supplement_numbers", "CHECKLIST", "has_ttest_rows", "has_ratio_rows"]

#: The key of the CONSORT checklist in :func:`supplement_numbers` (it is not a table of the registry).
CHECKLIST = "consort_checklist"


def has_ttest_rows(results: Results) -> bool:
    """The results hold paired t-tests (Table S2 is left out otherwise)."""
    return any(c.test == "paired_t" for c in results.comparisons)


def has_ratio_rows(results: Results) -> bool:
    """The results hold log-scale sensitivity rows (``analysis.sensitivity``)."""
    return any(c.test in ("paired_t_log", "mixed_model") for c in results.comparisons)


def supplement_numbers(results: Results) -> dict[str, str]:
    """``{"supplementary_s1": "Table S1", "supplementary_ttest": "Table S2", ..., "consort_checklist": "Table
    S3"}``: the registry keys of the supplementary tables that apply, in order, and the checklist last."""
    keys = ["supplementary_s1"]
    if has_ttest_rows(results):
        keys.append("supplementary_ttest")
    if has_ratio_rows(results):
        keys.append("supplementary_s2_ratios")   # key kept for the exports' file names; numbered here
    keys.append(CHECKLIST)
    return {k: f"Table S{i}" for i, k in enumerate(keys, start=1)}
