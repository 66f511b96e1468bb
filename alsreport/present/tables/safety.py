"""Safety tables: adverse-event overview, events by SOC/term and grade, listings, laboratory shifts.

Everything comes from ``results.safety``, ``results.shifts`` and
``results.out_of_range``: counts are shown as the results give them (participants
n (%) of the stated denominator, events n), never recounted here. Listings with
no rows print a single "None reported" row.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from great_tables import GT, loc, style

from alsreport.present.population import enrolled_word
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)
from alsreport.present.tables.harms import (
    OVERVIEW_LABELS,
    adverse_event_data,
    adverse_event_overview_data,
    adverse_event_overview_table,
    adverse_event_table,
)
from alsreport.results.model import AdverseEvent, Results
from alsreport.present.tables.biomarkers import series_label, series_order
from alsreport.present.cutoff import cutoff_words
from alsreport.present.prose.board_summary import UNRESOLVED_OUTCOMES
from alsreport.present.prose.lookups import overview_since_last
from alsreport.present.prose.words import join_words
from alsreport.present.format import (MISSING, big_n, below_lod_rule, display_unit, format_date, reference_range,
                                      table_visit_label, value_decimals)
from alsreport.analysis.ctcae import CRITERIA
from alsreport.present.tables.ctcae_baseline import baseline_grade1, graded_terms
from alsreport.present.tables.table import Table, TableText
from alsreport.present.tables.style import (
    abbreviations_note,
    add_footnote,
    add_note,
    base_gt,
    capitalise,
    enrolled_n,
    fill_width,
    finish,
    fmt_numbers_by_row,
    group_label,
    rows_where,
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
    "all_event_listing",
    "event_listing",
    "lab_shift_data",
    "lab_shift_table",
    "out_of_range_data",
    "out_of_range_listing",
]

# Listings -------------------------------------------------------------------

LISTING_COLUMNS = ("participant_id", "system_organ_class", "term", "grade", "serious", "seriousness", "relatedness",
                   "attribution", "infusion_no", "onset_day", "onset_date", "outcome", "resolution_date",
                   "action_taken")


def event_listing_data(events: Sequence[AdverseEvent]) -> pd.DataFrame:
    def value(e: AdverseEvent, k: str) -> object:
        if k == "attribution" and e.attribution == "procedure":
            return f"procedure: {e.procedure}" if e.procedure else "procedure"
        return getattr(e, k)

    frame = pd.DataFrame([{k: value(e, k) for k in LISTING_COLUMNS} for e in events],
                         columns=list(LISTING_COLUMNS))
    for c in ("grade", "infusion_no", "onset_day"):
        frame[c] = frame[c].astype("Int64")
    frame["serious"] = frame["serious"].astype("boolean")
    return frame


_LISTING_LABELS = {"participant_id": "Participant", "system_organ_class": "System organ class", "term": "Term",
                   "grade": "Grade", "serious": "Serious", "seriousness": "Seriousness", "relatedness": "Relatedness",
                   "attribution": "Attributed to", "infusion_no": "Infusion", "onset_day": "Onset day",
                   "onset_date": "Onset date", "outcome": "Outcome", "resolution_date": "Resolved",
                   "action_taken": "Action taken"}
#: Optional columns shown only when at least one event records them.
_OPTIONAL = ("seriousness", "attribution", "onset_date", "resolution_date", "action_taken")


def _with_follow_up(results: Results, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` with each participant's last visit attended and days on study (``results.dsmb.follow_up``), and the
    columns to hide (days without dates; both without the follow-up)."""
    f = results.dsmb.follow_up if results.dsmb is not None else None
    people = {p.participant_id: p for p in f.participants} if f is not None else {}
    frame = frame.assign(
        # as the listing's other dates (onset, resolved): ISO, "2024-11-29" beside "2024-11-24", not "29 November 2024"
        death_date=[people[p].death_date if p in people and people[p].death_date else None
                    for p in frame["participant_id"]],
        last_visit=[table_visit_label(results.config, people[p].last_visit) if p in people and people[p].last_visit
                    else None for p in frame["participant_id"]],
        days_on_study=[people[p].days_on_study if p in people else math.nan for p in frame["participant_id"]],
        days_after_infusion=[people[p].days_after_last_infusion if p in people else math.nan
                             for p in frame["participant_id"]])
    hidden = [] if f is not None else ["last_visit"]
    hidden += [c for c in _FOLLOW_UP_NUMBERS if not frame[c].notna().any()]
    return frame, hidden


