"""How the secondary tests' adjusted p-value is named: ``analysis.adjust`` in words and column names.

``holm`` (default): "Holm-adjusted", column ``p_holm``; ``BH``: "Benjamini–Hochberg-adjusted",
column ``p_bh``; ``none``: "unadjusted", no second p column. Which p-value judges a test is the
results' business (:meth:`~alsreport.results.model.Results.adjusted_p`); this module only
chooses the words, so that tables, figures and sentences say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from alsreport.results.columns import scope_words  # the data dictionaries take the same words
from alsreport.results.model import Results
from alsreport.study.config import StudyConfig

__all__ = ["ONE_PER_FAMILY_WORDS", "Adjustment", "adjustment", "one_test_per_family", "scope_words", "shown_adjustment"]


@dataclass(frozen=True)
class Adjustment:
    """The words and column of one ``analysis.adjust`` choice."""

    method: str
    """``holm``, ``BH`` or ``none``."""
    column: str | None
    """The results column shown beside the raw p (``p_holm``, ``p_bh``), None when unadjusted."""
    short: str
    """Column header word: ``Holm``, ``BH`` (empty when unadjusted)."""
    adjusted: str
    """``Holm-adjusted``, ``Benjamini–Hochberg-adjusted`` or ``unadjusted``."""
    name: str
    """The method in a sentence: ``the Holm method (family-wise error rate)``."""
    after: str
    """``after Holm adjustment``, ``after Benjamini–Hochberg adjustment``, ``without adjustment``."""
    single: bool = False
    """Adjustment chosen, but every family holds one test: the adjusted p is the p itself, and the tables show it
    once (:func:`shown_adjustment`)."""

    @property
    def any(self) -> bool:
        return self.column is not None

    @property
    def long(self) -> str:
        """``Holm-adjusted``, ``Benjamini–Hochberg-adjusted (false discovery rate)`` or ``unadjusted``."""
        return f"{self.adjusted} (false discovery rate)" if self.method == "BH" else self.adjusted


_ADJUSTMENTS = {
    "holm": Adjustment("holm", "p_holm", "Holm", "Holm-adjusted", "the Holm method (family-wise error rate)",
                       "after Holm adjustment"),
    "BH": Adjustment("BH", "p_bh", "BH", "Benjamini–Hochberg-adjusted",
                     "the Benjamini–Hochberg method (false discovery rate)", "after Benjamini–Hochberg adjustment"),
    "none": Adjustment("none", None, "", "unadjusted", "no adjustment for multiple testing", "without adjustment"),
}


def adjustment(config: StudyConfig) -> Adjustment:
    """The words of ``config.analysis.adjust``."""
    return _ADJUSTMENTS[config.analysis.adjust]


#: The columns of a comparison that make one adjustment family, per ``analysis.adjust_scope`` (as the analysis's
#: ``multiplicity.ADJUST_BY``, which this stage does not import).
_FAMILY_BY = {"family": ("family", "compartment", "contrast", "test"), "all": ("test",)}

#: The tables' note when every family holds one test.
ONE_PER_FAMILY_WORDS = "with one test per family, no adjustment for multiple testing applies"

#: What the tables show when every family holds one test: no adjusted column, said in their notes.
ONE_PER_FAMILY = Adjustment("none", None, "", "unadjusted", "no adjustment for multiple testing",
                            "without adjustment", single=True)


def one_test_per_family(results: Results) -> bool:
    """Every adjustment family of the results holds a single test (one analyte, one later visit): Holm's or
    Benjamini–Hochberg's adjustment of one p is that p (outside tester: a "p (Holm)" column equal to p)."""
    keys = [tuple(getattr(c, k) for k in _FAMILY_BY.get(results.config.analysis.adjust_scope, _FAMILY_BY["family"]))
            for c in results.comparisons]
    return bool(keys) and len(set(keys)) == len(keys)


def shown_adjustment(results: Results) -> Adjustment:
    """The adjustment the tables show: ``analysis.adjust``'s, or :data:`ONE_PER_FAMILY` when every family holds one
    test (the adjusted column would repeat the p; the results keep it)."""
    adj = adjustment(results.config)
    return ONE_PER_FAMILY if adj.any and one_test_per_family(results) else adj
