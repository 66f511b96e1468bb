"""The intervention as delivered, at route level: one source for the flow and exposure sentences.

Built from ``results.exposure.by_infusion`` (planned and given doses per infusion
and route, with the reasons for missed doses), the same numbers as the exposure
table, so the text, the table and the CONSORT diagram agree.
"""

from __future__ import annotations

from alsreport.analysis.summaries.flow_compartments import DISCONTINUED
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import inner_brackets, join_words, plural
from alsreport.results.missing_samples import missing_samples
from alsreport.results.model import InfusionExposure, Results

__all__ = ["routes_given", "delivery_sentence", "route_words", "missing_samples_sentence", "enrolled_word",
           "doses_reference"]

_ROUTE_WORDS = {"IV": "intravenously (IV)", "IT": "intrathecally (IT)"}


def _by_number(results: Results) -> dict[int, list[InfusionExposure]]:
    out: dict[int, list[InfusionExposure]] = {}
    for i in results.exposure.by_infusion:
        if i.n_planned:
            out.setdefault(i.infusion_no, []).append(i)
    return out


def routes_given(results: Results) -> list[str]:
    """The routes any dose was planned by, in table order (e.g. ``["IV", "IT"]`` or ``["IT"]``)."""
    return list(dict.fromkeys(i.route for rows in _by_number(results).values() for i in rows))


def route_words(results: Results) -> str:
    """``intravenously (IV) and intrathecally (IT)``, or one route alone."""
    return join_words([_ROUTE_WORDS.get(r, md_escape(r)) for r in routes_given(results)])


def _reasons(i: InfusionExposure) -> str:
    if not i.not_given:
        return ""
    return " (" + "; ".join(f"{md_escape(inner_brackets(r.reason[:1].lower() + r.reason[1:]))}, {r.n}"
                            for r in i.not_given) + ")"


def delivery_sentence(results: Results) -> str:
    """``All planned doses of infusions 1 and 2 were given (IV and IT, 15 participants). Infusion 3: IV 15 of 15,
    IT 14 of 15 (lumbar puncture unsuccessful, 1).``"""
    by_no = _by_number(results)
    if not by_no:
        return "No infusion was planned."
    complete = [no for no, rows in by_no.items() if all(i.n_given == i.n_planned for i in rows)]
    out: list[str] = []
    if complete:
        routes = join_words(list(dict.fromkeys(i.route for no in complete for i in by_no[no])))
        sizes = sorted({i.n_planned for no in complete for i in by_no[no]})
        people = plural(sizes[0], "participant") if len(sizes) == 1 else "every participant scheduled"
        if len(by_no) == 1:
            which = "the infusion"
        elif len(complete) == len(by_no):
            which = "every infusion"
        else:
            which = f"infusion{'s' if len(complete) > 1 else ''} {join_words([str(n) for n in complete])}"
        out.append(f"All planned doses of {which} were given ({md_escape(routes)}, {people}).")
    for no, rows in by_no.items():
        if no in complete:
            continue
        parts = [f"{md_escape(i.route)} to {i.n_given} of {i.n_planned}{_reasons(i)}" for i in rows]
        label = "The infusion" if len(by_no) == 1 else f"Infusion {no}"
        out.append(f"{label} was given {join_words(parts)}.")
    return " ".join(out)


def doses_reference(results: Results) -> str:
    """The start of the sentence that refers the reader to the doses by route (the document adds where:
    "… are in Section 3.1 and Table 5."): the reasons are mentioned only when a planned dose was missed."""
    missed = sum(max(i.n_planned - i.n_given, 0) for i in results.exposure.by_infusion)
    if not missed:
        return "Every planned dose was given; the doses given by route are in"
    which = "the missed dose" if missed == 1 else "the missed doses"
    return f"The doses given by route, with the reasons for {which}, are in"


def enrolled_word(results: Results) -> str:
    """``included`` for a retrospective study (nobody was enrolled), else ``enrolled``."""
    return "included" if results.config.retrospective else "enrolled"


def _discontinued_missing(results: Results) -> dict[tuple[str, str], int]:
    """(compartment, visit) → participants without a sample there because they had stopped the study."""
    return {(c.compartment, v.visit): sum(r.n for r in v.missing if r.reason == DISCONTINUED)
            for c in results.flow.compartments for v in c.visits}


def _who_stopped(n: int, stopped: int) -> str:
    if not stopped:
        return ""
    if stopped >= n:
        return ", who had discontinued" if n == 1 else ", who had all discontinued"
    return f", {stopped} of whom had discontinued"


#: Up to this many (compartment, visit) cells with missing samples are listed one by one; more are summarised.
MISSING_LISTED_MAX = 3


def missing_samples_sentence(results: Results) -> str:
    """Visits without a sample, per compartment (most participants missing across its analytes): listed when
    few, else summarised in two sentences (samples, participants, compartments, visits, reasons counted)."""
    cfg = results.config
    missing: dict[tuple[str, str], int] = {}
    for g in missing_samples(results.flow):  # the samples the ethics report's deviation listing lists
        missing[(g.compartment, g.visit)] = missing.get((g.compartment, g.visit), 0) + g.n
    order = {v: k for k, v in enumerate(cfg.visit_codes)}
    gone = _discontinued_missing(results)
    cells = [(key, n) for key, n in sorted(missing.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 99)))
             if n > 0]
    if not cells:
        return "No sample was missing at any visit."
    if len(cells) > MISSING_LISTED_MAX:
        return _missing_summary(results, cells, gone, order)
    items = [f"{md_escape(comp)} at {md_escape(cfg.visit_label(visit))} ({plural(n, 'participant')}"
             f"{_who_stopped(n, gone.get((comp, visit), 0))})" for (comp, visit), n in cells]
    return (f"Samples were missing for {join_words(items)}; the comparisons involving these visits include "
            "fewer participants.")


def _missing_summary(results: Results, cells: list[tuple[tuple[str, str], int]], gone: dict[tuple[str, str], int],
                     order: dict[str, int]) -> str:
    """``In all, 8 samples were missing, from 2 participants (CSF 4, serum 4; at Month 2, …): 6 because the
    participant had discontinued, 2 with no sample recorded.`` and what that means for the comparisons."""
    cfg = results.config
    total = sum(n for _, n in cells)
    stopped = sum(min(n, gone.get(key, 0)) for key, n in cells)
    by_comp: dict[str, int] = {}
    for (comp, _), n in cells:
        by_comp[comp] = by_comp.get(comp, 0) + n
    visits = sorted({visit for (_, visit), _ in cells}, key=lambda v: order.get(v, 99))
    people = {p for g in missing_samples(results.flow) for p in g.participants}
    who = f", from {plural(len(people), 'participant')}" if people else ""
    where = ", ".join(f"{md_escape(comp)} {n}" for comp, n in by_comp.items())
    when = join_words([md_escape(cfg.visit_label(v)) for v in visits])
    why = [f"{stopped} because the participant had discontinued" if stopped else "",
           f"{total - stopped} with no sample recorded" if total - stopped else ""]
    return (f"In all, {plural(total, 'sample')} {'was' if total == 1 else 'were'} missing{who} ({where}; at "
            f"{when}): {join_words(why)}. The comparisons involving these visits include fewer participants; "
            "the tables give the number of participants at each visit.")