#: The Deaths listing's follow-up columns that are shown only when at least one death has them (dates).
_FOLLOW_UP_NUMBERS = ("days_on_study", "death_date", "days_after_infusion")


def _listing_frame(data: pd.DataFrame, *, serious: bool) -> tuple[pd.DataFrame, list[str], bool]:
    """The listing's cells (text capitalised), the columns to hide, and whether the Serious column says what made an
    event serious (``merged``)."""
    empty = len(data) == 0
    if empty:
        frame = pd.DataFrame({c: pd.Series([None], dtype=object) for c in LISTING_COLUMNS})
        frame["participant_id"] = "None reported"
    else:
        frame = data.copy()
        for c in ("seriousness", "relatedness", "outcome", "attribution", "action_taken"):
            frame[c] = frame[c].map(lambda x: capitalise(x) if isinstance(x, str) else x)
    hidden = [c for c in _OPTIONAL if empty or data[c].isna().all()]
    merged = not serious and "seriousness" not in hidden
    if serious:
        hidden.append("serious")
    elif merged:   # one column: "No", or what made the event serious ("Yes" where not recorded); a "Seriousness"
        # column beside "Serious" had "—" for every event that was not serious (session 32 reader: read as "not recorded")
        frame["serious"] = [("Yes" if pd.isna(c) else c) if s else "No"
                            for s, c in zip(data["serious"].fillna(False), frame["seriousness"], strict=True)]
        hidden.append("seriousness")
    return frame, hidden, merged


def _listing_notes(gt: GT, meta: TableText, results: Results, data: pd.DataFrame, frame: pd.DataFrame,
                   hidden: list[str], *, serious: bool, follow_up: bool) -> tuple[GT, TableText]:
    """Under a listing with events: the criterion not recorded (serious events), then what the marks and outcomes
    shown mean, only those that occur (session 32 reviewer: the note explained "—" and unresolved outcomes under a
    listing that had neither), then the follow-up columns."""
    if serious and "seriousness" in hidden:   # the DSMB asks what made each event serious (session 31)
        gt, meta = add_note(gt, meta, "The seriousness criterion (death, life-threatening, hospitalisation, disability, "
                                      "congenital anomaly or important medical event) was not recorded.")
    shown = [c for c in frame.columns if c not in hidden]
    dash = f" {MISSING}: not recorded or not linked to an infusion." if frame[shown].isna().to_numpy().any() else ""
    open_ = [o for o in UNRESOLVED_OUTCOMES if data["outcome"].eq(o).any()]
    unresolved = (f" {capitalise(join_words(open_, 'or'))}: the event had not resolved {_unresolved_by(results)}."
                  if open_ else "")
    linked = "the infusion" if len(results.flow.infusions) == 1 else "the linked (most recent) infusion"
    gt, meta = add_note(gt, meta, f"Onset day: days after {linked} (or after enrolment when not linked).{dash}"
                                  f"{unresolved}")
    if follow_up and "last_visit" not in hidden:
        gt, meta = add_note(gt, meta, "Last visit with a sample: the participant's last visit with any sample recorded"
                            + ("; days on study: from enrolment (or consent) to the last contact (or death)"
                               if "days_on_study" not in hidden else "")
                            + ("; days from last infusion: from the last infusion given to the date of death"
                               if "days_after_infusion" not in hidden else "") + ".")
    return gt, meta


