"""The abstract's sentence on how the intervention was given: number of infusions, visits, routes, dose
(issue #10: the abstract said only "Participants received autologous mesenchymal stem cells.")."""

from __future__ import annotations

import math

from alsreport.present.format import number, visit_label
from alsreport.present.prose.delivery import route_words
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import join_words, number_word
from alsreport.results.model import Results

__all__ = ["abstract_schedule", "dose_words", "planned_dose", "intervention_names_schedule"]


def dose_words(dose: float) -> str:
    """``1000000`` → ``1 × 10⁶`` (a planned dose from study.yml, written as a power of ten)."""
    exp = int(math.floor(math.log10(dose))) if dose > 0 else 0
    mant = dose / 10 ** exp
    sup = str(exp).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
    m = number(mant, 0 if float(mant).is_integer() else 1)
    return f"{m} × 10{sup}"


def planned_dose(cfg) -> str:
    """``1 × 10⁶ cells/kg body weight per infusion`` from study.yml's ``dose_cells_per_kg``; nothing without it.
    The one source of the dose for the abstract and the Methods (reader 7's item 7)."""
    return f"{dose_words(cfg.dose_cells_per_kg)} cells/kg body weight per infusion" if cfg.dose_cells_per_kg else ""


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
    visits = join_words(list(dict.fromkeys(md_escape(visit_label(cfg, v)) for v, _ in by_no.values())))
    same = len({frozenset(r) for _, r in by_no.values()}) == 1
    how = ("each " if same and len(by_no) > 1 else "") + route_words(results)
    what = "one infusion at" if len(by_no) == 1 else f"{number_word(len(by_no))} infusions, at"
    dose = f", {planned_dose(cfg)}" if planned_dose(cfg) else ""
    return f"The intervention was given as {what} {visits}, {how}{dose}."
