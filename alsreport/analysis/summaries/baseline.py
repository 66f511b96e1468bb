"""Baseline characteristics of the enrolled participants (CONSORT item 15).

Continuous variables: n, mean, sd, median, quartiles (R's ``quantile(type = 7)``),
min, max of the non-missing values, via :func:`alsreport.stats.describe` (R's
``mean``/``sd``/``quantile`` to the last digit). Categorical variables: one row per
level, count and percent of the participants with a known value (R's
``table()`` / ``prop.table()``, which leave out NA); every level allowed by the data
contract is listed, zero counts included, in the contract's order, followed by any
other value seen; ``n_missing`` counts unknown values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport import stats
from alsreport.study.contract import PARTICIPANTS
from alsreport.results.model import Characteristic
from alsreport.study.model import Study

__all__ = ["CONTINUOUS", "CATEGORICAL", "baseline_characteristics"]

#: (column, label) of the continuous baseline variables, in table order.
CONTINUOUS = (
    ("age_years", "Age"),
    ("symptom_duration_months", "Symptom duration"),
    ("alsfrs_r_baseline", "ALSFRS-R"),
    ("weight_kg", "Weight"),
)
#: (column, label) of the categorical baseline variables.
CATEGORICAL = (
    ("sex", "Sex"),
    ("onset_site", "Site of onset"),
)


def _levels(column: str, observed: pd.Series) -> list[str]:
    levels = list(PARTICIPANTS.column(column).choices)
    extra = sorted(set(observed.dropna().astype(str)) - set(levels))
    return levels + extra


def baseline_characteristics(study: Study) -> tuple[Characteristic, ...]:
    """Rows of the baseline table: ``n`` first, then continuous, then categorical variables.

    The first row (``variable = "n"``, kind categorical, ``count = n``) is the number
    of enrolled participants, the table's column total.
    """
    people = study.enrolled
    total = len(people)
    rows: list[Characteristic] = [
        Characteristic(variable="n", label="Participants", kind="categorical", n=total, count=total,
                       percent=100.0 if total else float("nan")),
    ]
    values = np.vstack([people[c].to_numpy(dtype=np.float64) for c, _ in CONTINUOUS]) if total else \
        np.full((len(CONTINUOUS), 1), np.nan)  # describe() needs a column; NaN = no value
    d = stats.describe(values)
    for k, (column, label) in enumerate(CONTINUOUS):
        rows.append(Characteristic(
            variable=column, label=label, kind="continuous", n=int(d.n[k]), n_missing=total - int(d.n[k]),
            mean=float(d.mean[k]), sd=float(d.sd[k]), median=float(d.median[k]), q1=float(d.q1[k]),
            q3=float(d.q3[k]), min=float(d.min[k]), max=float(d.max[k]), unit=PARTICIPANTS.column(column).unit))
    for column, label in CATEGORICAL:
        col = people[column]
        known = col.dropna().astype(str)
        counts = known.value_counts()
        denom = len(known)
        n_missing = total - denom
        for level in _levels(column, col):
            count = int(counts.get(level, 0))
            rows.append(Characteristic(
                variable=column, label=label, kind="categorical", n=denom, n_missing=n_missing, level=level,
                count=count, percent=count / denom * 100 if denom else float("nan")))
    return tuple(rows)