def event_listing(results: Results, events: Sequence[AdverseEvent], *, id: str, title: str, subtitle: str,
                  note: str = "", follow_up: bool = False, serious: bool = False, since: bool = True) -> Table:
    """A listing of ``events`` (one row each, in the results' order); ``note`` goes first under it; ``follow_up``: each
    participant's last visit attended and days on study too (the Deaths listing); ``serious``: the events are the
    serious ones, so no "Serious" column of Yes, and the seriousness criterion is asked for when none is recorded;
    ``since``: the events new since the previous report marked (the safety report's; a manuscript has no previous
    report: session 36 reader)."""
    data = event_listing_data(events)
    empty = len(data) == 0
    frame, hidden, merged = _listing_frame(data, serious=serious)
    if follow_up and not empty:   # the deaths' timing: the last visit attended and the days on study (reader 11b, 5)
        frame, more = _with_follow_up(results, frame)
        hidden += more
    gt, meta = base_gt(frame, id=id, title=title, subtitle=subtitle)
    if not empty:
        gt = gt.fmt_integer(columns=["grade", "infusion_no", "onset_day"])
        if not merged:
            gt = gt.fmt_tf(columns="serious", true_val="Yes", false_val="No")
    gt = gt.sub_missing(columns=list(LISTING_COLUMNS[1:]), missing_text="" if empty else MISSING)
    if "last_visit" in frame.columns:
        gt = gt.fmt_integer(columns=["days_on_study", "days_after_infusion"]).sub_missing(
            columns=["last_visit", "days_on_study", "death_date", "days_after_infusion"], missing_text=MISSING)
        gt = gtext.cols_label(gt, last_visit="Last visit with a sample", days_on_study="Days on study",
                              death_date="Date of death", days_after_infusion="Days from last infusion")
        gt = gt.cols_align(align="right", columns=["days_on_study", "days_after_infusion"])
        gt = gt.cols_align(align="left", columns="death_date")
    if empty:   # one line, "None reported", with no header of empty columns above it (session 31 HTML reader: nine
        # headers over it, and at 390 px the cell wrapped to "None / reported")
        hidden = [c for c in frame.columns if c != "participant_id"]
        gt = gt.tab_options(column_labels_hidden=True)
    gt = gt.cols_hide(columns=hidden) if hidden else gt
    gt = gtext.cols_label(gt, **_LISTING_LABELS)
    gt = gt.cols_align(align="left", columns=["participant_id", "system_organ_class", "term", "seriousness", "relatedness",
                                              "attribution", "outcome", "action_taken", "onset_date",
                                              "resolution_date"])
    gt = gt.cols_align(align="right", columns=["grade", "infusion_no", "onset_day"])
    gt = gt.cols_align(align="center", columns="serious")
    gt = fill_width(gt, id)
    wrap = ", ".join(f'#{id} td[headers~="{id}-{c}"]' for c in ("system_organ_class", "term", "seriousness", "attribution",
                                                               "action_taken", "outcome"))
    gt = gt.opt_css(wrap + " { white-space: normal; }")
    if note:
        gt, meta = add_note(gt, meta, note)
    if not empty:
        gt, meta = _listing_notes(gt, meta, results, data, frame, hidden, serious=serious, follow_up=follow_up)
        if since:
            gt, meta = _new_since_last(gt, meta, results, data, hidden)
    return finish(gt, meta, results)


def _new_since_last(gt: GT, meta: TableText, results: Results, data: pd.DataFrame,
                    hidden: list[str]) -> tuple[GT, TableText]:
    """A mark on the onset date of each event that began after the previous report's data cut-off, where the report
    counts since then (the overview's since-columns: :func:`~alsreport.present.prose.lookups.overview_since_last`;
    session 35 DSMB reader: the listings did not show which events were new since the last report)."""
    prev = results.config.safety.previous_report_cutoff
    if prev is None or "onset_date" in hidden or not overview_since_last(results):
        return gt, meta
    # the rule the since-counts follow (analysis/summaries/dsmb.overview_since): onset after the cut-off's midnight
    new = (pd.to_datetime(data["onset_date"], errors="coerce") > pd.Timestamp(prev)).to_numpy(bool)
    if not new.any():
        return gt, meta
    return add_footnote(gt, meta, f"New since the last report: onset after its data cut-off ({format_date(prev)}).",
                        loc.body(columns="onset_date", rows=rows_where(new)))


