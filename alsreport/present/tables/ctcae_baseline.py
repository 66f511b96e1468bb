"""How CTCAE v5 grades a participant whose baseline was abnormal, in words, from the criteria themselves.

For ALT, AST, ALP, GGT and bilirubin, CTCAE grades the later values against the baseline when it was above the upper
limit (:data:`alsreport.analysis.ctcae.CRITERIA`, ``baseline_cuts``), so a value above the upper limit can be grade 0.
The grade tables and the out-of-range listing explain it with one phrase, naming only the criteria the study graded
(session 26 reader: the notes named GGT and bilirubin, which the example never measured).
"""

from __future__ import annotations

from collections.abc import Iterable

from alsreport.analysis.ctcae import CRITERIA
from alsreport.present.prose.words import join_words
from alsreport.results.model import Results

__all__ = ["baseline_grade1", "graded_terms"]


def graded_terms(results: Results) -> frozenset[str]:
    """The CTCAE terms of the series the study graded."""
    return frozenset(c.ctcae_term for c in results.dsmb.grade_counts)


def baseline_grade1(terms: Iterable[str] | None = None) -> str:
    """``ALT and AST from 1.5 × baseline; ALP and GGT from 2 × baseline; bilirubin from 1 × baseline``: grade 1 of
    the criteria that grade against an abnormal baseline, among ``terms`` (all when None); ``""`` when none."""
    keep = None if terms is None else set(terms)
    by_cut: dict[float, list[str]] = {}
    for name, c in CRITERIA.items():
        # creatinine's x baseline clauses hold whatever the baseline
        if c.baseline_cuts and not c.baseline_always and (keep is None or c.term in keep):
            by_cut.setdefault(c.baseline_cuts[0], []).append(name)
    return "; ".join(f"{join_words(names)} from {cut:g} × baseline" for cut, names in by_cut.items())
