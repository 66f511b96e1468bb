"""The earlier report of this study, finding by finding, beside these results (issue #10, reader 8's item 8).

``reporting.prior_report`` (:mod:`alsreport.study.config_prior`) lists what the earlier report found for each series
at each visit. :func:`prior_comparisons` sets each finding beside this analysis's Wilcoxon test of the same series and
contrast, judged by the rule the Methods state (:func:`~alsreport.results.judgement.judged_significant`: the primary
endpoint on its unadjusted p by default, every secondary endpoint on ``analysis.adjust``'s adjusted p), and
:func:`prior_report_discussion` writes the Discussion's sentences: "As in the earlier report [5], CSF TNF-α decreased
from Month 0 to Month 3 (…). Unlike it, this analysis also found … (exploratory)". :func:`prior_report_findings` is the
Introduction's summary of the earlier report.

The citation of the earlier report comes from the study's bibliography (the documents' business): the sentences hold
:data:`CITE` where it goes, and :func:`cite_prior` puts it there.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from alsreport.present.adjustment import adjustment
from alsreport.present.format import contrast_visits, p_phrase, reported_p, visit_label
from alsreport.present.prose.lookups import family_words, order_key, series_name
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import cap, join_words, plural
from alsreport.present.supplement_numbers import supplement_refs
from alsreport.results.judgement import is_primary, judged_significant, judging_p, primary_judged_unadjusted
from alsreport.results.model import Comparison, Results
from alsreport.study.config_prior import PriorFinding

__all__ = ["CITE", "Compared", "cite_prior", "prior_comparisons", "prior_report_discussion", "prior_report_findings"]

#: Where the earlier report's citation goes in the sentences (:func:`cite_prior` replaces it).
CITE = "\u2063{prior-report}\u2063"

#: The most other comparisons named in the sentence on what the earlier report did not find.
MAX_LISTED = 5

_PAST = {"decrease": "decreased", "increase": "increased"}


@dataclass(frozen=True)
class Compared:
    """One finding of the earlier report and this analysis's test of the same series and contrast."""

    finding: PriorFinding
    comparison: Comparison | None
    """The Wilcoxon test of the finding's series from the baseline to its visit (None: not in the results)."""
    here: str | None
    """What this analysis found: ``decrease``, ``increase``, ``no change``, or None when no test was run."""

    @property
    def agrees(self) -> bool:
        return self.here == self.finding.finding


def _here(results: Results, c: Comparison | None) -> str | None:
    if c is None or not math.isfinite(c.pvalue):
        return None
    if not judged_significant(results, c):
        return "no change"
    return "decrease" if c.estimate < 0 else "increase" if c.estimate > 0 else "change"


def prior_comparisons(results: Results) -> list[Compared]:
    """Each finding of ``reporting.prior_report`` beside this analysis's Wilcoxon test (empty without one)."""
    prior = results.config.reporting.prior_report
    if prior is None:
        return []
    base = results.config.baseline.code
    tests = {(c.analyte, c.compartment, c.contrast): c for c in results.comparisons if c.test == "wilcoxon"}
    out = []
    for f in prior.findings:
        c = tests.get((f.analyte, f.compartment, f"{f.visit}-{base}"))
        out.append(Compared(f, c, _here(results, c)))
    return out


def _prior_visits(results: Results) -> list[str]:
    """The later visits the earlier report's findings compare with the baseline, in visit order: the comparisons it
    made, to which its ``others: no change`` refers (it said nothing of the other visits)."""
    said = {f.visit for f in results.config.reporting.prior_report.findings}   # type: ignore[union-attr]
    return [v for v in results.config.visit_codes if v in said]


def _others_everywhere(results: Results) -> bool:
    """``others_visits: all``: the earlier report's "no other change" covers every later visit."""
    return results.config.reporting.prior_report.others_visits == "all"   # type: ignore[union-attr]