def _unresolved_by(results: Results) -> str:
    """'at the data cut-off' only with its date: without one the reader cannot tell which data (#10), so 'by the
    end of follow-up' (a manuscript's words, not the tool's "study files": reader 13b item 5)."""
    cutoff = cutoff_words(results.config)
    return f"at {cutoff}" if cutoff else "by the end of follow-up"


def all_event_listing(results: Results, *, id: str = "alsreport-all-events") -> Table:
    return event_listing(results, results.safety.events, id=id, title="All adverse events",
                    subtitle="Listing of every adverse event, related or not, resolved or not")


def serious_event_listing(results: Results, *, id: str = "alsreport-serious-events") -> Table:
    return event_listing(results, results.safety.serious_events, id=id, title="Serious adverse events",
                         subtitle="Listing of every serious adverse event", serious=True)


def related_event_listing(results: Results, *, id: str = "alsreport-related-events") -> Table:
    return event_listing(results, results.safety.related_events, id=id, title="Related adverse events",
                    subtitle="Relatedness possible, probable or definite")


def death_listing(results: Results, *, id: str = "alsreport-deaths") -> Table:
    return event_listing(results, results.safety.deaths, id=id, title="Deaths",
                         subtitle="Events of grade 5 or with a fatal outcome", follow_up=True)


# Laboratory shifts ------------------------------------------------------------

SHIFT_LEVELS = ("low", "normal", "high", "missing")


def lab_shift_data(results: Results) -> pd.DataFrame:
    """One row per series with a reference range; ``n_<baseline>_<worst>`` participants per cell."""
    order = series_order(results)
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


def lab_shift_table(results: Results, *, id: str = "alsreport-lab-shifts") -> Table:
    data = lab_shift_data(results)
    frame = data.copy()
    multi = frame["family"].nunique() > 1
    frame["_group"] = [group_label(results.config.family_label(f), c, multi)
                       for f, c in zip(frame["family"], frame["compartment"], strict=False)]
    frame["_unit"] = [display_unit(u) or None for u in frame["unit"]]
    count_cols = [c for c in frame.columns if c.startswith("n_")]
    used = {lv for lv in SHIFT_LEVELS
            if any(frame[f"n_{lv}_{w}"].sum() for w in SHIFT_LEVELS)
            or any(frame[f"n_{b}_{lv}"].sum() for b in SHIFT_LEVELS)}
    levels = [lv for lv in SHIFT_LEVELS if lv != "missing" or "missing" in used]
    shown = [f"n_{b}_{w}" for b in levels for w in levels]
    gt, meta = base_gt(frame, id=id, rowname_col="label", groupname_col="_group",
                       title="Laboratory shifts from baseline",
                       subtitle=f"Baseline category → worst post-baseline category, participants "
                                f"{big_n(enrolled_n(results), enrolled_word(results.config))}")
    if len(frame) == 0:  # no column of raw names: the note says why the table is empty
        gt = gt.cols_hide(columns=[c for c in frame.columns if c not in ("label", "_group")])
        gt = gt.tab_options(column_labels_hidden=True)  # no empty header: the note is the table's one sentence
        return finish(*add_note(gt, meta, "No analyte has a reference range."), results)
    unit_rows = rows_where(frame["_unit"].notna())
    if unit_rows:
        gt = gt.cols_merge(columns=["label", "_unit"], rows=unit_rows, pattern="{0} ({1})")
    else:
        gt = gt.cols_hide(columns="_unit")
    gt = gt.fmt_integer(columns=count_cols)
    gt = gt.cols_hide(columns=[c for c in frame.columns if c not in shown + ["label", "_group", "_unit"]])
    gt = gt.cols_move_to_end(columns=shown)
    gt = gtext.cols_label(gt, **{c: capitalise(c.split("_")[2]) for c in shown})
    for b in levels:
        gt = gtext.tab_spanner(gt, f"Baseline {b}", columns=[f"n_{b}_{w}" for w in levels], id=f"baseline-{b}")
    gt = gt.cols_align(align="right", columns=shown)
    gt = gtext.tab_stubhead(gt, "Analyte (unit)")
    # Participants whose category changed: shown in bold (off the diagonal, non-zero).
    for b in levels:
        for w in levels:
            if b != w and "missing" not in (b, w):
                rows = rows_where(frame[f"n_{b}_{w}"] > 0)
                if rows:
                    gt = gt.tab_style(style=style.text(weight="bold"),
                                      locations=loc.body(columns=f"n_{b}_{w}", rows=rows))
    gt, meta = add_note(gt, meta, "Columns under each baseline category: the worst post-baseline category (the value farthest "
                                  "outside its reference range at any later visit; normal if all were in range). "
                                  "Non-zero shifts between categories are in bold.")
    if "missing" in levels:
        gt, meta = add_note(gt, meta, "Missing: no value, or no reference range for the value.")
    gt, meta = add_note(gt, meta, abbreviations_note(list(frame["compartment"].unique())))
    return finish(gt, meta, results)


