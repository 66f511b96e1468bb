"""The documents' tables are built on first use, each once, in the process of the document that shows it:
the same tables as ``build_tables``, and the listings to attach known without building a table (issue 13)."""

from __future__ import annotations

from alsreport.documents.table_cache import LazyTables
from alsreport.present.tables import build_tables
from alsreport.present.tables.registry import LISTING_KEYS


def test_keys_are_known_without_building_and_each_table_is_built_once(example_analysis) -> None:
    results = example_analysis
    timings: dict[str, float] = {}
    tables = LazyTables(results, timings)
    built = build_tables(results)
    assert list(tables) == list(built) and len(tables) == len(built) and "exposure" in tables
    assert "no_such_table" not in tables and timings == {}  # nothing built to answer
    exposure = tables["exposure"]
    assert tables["exposure"] is exposure and timings["tables"] >= 0.0
    assert exposure.html == built["exposure"].gt.as_raw_html()  # the same HTML as a table built at once
    assert exposure.html is exposure.html  # rendered once
    try:
        tables["no_such_table"]
    except KeyError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a table that does not apply is a KeyError")


def test_no_listing_of_the_example_is_summarised(example_analysis) -> None:
    tables = LazyTables(example_analysis, {})
    assert [k for k in LISTING_KEYS if k in tables]  # the example has listings, all short enough to print
    assert tables.summarised_listings() == {}