def _scope(results: Results) -> str:
    """``from Month 0 to Month 3`` (``… to Month 2 or Month 3``): the comparisons the earlier report made; ``during
    follow-up`` when its "no other change" named no visit (``others_visits: all``)."""
    cfg = results.config
    if _others_everywhere(results):
        return "during follow-up"
    labels = [md_escape(visit_label(cfg, v)) for v in _prior_visits(results)]
    return f"from {md_escape(cfg.baseline.label)} to {join_words(labels, 'or')}"


def _covered(results: Results) -> set[str] | None:
    """The families ``others: no change`` covers (``others_families``), None for every family."""
    fams = results.config.reporting.prior_report.others_families   # type: ignore[union-attr]
    return set(fams) if fams else None


def _others_noun(results: Results) -> str:
    """``biomarker`` or, with ``others_families``, ``immunological or biochemical biomarker``: what ``others: no
    change`` covers, in the earlier report's own scope (reader 12a item 6: "no other biomarker" claimed the
    haematological ones, which it did not report)."""
    fams = results.config.reporting.prior_report.others_families   # type: ignore[union-attr]
    if not fams:
        return "biomarker"
    return f"{join_words([md_escape(family_words(results, f)) for f in fams], 'or')} biomarker"


def _uncovered_families(results: Results, found: list[Comparison]) -> str:
    """``haematological``: the families of ``found`` (changes outside ``others_families``), in report order."""
    fams = list(dict.fromkeys(c.family for c in found))
    order = {f: i for i, f in enumerate(results.config.family_names)}
    return join_words([md_escape(family_words(results, f)) for f in sorted(fams, key=lambda f: order.get(f, 99))])


def _unreported(results: Results) -> tuple[list[Comparison], list[Comparison], list[Comparison]]:
    """Significant Wilcoxon changes the findings do not name: (in another series at the findings' visits, where
    ``others: no change`` says the earlier report found none; at a visit for which it gives no result: in a named
    series, or, with ``others``, in any series at a visit no finding compares; in a family outside
    ``others_families``, which the earlier report did not cover)."""
    prior = results.config.reporting.prior_report
    assert prior is not None
    covered = _covered(results)
    named = {(f.analyte, f.compartment) for f in prior.findings}
    scope = set(results.config.contrasts) if _others_everywhere(results) else \
        {f"{v}-{results.config.baseline.code}" for v in _prior_visits(results)}
    named_at = {(f.analyte, f.compartment, f"{f.visit}-{results.config.baseline.code}") for f in prior.findings}
    visits = {k: i for i, k in enumerate(results.config.contrasts)}
    order = order_key(results)
    found = sorted((c for c in results.comparisons if c.test == "wilcoxon" and math.isfinite(c.pvalue)
                    and judged_significant(results, c) and (c.analyte, c.compartment, c.contrast) not in named_at),
                   key=lambda c: (*order(c), visits.get(c.contrast, 99)))
    outside = [c for c in found if prior.others and covered is not None and c.family not in covered
               and (c.analyte, c.compartment) not in named]
    found = [c for c in found if c not in outside]
    others = [c for c in found if (c.analyte, c.compartment) not in named and c.contrast in scope] \
        if prior.others else []
    later = [c for c in found if (c.analyte, c.compartment) in named or (prior.others and c.contrast not in scope)]
    return others, later, outside


# Words ---------------------------------------------------------------------------------------------------------

def _name(results: Results, analyte: str, compartment: str) -> str:
    return md_escape(series_name(results, compartment, analyte))


def _span(results: Results, visit: str) -> str:
    cfg = results.config
    return f"from {md_escape(cfg.baseline.label)} to {md_escape(visit_label(cfg, visit))}"


def _test_p(results: Results, c: Comparison) -> str:
    """``p = 0.001, the primary endpoint`` or ``Holm-adjusted p = 0.048; exploratory``: the p that judges ``c``."""
    if is_primary(results, c):
        name = "p" if primary_judged_unadjusted(results) else "Holm-adjusted p"
        return f"{p_phrase(judging_p(results, c), name)}, the primary endpoint"
    adj = adjustment(results.config)
    return f"{p_phrase(judging_p(results, c), f'{adj.adjusted} p' if adj.any else 'p')}; exploratory"


