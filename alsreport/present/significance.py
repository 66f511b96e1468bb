"""Which shown p-value a significant row is marked on, and the note that says so (issue #10, reader 6's
item 2).

Whether a test is significant is the results' business
(:func:`~alsreport.results.judgement.judged_significant`: the primary endpoint by
``analysis.primary.adjust``, unadjusted by default; every other test by ``analysis.adjust``). Tables and
figures show a raw and an adjusted p side by side; this module says which of the two carries the mark
(the one that judges the row) and words the key under a table (:func:`significance_key`: one rule, in one
place, for every table that marks p-values; reader 11a item 5) and the note under a figure that holds the
primary endpoint.
"""

from __future__ import annotations

from collections.abc import Iterable

from alsreport.present.adjustment import adjustment
from alsreport.present.population import prespecified_known
from alsreport.present.format import series_title
from alsreport.present.supplement_numbers import DATA_S1_INNER
from alsreport.results.judgement import is_primary, primary_judged_unadjusted
from alsreport.results.model import Comparison, Results

__all__ = ["SIG_MARK", "SIG_NOTE", "legend_basis", "marked_on_raw_p", "primary_note", "significance_key",
           "significance_words"]

#: Appended to the judging p-value of a significant result (the cells are also bold).
SIG_MARK = "*"

#: Start of the key that explains the significance marker (LaTeX, which has no bold, drops "Bold with ").
SIG_NOTE = f"Bold with {SIG_MARK}"


def marked_on_raw_p(results: Results, c: Comparison | None) -> bool:
    """``c``'s mark goes on its unadjusted p: the primary endpoint judged unadjusted, beside an adjusted p."""
    return (c is not None and adjustment(results.config).any and is_primary(results, c)
            and primary_judged_unadjusted(results))


def significance_words(results: Results) -> str:
    """``Holm-adjusted p < 0.05`` (what a mark means for the secondary rows)."""
    return f"{adjustment(results.config).adjusted} p < {results.config.analysis.alpha:g}"


def _primary_in(results: Results, comparisons: Iterable[Comparison | None]) -> Comparison | None:
    return next((c for c in comparisons if c is not None and is_primary(results, c)), None)


def _name(results: Results, prim: Comparison) -> str:
    try:
        label = results.config.analyte(prim.analyte).display     # study.yml's label, as the table rows
    except KeyError:
        label = prim.label
    return series_title(prim.compartment, label)


def _as_stated(results: Results) -> str:
    # nothing was prespecified in a retrospective analysis, nor is it known without a protocol or registration
    return "as prespecified" if prespecified_known(results.config) else "as stated in the Methods"


def significance_key(results: Results, comparisons: Iterable[Comparison | None]) -> str:
    """The key under a table whose marks :func:`~alsreport.present.tables.marks.mark_judged` placed: which p a
    mark is on for each row (``Bold with *: Holm-adjusted p < 0.05.``; with the primary endpoint judged
    unadjusted among the rows, that its unadjusted p carries the mark and the others' adjusted p does)."""
    comparisons = list(comparisons)
    adj = adjustment(results.config)
    alpha = f"{results.config.analysis.alpha:g}"
    prim = _primary_in(results, comparisons)
    if prim is not None and marked_on_raw_p(results, prim):
        if sum(c is not None for c in comparisons) == 1:   # the primary endpoint alone: no "other rows" (session 34)
            return (f"{SIG_NOTE}: unadjusted p < {alpha} for the primary endpoint ({_name(results, prim)}, "
                    f"{_as_stated(results)}); its {adj.adjusted} p is shown for reference.")
        # one clause a rule (session 32 reviewer: "on the p-value that judges the row" read awkwardly)
        return (f"{SIG_NOTE}: p < {alpha}, on the unadjusted p for the primary endpoint ({_name(results, prim)}, "
                f"{_as_stated(results)}) and on the {adj.adjusted} p for the other rows; the primary endpoint's "
                f"{adj.adjusted} p is shown for reference.")
    key = f"{SIG_NOTE}: {adj.adjusted} p < {alpha}."
    other = primary_note(results, comparisons)
    return f"{key} {other}" if other else key


def primary_note(results: Results, comparisons: Iterable[Comparison | None]) -> str | None:
    """The note for a figure holding the primary endpoint whose mark is on another p than the other rows'
    (None otherwise): the primary endpoint is judged as the Methods say."""
    prim = _primary_in(results, comparisons)
    adj = adjustment(results.config)
    if prim is None or not adj.any:
        return None
    name = _name(results, prim)
    alpha = f"{results.config.analysis.alpha:g}"
    if primary_judged_unadjusted(results):
        how = _as_stated(results)
        return (f"The primary endpoint ({name}) is judged on its unadjusted p (p < {alpha}, {how}), "
                f"the other rows on the {adj.adjusted} p; its {adj.adjusted} p is shown for reference.")
    if adj.method != "holm":
        return (f"The primary endpoint ({name}) is judged on its Holm-adjusted p within its family (in "
                f"{DATA_S1_INNER}), the other rows on the {adj.adjusted} p.")
    return None


def legend_basis(results: Results, comparisons: Iterable[Comparison | None]) -> tuple[str, str]:
    """The words of a figure's marker legend: the p each entry names (``Holm-adjusted p``), and what follows the
    entries ("" when every row is judged on that p). With the primary endpoint among the rows judged on another p
    (:func:`marked_on_raw_p`: its unadjusted p by default), the entries say ``p`` and the words after them which p
    judges which row (issue #10, session 25 reader: the six-visit study's Figure 3 filled the primary's marker on its
    unadjusted p under a legend that said "Holm-adjusted p < 0.05")."""
    comparisons = list(comparisons)
    adj = adjustment(results.config)
    prim = _primary_in(results, comparisons)
    if prim is not None and marked_on_raw_p(results, prim):
        return "p", f"(primary endpoint unadjusted; others {adj.adjusted})"
    if prim is not None and adj.any and adj.method != "holm" and not primary_judged_unadjusted(results):
        return "p", f"(primary endpoint Holm-adjusted within its family; others {adj.adjusted})"
    return f"{adj.adjusted[:1].upper()}{adj.adjusted[1:]} p", ""
