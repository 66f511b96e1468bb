"""How CTCAE v5 grades a participant whose baseline was abnormal, in words, from the criteria themselves.

For ALT, AST, ALP, GGT and bilirubin, CTCAE grades against the baseline when it was above the upper limit
(:data:`alsreport.analysis.ctcae.CRITERIA`, ``baseline_cuts``), so a value above the upper limit can be grade 0.
The grade tables and the out-of-range listing explain it with this one phrase.
"""

from __future__ import annotations

from alsreport.analysis.ctcae import CRITERIA
from alsreport.present.prose.words import join_words

__all__ = ["BASELINE_GRADE1"]


def _grade1_from_baseline() -> str:
    by_cut: dict[float, list[str]] = {}
    for name, c in CRITERIA.items():
        if c.baseline_cuts and not c.baseline_always:  # creatinine's x baseline clauses hold whatever the baseline
            by_cut.setdefault(c.baseline_cuts[0], []).append(name)
    return "; ".join(f"{join_words(names)} from {cut:g} × baseline" for cut, names in by_cut.items())


#: ``ALT and AST from 1.5 × baseline; ALP and GGT from 2 × baseline; bilirubin from 1 × baseline``
BASELINE_GRADE1 = _grade1_from_baseline()
