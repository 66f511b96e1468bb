"""The sentence before the trajectory figures of the other series that changed: which are shown and, when
:data:`~alsreport.present.figures.MAX_CHANGED` leaves some out, which those are and where their changes are given
(session 33 tester: "Trajectories of the other series that changed significantly at any visit are shown in Figures
3 to 8" when 11 had changed and five had no figure)."""

from __future__ import annotations

from alsreport.present.adjustment import adjustment
from alsreport.present.figures import changed_series, significant_others
from alsreport.present.format import series_title
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words, number_word
from alsreport.present.supplement_numbers import supplement_refs
from alsreport.results.model import Results

__all__ = ["changed_figures_sentence"]


def changed_figures_sentence(results: Results, figures: str) -> str:
    """``Trajectories of the other series that changed significantly at any visit are shown in Figures 3 and 4.``;
    when some have no figure, ``Of the 11 other series that changed significantly at any visit, the six with the
    smallest Holm-adjusted p-values have their trajectories shown in Figures 3 to 8; the changes of the other five
    (CSF TNF-alpha, serum CK, …) at each visit are given in Table S1.`` (``figures``: the figures' references, as the
    document writes them); "" when none changed."""
    others = significant_others(results)
    shown = changed_series(results)
    if not shown:
        return ""
    if len(shown) == len(others):
        return f"Trajectories of the other series that changed significantly at any visit are shown in {figures}."
    drawn = {(s.compartment, s.analyte) for s in shown}
    # named in the tables' order, as the figures are
    changed = {(s.compartment, s.analyte) for s, _ in others}
    left = [md_escape(series_title(s.compartment, s.label)) for s in results.series
            if (s.compartment, s.analyte) in changed - drawn]
    # equal p-values across the cut: the figures took the first in the tables' order (say so, not "the smallest")
    tie = " (of equal ones, the first in the tables' order)" if others[len(shown) - 1][1] == others[len(shown)][1] else ""
    table = supplement_refs(results).get("supplementary_s1", "the supplementary tables")
    return (f"Of the {number_word(len(others))} other series that changed significantly at any visit, the "
            f"{number_word(len(shown))} with the smallest {adjustment(results.config).adjusted} p-values{tie} have "
            f"their trajectories shown in {figures}; the changes of the other {number_word(len(left))} "
            f"({join_words(left)}) at each visit are given in {table}.")