# Out-of-range listing -----------------------------------------------------------

OUT_OF_RANGE_COLUMNS = ("participant_id", "visit", "compartment", "analyte", "label", "value", "unit", "ref_low",
                        "ref_high", "direction", "grade", "censoring")


def out_of_range_data(results: Results) -> pd.DataFrame:
    labels = {(s.compartment, s.analyte): series_label(results, s) for s in results.series}
    graded = {(g.participant_id, g.visit, g.compartment, g.analyte): g.grade
              for g in (results.dsmb.graded_values if results.dsmb is not None else ())}
    # a value of a graded series, out of range in its criterion's direction, below grade 1: "0", not the "—" of a
    # value no criterion grades (session 26 reader: "—" meant both)
    terms = {(c.compartment, c.analyte): c.ctcae_term for c in (results.dsmb.grade_counts if results.dsmb else ())}
    direction = {c.term: "high" if c.kind == "ratio" else "low" for c in CRITERIA.values()}

    def grade(o) -> int | None:
        g = graded.get((o.participant_id, o.visit, o.compartment, o.analyte))
        term = terms.get((o.compartment, o.analyte))
        return g if g is not None or term is None or direction.get(term) != o.direction else 0

    rows = [{"grade": grade(o),
             "participant_id": o.participant_id, "visit": o.visit, "compartment": o.compartment,
             "analyte": o.analyte, "label": labels.get((o.compartment, o.analyte), o.label), "value": o.value,
             "unit": o.unit, "ref_low": o.ref_low, "ref_high": o.ref_high, "direction": o.direction,
             "censoring": o.censoring} for o in results.out_of_range]
    # Grouped in the order of the other tables (family, compartment, study.yml's analytes),
    # then by participant and visit.
    order = series_order(results)
    visits = {v: i for i, v in enumerate(results.config.visit_codes)}
    rows.sort(key=lambda r: (order.get((r["compartment"], r["analyte"]), 10**9), r["participant_id"],
                             visits.get(r["visit"], 10**9)))
    frame = pd.DataFrame(rows, columns=list(OUT_OF_RANGE_COLUMNS))
    frame["grade"] = frame["grade"].astype("Int64")
    return frame


