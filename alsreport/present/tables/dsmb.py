"""DSMB tables: enrolment against target, protocol deviations, data completeness, laboratory values by
visit with CTCAE grades, and CTCAE grade shifts. Everything comes from ``results.dsmb``; nothing is
counted here."""

from __future__ import annotations

import re

import pandas as pd
from great_tables import GT

from alsreport.present.population import enrolled_word
from alsreport.present.tables.biomarkers import series_label, series_order
from alsreport.present.format import MISSING, RANGE_DASH, decimals, display_unit, format_date, table_visit_label
from alsreport.present.tables.ctcae_baseline import baseline_grade1, graded_terms
from alsreport.present.tables.table import Table, TableText
from alsreport.present.tables.deviation_words import (after_discontinuation_note, deviation_counts, detail_words,
                                                       where_words)
from alsreport.present.tables.style import (
    abbreviations_note,
    add_note,
    base_gt,
    capitalise,
    fill_width,
    finish,
    fmt_numbers_by_row,
)
from alsreport.results.deviation_table import DeviationTable
from alsreport.results.model import Results
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)

__all__ = ["enrolment_data", "enrolment_table", "deviation_data", "deviation_listing", "completeness_data",
           "completeness_table", "lab_grade_data", "lab_grade_table", "grade_shift_data", "grade_shift_table"]


def _none(results: Results, gt: GT, meta: TableText, text: str) -> Table:
    return finish(*add_note(gt, meta, text), results)


def _labels(results: Results) -> dict[tuple[str, str], str]:
    return {(s.compartment, s.analyte): series_label(results, s) for s in results.series}


# Enrolment ---------------------------------------------------------------------

def enrolment_data(results: Results) -> pd.DataFrame:
    e = results.dsmb.enrolment
    rows = [{"month": m.month, "n": m.n, "cumulative": m.cumulative,
             "percent_of_target": m.cumulative / e.target * 100 if e.target else float("nan")} for m in e.by_month]
    return pd.DataFrame(rows, columns=["month", "n", "cumulative", "percent_of_target"])


def enrolment_table(results: Results, *, id: str = "alsreport-enrolment") -> Table:
    e = results.dsmb.enrolment
    frame = enrolment_data(results)
    target = f"target {e.target}" if e.target else "no target recorded"
    word = enrolled_word(results.config)   # a retrospective study includes people; it enrols nobody
    gt, meta = base_gt(frame if len(frame) else pd.DataFrame({"month": [f"No {'inclusion' if word == 'included' else 'enrolment'} dates recorded"], "n": [None],
                                                               "cumulative": [None], "percent_of_target": [None]}),
                       id=id, title=f"{'Inclusion' if word == 'included' else 'Enrolment'} over time",
                       subtitle=f"{e.n_enrolled} {word} ({target})")
    gt = gt.fmt_integer(columns=["n", "cumulative"]).fmt_number(columns="percent_of_target", decimals=1)
    gt = gt.sub_missing(missing_text="" if not len(frame) else MISSING)
    gt = gtext.cols_label(gt, month="Month", n=word.capitalize(), cumulative="Cumulative", percent_of_target="% of target")
    gt = gt.cols_align(align="right", columns=["n", "cumulative", "percent_of_target"])
    if not e.target:
        gt = gt.cols_hide(columns="percent_of_target")
    if e.first_date:
        # dates in words, as the text gives them (session 35 DSMB reader: "2023-11-01" here, "1 November 2023" there)
        gt, meta = add_note(gt, meta, f"First enrolment {format_date(e.first_date)}, last {format_date(e.last_date)}; "
                                      "month of the enrolment date "
                                      "(or of consent when no enrolment date is given).")
    return finish(gt, meta, results)


# Deviations --------------------------------------------------------------------

DEVIATION_COLUMNS = ["participant_id", "kind", "where", "detail", "source", "routes", "compartment", "visit_infusion",
                     "visit_routes", "visit_sampled"]
#: The deviations' data columns the Detail cell words (never shown as columns of their own).
_WORDED = ["routes", "compartment", "visit_infusion", "visit_routes", "visit_sampled"]
_SOURCES = {"data": "Data", "site": "Site report"}


