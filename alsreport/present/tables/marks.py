"""Bold and ``*`` on the p-value that judges each significant row of a table (issue #10, reader 6's item 2).

Secondary rows carry the mark on the adjusted p (``analysis.adjust``); the primary endpoint, judged on its
unadjusted p by default, carries it on the unadjusted p (:mod:`alsreport.present.significance`).
"""

from __future__ import annotations

from collections.abc import Sequence

from great_tables import GT

from alsreport.present.significance import marked_on_raw_p
from alsreport.present.tables.style import mark_significant
from alsreport.results.judgement import judged_significant
from alsreport.results.model import Comparison, Results

__all__ = ["mark_judged", "judged_flags"]


def judged_flags(results: Results, comparisons: Sequence[Comparison | None]) -> list[bool]:
    """Per row: its test is significant on the p-value that judges it (False without a test)."""
    return [c is not None and judged_significant(results, c) for c in comparisons]


def mark_judged(gt: GT, results: Results, comparisons: Sequence[Comparison | None], estimate: str, raw_p: str,
                adjusted_p: str) -> GT:
    """Bold ``estimate`` and the judging p of every significant row and append the mark to that p."""
    sig = judged_flags(results, comparisons)
    raw = [s and marked_on_raw_p(results, c) for s, c in zip(sig, comparisons, strict=True)]
    gt = mark_significant(gt, [i for i, (s, r) in enumerate(zip(sig, raw, strict=True)) if s and not r],
                          [estimate, adjusted_p], adjusted_p)
    return mark_significant(gt, [i for i, r in enumerate(raw) if r], [estimate, raw_p], raw_p)
