"""The manuscript's sentence on missing samples (issue #10): the samples the ethics report's deviation listing
lists (:func:`alsreport.results.missing_samples.missing_samples`), and, counted once apart, the scheduled
samples not collected because a participant had discontinued (not deviations: the flow reports the
discontinuations).
"""

from __future__ import annotations

from alsreport.analysis.summaries.flow_compartments import NO_SAMPLE   # a sample simply not obtained
from alsreport.present.population import left_word
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import cap, counted, join_words, lower_first, plural
from alsreport.results.missing_samples import MissingSamples, missing_samples, not_collected_after_discontinuation
from alsreport.results.model import Results

__all__ = ["after_discontinuation_compartments", "after_discontinuation_counts", "missing_samples_sentence", "missing_by_visit", "MISSING_LISTED_MAX"]

#: Up to this many (compartment, visit) cells with missing samples are listed one by one; more are summarised.
MISSING_LISTED_MAX = 4

_FEWER = "the comparisons involving these visits include fewer participants"
#: the same, of one visit (session 26 six-visit reader: "these visits" where only Month 2 was meant)
_FEWER_ONE = "the comparisons involving this visit include fewer participants"


def _cells(results: Results, groups: tuple[MissingSamples, ...]) -> list[tuple[tuple[str, str], int]]:
    """((visit, compartment), samples) by visit in schedule order, then compartment in data order, without empty
    cells (issue #10: the listing reads by visit, then compartment)."""
    order = {v: k for k, v in enumerate(results.config.visit_codes)}
    compartments = {c: k for k, c in enumerate(dict.fromkeys(g.compartment for g in groups))}
    cells: dict[tuple[str, str], int] = {}
    for g in groups:
        cells[(g.visit, g.compartment)] = cells.get((g.visit, g.compartment), 0) + g.n
    return [(key, n) for key, n in sorted(cells.items(), key=lambda kv: (order.get(kv[0][0], 99),
                                                                        compartments[kv[0][1]])) if n]


def missing_by_visit(results: Results) -> list[tuple[str, list[tuple[str, MissingSamples]]]]:
    """The missing samples by visit (schedule order), each with its compartments (data order) and their samples:
    ``[("M2", [("CSF", <participants, reasons>), ("serum", …)]), …]``; reasons of one cell are merged."""
    groups = missing_samples(results.flow)
    out: dict[str, list[tuple[str, MissingSamples]]] = {}
    for (visit, comp), _ in _cells(results, groups):
        cell = [g for g in groups if (g.visit, g.compartment) == (visit, comp) and g.n]
        people = tuple(dict.fromkeys(p for g in cell for p in g.participants))
        reasons = "; ".join(dict.fromkeys(g.reason for g in cell if g.reason != NO_SAMPLE))
        out.setdefault(visit, []).append((comp, MissingSamples(comp, visit, reasons, people)))
    return list(out.items())


def _why(groups: tuple[MissingSamples, ...], cell: tuple[str, str]) -> str:
    """``; lumbar puncture unsuccessful``: the reasons given for a (visit, compartment) cell's missing samples;
    ``; no reason recorded`` for ``no sample`` (session 27 reader: CONSORT item 22b asks for the reasons, and a
    missing sample without one read as an omission of the report)."""
    reasons = [md_escape(lower_first(g.reason)) if g.reason != NO_SAMPLE else "no reason recorded" for g in groups
               if (g.visit, g.compartment) == cell and g.n]
    return "".join(f"; {r}" for r in dict.fromkeys(reasons))


def after_discontinuation_counts(results: Results) -> tuple[int, str, int]:
    """The samples scheduled after a participant discontinued: how many, ``CSF 3, serum 3`` (markdown), and of how
    many participants (``(0, "", 0)`` when none)."""
    groups = not_collected_after_discontinuation(results.flow)
    by_comp: dict[str, int] = {}
    for g in groups:
        by_comp[g.compartment] = by_comp.get(g.compartment, 0) + g.n
    where = ", ".join(f"{md_escape(comp)} {k}" for comp, k in by_comp.items())
    return sum(g.n for g in groups), where, len({p for g in groups for p in g.participants})


def after_discontinuation_compartments(results: Results) -> list[str]:
    """The compartments of the samples scheduled after a participant discontinued, in data order."""
    return list(dict.fromkeys(g.compartment for g in not_collected_after_discontinuation(results.flow) if g.n))


