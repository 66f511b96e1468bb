"""Which shown p-value a significant row is marked on, and the note that says so (issue #10, reader 6's
item 2).

Whether a test is significant is the results' business
(:func:`~alsreport.results.judgement.judged_significant`: the primary endpoint by
``analysis.primary.adjust``, unadjusted by default; every other test by ``analysis.adjust``). Tables and
figures show a raw and an adjusted p side by side; this module says which of the two carries the mark
(the one that judges the row) and words the note under a table or figure that holds the primary endpoint.
"""

from __future__ import annotations

from collections.abc import Iterable

from alsreport.present.adjustment import adjustment
from alsreport.present.format import series_title
from alsreport.results.judgement import is_primary, primary_judged_unadjusted
from alsreport.results.model import Comparison, Results

__all__ = ["marked_on_raw_p", "primary_note", "significance_words"]


def marked_on_raw_p(results: Results, c: Comparison | None) -> bool:
    """``c``'s mark goes on its unadjusted p: the primary endpoint judged unadjusted, beside an adjusted p."""
    return (c is not None and adjustment(results.config).any and is_primary(results, c)
            and primary_judged_unadjusted(results))


def significance_words(results: Results) -> str:
    """``Holm-adjusted p < 0.05`` (what a mark means for the secondary rows)."""
    return f"{adjustment(results.config).adjusted} p < {results.config.analysis.alpha:g}"


def primary_note(results: Results, comparisons: Iterable[Comparison | None]) -> str | None:
    """The note for a table or figure holding the primary endpoint whose mark is on another p than the
    other rows' (None otherwise): the primary endpoint is judged as the Methods say."""
    prim = next((c for c in comparisons if c is not None and is_primary(results, c)), None)
    adj = adjustment(results.config)
    if prim is None or not adj.any:
        return None
    try:
        label = results.config.analyte(prim.analyte).display     # study.yml's label, as the table rows
    except KeyError:
        label = prim.label
    name = series_title(prim.compartment, label)
    alpha = f"{results.config.analysis.alpha:g}"
    if primary_judged_unadjusted(results):
        how = "as stated in the Methods" if results.config.retrospective else "as prespecified"  # nothing was prespecified in a retrospective analysis
        return (f"The primary endpoint ({name}) is judged on its unadjusted p (p < {alpha}, {how}), "
                f"the other rows on the {adj.adjusted} p; its {adj.adjusted} p is shown for reference.")
    if adj.method != "holm":
        return (f"The primary endpoint ({name}) is judged on its Holm-adjusted p within its family (in the "
                "CSV/XLSX export), the other rows on the " + f"{adj.adjusted} p.")
    return None
