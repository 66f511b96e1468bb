"""Exposure: infusions given by infusion and route, dose per infusion and cumulative dose.

Doses are cells/kg body weight, printed in units of 10^k cells/kg (k from the
planned dose in study.yml, else from the doses) by ``fmt_number(scale_by=...)``;
the tidy data keep cells/kg.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from great_tables import GT, loc

from alsreport.present.population import enrolled_word, infusion_label, received_counts
from alsreport.present.prose.words import all_of, counted, join_words
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)
from alsreport.results.model import Results, Summary
from alsreport.study.config import StudyConfig
from alsreport.present.format import RANGE_DASH, display_unit, n_eq, unbroken_label
from alsreport.present.tables.table import Table
from alsreport.present.tables.style import (
    abbreviations_note,
    add_footnote,
    add_note,
    base_gt,
    finish,
    rows_where,
)

__all__ = ["EXPOSURE_COLUMNS", "exposure_data", "exposure_table", "dose_exponent", "not_given_note"]

EXPOSURE_COLUMNS = ("section", "infusion_no", "visit", "route", "quantity", "unit", "n_planned", "n_given", "n",
                    "mean", "sd", "median", "q1", "q3", "min", "max")



def _summary(s: Summary) -> dict[str, float]:
    return {"n": s.n, "mean": s.mean, "sd": s.sd, "median": s.median, "q1": s.q1, "q3": s.q3,
            "min": s.min, "max": s.max}


def exposure_data(results: Results) -> pd.DataFrame:
    """Rows: each infusion × route (dose per infusion), then the per-participant summaries."""
    ex = results.exposure
    rows: list[dict[str, object]] = []
    for i in ex.by_infusion:
        rows.append({"section": "infusion", "infusion_no": i.infusion_no, "visit": i.visit, "route": i.route,
                     "quantity": "dose", "unit": "cells/kg", "n_planned": i.n_planned, "n_given": i.n_given,
                     **_summary(i.cells_per_kg)})
    rows.append({"section": "participant", "infusion_no": None, "visit": None, "route": None,
                 "quantity": "infusions_received", "unit": "infusions", "n_planned": None, "n_given": None,
                 **_summary(ex.infusions_per_participant)})
    rows.append({"section": "participant", "infusion_no": None, "visit": None, "route": None,
                 "quantity": "cumulative_dose", "unit": "cells/kg", "n_planned": None, "n_given": None,
                 **_summary(ex.cumulative_cells_per_kg)})
    frame = pd.DataFrame(rows, columns=list(EXPOSURE_COLUMNS))
    for col in ("infusion_no", "n_planned", "n_given"):
        frame[col] = frame[col].astype("Int64")
    frame["n"] = frame["n"].astype("int64")
    return frame


def dose_exponent(results: Results) -> int:
    """Power of ten the doses are printed in (6 for 10⁶ cells/kg)."""
    planned = results.config.dose_cells_per_kg
    ref = planned if planned else results.exposure.cumulative_cells_per_kg.median
    if ref is None or not math.isfinite(ref) or ref <= 0:
        return 0
    return int(3 * math.floor(math.log10(ref) / 3))


def exposure_table(results: Results, *, id: str = "alsreport-exposure") -> Table:
    data = exposure_data(results)
    # A route that no participant was scheduled for (e.g. IV in an intrathecal-only study) is not shown.
    never = (data["section"] == "infusion") & data["n_planned"].fillna(0).eq(0)
    data = data[~never].reset_index(drop=True)
    single = _single_infusion(results)
    # one infusion by one route: each participant's cumulative dose is that dose, a row repeating the one above it
    # (session 35 DSMB reader #22, the IV-only study)
    one_dose = single is not None and int((data["section"] == "infusion").sum()) == 1
    if one_dose:
        data = data[data["quantity"] != "cumulative_dose"].reset_index(drop=True)
    groups = [("Received the infusion", single[0])] if single is not None else _count_groups(results)
    if groups:
        data = _received_rows(data, groups, results.flow.enrolled)
    config = results.config
    k = dose_exponent(results)
    scale = 10.0 ** -k
    unit = f"×{display_unit(f'10^{k}')} cells/kg" if k else "cells/kg"

    frame = _exposure_frame(data, config, unit)
    gt, meta = base_gt(frame, id=id, rowname_col="_row", groupname_col="_group", title="Exposure to the intervention",
                       subtitle=f"{'The infusion' if single is not None else 'Infusions'} given by route and dose "
                                f"({unit} body weight)")
    gt = _exposure_cells(gt, frame, scale)
    shown = ["n_given", "mean", "median", "_range"]
    gt = gt.cols_hide(columns=[c for c in frame.columns if c not in shown + ["_row", "_group"]])
    gt = gt.cols_move_to_end(columns=shown)
    # a zero-width space lets the label wrap after its slash (390 px screens: the table scrolled sideways, reader 7)
    gt = gtext.cols_label(gt, n_given="Given/\u200bplanned", mean="Mean (SD)", median="Median [IQR]", _range="Range")
    gt = gt.cols_align(align="right", columns=shown)
    gt = gtext.tab_stubhead(gt, "Infusion and route")
    gt = gt.tab_stub_indent(rows=list(range(len(frame))), indent=1)

    # "the infusion" of a study with one (session 35 DSMB reader #22: "Doses of the infusions" in the IV-only study)
    infusions = "the infusion" if single is not None else "the infusions"
    gt, meta = add_footnote(gt, meta, f"Doses of {infusions} given by that route ({unit}), among participants who "
                                      f"received it.", loc.column_labels(columns="mean"))
    gt, meta = add_footnote(gt, meta, "Given/planned: participants who received the infusion by that route / participants "
                                      "scheduled for it.", loc.column_labels(columns="n_given"))
    word = enrolled_word(results.config)
    by_any = " by at least one route" if frame["route"].nunique() > 1 else ""
    cumulative = f" Cumulative dose: the sum of all doses received, over the {word} participants."
    if single:
        per = (f"Received the infusion: participants who received it{by_any} / {word} participants."
               + ("" if one_dose else cumulative))
    elif groups and len(groups) == 1:
        per = f"{groups[0][0]}: participants who received each of them{by_any} / {word} participants." + cumulative
    elif groups:
        per = f"Received: participants who received that many infusions{by_any} / {word} participants." + cumulative
    else:
        per = (f"Per participant: infusions with at least one route given, and the sum of all doses received, over "
               f"the {word} participants.")
    gt, meta = add_note(gt, meta, per)
    gt, meta = add_note(gt, meta, not_given_note(results))
    routes = [str(r) for r in frame["route"].dropna().unique()]
    gt, meta = add_note(gt, meta, abbreviations_note(["SD", "IQR"] + routes))
    return finish(gt, meta, results)


def _single_infusion(results: Results) -> tuple[int, int] | None:
    """(participants who received it, enrolled) when one infusion was planned, else None: the count of infusions
    per participant is then 0 or 1, and its mean (SD) a constant's ("1.0 (0.0), 1 [1–1], 1–1": outside tester)."""
    stages = results.flow.infusions
    if len({i.infusion_no for i in results.exposure.by_infusion}) != 1 or len(stages) != 1:
        return None
    return stages[0].n_received, results.flow.enrolled


