"""Manuscript tables (great-tables), built from :class:`~alsreport.results.model.Results` only.

Each builder is ``Results -> Table``: a :class:`great_tables.GT` (Quarto and the
embedded renderer both display it through ``_repr_html_``) with its title,
subtitle and notes beside it (:mod:`~alsreport.present.tables.table`); each has a
tidy-data twin (``*_data``) that holds the numbers the GT formats. :func:`build_tables` gives
every table under a stable key (:func:`alsreport.documents.table_export.export_tables`
writes them as files). Nothing here computes a statistic: tables select, reshape
and format what :func:`alsreport.analyze` computed.
"""

from __future__ import annotations

from alsreport.present.tables.baseline import baseline_data, baseline_table
from alsreport.present.tables.biomarkers import biomarker_data, biomarker_table
from alsreport.present.tables.exposure import exposure_data, exposure_table
from alsreport.present.tables.registry import (
    TABLE_KEYS,
    TABLES,
    TableEntry,
    build_table_data,
    build_tables,
    table_entries,
)
from alsreport.present.tables.safety import (
    adverse_event_data,
    adverse_event_overview_data,
    adverse_event_overview_table,
    adverse_event_table,
    death_listing,
    event_listing_data,
    lab_shift_data,
    lab_shift_table,
    out_of_range_data,
    out_of_range_listing,
    related_event_listing,
    serious_event_listing,
)
from alsreport.present.tables.sensitivity import sensitivity_data, sensitivity_table
from alsreport.present.tables.table import Table, TableText

__all__ = [
    "TABLES",
    "TABLE_KEYS",
    "Table",
    "TableEntry",
    "TableText",
    "adverse_event_data",
    "adverse_event_overview_data",
    "adverse_event_overview_table",
    "adverse_event_table",
    "baseline_data",
    "baseline_table",
    "biomarker_data",
    "biomarker_table",
    "build_table_data",
    "build_tables",
    "death_listing",
    "event_listing_data",
    "exposure_data",
    "exposure_table",
    "lab_shift_data",
    "lab_shift_table",
    "out_of_range_data",
    "out_of_range_listing",
    "related_event_listing",
    "sensitivity_data",
    "sensitivity_table",
    "serious_event_listing",
    "table_entries",
]
