"""Safety tables: adverse-event overview, events by SOC/term and grade, listings, laboratory shifts.

Everything comes from ``results.safety``, ``results.shifts`` and
``results.out_of_range``: counts are shown as the results give them (participants
n (%) of the stated denominator, events n), never recounted here. Listings with
no rows print a single "None reported" row.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from great_tables import GT, loc, style

from alsreport.results.model import AdverseEvent, EventCount, Results
from alsreport.present.tables.biomarkers import series_label
from alsreport.present.tables.style import (
    MISSING,
    abbreviations_note,
    add_footnote,
    add_note,
    base_gt,
    capitalise,
    display_unit,
    enrolled_n,
    fill_width,
    finish,
    group_label,
    rows_where,
    visit_label,
)

__all__ = [
    "OVERVIEW_LABELS",
    "adverse_event_overview_data",
    "adverse_event_overview_table",
    "adverse_event_data",
    "adverse_event_table",
    "event_listing_data",
    "serious_event_listing",
    "related_event_listing",
    "death_listing",
    "lab_shift_data",
    "lab_shift_table",
    "out_of_range_data",
    "out_of_range_listing",
]

#: Row labels of the overview categories of :class:`~alsreport.results.model.SafetySummary`.
OVERVIEW_LABELS = {
    "any": "Any adverse event",
    "serious": "Serious adverse event",
    "related": "Related adverse event",
    "grade>=3": "Adverse event of grade ≥3",
    "death": "Death",
}

_COUNT_COLUMNS = ("n_participants", "percent", "n_events", "denominator")


def _count_rec(e: EventCount) -> dict[str, object]:
    return {"n_participants": e.n_participants, "percent": e.percent, "n_events": e.n_events,
            "denominator": e.denominator}


def _fmt_counts(gt: GT, frame: pd.DataFrame, n_col: str, pct_col: str) -> GT:
    """``n (%)`` from two numeric columns; ``n`` alone where the percentage is missing or n is 0."""
    gt = gt.fmt_integer(columns=n_col).fmt_number(columns=pct_col, decimals=1)
    n = frame[n_col].to_numpy(dtype=float, na_value=np.nan)
    p = frame[pct_col].to_numpy(dtype=float, na_value=np.nan)
    rows = rows_where(np.isfinite(n) & (n > 0) & np.isfinite(p))
    if rows:
        gt = gt.cols_merge(columns=[n_col, pct_col], rows=rows, pattern="{0} ({1})", hide_columns=False)
    return gt.cols_hide(columns=pct_col)


def _infusion_label(results: Results, level: str) -> str:
    visits = {i.infusion_no: i.visit for i in results.exposure.by_infusion}
    try:
        k = int(level)
    except ValueError:
        return capitalise(level) + (" to an infusion" if level == "not linked" else "")
    v = visits.get(k)
    return f"Infusion {k} ({visit_label(results.config, v)})" if v else f"Infusion {k}"


# Overview -------------------------------------------------------------------

def adverse_event_overview_data(results: Results) -> pd.DataFrame:
    """Overview rows, then by grade, relatedness and infusion (``section``), as counted in the results."""
    s = results.safety
    rows: list[dict[str, object]] = []
    for section, items in (("overview", s.overview), ("grade", s.by_grade), ("relatedness", s.by_relatedness),
                           ("infusion", s.by_infusion)):
        for e in items:
            rows.append({"section": section, "category": e.category, "level": e.level, **_count_rec(e)})
    return pd.DataFrame(rows, columns=["section", "category", "level", *_COUNT_COLUMNS])


def adverse_event_overview_table(results: Results, *, id: str = "alsreport-ae-overview") -> GT:
    data = adverse_event_overview_data(results)
    frame = data.copy()
    groups = {"overview": "Participants with", "grade": "By grade", "relatedness": "By relatedness",
              "infusion": "By infusion"}
    frame["_group"] = [groups[s] for s in frame["section"]]

    def label(section: str, category: str, level: str) -> str:
        if section == "overview":
            return OVERVIEW_LABELS.get(category, capitalise(category))
        if section == "grade":
            return f"Grade {level}"
        if section == "infusion":
            return _infusion_label(results, level)
        return capitalise(level)

    frame["_row"] = [label(s, c, lv) for s, c, lv in zip(frame["section"], frame["category"], frame["level"])]
    n = results.safety.n_enrolled
    gt = base_gt(frame, id=id, rowname_col="_row", groupname_col="_group", title="Adverse events: overview",
                 subtitle=f"Enrolled participants (N = {n})")
    gt = _fmt_counts(gt, frame, "n_participants", "percent")
    gt = gt.fmt_integer(columns="n_events")
    gt = gt.cols_hide(columns=["section", "category", "level", "denominator"])
    gt = gt.cols_label(n_participants="Participants, n (%)", n_events="Events, n")
    gt = gt.cols_align(align="right", columns=["n_participants", "n_events"])
    gt = gt.tab_stub_indent(rows=list(range(len(frame))), indent=1)
    gt = add_note(gt, f"Participants with at least one such event, n (% of {n} enrolled); events counted "
                      "individually. Related: relatedness possible, probable or definite.")
    inf = rows_where(frame["section"] == "infusion")
    if inf:
        gt = add_footnote(gt, "By infusion: % of the participants who received that infusion; events not linked "
                              "to an infusion: % of the enrolled participants.",
                          loc.row_groups(rows=["By infusion"]))
    return finish(gt, results)


# By SOC and term ------------------------------------------------------------

def _grades(results: Results) -> list[int]:
    """Grades with at least one event (the table gets a column for each)."""
    graded = [e for e in results.safety.by_grade if e.grade is not None]
    with_events = [int(e.grade) for e in graded if e.n_events > 0]  # type: ignore[arg-type]
    return with_events


def adverse_event_data(results: Results) -> pd.DataFrame:
    """Rows: any/serious/related events, then each SOC followed by its terms; counts overall and per grade."""
    s = results.safety
    grades = _grades(results)
    by_term_grade = {(e.system_organ_class, e.level, e.grade): e for e in s.by_term_grade}
    by_grade = {e.grade: e for e in s.by_grade}
    rows: list[dict[str, object]] = []

    flags_soc = {(e.level, e.category): e for e in s.serious_related_by_soc}
    flags_term = {(e.system_organ_class, e.level, e.category): e for e in s.serious_related_by_term}

    def rec(row_type: str, soc: str | None, term: str | None, e: EventCount,
            per_grade: dict[int, EventCount | None],
            flags: dict[str, EventCount | None] | None = None) -> dict[str, object]:
        r: dict[str, object] = {"row_type": row_type, "category": e.category, "system_organ_class": soc,
                                "term": term, **_count_rec(e)}
        for g in grades:
            x = per_grade.get(g)
            r[f"n_participants_grade{g}"] = x.n_participants if x else None
            r[f"percent_grade{g}"] = x.percent if x else math.nan
            r[f"n_events_grade{g}"] = x.n_events if x else None
        for flag in ("serious", "related"):
            x = (flags or {}).get(flag)
            r[f"n_participants_{flag}"] = x.n_participants if x else None
            r[f"percent_{flag}"] = x.percent if x else math.nan
        return r

    overview = {e.category: e for e in s.overview}
    for cat in ("any", "serious", "related"):
        if cat in overview:
            per = {g: by_grade.get(g) for g in grades} if cat == "any" else {}
            rows.append(rec("overall", None, None, overview[cat], per))
    for soc in s.by_soc:
        rows.append(rec("soc", soc.level, None, soc, {},
                        {f: flags_soc.get((soc.level, f)) for f in ("serious", "related")}))
        for t in s.by_term:
            if t.system_organ_class == soc.level:
                per = {g: by_term_grade.get((soc.level, t.level, g)) for g in grades}
                rows.append(rec("term", soc.level, t.level, t, per,
                                {f: flags_term.get((soc.level, t.level, f)) for f in ("serious", "related")}))
    cols = ["row_type", "category", "system_organ_class", "term", *_COUNT_COLUMNS]
    for g in grades:
        cols += [f"n_participants_grade{g}", f"percent_grade{g}", f"n_events_grade{g}"]
    cols += ["n_participants_serious", "percent_serious", "n_participants_related", "percent_related"]
    frame = pd.DataFrame(rows, columns=cols)
    for c in cols:
        if c.startswith("n_") or c == "denominator":
            frame[c] = frame[c].astype("Int64")
    return frame


def adverse_event_table(results: Results, *, id: str = "alsreport-adverse-events") -> GT:
    data = adverse_event_data(results)
    grades = _grades(results)
    n = results.safety.n_enrolled
    frame = data.copy()
    rt = frame["row_type"].to_numpy()
    frame["_row"] = [
        OVERVIEW_LABELS.get(c, capitalise(c)) if t == "overall" else (soc if t == "soc" else term)
        for t, c, soc, term in zip(rt, frame["category"], frame["system_organ_class"], frame["term"])
    ]
    gt = base_gt(frame, id=id, rowname_col="_row", title="Adverse events by system organ class, term and grade",
                 subtitle=f"Enrolled participants (N = {n})")
    if len(frame) == 0:
        return finish(add_note(gt, "No adverse events were reported."), results)
    gt = _fmt_counts(gt, frame, "n_participants", "percent")
    gt = gt.fmt_integer(columns="n_events")
    grade_cols = []
    for g in grades:
        gt = _fmt_counts(gt, frame, f"n_participants_grade{g}", f"percent_grade{g}")
        grade_cols.append(f"n_participants_grade{g}")
    flag_cols = ["n_participants_serious", "n_participants_related"]
    for flag in ("serious", "related"):
        gt = _fmt_counts(gt, frame, f"n_participants_{flag}", f"percent_{flag}")
    gt = gt.sub_missing(columns=grade_cols + flag_cols, missing_text="")
    hide = [c for c in frame.columns if c not in ["_row", "n_participants", "n_events", *grade_cols, *flag_cols]]
    gt = gt.cols_hide(columns=hide)
    gt = gt.cols_label(n_participants="Participants, n (%)", n_events="Events, n",
                       n_participants_serious="Serious", n_participants_related="Related",
                       **{f"n_participants_grade{g}": f"Grade {g}" for g in grades})
    gt = gt.tab_spanner(label="All grades", columns=["n_participants", "n_events"], id="all")
    if grades:
        gt = gt.tab_spanner(label="Participants by grade, n (%)", columns=grade_cols, id="grades")
    gt = gt.tab_spanner(label="Participants, n (%)", columns=flag_cols, id="flags")
    gt = gt.cols_align(align="right", columns=["n_participants", "n_events", *grade_cols, *flag_cols])
    gt = gt.tab_stubhead(label="System organ class / term")
    soc_rows = rows_where(rt == "soc")
    if soc_rows:
        gt = gt.tab_style(style=style.text(weight="bold"), locations=[loc.stub(rows=soc_rows)])
    term_rows = rows_where(rt == "term")
    if term_rows:
        gt = gt.tab_stub_indent(rows=term_rows, indent=1)

    if not results.safety.events:
        gt = add_note(gt, "No adverse events were reported.")
    gt = add_note(gt, f"Participants with at least one such event, n (% of {n} enrolled); a participant is counted "
                      "once per term and grade, and once in the SOC row. Serious and related: participants with at least one "
                      "serious or related event of that term or SOC; related means relatedness possible, probable or "
                      "definite.")
    missing_grades = [e.level for e in results.safety.by_grade if e.n_events == 0]
    if missing_grades:
        gt = add_note(gt, f"No events of grade {', '.join(missing_grades)} were reported.")
    gt = add_note(gt, "Serious, related and fatal events are listed individually in the event listings.")
    gt = add_note(gt, abbreviations_note(["SOC"]))
    return finish(gt, results)


# Listings -------------------------------------------------------------------

LISTING_COLUMNS = ("participant_id", "system_organ_class", "term", "grade", "serious", "relatedness",
                   "infusion_no", "onset_day", "outcome")


def event_listing_data(events: Sequence[AdverseEvent]) -> pd.DataFrame:
    frame = pd.DataFrame([{k: getattr(e, k) for k in LISTING_COLUMNS} for e in events],
                         columns=list(LISTING_COLUMNS))
    for c in ("grade", "infusion_no", "onset_day"):
        frame[c] = frame[c].astype("Int64")
    frame["serious"] = frame["serious"].astype("boolean")
    return frame


def _listing(results: Results, events: Sequence[AdverseEvent], *, id: str, title: str, subtitle: str) -> GT:
    data = event_listing_data(events)
    empty = len(data) == 0
    if empty:
        frame = pd.DataFrame({c: pd.Series([None], dtype=object) for c in LISTING_COLUMNS})
        frame["participant_id"] = "None reported"
    else:
        frame = data.copy()
        frame["relatedness"] = frame["relatedness"].map(capitalise)
        frame["outcome"] = frame["outcome"].map(lambda x: capitalise(x) if isinstance(x, str) else x)
    gt = base_gt(frame, id=id, title=title, subtitle=subtitle)
    if not empty:
        gt = gt.fmt_integer(columns=["grade", "infusion_no", "onset_day"])
        gt = gt.fmt_tf(columns="serious", true_val="Yes", false_val="No")
    gt = gt.sub_missing(columns=list(LISTING_COLUMNS[1:]), missing_text="" if empty else MISSING)
    gt = gt.cols_label(participant_id="Participant", system_organ_class="System organ class", term="Term",
                       grade="Grade", serious="Serious", relatedness="Relatedness", infusion_no="Infusion",
                       onset_day="Onset day", outcome="Outcome")
    gt = gt.cols_align(align="left", columns=["participant_id", "system_organ_class", "term", "relatedness",
                                              "outcome"])
    gt = gt.cols_align(align="right", columns=["grade", "infusion_no", "onset_day"])
    gt = gt.cols_align(align="center", columns="serious")
    gt = fill_width(gt, id)
    gt = gt.opt_css(f"#{id} td[headers~=\"{id}-system_organ_class\"], #{id} td[headers~=\"{id}-term\"] "
                    "{ white-space: normal; }")
    if not empty:
        gt = add_note(gt, "Onset day: days after the related infusion (or study day when not linked); "
                          f"{MISSING}: not recorded or not linked to an infusion.")
    return finish(gt, results)


def serious_event_listing(results: Results, *, id: str = "alsreport-serious-events") -> GT:
    return _listing(results, results.safety.serious_events, id=id, title="Serious adverse events",
                    subtitle="Listing of every serious adverse event")


def related_event_listing(results: Results, *, id: str = "alsreport-related-events") -> GT:
    return _listing(results, results.safety.related_events, id=id, title="Related adverse events",
                    subtitle="Relatedness possible, probable or definite")


def death_listing(results: Results, *, id: str = "alsreport-deaths") -> GT:
    return _listing(results, results.safety.deaths, id=id, title="Deaths",
                    subtitle="Events of grade 5 or with a fatal outcome")


# Laboratory shifts ------------------------------------------------------------

SHIFT_LEVELS = ("low", "normal", "high", "missing")


def _series_order(results: Results) -> dict[tuple[str, str], int]:
    fam: dict[str, int] = {}
    comp: dict[str, int] = {}
    for s in results.series:
        fam.setdefault(s.family, len(fam))
        comp.setdefault(s.compartment, len(comp))
    analytes = {a: i for i, a in enumerate(results.config.analyte_names)}
    keys = sorted(results.series, key=lambda s: (fam[s.family], comp[s.compartment],
                                                 analytes.get(s.analyte, len(analytes))))
    return {(s.compartment, s.analyte): i for i, s in enumerate(keys)}


def lab_shift_data(results: Results) -> pd.DataFrame:
    """One row per series with a reference range; ``n_<baseline>_<worst>`` participants per cell."""
    order = _series_order(results)
    series = {(s.compartment, s.analyte): s for s in results.series}
    cells: dict[tuple[str, str], dict[str, object]] = {}
    for sc in results.shifts:
        key = (sc.compartment, sc.analyte)
        s = series.get(key)
        row = cells.setdefault(key, {
            "family": sc.family or (s.family if s else ""), "compartment": sc.compartment, "analyte": sc.analyte,
            "label": series_label(results, s) if s else sc.label, "unit": sc.unit,
            "ref_low": s.ref_low if s else math.nan, "ref_high": s.ref_high if s else math.nan,
        })
        row[f"n_{sc.baseline}_{sc.worst}"] = int(sc.n)
    cols = ["family", "compartment", "analyte", "label", "unit", "ref_low", "ref_high"]
    cols += [f"n_{b}_{w}" for b in SHIFT_LEVELS for w in SHIFT_LEVELS]
    rows = sorted(cells.values(), key=lambda r: order.get((str(r["compartment"]), str(r["analyte"])), 10**9))
    frame = pd.DataFrame(rows, columns=cols)
    for c in cols[7:]:
        frame[c] = frame[c].fillna(0).astype("int64")
    return frame


def lab_shift_table(results: Results, *, id: str = "alsreport-lab-shifts") -> GT:
    data = lab_shift_data(results)
    frame = data.copy()
    multi = frame["family"].nunique() > 1
    frame["_group"] = [group_label(f, c, multi) for f, c in zip(frame["family"], frame["compartment"])]
    frame["_unit"] = [display_unit(u) or None for u in frame["unit"]]
    count_cols = [c for c in frame.columns if c.startswith("n_")]
    used = {lv for lv in SHIFT_LEVELS
            if any(frame[f"n_{lv}_{w}"].sum() for w in SHIFT_LEVELS)
            or any(frame[f"n_{b}_{lv}"].sum() for b in SHIFT_LEVELS)}
    levels = [lv for lv in SHIFT_LEVELS if lv != "missing" or "missing" in used]
    shown = [f"n_{b}_{w}" for b in levels for w in levels]
    gt = base_gt(frame, id=id, rowname_col="label", groupname_col="_group",
                 title="Laboratory shifts from baseline",
                 subtitle=f"Baseline category → worst post-baseline category, participants (N = "
                          f"{enrolled_n(results)} enrolled)")
    if len(frame) == 0:
        return finish(add_note(gt, "No analyte has a reference range."), results)
    unit_rows = rows_where(frame["_unit"].notna())
    if unit_rows:
        gt = gt.cols_merge(columns=["label", "_unit"], rows=unit_rows, pattern="{0} ({1})")
    else:
        gt = gt.cols_hide(columns="_unit")
    gt = gt.fmt_integer(columns=count_cols)
    gt = gt.cols_hide(columns=[c for c in frame.columns if c not in shown + ["label", "_group", "_unit"]])
    gt = gt.cols_move_to_end(columns=shown)
    gt = gt.cols_label(**{c: capitalise(c.split("_")[2]) for c in shown})
    for b in levels:
        gt = gt.tab_spanner(label=f"Baseline {b}", columns=[f"n_{b}_{w}" for w in levels], id=f"baseline-{b}")
    gt = gt.cols_align(align="right", columns=shown)
    gt = gt.tab_stubhead(label="Analyte (unit)")
    # Participants whose category changed: shown in bold (off the diagonal, non-zero).
    for b in levels:
        for w in levels:
            if b != w and "missing" not in (b, w):
                rows = rows_where(frame[f"n_{b}_{w}"] > 0)
                if rows:
                    gt = gt.tab_style(style=style.text(weight="bold"),
                                      locations=loc.body(columns=f"n_{b}_{w}", rows=rows))
    gt = add_note(gt, "Columns under each baseline category: the worst post-baseline category (the value farthest "
                      "outside its reference range at any later visit; normal if all were in range). "
                      "Non-zero shifts between categories are in bold.")
    if "missing" in levels:
        gt = add_note(gt, "Missing: no value, or no reference range for the value.")
    gt = add_note(gt, abbreviations_note(list(frame["compartment"].unique())))
    return finish(gt, results)


# Out-of-range listing -----------------------------------------------------------

OUT_OF_RANGE_COLUMNS = ("participant_id", "visit", "compartment", "analyte", "label", "value", "unit", "ref_low",
                        "ref_high", "direction", "censoring")


def out_of_range_data(results: Results) -> pd.DataFrame:
    labels = {(s.compartment, s.analyte): series_label(results, s) for s in results.series}
    rows = [{"participant_id": o.participant_id, "visit": o.visit, "compartment": o.compartment,
             "analyte": o.analyte, "label": labels.get((o.compartment, o.analyte), o.label), "value": o.value,
             "unit": o.unit, "ref_low": o.ref_low, "ref_high": o.ref_high, "direction": o.direction,
             "censoring": o.censoring} for o in results.out_of_range]
    # Grouped in the order of the other tables (family, compartment, study.yml's analytes),
    # then by participant and visit.
    order = _series_order(results)
    visits = {v: i for i, v in enumerate(results.config.visit_codes)}
    rows.sort(key=lambda r: (order.get((r["compartment"], r["analyte"]), 10**9), r["participant_id"],
                             visits.get(r["visit"], 10**9)))
    return pd.DataFrame(rows, columns=list(OUT_OF_RANGE_COLUMNS))


def out_of_range_listing(results: Results, *, id: str = "alsreport-out-of-range") -> GT:
    data = out_of_range_data(results)
    config = results.config
    empty = len(data) == 0
    if empty:
        frame = pd.DataFrame({c: pd.Series([None], dtype=object) for c in OUT_OF_RANGE_COLUMNS})
        frame["participant_id"] = "None reported"
        frame["_group"] = ""
    else:
        frame = data.copy()
        frame["visit"] = [visit_label(config, v) for v in frame["visit"]]
        frame["direction"] = frame["direction"].map(capitalise)
        frame["_group"] = [
            f"{capitalise(c)} — {lab} ({display_unit(u)})" if u else f"{capitalise(c)} — {lab}"
            for c, lab, u in zip(frame["compartment"], frame["label"], frame["unit"])
        ]
    gt = base_gt(frame, id=id, groupname_col=None if empty else "_group",
                 title="Laboratory values outside the reference range",
                 subtitle="Every analysed value below or above its reference range")
    gt = gt.cols_hide(columns=["compartment", "analyte", "label", "unit", "censoring", "ref_high"]
                      + (["_group"] if empty else []))
    if not empty:
        gt = gt.fmt_number(columns=["value", "ref_low", "ref_high"], decimals=3, drop_trailing_zeros=True,
                           use_seps=False)
        both = rows_where(frame["ref_low"].notna() & frame["ref_high"].notna())
        if both:
            gt = gt.cols_merge(columns=["ref_low", "ref_high"], rows=both, pattern="{0}–{1}", hide_columns=False)
    gt = gt.sub_missing(missing_text="" if empty else MISSING)
    gt = gt.cols_label(participant_id="Participant", visit="Visit", value="Value", ref_low="Reference range",
                       direction="Direction")
    gt = gt.cols_align(align="right", columns=["value", "ref_low"])
    gt = gt.cols_align(align="left", columns=["participant_id", "visit", "direction"])
    if not empty:
        censored = frame["censoring"].fillna("observed").to_numpy()
        for kind, text in (("below", "Reported below the limit of detection; the value shown is the one "
                                     f"analysed ({_rule_words(results)})."),
                           ("above", "Reported above the upper limit of quantification; the limit is shown.")):
            rows = rows_where(censored == kind)
            if rows:
                gt = add_footnote(gt, text, loc.body(columns="value", rows=rows))
        gt = add_note(gt, f"{len(frame)} values of {frame['participant_id'].nunique()} participants, "
                          "grouped by compartment and analyte (unit).")
    return finish(gt, results)


def _rule_words(results: Results) -> str:
    from alsreport.present.tables.style import below_lod_rule

    return "below-LOD values " + below_lod_rule(results.config.analysis.below_lod)
