"""How the secondary tests' adjusted p-value is named: ``analysis.adjust`` in words and column names.

``holm`` (default): "Holm-adjusted", column ``p_holm``; ``BH``: "Benjamini–Hochberg-adjusted",
column ``p_bh``; ``none``: "unadjusted", no second p column. Which p-value judges a test is the
results' business (:meth:`~alsreport.results.model.Results.adjusted_p`); this module only
chooses the words, so that tables, figures and sentences say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from alsreport.results.columns import scope_words  # the data dictionaries take the same words
from alsreport.study.config import StudyConfig

__all__ = ["Adjustment", "adjustment", "scope_words"]


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
