"""Harms tables: the adverse-event overview and events by system organ class and term.

Counts come from ``results.safety`` as counted there (participants once per row, at
their worst grade and strongest relatedness); nothing is recounted here. Zeros are
shown one way everywhere: ``0`` (no percentage). Proportions carry their exact
95% interval (Clopper–Pearson, as R's ``binom.test``) in percent, so that "no serious
event in 15 participants" still states an upper bound.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from great_tables import GT, loc, style

from alsreport.present.format import MISSING, N_PERCENT, RANGE_DASH, big_n, conf_label, count, format_date, unbroken_label
from alsreport.present.population import enrolled_word, infusion_label
from alsreport.present.prose.lookups import overview_since_last
from alsreport.present.prose.words import join_words
from alsreport.present.tables.harms_discontinuation import (DEFINITION, discontinuation_known, discontinuation_note,
                                                            known_rows_note, unknown_rows)
from alsreport.present.tables.table import Table
from alsreport.present.tables.style import (
    add_footnote,
    add_note,
    base_gt,
    capitalise,
    finish,
    rows_where,
)
from alsreport.results.model import EventCount, Results
from alsreport.present import escape as gtext  # the one way table text is escaped (docs/security.md)

__all__ = ["OVERVIEW_LABELS", "FLAG_LABELS", "adverse_event_overview_data", "adverse_event_overview_table",
           "adverse_event_data", "adverse_event_table", "fmt_counts", "count_record", "LISTING_WHERE", "listing_note"]

#: Where the adverse-event table's note sends the reader for every single event, by default the safety report's
#: listing; each document replaces the sentence: the safety report with its own table number (reader 7's item 6),
#: the manuscript with its supplementary listing (present.prose.safety.supplement_listing_note, reader 11b's item 2).
LISTING_WHERE = "in the safety report"


def listing_note(where: str = LISTING_WHERE) -> str:
    """``Every event is listed individually in the listing of all adverse events in the safety report.``"""
    return f"Every event is listed individually in the listing of all adverse events {where}."

#: Row labels of the overview categories of :class:`~alsreport.results.model.SafetySummary`.
OVERVIEW_LABELS = {
    "any": "Any adverse event",
    "serious": "Serious adverse event",
    "related": "Related adverse event",
    "serious related": "Serious and related adverse event",
    "grade>=3": "Adverse event of grade ≥3",
    "discontinuation": "Adverse event ending treatment or study participation",
    "death": "Fatal adverse event (death)",
}
FLAG_LABELS = {"serious": "Serious", "related": "Related", "discontinuation": "Discontinued",
               "death": "Fatal"}

COUNT_COLUMNS = ("n_participants", "percent", "ci_low", "ci_high", "n_events", "denominator")


def count_record(e: EventCount | None, prefix: str = "") -> dict[str, object]:
    """Participants, percent, CI (percent), events and denominator of one count (NaN/None when absent)."""
    ci_low = e.ci.low * 100 if e is not None and e.ci is not None else np.nan
    ci_high = e.ci.high * 100 if e is not None and e.ci is not None else np.nan
    return {f"n_participants{prefix}": e.n_participants if e else None, f"percent{prefix}": e.percent if e else np.nan,
            f"ci_low{prefix}": ci_low, f"ci_high{prefix}": ci_high, f"n_events{prefix}": e.n_events if e else None,
            f"denominator{prefix}": e.denominator if e else None}


def fmt_counts(gt: GT, frame: pd.DataFrame, n_col: str, pct_col: str) -> GT:
    """``n (%)`` from two numeric columns; ``0`` alone (zeros one way everywhere)."""
    gt = gt.fmt_integer(columns=n_col).fmt_number(columns=pct_col, decimals=1)
    n = frame[n_col].to_numpy(dtype=float, na_value=np.nan)
    p = frame[pct_col].to_numpy(dtype=float, na_value=np.nan)
    rows = rows_where(np.isfinite(n) & (n > 0) & np.isfinite(p))
    if rows:
        gt = gt.cols_merge(columns=[n_col, pct_col], rows=rows, pattern=N_PERCENT, hide_columns=False)
    return gt.cols_hide(columns=pct_col)


def fmt_ci(gt: GT, frame: pd.DataFrame, low: str, high: str) -> GT:
    """``low–high`` (percent, one decimal) where the interval exists, the missing mark elsewhere."""
    gt = gt.fmt_number(columns=[low, high], decimals=1).sub_missing(columns=[low, high], missing_text=MISSING)
    rows = rows_where(frame[low].notna() & frame[high].notna())
    if rows:
        gt = gt.cols_merge(columns=[low, high], rows=rows, pattern="{0}" + RANGE_DASH + "{1}", hide_columns=False)
    return gt.cols_hide(columns=high)


def _ci_note(results: Results) -> str:
    return (f"{conf_label(results.safety.conf_level)}: exact (Clopper–Pearson) confidence interval of the percentage, as R's binom.test; where no "
            "participant had the event, its upper limit is the largest percentage the data do not rule out.")


def _infusion_label(results: Results, level: str) -> str:
    visits = {i.infusion_no: i.visit for i in results.exposure.by_infusion}
    try:
        k = int(level)
    except ValueError:
        return capitalise(level) + (" to an infusion" if level == "not linked" else "")
    v = visits.get(k)
    name = infusion_label(k, len(visits))   # "Infusion (Month 0)" of a one-infusion schedule
    return unbroken_label(f"{name} ({results.config.visit_label(v)})" if v else name)


# Overview -------------------------------------------------------------------

_SECTIONS = {"overview": "Participants with", "grade": "By worst grade", "relatedness": "By strongest relatedness",
             "attribution": "By attribution", "infusion": "By infusion"}


def adverse_event_overview_data(results: Results, *, since: bool = True) -> pd.DataFrame:
    """Overview rows, then by worst grade, strongest relatedness, attribution and infusion (``section``); with
    ``since`` (the safety report's), the counts since the previous report beside the overview rows, where known."""
    s = results.safety
    rows: list[dict[str, object]] = []
    for section, items in (("overview", s.overview), ("grade", s.by_grade), ("relatedness", s.by_relatedness),
                           ("attribution", s.by_attribution), ("infusion", s.by_infusion)):
        for e in items:
            rows.append({"section": section, "category": e.category, "level": e.level, **count_record(e)})
    frame = pd.DataFrame(rows, columns=["section", "category", "level", *COUNT_COLUMNS])
    later = overview_since_last(results) if since else {}   # the sentences that name these columns ask the same
    if later:
        extra = [count_record(later.get(c) if sec == "overview" else None, "_since")
                 for sec, c in zip(frame["section"], frame["category"], strict=True)]
        frame = pd.concat([frame, pd.DataFrame(extra, index=frame.index)], axis=1)
    return frame


def _overview_label(results: Results, section: str, category: str, level: str) -> str:
    if section == "overview":
        return OVERVIEW_LABELS.get(category, capitalise(category))
    if section == "grade":
        return f"Grade {level}"
    if section == "infusion":
        return _infusion_label(results, level)
    if section == "attribution" and level.startswith("procedure: "):
        return "Procedure: " + level.removeprefix("procedure: ")
    return capitalise(level)


def adverse_event_overview_table(results: Results, *, id: str = "alsreport-ae-overview", since: bool = True) -> Table:
    """The overview table; ``since``: :func:`adverse_event_overview_data`'s."""
    frame = adverse_event_overview_data(results, since=since)
    s = results.safety
    unknown = rows_where((frame["category"] == "discontinuation") & (not discontinuation_known(results)))
    frame["_group"] = [_SECTIONS[x] for x in frame["section"]]
    frame["_row"] = [_overview_label(results, *t)
                     for t in zip(frame["section"], frame["category"], frame["level"], strict=True)]
    n = s.n_enrolled
    gt, meta = base_gt(frame, id=id, rowname_col="_row", groupname_col="_group", title="Adverse events: overview",
                       subtitle=f"{enrolled_word(results.config, capital=True)} participants {big_n(n)}")
    gt = fmt_counts(gt, frame, "n_participants", "percent")
    gt = fmt_ci(gt, frame, "ci_low", "ci_high")
    gt = gt.fmt_integer(columns="n_events")
    since = "n_participants_since" in frame.columns
    if since:
        gt = fmt_counts(gt, frame, "n_participants_since", "percent_since")
        gt = gt.fmt_integer(columns="n_events_since").sub_missing(
            columns=["n_participants_since", "n_events_since"], missing_text="")
        gt = gt.cols_hide(columns=["ci_low_since", "ci_high_since", "denominator_since"])
        gt = gtext.cols_label(gt, n_participants_since="Participants, n (%)", n_events_since="Events, n")
        gt = gt.cols_align(align="right", columns=["n_participants_since", "n_events_since"])
        gt = gtext.tab_spanner(gt, "Cumulative", columns=["n_participants", "ci_low", "n_events"], id="cumulative")
        prev = results.config.safety.previous_report_cutoff
        gt = gtext.tab_spanner(gt, f"Since the last report (onset after {format_date(prev)})",
                            columns=["n_participants_since", "n_events_since"], id="since")
    if unknown:
        gt = gt.text_transform(locations=loc.body(columns=["n_participants", "ci_low", "n_events"], rows=unknown),
                               fn=lambda _: "Not recorded")
    gt = gt.cols_hide(columns=["section", "category", "level", "denominator"])
    level = round(s.conf_level * 100)
    gt = gtext.cols_label(gt, n_participants="Participants, n (%)", ci_low=f"{level}% CI (%)", n_events="Events, n")
    gt = gt.cols_align(align="right", columns=["n_participants", "ci_low", "n_events"])
    gt = gt.tab_stub_indent(rows=list(range(len(frame))), indent=1)
    # the two columns' counting bases said outright (issue #10, session 25 reader: "Possible 5 (33.3) ... 6 events")
    gt, meta = add_note(gt, meta, "Participants, n (%): participants with at least one such event (% of "
                                  f"{count(n)} {enrolled_word(results.config)}). By worst grade and by strongest relatedness, each "
                                  "participant is counted once, in the row of their worst grade or their most strongly "
                                  "related event, so these rows add up to the participants with any adverse event; Events, "
                                  "n counts every event of that grade or relatedness, including the other events of "
                                  "participants counted in another row, so these rows add up to all events. Related: "
                                  f"relatedness possible, probable or definite. Ending treatment or study participation: {DEFINITION}.")
    gt, meta = add_note(gt, meta, _ci_note(results))
    if discontinuation_note(results):
        gt, meta = add_note(gt, meta, discontinuation_note(results))
    if since and rows_where(frame["section"] != "overview"):
        # blank cells said for what they are (session 33 DSMB reader: 0, or not computed?)
        blocks = join_words([_SECTIONS[x].lower() for x in dict.fromkeys(frame["section"]) if x != "overview"])
        gt, meta = add_note(gt, meta, f"Since the last report: given for the rows under \"{_SECTIONS['overview']}\" "
                                      f"only; the rows {blocks} are cumulative only.")
    if rows_where(frame["section"] == "attribution"):
        gt, meta = add_note(gt, meta, "By attribution: a participant with events of several attributions is counted in each.")
    if rows_where(frame["section"] == "infusion"):
        gt, meta = add_footnote(gt, meta, "By infusion: % of the participants who received that infusion; events not linked "
                                          f"to an infusion: % of the {enrolled_word(results.config)} participants.",
                                loc.row_groups(rows=[_SECTIONS["infusion"]]))
    return finish(gt, meta, results)


# By SOC and term ------------------------------------------------------------

_FLAGS = tuple(FLAG_LABELS)


def _grades(results: Results) -> list[int]:
    """Grades with at least one event (the table gets a column for each)."""
    return [int(e.grade) for e in results.safety.by_grade if e.grade is not None and e.n_events > 0]


def _row(row_type: str, soc: str | None, term: str | None, label: str, e: EventCount, grades: list[int],
         per_grade: dict[int, EventCount], flags: dict[str, EventCount]) -> dict[str, object]:
    r: dict[str, object] = {"row_type": row_type, "system_organ_class": soc, "term": term, "label": label,
                            **count_record(e)}
    for g in grades:
        x = per_grade.get(g)
        r[f"n_participants_grade{g}"] = x.n_participants if x else 0
        r[f"percent_grade{g}"] = x.percent if x else 0.0
    for f in _FLAGS:
        x = flags.get(f)
        r[f"n_participants_{f}"] = x.n_participants if x else 0
        r[f"percent_{f}"] = x.percent if x else 0.0
    return r


def adverse_event_data(results: Results) -> pd.DataFrame:
    """Rows: any adverse event, then each SOC followed by its terms. Per row: participants (with CI) and
    events; participants by worst grade within the row; participants with a serious, related, discontinuing
    and fatal event there."""
    s = results.safety
    grades = _grades(results)
    overview = {e.category: e for e in s.overview}
    rows: list[dict[str, object]] = []
    if "any" in overview and s.events:
        rows.append(_row("overall", None, None, OVERVIEW_LABELS["any"], overview["any"], grades,
                         {int(e.grade): e for e in s.by_grade if e.grade is not None},
                         {f: overview[f] for f in _FLAGS if f in overview}))
    soc_grade = {(e.level, e.grade): e for e in s.by_soc_grade}
    term_grade = {(e.system_organ_class, e.level, e.grade): e for e in s.by_term_grade}
    soc_flags = {(e.level, e.category): e for e in s.serious_related_by_soc}
    term_flags = {(e.system_organ_class, e.level, e.category): e for e in s.serious_related_by_term}
    for soc in s.by_soc:
        rows.append(_row("soc", soc.level, None, soc.level, soc, grades,
                         {g: soc_grade[(soc.level, g)] for g in grades if (soc.level, g) in soc_grade},
                         {f: soc_flags[(soc.level, f)] for f in _FLAGS if (soc.level, f) in soc_flags}))
        for t in s.by_term:
            if t.system_organ_class != soc.level:
                continue
            key = (soc.level, t.level)
            rows.append(_row("term", soc.level, t.level, t.level, t, grades,
                             {g: term_grade[(*key, g)] for g in grades if (*key, g) in term_grade},
                             {f: term_flags[(*key, f)] for f in _FLAGS if (*key, f) in term_flags}))
    cols = ["row_type", "system_organ_class", "term", "label", *COUNT_COLUMNS]
    cols += [f"{k}_grade{g}" for g in grades for k in ("n_participants", "percent")]
    cols += [f"{k}_{f}" for f in _FLAGS for k in ("n_participants", "percent")]
    frame = pd.DataFrame(rows, columns=cols)
    for c in cols:
        if c.startswith("n_") or c == "denominator":
            frame[c] = frame[c].astype("Int64")
    return frame


def adverse_event_table(results: Results, *, id: str = "alsreport-adverse-events") -> Table:
    frame = adverse_event_data(results)
    grades = _grades(results)
    s = results.safety
    n = s.n_enrolled
    gt, meta = base_gt(frame, id=id, rowname_col="label", title="Adverse events by system organ class, term and grade",
                       subtitle=f"{enrolled_word(results.config, capital=True)} participants {big_n(n)}")
    if len(frame) == 0:
        gt = gt.cols_hide(columns=[c for c in frame.columns if c != "label"])
        return finish(*add_note(gt, meta, "No adverse events were reported."), results)
    gt = fmt_counts(gt, frame, "n_participants", "percent")
    gt = fmt_ci(gt, frame, "ci_low", "ci_high")
    gt = gt.fmt_integer(columns="n_events")
    grade_cols = [f"n_participants_grade{g}" for g in grades]
    flag_cols = [f"n_participants_{f}" for f in _FLAGS]
    for c in grade_cols + flag_cols:
        gt = fmt_counts(gt, frame, c, c.replace("n_participants", "percent"))
    if not discontinuation_known(results):
        # not known (no action taken, no death): a column of zeros would read as "none led to discontinuation"
        # (issue #10), and a column left out hid what the overview says in words (session 35 DSMB reader #13: Table 4
        # "Not recorded", Table 5 without the column): "Not recorded" in both, in the rows where it is not known
        # (those with an event of a participant who left without a fatal one: unknown_rows)
        gt = gt.text_transform(locations=loc.body(columns="n_participants_discontinuation",
                                                  rows=rows_where(unknown_rows(results, frame))),
                               fn=lambda _: "Not recorded")
    shown = ["n_participants", "ci_low", "n_events", *grade_cols, *flag_cols]
    gt = gt.cols_hide(columns=[c for c in frame.columns if c not in ["label", *shown]])
    level = round(s.conf_level * 100)
    gt = gtext.cols_label(gt, n_participants="n (%)", ci_low=f"{level}% CI (%)", n_events="Events",
                       **{f"n_participants_grade{g}": f"Grade {g}" for g in grades},
                       **{f"n_participants_{f}": FLAG_LABELS[f] for f in _FLAGS})
    gt = gtext.tab_spanner(gt, "Participants, all grades", columns=["n_participants", "ci_low", "n_events"], id="all")
    if grades:
        gt = gtext.tab_spanner(gt, "By worst grade, n (%)", columns=grade_cols, id="grades")
    gt = gtext.tab_spanner(gt, "Participants with, n (%)", columns=flag_cols, id="flags")
    gt = gt.cols_align(align="right", columns=shown)
    # "preferred term" is MedDRA's: claimed only when study.yml names the MedDRA version the events were coded with
    # (session 26 six-visit reader: the header claimed a coding the report never declared)
    coded = results.config.safety.meddra_version
    gt = gtext.tab_stubhead(gt, "System organ class / preferred term" if coded else "System organ class / term")
    rt = frame["row_type"].to_numpy()
    bold = rows_where(rt != "term")
    if bold:
        gt = gt.tab_style(style=style.text(weight="bold"), locations=[loc.stub(rows=bold)])
    terms = rows_where(rt == "term")
    if terms:
        gt = gt.tab_stub_indent(rows=terms, indent=1)
        # a system organ class and its terms on one page where they fit, the table breaking before a class (session
        # 33 DSMB reader: "Respiratory failure", the fatal event, alone at the top of a page, its class and sibling
        # term on the page before); a term's row is the one whose stub is indented, as just above
        gt = gt.opt_css(f"#{id} tr:has(> th.gt_indent_1) {{ break-before: avoid; page-break-before: avoid; }}")
    led_to = f" Discontinued: the event ended the participant's treatment or study participation, that is, {DEFINITION}."
    gt, meta = add_note(gt, meta, f"Participants with at least one event in the row, n (% of {count(n)} {enrolled_word(results.config)}), each counted once "
                                  "per row and, in the grade columns, at their worst grade in that row, so the grade columns add up "
                                  f"to the row's participants. Related: relatedness possible, probable or definite.{led_to}")
    gt, meta = add_note(gt, meta, _ci_note(results))
    missing = [e.level for e in s.by_grade if e.n_events == 0]
    if missing:
        gt, meta = add_note(gt, meta, f"No events of grade {join_words(missing, 'or')} were reported.")
    if discontinuation_note(results):
        gt, meta = add_note(gt, meta, discontinuation_note(results))
    if known_rows_note(results):
        gt, meta = add_note(gt, meta, known_rows_note(results))
    gt, meta = add_note(gt, meta, listing_note())
    return finish(gt, meta, results)
