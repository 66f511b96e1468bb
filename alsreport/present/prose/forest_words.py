"""The sentence for the markers that have no forest plot (each the only marker of its family in its compartment: one
row is no figure, reader 7), saying where their change is (session 32 reviewer: "The change of serum IL-10, the only
marker of its family in its compartment, is given in Table 2 without a forest plot" read awkwardly)."""

from __future__ import annotations

from collections.abc import Sequence

from alsreport.present.figures.forest_shown import forest_keys_shown
from alsreport.present.format import series_title
from alsreport.present.prose.lookups import family_words
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import cap, join_words
from alsreport.results.model import Results, Series

__all__ = ["no_forest_sentence"]


def no_forest_sentence(results: Results, alone: Sequence[Series], where: str) -> str:
    """``Serum IL-10 has no forest plot, as it is the only immunological marker in serum; its change is given in
    @tbl-immunological.`` (``where``: the tables' references, as the document writes them); "" for no series, and ""
    when the manuscript has no forest plot at all, which it then never mentions (session 34 reviewer: "Serum
    neurofilament light chain has no forest plot, as it is the only neurofilament marker in serum", in a study of
    that one series, read as a note to the authors)."""
    if not alone or not forest_keys_shown(results):
        return ""
    names = [md_escape(series_title(s.compartment, s.label)) for s in alone]
    if len(alone) == 1:
        s = alone[0]
        family = md_escape(family_words(results, s.family))
        return (f"{cap(names[0])} has no forest plot, as it is the only {family} marker in "
                f"{md_escape(s.compartment)}; its change is given in {where}.")
    return (f"{cap(join_words(names))} have no forest plot, each being the only marker of its family in its "
            f"compartment; their changes are given in {where}.")