def deviation_data(results: Results) -> pd.DataFrame:
    if isinstance(results.dsmb.deviations, DeviationTable):  # columns, no object per deviation
        return results.dsmb.deviations.frame()[DEVIATION_COLUMNS]
    return pd.DataFrame([{"participant_id": d.participant_id, "kind": d.kind, "where": d.where, "detail": d.detail,
                          "source": d.source, "routes": d.routes, "compartment": d.compartment,
                          "visit_infusion": d.visit_infusion, "visit_routes": d.visit_routes,
                          "visit_sampled": d.visit_sampled}
                         for d in results.dsmb.deviations], columns=DEVIATION_COLUMNS)


def deviation_listing(results: Results, *, id: str = "alsreport-deviations") -> Table:
    data = deviation_data(results)
    frame = data.copy()
    if not len(frame):
        frame = pd.DataFrame({c: [""] for c in DEVIATION_COLUMNS}).assign(participant_id="None found")
    else:
        # sentence case, as the table's other cells (session 31 DSMB reader: "no blood sample recorded; …")
        frame["detail"] = detail_words(frame["kind"], frame["detail"], frame["routes"], frame["compartment"],
                                       frame["visit_infusion"], frame["visit_routes"], frame["visit_sampled"]
                                       ).map(capitalise)
        frame["kind"] = frame["kind"].map(capitalise)
        frame["source"] = frame["source"].map(_SOURCES)
        # visit labels, not codes
        frame["where"] = where_words(results.config, frame["where"], len(results.flow.infusions))
    site = (data["source"] == "site").any()
    title = "Protocol deviations derived from the data" + (" and reported by the site" if site else "")
    gt, meta = base_gt(frame, id=id, title=title, subtitle=deviation_counts(data["kind"]))
    gt = gtext.cols_label(gt, participant_id="Participant", kind="Deviation", where="Infusion, visit or date",
                          detail="Detail", source="Source")
    gt = gt.cols_hide(columns=_WORDED if site else ["source", *_WORDED])
    if not len(data):   # one line, "None found", as an empty listing's "None reported": no headers of empty columns
        # spread over the width above it (session 36 DSMB reader, the IV-only study's Table 2)
        gt = gt.cols_hide(columns=["kind", "where", "detail"]).tab_options(column_labels_hidden=True)
    gt = fill_width(gt, id)
    gt = gt.opt_css(f'#{id} td[headers~="{id}-detail"] {{ white-space: normal; }}')
    gt, meta = add_note(gt, meta, "Missed dose: an infusion given by no route; partial dose: some planned routes not given; "
                                  "missing sample: no value of any analyte of a compartment at a visit (one per participant, "
                                  "compartment and visit); out-of-window visit: samples "
                                  "more than 14 days from the scheduled day (when sample dates are given)."
                                  + after_discontinuation_note(results))
    if site:
        gt, meta = add_note(gt, meta, "Source: Data, derived by alsreport from the study data; Site report, listed in "
                                      "deviations.csv by the site.")
    return finish(gt, meta, results)


# Completeness ------------------------------------------------------------------

def completeness_data(results: Results) -> pd.DataFrame:
    rows = [{"visit": c.visit, "n_participants": c.n_participants, "n_available": c.n_available,
             "n_expected": c.n_expected, "percent": c.n_available / c.n_expected * 100 if c.n_expected else
             float("nan")} for c in results.dsmb.completeness]
    return pd.DataFrame(rows, columns=["visit", "n_participants", "n_available", "n_expected", "percent"])


def completeness_table(results: Results, *, id: str = "alsreport-completeness") -> Table:
    frame = completeness_data(results)
    frame["visit"] = [table_visit_label(results.config, v) for v in frame["visit"]]
    gt, meta = base_gt(frame, id=id, title="Data completeness", subtitle="Laboratory and biomarker values by visit")
    gt = gt.fmt_integer(columns=["n_participants", "n_available", "n_expected"]).fmt_number(columns="percent",
                                                                                            decimals=1)
    gt = gtext.cols_label(gt, visit="Visit", n_participants="Participants with data", n_available="Analyte values",
                       n_expected="Expected", percent="% complete")
    gt = gt.cols_align(align="right", columns=["n_participants", "n_available", "n_expected", "percent"])
    gt, meta = add_note(gt, meta, "Expected: every analyte × compartment for each participant still on study at the visit "
                                  "(discontinued or deceased participants are not expected after their last visit).")
    return finish(gt, meta, results)


# Laboratory values with CTCAE grades ---------------------------------------------