def _prior_p(f: PriorFinding, lead: str = "") -> str:
    bound = f.p_bound
    return f"{lead}{reported_p(*bound)}" if bound is not None else ""


def _found(results: Results, f: PriorFinding) -> str:
    """``CSF TNF-α decreased from Month 0 to Month 3`` / ``serum IL-6 did not change significantly from …``."""
    name, span = _name(results, f.analyte, f.compartment), _span(results, f.visit)
    if f.finding == "no change":
        return f"{name} did not change significantly {span}"
    return f"{name} {_PAST[f.finding]} {span}"


def _verb(c: Comparison) -> str:
    return "decreased" if c.estimate < 0 else "increased" if c.estimate > 0 else "changed"


def _changes(results: Results, found: list[Comparison]) -> str:
    """``CSF TNF-α decreased from Month 0 to Month 1 (…) and to Month 2 (…)``: one series, its visits in order."""
    c0 = found[0]
    spans = []
    for i, c in enumerate(found):
        later, _ = contrast_visits(results.config, c.contrast)
        span = _span(results, later) if i == 0 else f"to {md_escape(visit_label(results.config, later))}"
        spans.append(f"{span} ({_test_p(results, c)})")
    return f"{_name(results, c0.analyte, c0.compartment)} {_verb(c0)} {join_words(spans)}"


class _Reference:
    """``the earlier report`` with its citation the first time it is named."""

    def __init__(self) -> None:
        self.cited = False

    def __call__(self) -> str:
        first, self.cited = not self.cited, True
        return f"the earlier report{CITE}" if first else "the earlier report"


def _agreeing(results: Results, same: list[Compared], others_agree: bool, ref: _Reference) -> str:
    items = []
    for x in same:
        assert x.comparison is not None
        prior_p = _prior_p(x.finding, "; earlier report: ")
        items.append(f"{_found(results, x.finding)} ({_test_p(results, x.comparison)}{prior_p})")
    if others_agree:
        items.append(f"no other {_others_noun(results)} changed significantly {_scope(results)}")
    return f"As in {ref()}, {join_words(items)}." if items else ""


def _differing(results: Results, x: Compared, ref: _Reference) -> str:
    f, c = x.finding, x.comparison
    name, span = _name(results, f.analyte, f.compartment), _span(results, f.visit)
    if x.here is None:
        why = md_escape(c.reason) if c is not None and c.reason else "no test was possible"
        return f"{cap(name)} {span} could not be compared with {ref()}: {why}."
    assert c is not None
    prior_p = _prior_p(f, " (") + (")" if f.p_bound else "")
    if f.finding == "no change":
        return (f"Unlike {ref()}, which found no significant change in {name} {span}, it "
                f"{_PAST.get(x.here, 'changed')} here ({_test_p(results, c)}).")
    here = "found no significant change" if x.here == "no change" else f"found that it {_PAST.get(x.here, 'changed')}"
    return f"Unlike {ref()}, which found that {_found(results, f)}{prior_p}, this analysis {here} ({_test_p(results, c)})."


def _listed(results: Results, found: list[Comparison]) -> str:
    """The changes of ``found`` (in series order, then visit order), a series' visits together."""
    groups: dict[tuple[str, str, str], list[Comparison]] = {}
    for c in found[:MAX_LISTED]:
        groups.setdefault((c.analyte, c.compartment, _verb(c)), []).append(c)
    items = [_changes(results, g) for g in groups.values()]
    if len(found) > MAX_LISTED:
        every = supplement_refs(results).get("supplementary_s1")   # a link, as the tables' (reader 9)
        items.append(f"{plural(len(found) - MAX_LISTED, 'other comparison')} changed" + (f" ({every})" if every else ""))
    return join_words(items)


