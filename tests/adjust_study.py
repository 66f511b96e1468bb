"""A small study for the ``analysis.adjust`` tests: six participants, two visits, three CSF cytokines in one
family, whose Wilcoxon p-values Holm and Benjamini–Hochberg judge differently at alpha 0.05.

R 4.2 (the values the tests expect)::

    base  <- list(IL1 = c(11, 14, 12, 18, 16, 19), IL2 = c(11, 13, 10, 15, 12, 14), IL3 = c(10, 14, 12, 18, 16, 19))
    later <- list(IL1 = c(10, 12, 9, 14, 11, 13),  IL2 = c(12, 15, 13, 19, 17, 20), IL3 = c(10.5, 12, 9, 14, 11, 13))
    p <- mapply(function(l, b) wilcox.test(l, b, paired = TRUE)$p.value, later, base)
    p                   # 0.03125 0.03125 0.06250
    p.adjust(p, "holm") # 0.09375 0.09375 0.09375
    p.adjust(p, "BH")   # 0.046875 0.046875 0.062500
"""

from __future__ import annotations

from pathlib import Path

from conftest import _A_COLS, _ADVERSE_EVENTS, _I_COLS, _M_COLS, _P_COLS, write_study

PEOPLE = ("P01", "P02", "P03", "P04", "P05", "P06")
BASE = {"IL1": (11, 14, 12, 18, 16, 19), "IL2": (11, 13, 10, 15, 12, 14), "IL3": (10, 14, 12, 18, 16, 19)}
LATER = {"IL1": (10, 12, 9, 14, 11, 13), "IL2": (12, 15, 13, 19, 17, 20), "IL3": (10.5, 12, 9, 14, 11, 13)}

# R: p <- mapply(function(l, b) wilcox.test(l, b, paired = TRUE)$p.value, later, base)
P_RAW = {"IL1": 0.03125, "IL2": 0.03125, "IL3": 0.0625}
# R: p.adjust(p, "holm")
P_HOLM = {"IL1": 0.09375, "IL2": 0.09375, "IL3": 0.09375}
# R: p.adjust(p, "BH")
P_BH = {"IL1": 0.046875, "IL2": 0.046875, "IL3": 0.0625}

CONFIG = {
    "title": "Adjustment study",
    "synthetic": True,
    "visits": [{"code": "M0", "label": "Month 0", "month": 0}, {"code": "M1", "label": "Month 1", "month": 1}],
    "families": [{"name": "cytokines", "label": "Cytokine"}],
    "analytes": [{"name": a, "family": "cytokines"} for a in BASE],
}


def write_adjust_study(folder: Path, adjust: str | None) -> Path:
    """The study with ``analysis.adjust: adjust`` (None: the key left out, i.e. the default)."""
    config = dict(CONFIG, analysis={"adjust": adjust} if adjust else {})
    participants = [[p, "yes", "", "yes", "female" if i % 2 else "male", str(40 + i), "spinal", "12", "30", "70",
                     "yes", ""] for i, p in enumerate(PEOPLE)]
    infusions = [[p, str(no), v, "IV", "500000", "yes", ""] for p in PEOPLE for no, v in ((1, "M0"), (2, "M1"))]
    measurements = [[p, v, "CSF", a, f"{values[a][i]:g}", "pg/mL", "0.1", "", ""]
                    for v, values in (("M0", BASE), ("M1", LATER)) for a in BASE for i, p in enumerate(PEOPLE)]
    return write_study(folder, config=config, tables={
        "participants": (_P_COLS, participants), "infusions": (_I_COLS, infusions),
        "measurements": (_M_COLS, measurements), "adverse_events": (_A_COLS, _ADVERSE_EVENTS[:1])})
