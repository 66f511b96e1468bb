"""CTCAE v5.0 grading of laboratory values (NCI Common Terminology Criteria for Adverse Events, 2017).

Only analytes whose CTCAE term is defined by a laboratory value are graded; every
other analyte keeps its low/normal/high category. Two kinds of criteria:

* **multiples of the upper limit of normal** (``ratio``): ALT, AST, ALP, GGT, total
  bilirubin, creatine kinase, creatinine, and uric acid (hyperuricaemia: any value above the ULN is
  grade 1; grades 3 and 4 need clinical consequences, which a value does not show). The ULN is the row's ``ref_high``. Where
  CTCAE v5 gives a second scale "if baseline was abnormal" (ALT, AST, ALP, GGT,
  bilirubin), a participant whose baseline value is above the ULN is graded by
  multiples of their baseline instead. Creatinine also has "× baseline" clauses
  (grade 2 > 1.5–3.0 × baseline, grade 3 > 3.0 × baseline); CTCAE joins the clauses
  with "or", so the higher grade wins.
* **absolute values below the lower limit of normal** (``absolute``): neutrophils,
  lymphocytes, platelets, white cells (× 10⁹/L), haemoglobin, albumin (g/L). The LLN
  is the row's ``ref_low``; values in other units (g/dL, /mm³, 10³/µL, ...) are
  converted to the criterion's unit, and a value in a unit not listed is not graded.

Boundaries follow the CTCAE wording: "> ULN – 3.0 × ULN" is grade 1 for
``ULN < x <= 3 ULN``; "< LLN – 1.5 × 10⁹/L" is grade 1 for ``1.5 <= x < LLN``.
Grade 0 means within the limit (not graded as an adverse event); ``-1`` not gradable
(no value, no limit, unknown unit). Grade 5 (death) is never assigned from a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

__all__ = ["CTCAE_VERSION", "Criterion", "CRITERIA", "british_spelling", "criterion_for", "grade_values", "NOT_GRADABLE",
           "same_term"]

CTCAE_VERSION = "5.0"
NOT_GRADABLE = -1


@dataclass(frozen=True)
class Criterion:
    """One CTCAE v5 laboratory term."""

    term: str
    """The CTCAE term, e.g. ``Alanine aminotransferase increased``."""
    kind: Literal["ratio", "absolute"]
    cuts: tuple[float, ...]
    """Upper bounds of grades 1, 2, 3 (ratio: multiples of ULN, grade 4 above the last) or lower
    bounds of grades 1, 2, 3 (absolute: in ``unit``; below the last is grade 4, or grade 3 when
    the term has no grade 4 value)."""
    baseline_cuts: tuple[float, ...] = ()
    """Ratio criteria "if baseline was abnormal": lower bounds of grades 1–4 in multiples of baseline."""
    baseline_always: bool = False
    """Creatinine: the × baseline clauses apply whatever the baseline (highest grade wins)."""
    unit: str = ""
    units: dict[str, float] = field(default_factory=dict)
    """Accepted units (normalised spelling) → factor to ``unit``."""
    max_grade: int = 4


_CELLS = {"10^9/l": 1.0, "x10^9/l": 1.0, "*10^9/l": 1.0, "g/l": 1.0, "10^3/ul": 1.0, "x10^3/ul": 1.0,
          "10^3/mm3": 1.0, "k/ul": 1.0, "/mm3": 1e-3, "/ul": 1e-3, "cells/ul": 1e-3, "cells/mm3": 1e-3}
_HB = {"g/l": 1.0, "g/dl": 10.0, "mmol/l": 16.13}
_ALB = {"g/l": 1.0, "g/dl": 10.0}

CRITERIA: dict[str, Criterion] = {
    "ALT": Criterion("Alanine aminotransferase increased", "ratio", (3.0, 5.0, 20.0), (1.5, 3.0, 5.0, 20.0)),
    "AST": Criterion("Aspartate aminotransferase increased", "ratio", (3.0, 5.0, 20.0), (1.5, 3.0, 5.0, 20.0)),
    "ALP": Criterion("Alkaline phosphatase increased", "ratio", (2.5, 5.0, 20.0), (2.0, 2.5, 5.0, 20.0)),
    "GGT": Criterion("GGT increased", "ratio", (2.5, 5.0, 20.0), (2.0, 2.5, 5.0, 20.0)),
    "bilirubin": Criterion("Blood bilirubin increased", "ratio", (1.5, 3.0, 10.0), (1.0, 1.5, 3.0, 10.0)),
    "CK": Criterion("CPK increased", "ratio", (2.5, 5.0, 10.0)),
    "creatinine": Criterion("Creatinine increased", "ratio", (1.5, 3.0, 6.0), (np.inf, 1.5, 3.0, np.inf),
                            baseline_always=True),
    "neutrophils": Criterion("Neutrophil count decreased", "absolute", (1.5, 1.0, 0.5), unit="10^9/L",
                             units=_CELLS),
    "lymphocytes": Criterion("Lymphocyte count decreased", "absolute", (0.8, 0.5, 0.2), unit="10^9/L",
                             units=_CELLS),
    "platelets": Criterion("Platelet count decreased", "absolute", (75.0, 50.0, 25.0), unit="10^9/L",
                           units=_CELLS),
    "WBC": Criterion("White blood cell decreased", "absolute", (3.0, 2.0, 1.0), unit="10^9/L", units=_CELLS),
    "haemoglobin": Criterion("Anemia", "absolute", (100.0, 80.0), unit="g/L", units=_HB, max_grade=3),
    "albumin": Criterion("Hypoalbuminemia", "absolute", (30.0, 20.0), unit="g/L", units=_ALB, max_grade=3),
    # grade 1 "> ULN without physiologic consequences"; grade 3 (with them) and 4 are clinical, not from a value
    "uric acid": Criterion("Hyperuricemia", "ratio", ()),
}

_ALIASES = {
    "alt": "ALT", "alanine aminotransferase": "ALT", "sgpt": "ALT", "alat": "ALT",
    "ast": "AST", "aspartate aminotransferase": "AST", "sgot": "AST", "asat": "AST",
    "alp": "ALP", "alkaline phosphatase": "ALP", "ggt": "GGT", "gamma-glutamyl transferase": "GGT",
    "bilirubin": "bilirubin", "total bilirubin": "bilirubin", "tbil": "bilirubin",
    "ck": "CK", "cpk": "CK", "creatine kinase": "CK", "creatinine": "creatinine",
    "neutrophils": "neutrophils", "anc": "neutrophils", "neutrophil count": "neutrophils",
    "lymphocytes": "lymphocytes", "lymphocyte count": "lymphocytes",
    "platelets": "platelets", "platelet count": "platelets", "plt": "platelets",
    "wbc": "WBC", "white blood cells": "WBC", "leukocytes": "WBC", "white cell count": "WBC",
    "haemoglobin": "haemoglobin", "hemoglobin": "haemoglobin", "hb": "haemoglobin", "hgb": "haemoglobin",
    "albumin": "albumin", "uric acid": "uric acid", "urate": "uric acid", "serum uric acid": "uric acid",
}


_US_EMIA = re.compile(r"(?<![aA])emia\b")


def british_spelling(term: str) -> str:
    """A CTCAE term (US spelling) as British running text spells it: the ``-emia`` of blood terms becomes ``-aemia``
    (``Anemia`` → ``Anaemia``, ``Hypoalbuminemia`` → ``Hypoalbuminaemia``, ``Hyperkalemia`` → ``Hyperkalaemia``).
    Only that ending: the laboratory criteria here use no other US spelling (tables keep CTCAE's own term names)."""
    return _US_EMIA.sub("aemia", term)


def same_term(a: str, b: str) -> bool:
    """Whether two terms are the same, case, spacing and British or US spelling aside (an adverse event recorded as
    ``anaemia`` is CTCAE's ``Anemia``)."""
    def norm(t: str) -> str:
        return " ".join(british_spelling(t).casefold().split())

    return norm(a) == norm(b)


def _norm(text: str) -> str:
    t = text.strip().lower().replace("µ", "u").replace("μ", "u").replace("×", "x").replace("⁹", "^9")
    t = t.replace("³", "^3").replace(" ", "").replace("_", "-")
    return re.sub(r"x?10e?\^?(\d)", r"10^\1", t).replace("x10^", "10^")


def criterion_for(*names: str | None) -> Criterion | None:
    """The criterion for an analyte known by any of ``names`` (name, label), or None."""
    for name in names:
        if name:
            key = _ALIASES.get(name.strip().lower().replace("_", " ").replace("-", " "))
            key = key or _ALIASES.get(name.strip().lower())
            if key:
                return CRITERIA[key]
    return None


def _unit_factor(c: Criterion, unit: str) -> float | None:
    if c.kind == "ratio":
        return 1.0
    n = _norm(unit)
    return next((f for u, f in c.units.items() if _norm(u) == n), None)


def _grade_ratio(r: np.ndarray, cuts: tuple[float, ...]) -> np.ndarray:
    """Grades 0–4 from multiples of ULN: 0 if r <= 1, then grade k while r <= cuts[k-1]."""
    g = np.where(r > 1.0, 1, 0)
    for k, cut in enumerate(cuts, start=2):
        g = np.where(r > cut, k, g)
    return g


def _grade_from_baseline(b: np.ndarray, lower: tuple[float, ...]) -> np.ndarray:
    """Grades 0–4 from multiples of baseline: grade k when b reaches lower[k-1] (grade 1 inclusive,
    higher grades strictly above)."""
    g = np.where(b >= lower[0], 1, 0)
    for k, cut in enumerate(lower[1:], start=2):
        g = np.where(b > cut, k, g)
    return g


def grade_values(c: Criterion, value: np.ndarray, unit: str, ref_low: np.ndarray, ref_high: np.ndarray,
                 baseline: np.ndarray | None = None) -> np.ndarray:
    """CTCAE v5 grade of each value (0 within limits, -1 not gradable); vectorised.

    ``baseline`` is each row's participant's baseline value (NaN when unknown), used by the
    "if baseline was abnormal" and "× baseline" clauses of ratio criteria.
    """
    x = np.asarray(value, dtype=np.float64)
    factor = _unit_factor(c, unit)
    if factor is None:
        return np.full(x.shape, NOT_GRADABLE)
    if c.kind == "absolute":
        lln = np.asarray(ref_low, dtype=np.float64) * factor
        v = x * factor
        g = np.where(v < lln, 1, 0)
        for k, cut in enumerate(c.cuts, start=2):
            g = np.where((v < lln) & (v < cut), k, g)
        g = np.minimum(g, c.max_grade)
        return np.where(np.isfinite(v) & np.isfinite(lln), g, NOT_GRADABLE)
    uln = np.asarray(ref_high, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = _grade_ratio(x / uln, c.cuts)
        if baseline is not None and c.baseline_cuts:
            b = np.asarray(baseline, dtype=np.float64)
            by_base = _grade_from_baseline(x / b, c.baseline_cuts)
            usable = np.isfinite(b) & (b > 0)
            if c.baseline_always:
                g = np.where(usable, np.maximum(g, by_base), g)
            else:
                g = np.where(usable & (b > uln), by_base, g)
    return np.where(np.isfinite(x) & np.isfinite(uln) & (uln > 0), g, NOT_GRADABLE)