def _sentences(results: Results) -> Iterator[str]:
    compared = prior_comparisons(results)
    others, later, outside = _unreported(results)
    prior = results.config.reporting.prior_report
    assert prior is not None
    ref = _Reference()
    same = [x for x in compared if x.agrees]
    yield _agreeing(results, same, bool(prior.others) and not others, ref)
    if results.config.retrospective and any(x.comparison is not None and is_primary(results, x.comparison)
                                            for x in same):
        # the endpoint is the earlier finding: agreeing with it is no confirmation (session 30 reviewer: "As in the
        # earlier report" presented a circular agreement as support)
        yield _not_independent(prior.participants, ref())
    differ = [x for x in compared if not x.agrees]
    for x in differ:
        yield _differing(results, x, ref)
    if others:
        # "no significant change", as the earlier report's "no statistically significant changes" (session 35 reader)
        yield (f"Unlike {ref()}, which found no significant change in any other {_others_noun(results)} "
               f"{_scope(results)}, "
               f"this analysis also found that {_listed(results, others)}.")
    if later:
        yield f"At visits for which {ref()} gives no result, {_listed(results, later)}."
    if outside:
        yield (f"{cap(ref())} gives no result for {_uncovered_families(results, outside)} biomarkers; here, "
               f"{_listed(results, outside)}.")
    if others or any(x.here is not None for x in differ):
        # not "the participants" when they are the same (session 35 second reader: the paragraph had just said so),
        # nor their assays: the same participants' values, analysed again (session 36 reviewer)
        why = ("the analysis or chance" if prior.participants == "same" else
               "the participants, the assays or the analysis")
        yield f"Where the two differ, {why} may explain it."


def _not_independent(participants: str | None, earlier: str) -> str:
    """Why agreeing with the earlier report's finding, made the primary endpoint, is no confirmation; in other
    participants, it says whose data these are (session 33 reviewer: whether they were the same was never said)."""
    # "took its finding": the earlier report's, not this analysis's (session 33 reader: "…, which studied the same
    # participants, with its finding as the primary endpoint" read as the earlier report's endpoint)
    if participants == "different":
        return (f"This analysis, of participants other than those of {earlier}, was defined after it and took its "
                "finding as the primary endpoint; as it was defined after these data were collected, the agreement is "
                "not a prespecified confirmation.")
    whose = {"same": f", of the same participants as {earlier},",
             "overlapping": f", of participants who include some of those of {earlier},"}.get(participants or "")
    if whose is None:
        return (f"This analysis was defined after {earlier} and took its finding as the primary endpoint, so the "
                "agreement is not an independent confirmation.")
    return (f"This analysis{whose} was defined after it and took its finding as the primary endpoint, so the "
            "agreement is not an independent confirmation.")


def prior_report_discussion(results: Results) -> str:
    """The Discussion's comparison with the earlier report (empty without ``reporting.prior_report``)."""
    if results.config.reporting.prior_report is None:
        return ""
    return " ".join(s for s in _sentences(results) if s)


def prior_report_findings(results: Results) -> str:
    """The Introduction's sentence on what the earlier report found (empty without ``reporting.prior_report``)."""
    prior = results.config.reporting.prior_report
    if prior is None:
        return ""
    items = [_found(results, f) + _prior_p(f, " (") + (")" if f.p_bound else "") for f in prior.findings]
    if prior.others:
        items.append(f"no other {_others_noun(results)} changed significantly {_scope(results)}")
    whose = {"same": "An earlier report of these participants",
             "overlapping": "An earlier report, of participants who include some of these,"}.get(
        prior.participants or "", "An earlier report of a study with this design")
    return f"{whose} found that {join_words(items)}{CITE}."


def cite_prior(text: str, cite: str) -> str:
    """``text`` with the earlier report's citation (`` [@key]``) where :data:`CITE` marks it; without a reference
    to cite, the authors are asked for one."""
    return text.replace(CITE, cite or " (*to be added by the authors:* the reference)", 1).replace(CITE, "")
