"""Which p-value judges a test, and so whether it is significant: the one place tables, figures and
sentences ask (issue #10, reader 6's item 2).

The primary endpoint is judged as ``analysis.primary.adjust`` says: on its unadjusted p (``none``, the
default for a single prespecified primary) or on its Holm-adjusted p (``holm_family``). Every other test
(the secondaries) is judged on the p-value ``analysis.adjust`` chooses
(:meth:`~alsreport.results.model.Results.adjusted_p`). The primary endpoint's test is the Wilcoxon test of its
series at its contrast; the sensitivity analyses of that series (paired t-tests, Friedman, mixed model) are judged
as every other sensitivity analysis is, on the adjusted p, so one rule marks every sensitivity column (issue #10,
reader 8's item 12: Table 4 starred the unadjusted p of the paired t-test but the Holm p of the Friedman test).
"""

from __future__ import annotations

from alsreport.results.model import Comparison, Results

__all__ = ["PRIMARY_TESTS", "is_primary", "primary_judged_unadjusted", "judging_p", "judged_significant"]

#: The tests of the primary endpoint's series and contrast that are judged as the primary endpoint is.
PRIMARY_TESTS = frozenset({"wilcoxon"})


def is_primary(results: Results, c: Comparison) -> bool:
    """``c`` tests the primary endpoint (``analysis.primary``): its series and contrast, a paired test."""
    p = results.config.analysis.primary
    if p is None or c.test not in PRIMARY_TESTS:
        return False
    return (c.analyte, c.compartment, c.contrast) == (p.analyte, p.compartment,
                                                      p.contrast or results.config.final_contrast)


def primary_judged_unadjusted(results: Results) -> bool:
    """The primary endpoint is judged on its unadjusted p (``analysis.primary.adjust: none``, the default)."""
    p = results.config.analysis.primary
    return p is None or p.adjust == "none"


def judging_p(results: Results, c: Comparison) -> float:
    """The p-value that judges ``c``: the primary endpoint's by ``analysis.primary.adjust``, others by
    ``analysis.adjust``."""
    if is_primary(results, c):
        return c.pvalue if primary_judged_unadjusted(results) else c.p_holm
    return results.adjusted_p(c)


def judged_significant(results: Results, c: Comparison) -> bool:
    """``judging_p < alpha`` (False for a test that was not run: NaN)."""
    return bool(judging_p(results, c) < results.config.analysis.alpha)