def out_of_range_listing(results: Results, *, id: str = "alsreport-out-of-range") -> Table:
    data = out_of_range_data(results)
    config = results.config
    empty = len(data) == 0
    if empty:
        frame = pd.DataFrame({c: pd.Series([None], dtype=object) for c in OUT_OF_RANGE_COLUMNS})
        data_cols = [c for c in ("ref_low", "ref_high") if c in results.analysis_data.columns]
        ranged = bool(results.analysis_data[data_cols].notna().to_numpy().any()) or any(
            pd.notna(s.ref_low) or pd.notna(s.ref_high) for s in results.series)
        frame["participant_id"] = ("None found" if ranged else
                                   "No analyte has a reference range, so no value could be flagged")
        frame["_group"] = ""
    else:
        frame = data.copy()
        frame["visit"] = [table_visit_label(config, v) for v in frame["visit"]]
        frame["direction"] = frame["direction"].map(capitalise)
        frame["_group"] = [
            f"{capitalise(c)} — {lab} ({display_unit(u)})" if u else f"{capitalise(c)} — {lab}"
            for c, lab, u in zip(frame["compartment"], frame["label"], frame["unit"], strict=False)
        ]
        # values and reference range at their analyte's recorded precision (format.value_decimals), as the manuscript
        # shows them ("40" among "36.9": reader 11a, item 7; "2.4–7": reader 12a, item 8; "50.0", "5.20": 13a, item 2)
        per_series = value_decimals(results)
        decimals = [per_series.get((c, a), 2) for c, a in zip(frame["compartment"], frame["analyte"], strict=True)]
        frame["ref_low"] = [reference_range(lo, hi, d) for lo, hi, d in
                            zip(frame["ref_low"], frame["ref_high"], decimals, strict=True)]
    gt, meta = base_gt(frame, id=id, groupname_col=None if empty else "_group",
                       title="Laboratory values outside the reference range",
                       subtitle="Every analysed value below or above its reference range")
    gt = gt.cols_hide(columns=["compartment", "analyte", "label", "unit", "censoring", "ref_high"]
                      + (["_group"] if empty else []))
    if not empty:
        gt = fmt_numbers_by_row(gt, ["value"], decimals)
    gt = gt.sub_missing(missing_text="" if empty else MISSING)
    gt = gtext.cols_label(gt, participant_id="Participant", visit="Visit", value="Value", ref_low="Reference range",
                       direction="Direction", grade="CTCAE grade")
    if not empty:
        gt = gt.fmt_integer(columns="grade")
    if empty or frame["grade"].isna().all():
        gt = gt.cols_hide(columns="grade")
    gt = gt.cols_align(align="right", columns=["value", "ref_low"])
    gt = gt.cols_align(align="left", columns=["participant_id", "visit", "direction"])
    gt = fill_width(gt, id)  # a listing uses the page's width (issue 11: it used half)
    if not empty:
        censored = frame["censoring"].fillna("observed").to_numpy()
        for kind, text in (("below", "Reported below the limit of detection; the value shown is the one "
                                     f"analysed ({_rule_words(results)})."),
                           ("above", "Reported above the upper limit of quantification; the limit is shown.")):
            rows = rows_where(censored == kind)
            if rows:
                gt, meta = add_footnote(gt, meta, text, loc.body(columns="value", rows=rows))
        people = frame["participant_id"].nunique()
        # a label first: a note starting "106 values of 15 participants" started a sentence with a numeral (session 25)
        gt, meta = add_note(gt, meta, f"Values listed: {len(frame)} ({people} participant{'' if people == 1 else 's'}), "
                                      "grouped by compartment and analyte (unit).")
        if frame["grade"].notna().any():
            gt, meta = add_note(gt, meta, f"CTCAE grade: v{results.dsmb.ctcae_version} grade of the value; 0 below grade "
                                          f"1{_abnormal_baseline(results)}; {MISSING} where the analyte has no CTCAE "
                                          "criterion in that direction.")
    return finish(gt, meta, results)


def _abnormal_baseline(results: Results) -> str:
    """`` (after baseline, a participant whose baseline was above the upper limit is graded against it: ALT and AST
    from 1.5 × baseline)``, for the criteria the study graded; ``""`` when none grades against a baseline."""
    rule = baseline_grade1(graded_terms(results))
    return (f" (after baseline, a participant whose baseline was above the upper limit is graded against it: {rule})"
            if rule else "")


def _rule_words(results: Results) -> str:
    return "below-LOD values " + below_lod_rule(results.config.analysis.below_lod)
