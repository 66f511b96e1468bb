"""Snapshots (syrupy) of every table's HTML: the bundled example and a hand-built study.

Tables get fixed ids, so the HTML is stable. Update after an intended change with
``pytest tests/test_tables_snapshots.py --snapshot-update`` and review the diff.
"""

from __future__ import annotations

import pytest

from alsreport.present.tables import TABLE_KEYS, build_tables
from alsreport.present.tables.registry import TABLES
from tables_fixtures import NFL, HandSeries, example_results, hand_results

GFAP = HandSeries("GFAP", "GFAP", "biochemical", "serum", "ng/mL", (120.0, 131.0, 140.5), ref=(50.0, 150.0),
                  exact=False, pvalue=0.2, p_holm=0.2)


@pytest.fixture(scope="module")
def example_tables():
    return build_tables(example_results())


@pytest.fixture(scope="module")
def hand_tables():
    return build_tables(hand_results((NFL, GFAP)))


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_example_table_html(example_tables, key, snapshot):
    assert key in example_tables
    assert example_tables[key].as_raw_html() == snapshot


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_hand_built_table_html(hand_tables, key, snapshot):
    if key not in hand_tables:  # the hand-built results have no DSMB summary: those tables do not apply
        assert key in {t.key for t in TABLES if t.dsmb}
        return
    assert hand_tables[key].as_raw_html() == snapshot


def test_html_is_deterministic():
    first = {k: g.as_raw_html() for k, g in build_tables(example_results()).items()}
    second = {k: g.as_raw_html() for k, g in build_tables(example_results()).items()}
    assert first == second
