"""The CONSORT 2025 checklist of one study: an item the study files cannot answer says so (issue #10).

:data:`~alsreport.documents.checklist.CONSORT_2025` maps every item to the manuscript section that
answers it. Several of those sections print a statement from ``study.yml`` (``reporting:``) or, when
it is absent, a "To be added by the authors" placeholder. Pointing a reviewer at a placeholder as if
the item were reported is not honest, so :func:`study_checklist` marks such items ``authors`` ("not recorded
in the study files"; :data:`REPORTING_KEYS` names the key), the setting (item 11) ``authors`` when study.yml
names no ``site``, the registration (item 2) ``authors`` when it has no ``registration:``, the harms methods
(item 15) ``authors`` when ``safety:`` lacks any of grading, coding, collection, window or who judged relatedness, and the recruitment dates (item 23a) ``authors`` when the data hold no enrolment or consent
dates (worded for the design: inclusion dates of a retrospective study, no consent dates when consent was
waived; with them, the Results state the first and last). Item 22a's note says "included" or "enrolled" as the
manuscript does. The notes are printed in the document: they never name a file of the study folder.
"""

from __future__ import annotations

from dataclasses import replace

from alsreport.documents.checklist import CONSORT_2025, ChecklistItem
from alsreport.present.population import enrolled_word, no_dates
from alsreport.present.prose.methods_detail import harms_collection_missing
from alsreport.present.prose.words import join_words
from alsreport.present.supplement_numbers import EVENTS, LAB_GRADE_SHIFTS, supplement_refs
from alsreport.present.tables.registry import TABLES
from alsreport.results.model import Results
from alsreport.study.config import StudyConfig

__all__ = ["HARMS_ITEM", "NOT_RECORDED", "REPORTING_KEYS", "study_checklist"]

#: The note of an item whose statement study.yml does not hold, in the manuscript's words (the Methods' "To be
#: added by the authors"; readers 13b item 5: a submitted manuscript has no "study files").
NOT_RECORDED = "to be added by the authors"

#: Checklist item → the ``reporting:`` key of study.yml whose statement answers it.
REPORTING_KEYS = {
    "3": "protocol", "4": "data_availability", "5a": "funding", "5b": "conflicts",
    "8": "patient_involvement", "10": "protocol_changes", "12a": "eligibility", "12b": "delivery",
    "13": "manufacturing", "14": "outcome_measurement", "16a": "sample_size", "16b": "interim_analyses",
    "24b": "concomitant_care",
}
#: The CONSORT Harms item whose answer comes from ``safety:`` (grading, coding, collection, window, attribution).
HARMS_ITEM = "15"

#: Items whose section answers the rest from the data (dose, routes, schedule; metric, aggregation, time point) and
#: leaves one part to the authors: the note names that part, not the whole item (outside reader, session 24: item 14
#: read "to be added by the authors" although §2.5 defines the endpoints and their time points).
#: Item 14's note in a retrospective study.
RETROSPECTIVE_OUTCOMES = "defined after the data were collected (retrospective analysis)"
PART_MISSING = {"13": "the preparation of the cells", "14": "the assays and the handling of the samples"}


def _missing(config: StudyConfig, item: ChecklistItem) -> str | None:
    """The ``study.yml`` key the item needs and the study lacks, else None."""
    key = REPORTING_KEYS.get(item.item)
    if key is None or getattr(config.reporting, key, None):
        return None
    return f"reporting.{key}"


def _has_dates(results: Results) -> bool:
    """The data date the inclusion of participants (enrolment_date or consent_date)."""
    return bool(results.dsmb is not None and results.dsmb.enrolment.first_date)


#: The manuscript's biomarker tables, in order: table key → its float's label (report/manuscript.qmd).
_RESULTS_TABLES = (("table2_immunological", "tbl-immunological"), ("table3_biochemical", "tbl-biochemical"))


#: The manuscript's tables of harms, in order (report/manuscript.qmd): the overview, then by term and grade.
_HARMS_TABLES = (("adverse_events_overview", "tbl-ae-overview"), ("adverse_events", "tbl-ae"))


def _printed(results: Results, tables: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The labels of ``tables`` (registry key, float label) the study prints."""
    entries = {e.key: e for e in TABLES}
    return tuple(label for key, label in tables if entries[key].applies(results))


def _with_tables(item: ChecklistItem, floats: tuple[str, ...], *supplementary: str | None) -> ChecklistItem:
    """``item`` answered by ``floats`` (the first as its ``at``) and the supplementary tables' links given."""
    more = floats[1:] + tuple(link for link in supplementary if link)
    return replace(item, at=floats[0], also=more) if floats else item


def study_checklist(results: Results) -> tuple[ChecklistItem, ...]:
    """:data:`CONSORT_2025` with the items this study's files cannot answer marked ``authors``."""
    config = results.config
    refs = supplement_refs(results)
    out: list[ChecklistItem] = []
    for item in CONSORT_2025:
        key = _missing(config, item) if item.applicable else None
        if key is not None:
            part = PART_MISSING.get(item.item)
            item = replace(item, status="authors", note=f"{NOT_RECORDED}: {part}" if part else NOT_RECORDED)
        elif item.item == HARMS_ITEM and harms_collection_missing(config):
            item = replace(item, status="authors", note=f"{NOT_RECORDED}: {join_words(list(harms_collection_missing(config, short=True)))}")
        elif (item.item == "11" and not config.site) or (item.item == "2" and not config.registration):
            item = replace(item, status="authors", note=NOT_RECORDED)
        elif item.item == "26":
            # the estimates with their intervals are in the biomarker tables and, at every visit, Table S1, not in the
            # text alone (session 26 readers: "Section 3.3, p. 4" only; session 27: Table 2 only)
            item = _with_tables(item, _printed(results, _RESULTS_TABLES), refs.get("supplementary_s1"))
        elif item.item == "27":
            # the overview, the table by term and grade, the listing of every event and the laboratory harms' grade
            # shifts (session 27 readers)
            item = _with_tables(item, _printed(results, _HARMS_TABLES), refs.get(EVENTS), refs.get(LAB_GRADE_SHIFTS))
        elif item.item == "21d" and not config.retrospective and not config.reporting.additional_analyses:
            item = replace(item, status="authors", note=f"{NOT_RECORDED}: whether planned in advance or post hoc")
        elif item.item == "28" and (ttest := refs.get("supplementary_ttest")):
            item = replace(item, also=(ttest, *item.also))   # the t-test at every visit too (session 27 readers)
        elif item.item == "22a":
            item = replace(item, note=f"{enrolled_word(config)} instead of randomly assigned")
        elif item.item == "23a" and not _has_dates(results):
            item = replace(item, status="authors", note=f"to be added by the authors: {no_dates(config)}")
        if item.item == "14" and config.retrospective:
            # "prespecified outcomes" of a retrospective analysis: defined after the data were collected (session 35
            # reviewer: the item was mapped to §2.5 as if prespecified), besides what the authors are to add
            item = replace(item, note="; ".join(n for n in (RETROSPECTIVE_OUTCOMES, item.note) if n))
        out.append(item)
    return tuple(out)
