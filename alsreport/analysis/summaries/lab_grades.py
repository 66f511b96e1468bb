"""CTCAE v5 grades of laboratory values (:mod:`alsreport.analysis.ctcae`) by visit, as shifts from the
baseline grade to the worst post-baseline grade, and the values of grade 1 or more.

Only blood series (serum, plasma, blood; never CSF, which CTCAE's laboratory criteria do not cover)
whose analyte has a CTCAE criterion are graded (matched by name or label);
the others keep the low/normal/high shifts of :mod:`alsreport.analysis.summaries.shifts`.
A participant's worst post-baseline grade is the highest grade of their later values;
-1 when they have no gradable value (no value, no limit). The baseline value is graded against its
reference range; CTCAE's "if baseline was abnormal" scales apply to the later values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from alsreport.analysis.codes import distinct, text_codes
from alsreport.analysis.ctcae import NOT_GRADABLE, criterion_for, grade_values
from alsreport.results.dsmb import GradeCount, GradedValue, GradeShift

__all__ = ["graded_data", "grade_counts", "grade_shifts", "graded_values"]


def graded_data(data: pd.DataFrame, visits: tuple[str, ...]) -> pd.DataFrame:
    """The analysis data of gradable series at ``visits`` (the first is the baseline) with ``grade`` and
    ``ctcae_term`` columns."""
    data = data[_gradable(data, visits)]
    parts = []
    baseline = visits[0]
    for (comp, analyte), g in data.groupby(["compartment", "analyte"], sort=False, observed=True):
        label = str(g["label"].iloc[0]) if "label" in g.columns and len(g) else None
        c = criterion_for(str(analyte), label) if str(comp) != "CSF" else None
        if c is None:
            continue
        g = g.copy()
        base = g[g["visit"] == baseline].groupby("participant_id", observed=True)["value"].first()
        b = g["participant_id"].map(base).to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
        # the baseline value itself is graded against its reference range: CTCAE's "if baseline was abnormal"
        # scales grade the later values (at baseline every value is 1 x baseline, grade 0 on those scales)
        b[(g["visit"] == baseline).to_numpy(dtype=bool)] = np.nan
        units = g["unit"].astype(str)
        grades = np.full(len(g), NOT_GRADABLE)
        for unit in units.unique():
            at = (units == unit).to_numpy()
            grades[at] = grade_values(c, g["value"].to_numpy(dtype=np.float64)[at], unit,
                                      g["ref_low"].to_numpy(dtype=np.float64)[at],
                                      g["ref_high"].to_numpy(dtype=np.float64)[at], b[at])
        g["grade"] = grades
        g["ctcae_term"] = c.term
        parts.append(g)
    if not parts:
        return pd.DataFrame(columns=[*data.columns, "grade", "ctcae_term"])
    return pd.concat(parts, ignore_index=True)


def _gradable(data: pd.DataFrame, visits: tuple[str, ...]) -> NDArray[np.bool_]:
    """Rows at ``visits`` of series that have a CTCAE criterion (one look-up per series, not per row)."""
    at = data["visit"].isin(visits).to_numpy(dtype=bool)
    comp, comp_values = text_codes(data["compartment"])
    analyte, analyte_values = text_codes(data["analyte"])
    pair = comp.astype(np.int64) * (len(analyte_values) + 1) + analyte
    _, uniq, first = distinct(pair[at])
    rows = np.flatnonzero(at)[first]
    # the label of each series' first row only (not the whole column as Python strings: millions of rows)
    labels = data["label"].iloc[rows].to_numpy(dtype=object) if "label" in data.columns else [None] * len(rows)
    keep = [u for u, row, label in zip(uniq.tolist(), rows.tolist(), labels, strict=True)
            if comp_values[comp[row]] != "CSF"
            and criterion_for(analyte_values[analyte[row]], None if label is None else str(label)) is not None]
    return at & np.isin(pair, keep)


def grade_counts(graded: pd.DataFrame, visits: tuple[str, ...]) -> tuple[GradeCount, ...]:
    out = []
    rank = {v: i for i, v in enumerate(visits)}
    ok = graded[graded["grade"] >= 0]
    for (comp, analyte, visit), g in ok.groupby(["compartment", "analyte", "visit"], sort=False, observed=True):
        per = np.bincount(g["grade"].to_numpy(dtype=np.int64), minlength=5)[:5]
        v = g["value"].to_numpy(dtype=np.float64)
        out.append(GradeCount(str(comp), str(analyte), str(g["ctcae_term"].iloc[0]), str(visit), int(len(g)),
                              tuple(int(x) for x in per), float(np.median(v)), float(v.min()), float(v.max()),
                              str(g["unit"].iloc[0])))  # type: ignore[arg-type]
    return tuple(sorted(out, key=lambda c: (c.compartment, c.analyte, rank.get(c.visit, 99))))


def grade_shifts(graded: pd.DataFrame, visits: tuple[str, ...], ids: pd.Index) -> tuple[GradeShift, ...]:
    """Participants by baseline grade × worst post-baseline grade; every enrolled participant once per series, for
    the series with at least one value graded (as :func:`grade_counts`: a criterion graded against the upper limit
    of normal grades nothing without one; session 33 user: a table of CK with every participant under "No value",
    beside a safety report saying no analyte was graded)."""
    out = []
    for (comp, analyte), g in graded.groupby(["compartment", "analyte"], sort=False, observed=True):
        if not (g["grade"].to_numpy() >= 0).any():
            continue
        base = g[g["visit"] == visits[0]].groupby("participant_id", observed=True)["grade"].max()
        later = g[g["visit"] != visits[0]].groupby("participant_id", observed=True)["grade"].max()
        b = base.reindex(ids).fillna(NOT_GRADABLE).astype(int)
        w = later.reindex(ids).fillna(NOT_GRADABLE).astype(int)
        cells = pd.crosstab(b, w)
        term = str(g["ctcae_term"].iloc[0])
        for bg in range(-1, 5):
            for wg in range(-1, 5):
                n = int(cells.at[bg, wg]) if bg in cells.index and wg in cells.columns else 0
                out.append(GradeShift(str(comp), str(analyte), term, bg, wg, n))
    return tuple(out)


def graded_values(graded: pd.DataFrame, visits: tuple[str, ...], ids: pd.Index) -> tuple[GradedValue, ...]:
    g = graded[graded["grade"] >= 1]
    order = {p: i for i, p in enumerate(ids)}
    rank = {v: i for i, v in enumerate(visits)}
    rows = [GradedValue(str(r.participant_id), str(r.visit), str(r.compartment), str(r.analyte), float(r.value),
                        str(r.unit), int(r.grade), str(r.ctcae_term)) for r in g.itertuples(index=False)]
    return tuple(sorted(rows, key=lambda x: (x.compartment, x.analyte, order.get(x.participant_id, 10**9),
                                             rank.get(x.visit, 99))))