def _after_discontinuation(results: Results, *, further: bool) -> str:
    """``A further 6 scheduled samples (CSF 3, serum 3) were not collected because one participant had died.``
    (``… had left the study`` when not all of them died; nothing when none); with one compartment, named in the
    noun: ``One scheduled serum sample was not collected because one participant had left the study.``"""
    n, where, people = after_discontinuation_counts(results)
    if not n:
        return ""
    # who left, said apart from the participants missing a sample just before (session 26 six-visit reader: "the
    # participant had discontinued" read as the one who had missed Month 2, and the one who left had died)
    left = left_word(results.flow)
    verb = "was" if n == 1 else "were"
    comps = after_discontinuation_compartments(results)
    if len(comps) == 1:
        # one compartment: named in the noun, a count in words ("One scheduled serum sample was not collected
        # because one participant had left the study"; outside tester: "1 scheduled sample (serum 1)")
        noun = f"scheduled {md_escape(comps[0])} sample"
        who = f"{counted(people, 'participant')} had {left}"
        if further:
            return f"A further {counted(n, noun)} {verb} not collected because {who}."
        if counted(n, noun)[:1].isdigit():   # no numeral starts the sentence (session 33 tester: "796 scheduled …")
            return f"Because {who}, {counted(n, noun)} {verb} not collected."
        return f"{cap(counted(n, noun))} {verb} not collected because {who}."
    # the participants in words, as with one compartment (session 34 reviewer: "because 1 participant had died" here,
    # "because one participant had died" there); numerals beside the compartments' counts ("6 scheduled samples
    # (CSF 3, serum 3)": session 28 six-visit reader)
    why = f"{counted(people, 'participant')} had {left}"
    if not further:   # the reason first, so that no numeral starts the sentence (session 33 tester: "796 scheduled …")
        return f"Because {why}, {plural(n, 'scheduled sample')} ({where}) {verb} not collected."
    return f"A further {plural(n, 'scheduled sample')} ({where}) {verb} not collected because {why}."


def missing_samples_sentence(results: Results) -> str:
    """Visits without a sample, by visit then compartment, among participants still in the study: listed when few,
    else summarised (``Samples were missing at Month 1 for CSF (1 participant), at Month 2 for CSF (1 participant;
    lumbar puncture unsuccessful) and serum (1 participant), and …``); then the scheduled samples not collected after a discontinuation, counted once."""
    cfg = results.config
    groups = missing_samples(results.flow)
    cells = _cells(results, groups)
    after = _after_discontinuation(results, further=bool(cells))
    if not cells:
        return " ".join(x for x in ("No sample was missing at any visit" + (
            " while the participants were in the study." if after else "."), after) if x)
    if len(cells) > MISSING_LISTED_MAX:
        text = _missing_summary(results, cells)
    else:
        by_visit: dict[str, list[tuple[str, int]]] = {}
        for (visit, comp), n in cells:
            by_visit.setdefault(visit, []).append((comp, n))
        items = [f"at {md_escape(cfg.visit_label(visit))} for {_compartments(groups, visit, comps)}"
                 for visit, comps in by_visit.items()]
        # where the numbers are (session 28 six-visit reader: "fewer participants" gave none)
        text = (f"Samples were missing {join_words(items)}; {_FEWER if len(by_visit) > 1 else _FEWER_ONE} (the tables "
                "give the number of participants at each visit).")
    return " ".join(x for x in (text, after) if x)


def _compartments(groups: tuple[MissingSamples, ...], visit: str, comps: list[tuple[str, int]]) -> str:
    """``CSF (1 participant; lumbar puncture unsuccessful) and serum (2 participants)``, or, where the same
    participants miss every compartment of the visit for the same reasons, ``CSF and serum (1 participant, the same
    in both)``: "CSF (1 participant) and serum (1 participant)" read as two people (session 25 reader)."""
    def people(comp: str) -> frozenset[str]:
        return frozenset(p for g in groups if (g.visit, g.compartment) == (visit, comp) for p in g.participants)

    whys = {_why(groups, (visit, comp)) for comp, _ in comps}
    if len(comps) > 1 and len({people(comp) for comp, _ in comps}) == 1 and len(whys) == 1 and people(comps[0][0]):
        same = "in both" if len(comps) == 2 else "in each"
        return (f"{join_words([md_escape(comp) for comp, _ in comps])} ({plural(comps[0][1], 'participant')}, "
                f"the same {same}{whys.pop()})")
    return join_words([f"{md_escape(comp)} ({plural(n, 'participant')}{_why(groups, (visit, comp))})"
                       for comp, n in comps])


def _missing_summary(results: Results, cells: list[tuple[tuple[str, str], int]]) -> str:
    """``In all, 8 samples were missing, from 2 participants (CSF 4, serum 4; at Month 2, …).`` and what that
    means for the comparisons."""
    cfg = results.config
    order = {v: k for k, v in enumerate(cfg.visit_codes)}
    total = sum(n for _, n in cells)
    by_comp: dict[str, int] = {}
    for (_, comp), n in cells:
        by_comp[comp] = by_comp.get(comp, 0) + n
    visits = sorted({visit for (visit, _), _ in cells}, key=lambda v: order.get(v, 99))
    people = {p for g in missing_samples(results.flow) for p in g.participants}
    who = f", from {plural(len(people), 'participant')}" if people else ""
    where = ", ".join(f"{md_escape(comp)} {n}" for comp, n in by_comp.items())
    when = join_words([md_escape(cfg.visit_label(v)) for v in visits])
    return (f"In all, {plural(total, 'sample')} {'was' if total == 1 else 'were'} missing{who} ({where}; at "
            f"{when}). {cap(_FEWER)}; the tables give the number of participants at each visit.")
