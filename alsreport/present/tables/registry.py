"""The registry of manuscript tables: stable keys → (table builder, tidy-data builder).

``build_tables(results)`` returns the :class:`~alsreport.present.tables.table.Table`
objects (a GT for Quarto and the embedded renderer, with its title, subtitle and
notes); ``build_table_data(results)`` the tidy frames each table is built from
(for CSV and XLSX: numbers stay numbers). Biomarker tables whose families have
no series in the results are left out (a table without rows says nothing). Table 2
shows the first family study.yml declares (``families:``), table 3 the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from alsreport.results.model import Results
from alsreport.study.config import StudyConfig
from alsreport.present.tables.baseline import baseline_data, baseline_table
from alsreport.present.tables.biomarkers import biomarker_data, biomarker_table
from alsreport.present.tables.dsmb import (
    completeness_data,
    completeness_table,
    deviation_data,
    deviation_listing,
    enrolment_data,
    enrolment_table,
    grade_shift_data,
    grade_shift_table,
    lab_grade_data,
    lab_grade_table,
)
from alsreport.present.tables.exposure import exposure_data, exposure_table
from alsreport.present.tables.safety import (
    adverse_event_data,
    adverse_event_overview_data,
    adverse_event_overview_table,
    adverse_event_table,
    all_event_listing,
    death_listing,
    event_listing_data,
    lab_shift_data,
    lab_shift_table,
    out_of_range_data,
    out_of_range_listing,
    related_event_listing,
    serious_event_listing,
)
from alsreport.present.tables.ratio_sensitivity import has_ratio_rows, ratio_data, ratio_table
from alsreport.present.listing_limit import listing_max_rows
from alsreport.present.prose.lookups import overview_since_last
from alsreport.present.tables.listing_summary import ListingSpec, listing_summary
from alsreport.present.tables.sensitivity import sensitivity_data, sensitivity_table
from alsreport.present.tables.table import Table
from alsreport.present.tables.supplementary import supplementary_data, supplementary_table
from alsreport.present.tables.supplementary_events import supplementary_event_data, supplementary_event_listing
from alsreport.present.tables.supplementary_ttest import ttest_every_visit_data, ttest_every_visit_table
from alsreport.present.supplement_numbers import has_every_visit_tables, has_ttest_every_visit

__all__ = ["TableEntry", "TABLES", "TABLE_KEYS", "LISTING_KEYS", "build_tables", "build_table_data", "first_family",
           "other_families", "table_entries", "table_families"]

def first_family(config: StudyConfig) -> tuple[str, ...]:
    """Table 2's families: the first family study.yml declares (default: immunological)."""
    return config.family_names[:1]


def other_families(config: StudyConfig) -> tuple[str, ...]:
    """Table 3's families: every other declared family (default: biochemical, haematological)."""
    return config.family_names[1:]


@dataclass(frozen=True)
class TableEntry:
    key: str
    """Stable key: file names of the exports, sheet names, ``build_tables`` keys."""
    table: Callable[[Results], Table]
    data: Callable[[Results], pd.DataFrame]
    families: Callable[[StudyConfig], tuple[str, ...]] | None = None
    """For biomarker tables: the families shown, from study.yml (the table is skipped when none has a series)."""
    dsmb: bool = False
    """Built from ``results.dsmb`` (skipped when the results have none)."""
    when: Callable[[Results], bool] | None = None
    """Built only when this holds (e.g. the sensitivity analyses chosen in study.yml were run)."""
    listing: ListingSpec | None = None
    """A listing: past ``safety.listing_max_rows`` rows its table is a summary (the CSV holds every row)."""

    def applies(self, results: Results) -> bool:
        if self.dsmb and results.dsmb is None:
            return False
        if self.when is not None and not self.when(results):
            return False
        return self.families is None or bool(self.shown_families(results))

    def shown_families(self, results: Results) -> tuple[str, ...]:
        """The families of this table that have a series in ``results`` (in study.yml's order)."""
        if self.families is None:
            return ()
        present = {s.family for s in results.series}
        return tuple(f for f in self.families(results.config) if f in present)

    def build(self, results: Results) -> Table:
        """The table; for a listing longer than ``safety.listing_max_rows``, its summary."""
        if self.listing is not None:
            data = self.data(results)
            if len(data) > listing_max_rows(results):
                return listing_summary(results, self.key, data, self.listing)
        return self.table(results)


