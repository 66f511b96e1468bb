"""Rules for values that cannot be true of one sample: CSF albumin above CSF total protein.

Albumin is a fraction of the total protein (in CSF about half to two thirds of it), so a sample whose albumin is
above its total protein holds a wrong value or a wrong unit (reader 12a item 4: the example had four). The rule
knows the analytes by name (``albumin``; ``total protein``, ``total-protein``, ``protein``), compares values of one
participant and visit in the CSF after converting mass concentrations (mg/L, mg/dL, g/L, g/dL) to one unit, and
skips a pair it cannot compare (a unit not listed, a value below the limit of detection). It warns; it does not
stop the analysis.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.study.validation.context import Context
from alsreport.study.validation.measurements import measurements_view

__all__ = ["ALBUMIN_NAMES", "PROTEIN_NAMES", "check_csf_albumin_protein"]

#: Analyte names (lower case, ``-`` and ``_`` read as spaces) taken for albumin and for total protein.
ALBUMIN_NAMES = frozenset({"albumin"})
PROTEIN_NAMES = frozenset({"total protein", "protein"})
#: Mass-concentration units → factor to mg/L.
_TO_MG_PER_L = {"mg/l": 1.0, "mg/dl": 10.0, "g/l": 1000.0, "g/dl": 10_000.0}


def _name(text: str) -> str:
    return " ".join(str(text).lower().replace("-", " ").replace("_", " ").split())


def check_csf_albumin_protein(ctx: Context) -> None:
    """One warning per CSF sample (participant × visit) whose albumin is above its total protein."""
    view = measurements_view(ctx)
    if view is None or not view.has("value", "unit") or not len(view):
        return
    names = view.categories("analyte")
    albumin_names = [a for a in names if _name(a) in ALBUMIN_NAMES]
    protein_names = [a for a in names if _name(a) in PROTEIN_NAMES]
    if not albumin_names or not protein_names:
        return
    value, _ = view.measured("value")
    factor = view.per_category("unit", np.array([_TO_MG_PER_L.get(str(u).strip().lower().replace(" ", ""), np.nan)
                                                 for u in view.categories("unit")], dtype=np.float64))
    with np.errstate(invalid="ignore"):
        mg = value * factor
    usable = view.isin("compartment", ["CSF"]) & view.censoring_is("value", "observed") & np.isfinite(mg)
    albumin = usable & view.isin("analyte", albumin_names)
    protein = usable & view.isin("analyte", protein_names)
    if not albumin.any() or not protein.any():
        return
    sample, _ = view.key_codes(["participant_id", "visit"])
    protein_at = pd.Series(np.flatnonzero(protein), index=sample[protein])
    protein_at = protein_at[~protein_at.index.duplicated()]      # a duplicated row is an error of its own
    alb_idx = np.flatnonzero(albumin)
    partner = protein_at.reindex(sample[alb_idx]).to_numpy()
    has = ~np.isnan(partner)
    alb_idx, partner = alb_idx[has], partner[has].astype(np.int64)
    above = np.zeros(len(view), dtype=bool)
    above[alb_idx[mg[alb_idx] > mg[partner]]] = True
    other = dict(zip(alb_idx.tolist(), partner.tolist(), strict=True))

    def message(i: int, text: str) -> str:
        j = other[i]
        return (f"CSF {view.text('analyte', i)} {text} {view.text('unit', i)} of {view.text('participant_id', i)} "
                f"at {view.text('visit', i)} is above the same sample's CSF {view.text('analyte', j)} "
                f"({view.text('value', j)} {view.text('unit', j)}, row {int(view.lines[j])}); albumin is part of the "
                "total protein, so it must be below it: check both values and their units")

    ctx.out.rows("warning", "albumin-above-protein", view, "value", above, message)