def lab_grade_data(results: Results) -> pd.DataFrame:
    labels = _labels(results)
    rows = [{"compartment": c.compartment, "analyte": c.analyte, "label": labels.get((c.compartment, c.analyte),
                                                                                       c.analyte),
             "ctcae_term": c.ctcae_term, "unit": c.unit, "visit": c.visit, "n": c.n, "median": c.median,
             "minimum": c.minimum, "maximum": c.maximum,
             **{f"grade{g}": c.by_grade[g] for g in range(5)}} for c in results.dsmb.grade_counts]
    order = series_order(results)   # the manuscript's order (a stable sort keeps each analyte's terms and visits)
    rows.sort(key=lambda r: order.get((r["compartment"], r["analyte"]), len(order)))
    return pd.DataFrame(rows, columns=["compartment", "analyte", "label", "ctcae_term", "unit", "visit", "n",
                                       "median", "minimum", "maximum", *[f"grade{g}" for g in range(5)]])


def grade0_note(results: Results) -> str:
    """Grade 0 is not "within limits": where CTCAE v5 grades later values against an abnormal baseline, a value above
    the upper limit can be grade 0 (reader 10a: "Within limits 15" beside values above the upper limit); the criteria
    named are those the study graded."""
    rule = baseline_grade1(graded_terms(results))
    if not rule:
        return "Grade 0: below CTCAE grade 1."
    return ("Grade 0: below CTCAE grade 1. After baseline, this includes values above the upper limit in participants "
            "whose baseline was already above it, for the criteria that CTCAE grades against an abnormal baseline "
            f"(grade 1: {rule}).")


def _grade_abbreviations(results: Results) -> str | None:
    """``ALP, alkaline phosphatase; ALT, …; CTCAE, Common Terminology …``: the abbreviations of the grade notes, spelt
    out, as every table spells out its own (session 27 readers: Table S4 of the manuscript named ALT, AST and ALP,
    which its list of abbreviations does not hold)."""
    rule = baseline_grade1(graded_terms(results))
    return abbreviations_note(["CTCAE", *re.findall(r"\b[A-Z]{2,}\b", rule)])


def lab_grade_table(results: Results, *, id: str = "alsreport-lab-grades") -> Table:
    frame = lab_grade_data(results)
    version = results.dsmb.ctcae_version
    if not len(frame):
        gt, meta = base_gt(pd.DataFrame({"visit": ["No analyte with CTCAE criteria"]}), id=id,
                           title="Laboratory values by visit with CTCAE grades")
        gt = gt.tab_options(column_labels_hidden=True)  # one sentence, no lower-case header over it
        return _none(results, gt, meta, "Graded analytes: ALT, AST, ALP, GGT, bilirubin, creatine kinase, creatinine, "
                                  "neutrophils, lymphocytes, platelets, white cells, haemoglobin, albumin.")
    frame["_group"] = [f"{lab} ({display_unit(u)}) — {t}" if u else f"{lab} — {t}"
                       for lab, u, t in zip(frame["label"], frame["unit"], frame["ctcae_term"], strict=True)]
    frame["visit"] = [table_visit_label(results.config, v) for v in frame["visit"]]
    gt, meta = base_gt(frame, id=id, rowname_col="visit", groupname_col="_group",
                       title="Laboratory values by visit with CTCAE grades",
                       subtitle=f"Participants by CTCAE v{version} grade at each visit")
    # each analyte's decimals, as in the manuscript's tables: the median as a summary (format.Decimals.summary: "82.5"
    # here was "82" there, reader 11a, item 7), the range's ends as the individual values they are, at the recorded
    # precision (format.Decimals.values: "5.60–9.30" for values recorded as 5.6 and 9.3, reader 13a, item 2)
    keys = list(zip(frame["compartment"], frame["analyte"], strict=True))
    rules = decimals(results)
    summary, recorded = rules.summary, rules.values
    gt = fmt_numbers_by_row(gt, ["median"], [summary.get(k, 2) for k in keys])
    gt = fmt_numbers_by_row(gt, ["minimum", "maximum"], [recorded.get(k, 2) for k in keys])
    gt = gt.cols_merge(columns=["minimum", "maximum"], pattern="{0}" + RANGE_DASH + "{1}")
    gt = gt.fmt_integer(columns=["n", *[f"grade{g}" for g in range(5)]])
    gt = gt.cols_hide(columns=["compartment", "analyte", "label", "ctcae_term", "unit"])
    gt = gtext.cols_label(gt, n="n", median="Median", minimum="Range", grade0="Grade 0",
                       **{f"grade{g}": f"Grade {g}" for g in range(1, 5)})
    gt = gtext.tab_spanner(gt, "Participants by grade", columns=[f"grade{g}" for g in range(5)], id="grades")
    gt = gtext.tab_stubhead(gt, "Visit")   # a header over the visits, as the other tables' (session 31 DSMB reader)
    gt = gt.cols_align(align="right", columns=["n", "median", "minimum", *[f"grade{g}" for g in range(5)]])
    gt, meta = add_note(gt, meta, f"Grades from CTCAE v{version} laboratory criteria, using each value's reference range "
                                  "(multiples of the upper limit, or absolute thresholds below the lower limit) and, where "
                                  "CTCAE says so, the participant's baseline.")
    gt, meta = add_note(gt, meta, grade0_note(results))
    # the two decimals rules, said (session 27 reader: "27.0" beside "11–50" read as a slip)
    gt, meta = add_note(gt, meta, "Medians to about three significant digits (at most one decimal more than the values "
                                  "as recorded); ranges as recorded.")
    gt, meta = add_note(gt, meta, _grade_abbreviations(results))
    return finish(gt, meta, results)


