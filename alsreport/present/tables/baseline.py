"""Table 1: baseline characteristics of the enrolled participants.

Continuous variables show mean (SD) and median [IQR] on two lines; categorical
variables n (%) per level, as ``results.baseline`` gives them. The number of
participants is in the column label.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)
from alsreport.present.population import enrolled_word
from alsreport.present.format import N_PERCENT, RANGE_DASH, big_n, count
from alsreport.results.model import Characteristic, Results
from alsreport.present.tables.table import Table
from alsreport.present.tables.style import (
    abbreviations_note,
    add_note,
    base_gt,
    capitalise,
    enrolled_n,
    finish,
    rows_where,
)

__all__ = ["BASELINE_COLUMNS", "baseline_data", "baseline_table"]

#: Columns of :func:`baseline_data`.
BASELINE_COLUMNS = ("variable", "label", "unit", "kind", "statistic", "level", "n", "n_missing", "count",
                    "percent", "mean", "sd", "median", "q1", "q3", "min", "max")

_STAT_LABELS = {"mean_sd": "Mean (SD)", "median_iqr": "Median [IQR]", "missing": "Missing, n"}


def _row(c: Characteristic, statistic: str, **values: object) -> dict[str, object]:
    rec: dict[str, object] = {k: math.nan for k in BASELINE_COLUMNS}
    rec.update(variable=c.variable, label=c.label, unit=c.unit, kind=c.kind, statistic=statistic,
               level=c.level if statistic == "count" else None, n=c.n, n_missing=c.n_missing)
    rec.update(values)
    return rec


def baseline_data(results: Results) -> pd.DataFrame:
    """One row per printed line: ``statistic`` is ``mean_sd``, ``median_iqr``, ``count`` or ``missing``."""
    rows: list[dict[str, object]] = []
    missing_done: set[str] = set()
    for c in results.baseline:
        if c.variable == "n":
            continue
        if c.kind == "continuous":
            rows.append(_row(c, "mean_sd", mean=c.mean, sd=c.sd, min=c.min, max=c.max))
            rows.append(_row(c, "median_iqr", median=c.median, q1=c.q1, q3=c.q3))
        else:
            rows.append(_row(c, "count", count=c.count if c.count is not None else math.nan, percent=c.percent))
        if c.n_missing and c.variable not in missing_done and _last_of(results, c):
            missing_done.add(c.variable)
            rows.append(_row(c, "missing", count=c.n_missing))
    frame = pd.DataFrame(rows, columns=list(BASELINE_COLUMNS))
    for col in ("n", "n_missing"):
        frame[col] = frame[col].astype("int64")
    frame["count"] = frame["count"].astype("Int64")
    return frame


def _last_of(results: Results, c: Characteristic) -> bool:
    same = [x for x in results.baseline if x.variable == c.variable]
    return same[-1] is c


def _group(label: str, unit: str, kind: str) -> str:
    name = f"{label}, {unit}" if unit else label
    return f"{name}, n (%)" if kind == "categorical" else name


def baseline_table(results: Results, *, id: str = "alsreport-table1-baseline") -> Table:
    """Table 1 (see the module docstring)."""
    data = baseline_data(results)
    n = enrolled_n(results)
    frame = data.copy()
    stat = frame["statistic"].to_numpy()
    frame["_group"] = [_group(lab, unit, kind) for lab, unit, kind in zip(frame["label"], frame["unit"], frame["kind"], strict=False)]
    frame["_row"] = [capitalise(str(lv)) if s == "count" else _STAT_LABELS[s] for s, lv in zip(stat, frame["level"], strict=False)]
    # One value column for every kind of line: first, second and third number of the cell.
    frame["_v0"] = np.select([stat == "mean_sd", stat == "median_iqr"], [frame["mean"], frame["median"]],
                             default=frame["count"].to_numpy(dtype=float, na_value=np.nan))
    frame["_v1"] = np.select([stat == "mean_sd", stat == "median_iqr", stat == "count"],
                             [frame["sd"], frame["q1"], frame["percent"]], default=np.nan)
    frame["_v2"] = np.where(stat == "median_iqr", frame["q3"], np.nan)

    gt, meta = base_gt(frame, id=id, rowname_col="_row", groupname_col="_group",
                       title="Baseline characteristics",
                       subtitle=f"{enrolled_word(results.config, capital=True)} participants")
    counts = rows_where((stat == "count") | (stat == "missing"))
    cont = rows_where((stat == "mean_sd") | (stat == "median_iqr"))
    if counts:
        gt = gt.fmt_integer(columns="_v0", rows=counts)
    if cont:
        gt = gt.fmt_number(columns=["_v0", "_v1", "_v2"], rows=cont, decimals=1, use_seps=False)
    pct = rows_where(stat == "count")
    if pct:
        gt = gt.fmt_number(columns="_v1", rows=pct, decimals=1)
    for kind, pattern in (("mean_sd", "{0} ({1})"), ("median_iqr", "{0} [{1}" + RANGE_DASH + "{2}]"), ("count", N_PERCENT)):
        part = frame[stat == kind]
        cols = ["_v0", "_v1", "_v2"] if kind == "median_iqr" else ["_v0", "_v1"]
        complete = np.isfinite(part[cols].to_numpy(dtype=float)).all(axis=1)
        if kind == "count":   # a zero count alone, as the harms tables print it (session 30 DSMB reader: "0 (0.0)")
            complete &= part["_v0"].to_numpy(dtype=float) > 0
        rows = [int(i) for i, ok in zip(part.index, complete, strict=False) if ok]
        if rows:
            gt = gt.cols_merge(columns=cols, rows=rows, pattern=pattern, hide_columns=False)
    gt = gt.sub_missing(columns="_v0", missing_text="—")
    gt = gt.cols_hide(columns=[c for c in frame.columns if c not in ("_row", "_group", "_v0")])
    gt = gtext.cols_label(gt, _v0=f"All participants {big_n(n)}")
    gt = gt.cols_align(align="right", columns="_v0")
    gt = gtext.tab_stubhead(gt, "Characteristic")
    gt = gt.tab_stub_indent(rows=list(range(len(frame))), indent=1)

    gt, meta = add_note(gt, meta, "Continuous variables: mean (SD) and median [IQR] (quartiles as R's default, type 7); "
                                  f"categorical variables: n (%) of the {count(n)} {enrolled_word(results.config)} participants.")
    labels = " ".join(frame["label"].astype(str))
    gt, meta = add_note(gt, meta, abbreviations_note(["SD", "IQR"] + [w for w in ("ALSFRS-R",) if w in labels]))
    return finish(gt, meta, results)

