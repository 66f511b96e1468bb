"""The numbers of the manuscript's supplementary tables, decided in one place (the text, the captions and the
CONSORT checklist's caption all take them from here). It imports no table: the prose asks it too.

Table S1 (the Wilcoxon change at every visit) and Table S2, the paired t-test at every visit (when the results
hold paired t-tests), when there is more than one later visit (with one they repeat Tables 2, 3 and the
sensitivity table: outside tester, session 33); then the log-scale ratios when ``analysis.sensitivity`` chose them; then the listing
of adverse events when there are any (:func:`listing_scope`: every event, or the serious ones of a long listing);
then the CTCAE grade shifts of the laboratory values when an analyte has CTCAE criteria (the laboratory harms,
reader 11a item 3);
the CONSORT checklist is the last supplementary table.

:func:`supplement_refs` gives the text's references to them as links (``[Table S2](#tbl-table-s2)``), as Quarto
links "Table 4" to its float (reader 9: "Table S2" and "Supplementary Table S1" were not links), and
:func:`supplement_anchor` the id the linked caption carries.
"""

from __future__ import annotations

from typing import Literal

from alsreport.present.listing_limit import listing_max_rows
from alsreport.results.model import Results

__all__ = ["supplement_numbers", "supplement_refs", "supplement_anchor", "CHECKLIST", "CHECKLIST_ID", "EVENTS",
           "DATA_S1", "DATA_S1_DICTIONARY_FILE", "DATA_S1_FILE", "DATA_S1_INNER", "LAB_GRADE_SHIFTS", "ListingScope", "has_ttest_rows", "has_ttest_every_visit", "has_every_visit_tables", "has_ratio_rows",
           "has_grade_shifts", "listing_scope"]

#: The key of the CTCAE grade shift table (the safety report's, shown again as a supplementary table).
LAB_GRADE_SHIFTS = "lab_grade_shifts"

#: The supplementary data file a journal reader gets: every comparison with its unadjusted, Holm- and
#: Benjamini–Hochberg-adjusted p (``comparisons.csv`` of ``alsreport analyze``); the tables' notes, the Methods,
#: the supplement's opening and the data availability statement name it so (reader 11a item 9).
#: The file of Supplementary Data S1: ``alsreport render`` writes it beside the manuscript, as ``analyze`` does.
DATA_S1_FILE = "comparisons.csv"
#: Its data dictionary, beside it (:mod:`alsreport.results.data_dictionary`: reader 12b item 12).
DATA_S1_DICTIONARY_FILE = "comparisons-columns.csv"
DATA_S1 = f"Supplementary Data S1 ({DATA_S1_FILE})"
#: The same inside brackets (no brackets nested in the text).
DATA_S1_INNER = f"Supplementary Data S1, {DATA_S1_FILE}"

#: The key of the CONSORT checklist in :func:`supplement_numbers` (it is not a table of the registry).
CHECKLIST = "consort_checklist"
#: The key of the supplementary listing of adverse events (the registry's, present.tables.supplementary_events).
EVENTS = "supplementary_events"

ListingScope = Literal["all", "serious", "serious_summary"]

#: The id of the manuscript's block holding the checklist and its caption (report/manuscript.qmd).
CHECKLIST_ID = "consort-checklist"


def has_every_visit_tables(results: Results) -> bool:
    """There is more than one later visit, so the tables of every later visit (Table S1, the t-test's S2) add to
    the main tables, which give the final visit only."""
    return len(results.config.contrasts) > 1


def has_ttest_rows(results: Results) -> bool:
    """The results hold paired t-tests (Table S2 is left out otherwise)."""
    return any(c.test == "paired_t" for c in results.comparisons)


def has_ttest_every_visit(results: Results) -> bool:
    """Table S2, the paired t-test at every later visit, applies."""
    return has_every_visit_tables(results) and has_ttest_rows(results)


def has_ratio_rows(results: Results) -> bool:
    """The results hold log-scale sensitivity rows (``analysis.sensitivity``)."""
    return any(c.test in ("paired_t_log", "mixed_model") for c in results.comparisons)


def listing_scope(results: Results) -> ListingScope:
    """What the supplementary listing of adverse events holds: ``all`` events; past ``safety.listing_max_rows``
    events the ``serious`` ones only; past that many serious events, the serious ones counted by system organ class
    (``serious_summary``), as the safety report summarises its long listings."""
    limit = listing_max_rows(results)
    if len(results.safety.events) <= limit:
        return "all"
    return "serious" if len(results.safety.serious_events) <= limit else "serious_summary"


def has_grade_shifts(results: Results) -> bool:
    """The results grade laboratory values by CTCAE criteria (an analyte has them)."""
    return bool(results.dsmb is not None and results.dsmb.grade_shifts)


def supplement_numbers(results: Results) -> dict[str, str]:
    """``{"supplementary_s1": "Table S1", "supplementary_ttest": "Table S2", ..., "consort_checklist": "Table
    S3"}``: the registry keys of the supplementary tables that apply, in order, and the checklist last."""
    keys = ["supplementary_s1"] if has_every_visit_tables(results) else []
    if has_ttest_every_visit(results):
        keys.append("supplementary_ttest")
    if has_ratio_rows(results):
        keys.append("supplementary_s2_ratios")   # key kept for the exports' file names; numbered here
    if results.safety.events:
        keys.append(EVENTS)
    if has_grade_shifts(results):
        keys.append(LAB_GRADE_SHIFTS)
    keys.append(CHECKLIST)
    return {k: f"Table S{i}" for i, k in enumerate(keys, start=1)}


def supplement_anchor(number: str) -> str:
    """``Table S2`` -> ``tbl-table-s2``: the id of a supplementary table's caption (documents.context)."""
    return "tbl-" + number.lower().replace(" ", "-")


def supplement_refs(results: Results) -> dict[str, str]:
    """:func:`supplement_numbers` as markdown links to the tables (``[Table S2](#tbl-table-s2){.quarto-xref}``: the
    class of Quarto's own cross-references, so they look alike on screen and in print), the checklist's to its block."""
    return {k: f"[{n}](#{CHECKLIST_ID if k == CHECKLIST else supplement_anchor(n)}){{.quarto-xref}}"
            for k, n in supplement_numbers(results).items()}