def _count_groups(results: Results) -> list[tuple[str, int]]:
    """(row label, participants) for each number of infusions the participants received, the most first: "Received
    all 3 infusions 13/15", "Received one infusion 2/15". A mean (SD), median [IQR] and range of a count with so few
    values told little, and with everyone alike were a constant's ("Infusions received, n 3.0 (0.0), 3 [3–3], 3–3":
    session 33 reviewer; "2.7 (0.7), 3 [3–3], 1–3": session 34 readers). Empty without participants."""
    planned = len({i.infusion_no for i in results.exposure.by_infusion})

    def label(n: int) -> str:
        if n == 0:
            return "Received no infusion"
        return f"Received {all_of(n, 'infusion')}" if n == planned else f"Received {counted(n, 'infusion')}"

    return [(label(n), k) for n, k in received_counts(results)]


def _received_rows(data: pd.DataFrame, groups: list[tuple[str, int]], enrolled: int) -> pd.DataFrame:
    """The per-participant row of the infusions received replaced by one row per group, ``participants/enrolled``
    in the Given/planned column, without a mean, median or range (its label in ``_label``)."""
    at = int(np.flatnonzero((data["quantity"] == "infusions_received").to_numpy())[0])
    template = data.iloc[at].to_dict()
    rows = pd.DataFrame([{**template, "n_given": k, "n_planned": enrolled, "_label": label,
                          **dict.fromkeys(["mean", "sd", "median", "q1", "q3", "min", "max"], np.nan)}
                         for label, k in groups])
    out = pd.concat([data.iloc[:at], rows, data.iloc[at + 1:]], ignore_index=True)
    for col in ("n_given", "n_planned"):
        out[col] = out[col].astype("Int64")
    return out