def _biomarker_entry(key: str, families: Callable[[StudyConfig], tuple[str, ...]], gid: str) -> TableEntry:
    return TableEntry(key, lambda r: biomarker_table(r, families=families(r.config), id=gid),
                      lambda r: biomarker_data(r, families=families(r.config)), families=families)


def _events(title: str) -> ListingSpec:
    return ListingSpec(title, "system_organ_class", "System organ class", "events")


TABLES: tuple[TableEntry, ...] = (
    TableEntry("table1_baseline", baseline_table, baseline_data),
    # The keys name the default families; with study.yml's own families, table 2 shows the first, table 3 the rest.
    _biomarker_entry("table2_immunological", first_family, "alsreport-table2-immunological"),
    _biomarker_entry("table3_biochemical", other_families, "alsreport-table3-biochemical"),
    TableEntry("exposure", exposure_table, exposure_data),
    TableEntry("adverse_events_overview", adverse_event_overview_table, adverse_event_overview_data),
    # the manuscript's, cumulative only: a journal's reader has no previous safety report to count from (session 36
    # reader: "Since the last report" columns in the manuscript, that report never named); only where they differ
    TableEntry("adverse_events_overview_cumulative",
               lambda r: adverse_event_overview_table(r, id="alsreport-ae-overview-cumulative", since=False),
               lambda r: adverse_event_overview_data(r, since=False), when=lambda r: bool(overview_since_last(r))),
    TableEntry("adverse_events", adverse_event_table, adverse_event_data),
    TableEntry("all_events", all_event_listing, lambda r: event_listing_data(r.safety.events),
               listing=_events("All adverse events")),
    TableEntry("serious_events", serious_event_listing, lambda r: event_listing_data(r.safety.serious_events),
               listing=_events("Serious adverse events")),
    TableEntry("related_events", related_event_listing, lambda r: event_listing_data(r.safety.related_events),
               listing=_events("Related adverse events")),
    TableEntry("deaths", death_listing, lambda r: event_listing_data(r.safety.deaths), listing=_events("Deaths")),
    TableEntry("lab_shifts", lab_shift_table, lab_shift_data),
    TableEntry("out_of_range", out_of_range_listing, out_of_range_data,
               listing=ListingSpec("Laboratory values outside the reference range", "label", "Analyte", "values")),
    TableEntry("sensitivity", sensitivity_table, sensitivity_data),
    # every later visit: left out with one later visit, where they repeat Tables 2, 3 and the sensitivity table
    TableEntry("supplementary_s1", supplementary_table, supplementary_data, when=has_every_visit_tables),
    TableEntry("supplementary_ttest", ttest_every_visit_table, ttest_every_visit_data, when=has_ttest_every_visit),
    TableEntry("supplementary_s2_ratios", ratio_table, ratio_data, when=has_ratio_rows),
    # the manuscript's listing of adverse events (bounded by listing_scope, not summarised by the registry)
    TableEntry("supplementary_events", supplementary_event_listing, supplementary_event_data,
               when=lambda r: bool(r.safety.events)),
    TableEntry("enrolment", enrolment_table, enrolment_data, dsmb=True),
    TableEntry("deviations", deviation_listing, deviation_data, dsmb=True,
               listing=ListingSpec("Protocol deviations", "kind", "Deviation", "deviations")),
    TableEntry("completeness", completeness_table, completeness_data, dsmb=True),
    TableEntry("lab_grades", lab_grade_table, lab_grade_data, dsmb=True),
    TableEntry("lab_grade_shifts", grade_shift_table, grade_shift_data, dsmb=True),
)

#: Every key, in report order.
TABLE_KEYS = tuple(t.key for t in TABLES)
#: The keys of the listings (summarised past ``safety.listing_max_rows`` rows).
LISTING_KEYS = tuple(t.key for t in TABLES if t.listing is not None)


def table_entries(results: Results) -> list[TableEntry]:
    """The tables that apply to ``results``, in :data:`TABLE_KEYS` order."""
    return [t for t in TABLES if t.applies(results)]


def build_tables(results: Results) -> dict[str, Table]:
    """``{key: Table}`` for every table that applies to ``results``."""
    return {t.key: t.build(results) for t in table_entries(results)}


def build_table_data(results: Results) -> dict[str, pd.DataFrame]:
    """``{key: tidy frame}``: the data each table of :func:`build_tables` is built from."""
    return {t.key: t.data(results) for t in table_entries(results)}


def table_families(results: Results, key: str) -> tuple[str, ...]:
    """The families a biomarker table ``key`` shows for ``results`` (empty for other tables)."""
    return next((t.shown_families(results) for t in TABLES if t.key == key), ())
