"""Results words for the log-scale sensitivity analyses (``analysis.sensitivity``): the primary endpoint's ratios."""

from __future__ import annotations

import math

from alsreport.present.format import ci, conf_label, contrast_words, number
from alsreport.present.prose.lookups import series_name
from alsreport.present.prose.markdown import md_escape
from alsreport.present.supplement_numbers import supplement_refs
from alsreport.results.model import Comparison, Results

__all__ = ["ratio_sensitivity_text"]

_WHAT = {"paired_t_log": "the geometric mean ratio (paired t-test on log values)",
         "mixed_model": "the ratio of geometric means of the mixed model"}


def _ratio(c: Comparison) -> str | None:
    if not math.isfinite(c.estimate) or c.ci is None:
        return None
    return f"{number(c.estimate, 2)} ({conf_label(c.ci.level)} {ci(c.ci.low, c.ci.high, 2)})"


def ratio_sensitivity_text(results: Results) -> str:
    """The primary endpoint's geometric mean ratios and where every ratio is ("" without these analyses)."""
    tests = [t for t in _WHAT if any(c.test == t for c in results.comparisons)]
    if not tests:
        return ""
    table = supplement_refs(results)["supplementary_s2_ratios"]   # a link (reader 9)
    where = (f"The ratios of every marker at every visit are in {table}, beside the Wilcoxon "
             "signed-rank results.")
    p = results.primary
    if p is None:
        return where
    parts = []
    for t in tests:
        try:
            text = _ratio(results.comparison(p.analyte, p.compartment, p.contrast, test=t))
        except KeyError:
            continue
        if text is not None:
            parts.append(f"{_WHAT[t]} was {text}")
    if not parts:
        return where
    name = md_escape(series_name(results, p.compartment, p.analyte, p.label))
    return (f"On the log scale, for {name} ({md_escape(contrast_words(results.config, p.contrast))}), "
            f"{' and '.join(parts)}. {where}")
