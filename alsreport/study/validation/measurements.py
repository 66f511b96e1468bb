"""Rules for measurements.csv: one unit per series, limits of detection, reference ranges,
what study.yml describes but the table lacks, and a baseline for everyone enrolled."""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.study.reading import CONFIG_FILE
from alsreport.study.validation.context import Context
from alsreport.study.validation.problems import plural
from alsreport.study.validation.table import CheckedTable, distinct
from alsreport.study.validation.wording import fmt_num, join, rows_text

__all__ = ["check_measurements", "measurements_view", "series_count"]


def measurements_view(ctx: Context) -> CheckedTable | None:
    """The measurements table, if it has the columns that identify a row."""
    return ctx.table("measurements", "participant_id", "visit", "compartment", "analyte")


def series_count(view: CheckedTable) -> int:
    """Distinct analyte x compartment combinations."""
    return len(distinct(_series_key(view)))


def check_measurements(ctx: Context) -> None:
    view = measurements_view(ctx)
    if view is None:
        return
    if view.has("unit"):
        _units(ctx, view)
    if view.has("value"):
        _lod(ctx, view)
    if view.has("ref_low", "ref_high"):
        low, high = view.numbers("ref_low"), view.numbers("ref_high")
        with np.errstate(invalid="ignore"):
            crossed = low > high
        ctx.out.rows("error", "reference-range", view, "ref_high", crossed,
                     lambda i, t: f"ref_high is below ref_low ({fmt_num(low[i])}); the reference range "
                                  "is ref_low to ref_high")
    if ctx.config is not None and len(view):
        _config_coverage(ctx, view)
        if view.has("value"):
            _baseline(ctx, view)


def _series_key(view: CheckedTable) -> np.ndarray:
    return view.key_codes(["analyte", "compartment"])[0]


def _units(ctx: Context, view: CheckedTable) -> None:
    if not len(view):
        return
    series = _series_key(view)
    unit = view.codes("unit").astype(np.int64)
    unit_empty = view.empty("unit")
    units = view.categories("unit")
    pairs = distinct(series[~unit_empty] * len(units) + unit[~unit_empty])
    n_units = pd.Series(pairs // len(units)).value_counts()
    for s in sorted(n_units[n_units > 1].index):
        _mixed_units(ctx, view, np.flatnonzero((series == s) & ~unit_empty), unit, units)


def _mixed_units(ctx: Context, view: CheckedTable, pos: np.ndarray, unit: np.ndarray, units: pd.Index) -> None:
    """One series (rows ``pos``) recorded in several units."""
    counts = pd.Series(unit[pos]).value_counts()
    main = counts.index[0]
    parts = []
    first_minor: tuple[int, str] | None = None
    for u, n in counts.items():
        lines = view.lines[pos[unit[pos] == u]]
        rows = f": {rows_text(lines)}" if u != main else ""
        parts.append(f"{units[u]} ({plural(int(n), 'row')}{rows})")
        if u != main and first_minor is None:
            first_minor = (int(lines[0]), str(units[u]))
    i = pos[0]
    analyte, compartment = view.text("analyte", i), view.text("compartment", i)
    ctx.out.add(
        "error", view.file,
        f"{analyte} in {compartment} is recorded in {len(counts)} units: {join(parts)}; use one unit per "
        "analyte and compartment (convert the values: alsreport never converts units)",
        row=first_minor[0] if first_minor else None, column="unit",
        value=first_minor[1] if first_minor else None, code="mixed-units")


def _lod(ctx: Context, view: CheckedTable) -> None:
    if not view.has("lod"):
        return
    value, limit = view.measured("value")
    lod = view.numbers("lod")
    has_lod = np.isfinite(lod) & (lod > 0)
    with np.errstate(invalid="ignore"):
        differs = (view.censoring_is("value", "below") & has_lod & (limit > 0)
                   & ~np.isclose(limit, lod, rtol=1e-9, atol=0))
        under = view.censoring_is("value", "observed") & has_lod & (value >= 0) & (value < lod)
    ctx.out.rows("warning", "lod-mismatch", view, "value", differs,
                 lambda i, t: f"the limit in {t} differs from lod = {fmt_num(lod[i])}; below the limit of "
                              "detection write '<' and the lod, or correct lod")
    ctx.out.rows("warning", "below-lod", view, "value", under,
                 lambda i, t: f"{t} is below the limit of detection (lod = {fmt_num(lod[i])}) but recorded "
                              f"as a number; if it was not detected write <{fmt_num(lod[i])}")


def _config_coverage(ctx: Context, view: CheckedTable) -> None:
    """Analytes and visits described in study.yml without rows; an unmeasured primary endpoint."""
    cfg, doc = ctx.config, ctx.raw.config
    assert cfg is not None and doc is not None
    measured = set(view.categories("analyte")[np.unique(view.codes("analyte"))])
    for i, analyte in enumerate(cfg.analytes):
        if analyte.name not in measured:
            ctx.out.add("warning", CONFIG_FILE,
                        f"analyte {analyte.name} is described in study.yml but never measured in {view.file}",
                        row=doc.line(("analytes", i, "name")), column=f"analytes[{i}].name", value=analyte.name,
                        code="unused-analyte")
    visited = set(view.categories("visit")[np.unique(view.codes("visit"))])
    for i, visit in enumerate(cfg.visits):
        if visit.code not in visited:
            ctx.out.add("warning", CONFIG_FILE, f"visit {visit.code} has no rows in {view.file}",
                        row=doc.line(("visits", i, "code")), column=f"visits[{i}].code", value=visit.code,
                        code="unused-visit")
    primary = cfg.analysis.primary
    if primary is None:
        return
    if (view.isin("analyte", [primary.analyte]) & view.isin("compartment", [primary.compartment])).any():
        return
    where = sorted(set(view.texts("compartment", np.flatnonzero(view.isin("analyte", [primary.analyte])))))
    found = f"it is measured in {join(where)}" if where else "it is not measured at all"
    ctx.out.add("error", CONFIG_FILE,
                f"the primary endpoint {primary.analyte} in {primary.compartment} has no rows in {view.file}; "
                f"{found}", row=doc.line(("analysis", "primary", "compartment")),
                column="analysis.primary.compartment", value=primary.compartment, code="primary-not-measured")


def _baseline(ctx: Context, view: CheckedTable) -> None:
    assert ctx.config is not None
    status = ctx.status
    if status.empty:
        return
    at_base = view.isin("visit", [ctx.config.baseline.code]) & ~view.censoring_is("value", "missing")
    have = set(view.categories("participant_id")[np.unique(view.codes("participant_id")[at_base])])
    lacking = [p for p in status.index if p not in have]
    for person, more in ctx.out.capped(lacking):
        ctx.out.add("warning", view.file,
                    f"{person} is enrolled but has no baseline ({ctx.config.baseline.code}) value; "
                    "changes from baseline cannot be computed for them",
                    column="participant_id", value=person, code="no-baseline", more=more)
