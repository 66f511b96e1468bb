"""Studies that break the manuscript's wording and layout, written to disk for ``load_study``.

:func:`write_variant` builds a deterministic single-arm study from a few knobs:
visits (e.g. months 0, 1, 2, 3, 6, 12), routes (IV and IT, IV only, IT only),
number of infusions, analytes and how each changes, a participant who misses a
visit, and adverse events of grades 1 to 5. The values are constructed, not
random: an analyte with ``effect`` e changes by ``e`` (times a participant
factor) at each later visit, so the sign and significance of every test is
known in advance. A participant with a fatal (grade 5) event died after the last infusion: they
did not complete the study and have no values at later visits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from conftest import to_csv

__all__ = ["Series", "Variant", "write_variant", "SIX_VISITS", "GRADES_1_TO_5", "six_visit_figures", "iv_one_analyte"]


@dataclass(frozen=True)
class Series:
    analyte: str
    compartment: str
    family: str = "immunological"
    label: str | None = None
    unit: str = "pg/mL"
    base: float = 20.0
    effect: tuple[float, ...] = ()
    """Change from baseline at each later visit, as a fraction of ``base`` (0 = noise only)."""
    description: str | None = None


SIX_VISITS = ((0, "M0"), (1, "M1"), (2, "M2"), (3, "M3"), (6, "M6"), (12, "M12"))

#: (term, system organ class, grade, serious, relatedness) of events with grades 1 to 5.
GRADES_1_TO_5 = (
    ("Post lumbar puncture headache", "Nervous system disorders", 1, "no", "probable"),
    ("Back pain", "Musculoskeletal and connective tissue disorders", 2, "no", "possible"),
    ("Aseptic meningitis", "Nervous system disorders", 3, "yes", "probable"),
    ("Pulmonary embolism", "Respiratory, thoracic and mediastinal disorders", 4, "yes", "unlikely"),
    ("Respiratory failure", "Respiratory, thoracic and mediastinal disorders", 5, "yes", "unrelated"),
    ("Fever", "General disorders and administration site conditions", 1, "no", "possible"),
    ("Injection site reaction", "General disorders and administration site conditions", 2, "no", "definite"),
)


@dataclass(frozen=True)
class Variant:
    visits: tuple[tuple[float, str], ...] = ((0, "M0"), (1, "M1"), (2, "M2"), (3, "M3"))
    routes: tuple[str, ...] = ("IV", "IT")
    infusions: int = 3
    n: int = 12
    series: tuple[Series, ...] = (
        Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)),
        Series("IL-6", "CSF", effect=(0.0,)),
        Series("CRP", "serum", family="biochemical", unit="mg/L", base=3.0, effect=(0.0,)),
    )
    primary: tuple[str, str] | None = ("TNF-alpha", "CSF")
    primary_adjust: str | None = None
    missed_visit: tuple[str, str] | None = None
    """(participant, visit code): no sample at that visit."""
    missed_dose: tuple[str, int, str, str] | None = None
    """(participant, infusion no, route, reason)."""
    events: tuple[tuple[str, str, int, str, str], ...] = GRADES_1_TO_5[:2]
    design: str = "Prospective, open-label, single-arm study"
    extra_config: dict = field(default_factory=dict)


def six_visit_figures() -> Variant:
    """Six visits whose figures are all kinds: the primary endpoint (CSF TNF-α, falls) and a secondary that changed
    (CSF IL-6, rises: its own trajectory figure), so the CSF forest plot has filled and open points and the serum
    biochemical one open points only; a missed visit and events of grades 1 to 5."""
    imm = (Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)), Series("IL-6", "CSF", effect=(0.25,)))
    bio = tuple(Series(a, "serum", family="biochemical", unit=u, base=b) for a, u, b in (("CRP", "mg/L", 3.0),
                                                                                       ("ferritin", "µg/L", 180.0)))
    return Variant(visits=SIX_VISITS, events=GRADES_1_TO_5, missed_visit=("P03", "M2"), series=imm + bio)


def iv_one_analyte() -> Variant:
    """The outside tester's shape (session 33): one IV infusion, two visits (Baseline, Month 6), one analyte (serum
    NfL) in a family labelled "Neurofilament", two events, one of them fatal (the participant has no Month 6
    sample)."""
    return Variant(visits=((0, "BL"), (6, "M6")), routes=("IV",), infusions=1,
                   series=(Series("NfL", "serum", family="neurofilament", label="Neurofilament light chain",
                                  base=40.0, effect=(0.2,)),),
                   primary=("NfL", "serum"), events=(GRADES_1_TO_5[0], GRADES_1_TO_5[4]),
                   extra_config={"families": [{"name": "neurofilament", "label": "Neurofilament"}]})


def _effect(s: Series, j: int) -> float:
    """Fractional change at later visit j (1-based); the last given effect carries on."""
    if j == 0 or not s.effect:
        return 0.0
    return s.effect[min(j, len(s.effect)) - 1]


def _config(v: Variant) -> dict:
    cfg = {
        "title": "Cell therapy in ALS: a constructed test study",
        "short_title": "Constructed test study",
        "synthetic": True,
        "design": v.design,
        "intervention": "Autologous mesenchymal stem cells.",
        "dose_cells_per_kg": 1000000,
        "visits": [{"code": c, "label": f"Month {m:g}", "month": m} for m, c in v.visits],
        "analytes": [],
        "analysis": {"below_lod": "half_lod"},
    }
    seen = set()
    for s in v.series:
        if s.analyte in seen:
            continue
        seen.add(s.analyte)
        a = {"name": s.analyte, "family": s.family}
        if s.label:
            a["label"] = s.label
        if s.description:
            a["description"] = s.description
        cfg["analytes"].append(a)
    if v.primary:
        cfg["analysis"]["primary"] = {"analyte": v.primary[0], "compartment": v.primary[1]}
        if v.primary_adjust:
            cfg["analysis"]["primary"]["adjust"] = v.primary_adjust
    cfg.update(v.extra_config)
    return cfg


def write_variant(folder: Path, v: Variant) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.yml").write_text(yaml.safe_dump(_config(v), sort_keys=False, allow_unicode=True),
                                      encoding="utf-8")
    ids = [f"P{i:02d}" for i in range(1, v.n + 1)]
    p_cols = ["participant_id", "eligible", "exclusion_reason", "enrolled", "sex", "age_years", "onset_site",
              "symptom_duration_months", "alsfrs_r_baseline", "weight_kg", "completed", "discontinuation_reason"]
    participants = [["S01", "no", "Did not meet inclusion criteria", "no"] + [""] * 8]
    died = {ids[k % len(ids)] for k, e in enumerate(v.events) if e[2] == 5}
    for k, pid in enumerate(ids):   # ages, durations and weights repeat from the 61st participant (a large study)
        done = pid not in died   # a participant with a fatal event did not complete the study
        participants.append([pid, "yes", "", "yes", "female" if k % 2 else "male", str(45 + k % 60), "spinal",
                             str(12 + k % 60), str(30 + k % 7), f"{60 + k % 60}.5", "yes" if done else "no",
                             "" if done else "Died"])
    codes = [c for _, c in v.visits]
    last_visit = codes.index(codes[min(v.infusions - 1, len(codes) - 1)])
    infusion_rows = []
    for pid in ids:
        for no in range(1, v.infusions + 1):
            visit = codes[min(no - 1, len(codes) - 1)]
            for route in v.routes:
                missed = v.missed_dose and v.missed_dose[:3] == (pid, no, route)
                infusion_rows.append([pid, str(no), visit, route, "" if missed else f"{1000000 // len(v.routes)}",
                                      "no" if missed else "yes", v.missed_dose[3] if missed else ""])
    i_cols = ["participant_id", "infusion_no", "visit", "route", "cells_per_kg", "given", "reason_not_given"]
    rows = []
    for k, pid in enumerate(ids):
        factor = 1 + 0.08 * ((k * 7) % 11 - 5) / 5          # 0.92 … 1.08, no ties
        for j, code in enumerate(codes):
            if v.missed_visit == (pid, code) or (pid in died and j > last_visit):
                continue   # a missed visit; nothing is measured after a death (after the last infusion)
            for si, s in enumerate(v.series):
                noise = 0.015 * (((k + 3) * (j + 2) * (si + 5)) % 13 - 6)   # ±9 %, deterministic
                value = s.base * factor * (1 + _effect(s, j) * (1 + 0.02 * (k % 60)) + noise)
                rows.append([pid, code, s.compartment, s.analyte, f"{value:.3f}", s.unit, "0.01", "", ""])
    m_cols = ["participant_id", "visit", "compartment", "analyte", "value", "unit", "lod", "ref_low", "ref_high"]
    # a fatal event follows the last infusion (the participant died after it); the others the first
    events = [[ids[k % len(ids)], term, soc, str(grade), serious, rel, str(v.infusions if grade == 5 else 1),
               str(k + 1),
               "fatal" if grade == 5 else "recovered"]
              for k, (term, soc, grade, serious, rel) in enumerate(v.events)]
    a_cols = ["participant_id", "term", "system_organ_class", "grade", "serious", "relatedness", "infusion_no",
              "onset_day", "outcome"]
    for name, cols, data in (("participants", p_cols, participants), ("infusions", i_cols, infusion_rows),
                             ("measurements", m_cols, rows), ("adverse_events", a_cols, events)):
        (folder / f"{name}.csv").write_text(to_csv(cols, data), encoding="utf-8", newline="")
    return folder
