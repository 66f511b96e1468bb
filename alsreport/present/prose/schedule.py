"""The abstract's sentence on how the intervention was given: number of infusions, visits, routes, dose
(issue #10: the abstract said only "Participants received autologous mesenchymal stem cells.")."""

from __future__ import annotations

import math

from alsreport.present.format import power_of_ten, visit_label
from alsreport.present.prose.delivery import route_words, routes_given
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words, number_word, visits_words
from alsreport.results.model import Results

__all__ = ["abstract_schedule", "dose_words", "planned_dose", "route_doses", "intervention_names_schedule"]


def dose_words(dose: float, exponent: int | None = None) -> str:
    """``1000000`` → ``1 × 10⁶``; with ``exponent`` 6, ``500000`` → ``0.5 × 10⁶`` (a dose written as a power of ten,
    the parts of a dose in the power of the whole; :func:`~alsreport.present.format.power_of_ten`)."""
    return power_of_ten(dose, exponent)


def route_doses(results: Results) -> dict[str, float]:
    """The dose of each route when the infusions are split between routes: ``{"IV": 500000.0, "IT": 500000.0}``, the
    median dose given by each route, when it is the same at every infusion and the routes' doses add up to
    study.yml's ``dose_cells_per_kg``; ``{}`` for one route, or doses that vary or do not add up."""
    total = results.config.dose_cells_per_kg
    routes = routes_given(results)
    if not total or len(routes) < 2:
        return {}
    medians: dict[str, set[float]] = {}
    for i in results.exposure.by_infusion:
        if i.n_planned and i.route in routes:
            medians.setdefault(i.route, set()).add(i.cells_per_kg.median if i.n_given else math.nan)
    doses = {r: next(iter(m)) for r, m in medians.items() if len(m) == 1 and all(math.isfinite(x) for x in m)}
    if len(doses) != len(routes) or not math.isclose(sum(doses.values()), total, rel_tol=0.01):
        return {}
    return {r: doses[r] for r in routes}


def planned_dose(results: Results) -> str:
    """``1 × 10⁶ cells/kg body weight per infusion, split 0.5 × 10⁶ cells/kg IV and 0.5 × 10⁶ cells/kg IT`` from
    study.yml's ``dose_cells_per_kg`` and the doses given by route (:func:`route_doses`; reader 12b item 9: "1 × 10⁶ … per
    infusion" beside a table of 0.50 × 10⁶ per route read as that dose by each route); one route: the dose alone;
    nothing without ``dose_cells_per_kg``. The one source of the dose for the abstract and the Methods (reader 7's
    item 7)."""
    total = results.config.dose_cells_per_kg
    if not total:
        return ""
    # "per infusion" only when there are several (session 34 reviewer: one infusion "per infusion")
    several = len({i.infusion_no for i in results.exposure.by_infusion}) > 1
    text = f"{dose_words(total)} cells/kg body weight{' per infusion' if several else ''}"
    split = route_doses(results)
    if split:
        exp = int(math.floor(math.log10(total)))
        # each part with its unit: "split 0.5 × 10⁶ IV and 0.5 × 10⁶ IT" left the reader to supply it (session 25)
        text += ", split " + join_words([f"{dose_words(d, exp)} cells/kg {md_escape(r)}" for r, d in split.items()])
    return text


def intervention_names_schedule(cfg) -> bool:
    """The study's own ``intervention`` text already names the infusions (and so the dose, as the example's
    "three monthly infusions of …, 1 × 10⁶ cells/kg …"): the generated schedule sentences are left out."""
    return bool(cfg.intervention and "infusion" in cfg.intervention.lower())


def abstract_schedule(results: Results) -> str:
    """``The intervention was given as 3 infusions, at Month 0, Month 1, and Month 2, each intravenously (IV)
    and intrathecally (IT), 1 × 10⁶ cells/kg body weight per infusion.``; nothing when the study's own
    ``intervention`` text already names the infusions (the example's "three monthly infusions of …")."""
    cfg = results.config
    if intervention_names_schedule(cfg):
        return ""
    by_no: dict[int, tuple[str, set[str]]] = {}
    for i in results.exposure.by_infusion:
        if i.n_planned:
            by_no.setdefault(i.infusion_no, (i.visit, set()))[1].add(i.route)
    if not by_no:
        return ""
    visits = visits_words(list(dict.fromkeys(md_escape(visit_label(cfg, v)) for v, _ in by_no.values())))
    same = len({frozenset(r) for _, r in by_no.values()}) == 1
    how = ("each " if same and len(by_no) > 1 else "") + route_words(results)
    what = "one infusion at" if len(by_no) == 1 else f"{number_word(len(by_no))} infusions, at"
    dose = f", {planned_dose(results)}" if planned_dose(results) else ""
    return f"The intervention was given as {what} {visits}, {how}{dose}."
