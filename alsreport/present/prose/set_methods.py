"""Methods words for ``analysis.analysis_set``: which participants the biomarker statistics used."""

from __future__ import annotations

from alsreport.present.population import enrolled_word
from alsreport.present.prose.markdown import md_escape
from alsreport.results.model import Results, SetCount

__all__ = ["analysis_set_methods"]

_DEFINITIONS = {
    "completers": "the completers, i.e. in each compartment the participants sampled at every planned visit of "
                  "that compartment",
    "per_protocol": "the per-protocol set, i.e. the participants who received every planned infusion",
}


def _count(c: SetCount, enrolled: int, named: bool) -> str:
    where = f"{md_escape(c.compartment)}: " if named else ""
    return f"{where}{c.n_in_set} of {enrolled}"


def _left_out(counts: tuple[SetCount, ...]) -> str:
    """``; left out: no CSF sample at Month 1 (n = 2)`` over the compartments, each reason once."""
    reasons: dict[str, int] = {}
    for c in counts:
        for r in c.left_out:
            reasons[r.reason] = max(reasons.get(r.reason, 0), r.n)
    if not reasons:
        return ""
    return "; left out: " + "; ".join(f"{md_escape(r)} (n = {n})" for r, n in reasons.items())


def analysis_set_methods(results: Results) -> str:
    """The sentence stating the analysis set and its size per compartment ("" for ``all``, the default)."""
    name = results.config.analysis.analysis_set
    flow = results.flow.analysis_set
    if name == "all" or flow is None:
        return ""
    counts = flow.by_compartment
    same = len({(c.n_in_set, c.left_out) for c in counts}) <= 1
    sizes = (_count(counts[0], results.flow.enrolled, False) if same and counts else
             ", ".join(_count(c, results.flow.enrolled, True) for c in counts))
    return (f"The biomarker analyses used {_DEFINITIONS[name]} ({sizes} {enrolled_word(results.config)} participants"
            f"{_left_out(counts)}); values of the others were not used.")