def grade_shift_data(results: Results) -> pd.DataFrame:
    labels = _labels(results)
    frame = pd.DataFrame([{"compartment": s.compartment, "analyte": s.analyte, "ctcae_term": s.ctcae_term,
                           "baseline": s.baseline, "worst": s.worst, "n": s.n} for s in results.dsmb.grade_shifts],
                         columns=["compartment", "analyte", "ctcae_term", "baseline", "worst", "n"])
    order = series_order(results)   # the manuscript's order; the pivot keeps it (sort=False)
    frame = frame.iloc[sorted(range(len(frame)), key=lambda i: order.get((frame["compartment"].iat[i],
                                                                          frame["analyte"].iat[i]), len(order)))]
    if not len(frame):
        return pd.DataFrame(columns=["compartment", "analyte", "label", "ctcae_term", "baseline"])
    wide = frame.pivot_table(index=["compartment", "analyte", "ctcae_term", "baseline"], columns="worst",
                             values="n", aggfunc="sum", sort=False).reset_index()
    wide.columns = [c if isinstance(c, str) else f"worst{c}" for c in wide.columns]
    cols = [f"worst{g}" for g in range(-1, 5)]
    keep = wide[cols].sum(axis=1) > 0
    wide = wide[keep].reset_index(drop=True)
    wide.insert(2, "label", [labels.get((c, a), a) for c, a in zip(wide["compartment"], wide["analyte"],
                                                                   strict=True)])
    return wide


def grade_shift_table(results: Results, *, id: str = "alsreport-grade-shifts") -> Table:
    frame = grade_shift_data(results)
    if not len(frame):
        gt, meta = base_gt(pd.DataFrame({"baseline": ["No analyte with CTCAE criteria"]}), id=id,
                           title="CTCAE grade shifts from baseline")
        gt = gt.tab_options(column_labels_hidden=True)  # one sentence, no lower-case header over it
        return finish(gt, meta, results)
    frame["_group"] = [f"{lab} — {t}" for lab, t in zip(frame["label"], frame["ctcae_term"], strict=True)]
    frame["_row"] = ["No value" if b < 0 else f"Grade {b}"
                     for b in frame["baseline"]]
    worst = [f"worst{g}" for g in range(-1, 5)]
    gt, meta = base_gt(frame, id=id, rowname_col="_row", groupname_col="_group", title="CTCAE grade shifts from baseline",
                       subtitle="Participants by baseline grade (rows) and worst post-baseline grade (columns)")
    gt = gt.fmt_integer(columns=worst)
    gt = gt.cols_hide(columns=["compartment", "analyte", "label", "ctcae_term", "baseline"])
    gt = gtext.cols_label(gt, **{"worst-1": "No value", "worst0": "Grade 0"},
                       **{f"worst{g}": f"Grade {g}" for g in range(1, 5)})
    gt = gtext.tab_spanner(gt, "Worst post-baseline grade", columns=worst, id="worst")
    gt = gt.cols_align(align="right", columns=worst)
    gt = gtext.tab_stubhead(gt, "Baseline grade")
    # The manuscript prints this table too: no pointer to the safety report's low/normal/high table (reader 11a).
    gt, meta = add_note(gt, meta, f"Every {enrolled_word(results.config)} participant is counted once per analyte; CTCAE v{results.dsmb.ctcae_version}. "
                                  "Only analytes with CTCAE grading criteria are shown.")
    gt, meta = add_note(gt, meta, grade0_note(results))
    gt, meta = add_note(gt, meta, _grade_abbreviations(results))
    return finish(gt, meta, results)