def not_given_note(results: Results) -> str:
    """``IT not given at infusion 3: lumbar puncture unsuccessful (n = 1).``: the reasons for the planned doses
    not given, by infusion and route (the text points here for them: reader 8); "" when every dose was given."""
    # routes of one infusion missed for the same reasons said once: "IV and IT not given at infusion 2: withdrew
    # consent (n = 2)." (session 34 readers: the withdrawn study's note said "withdrew consent (n = 2)" four times)
    said: dict[tuple[int, str], list[str]] = {}
    for i in results.exposure.by_infusion:
        if i.not_given:
            why = "; ".join(f"{r.reason[:1].lower()}{r.reason[1:]} {n_eq(r.n)}" for r in i.not_given)
            said.setdefault((i.infusion_no, why), []).append(str(i.route))
    return " ".join(f"{join_words(routes)} not given at infusion {no}: {why}." for (no, why), routes in said.items())


def _exposure_frame(data: pd.DataFrame, config: StudyConfig, unit: str) -> pd.DataFrame:
    """The table's frame: a row group per infusion (and one per participant), a row label per route or quantity."""
    frame = data.copy()
    planned = frame.loc[frame["section"] == "infusion", "infusion_no"].nunique()   # "Infusion (Month 0)" of one
    frame["_group"] = [
        unbroken_label(f"{infusion_label(int(n), planned)} ({config.visit_label(str(v))})") if s == "infusion"
        else "Per participant"
        for s, n, v in zip(frame["section"], frame["infusion_no"].astype(object), frame["visit"], strict=False)
    ]
    frame["_row"] = [
        str(r) if s == "infusion" else ((lab if isinstance(lab, str) else "Infusions received, n")
                                        if q == "infusions_received"
                                        else f"Cumulative dose, {unit}")
        for s, r, q, lab in zip(frame["section"], frame["route"], frame["quantity"],
                                frame["_label"] if "_label" in frame else [None] * len(frame), strict=False)
    ]
    frame["_range"] = frame["min"]
    return frame


def _exposure_cells(gt: GT, frame: pd.DataFrame, scale: float) -> GT:
    """Doses scaled to the table's power of ten, counts as integers, merged into ``mean (SD)``, ``median [IQR]``."""
    dose_rows = rows_where(frame["unit"] == "cells/kg")
    count_rows = rows_where(frame["unit"] != "cells/kg")

    dose_vals = frame.loc[frame["unit"] == "cells/kg", ["mean", "median", "max"]].to_numpy(dtype=float) * scale
    finite = dose_vals[np.isfinite(dose_vals)]
    dec = 2 if finite.size == 0 or np.nanmax(np.abs(finite)) < 10 else 1
    stats = ["mean", "sd", "median", "q1", "q3", "_range", "max"]
    gt = gt.fmt_number(columns=stats, rows=dose_rows, decimals=dec, scale_by=scale, use_seps=False)
    if count_rows:
        gt = gt.fmt_number(columns=["mean", "sd"], rows=count_rows, decimals=1)
        gt = gt.fmt_integer(columns=["median", "q1", "q3", "_range", "max"], rows=count_rows)
    gt = gt.fmt_integer(columns=["n_given", "n_planned"])

    def merge(cols: list[str], pattern: str) -> GT:
        ok = np.ones(len(frame), dtype=bool)
        for c in cols:
            ok &= frame[c].notna().to_numpy()
            if frame[c].dtype.kind == "f":
                ok &= np.isfinite(frame[c].to_numpy(dtype=float))
        rows = rows_where(ok)
        return gt.cols_merge(columns=cols, rows=rows, pattern=pattern, hide_columns=False) if rows else gt

    gt = merge(["n_given", "n_planned"], "{0}/{1}")
    gt = merge(["mean", "sd"], "{0} ({1})")
    gt = merge(["median", "q1", "q3"], "{0} [{1}" + RANGE_DASH + "{2}]")
    gt = merge(["_range", "max"], "{0}" + RANGE_DASH + "{1}")
    gt = gt.sub_missing(columns="n_given", missing_text="")
    gt = gt.sub_missing(columns=["mean", "median", "_range"], missing_text="—")
    once = rows_where((frame["quantity"] == "infusions_received").to_numpy() & frame["n_given"].notna().to_numpy())
    if once:   # the rows counting who received how many infusions: received/enrolled, nothing to summarise
        gt = gt.sub_missing(columns=["mean", "median", "_range"], rows=once, missing_text="")
    return gt

