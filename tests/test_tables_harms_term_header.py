"""The adverse-event table's stub header claims MedDRA's "preferred term" only when study.yml names the MedDRA version
the events were coded with (session 26 six-visit reader: "System organ class / preferred term" over terms no
dictionary was declared for)."""

from __future__ import annotations

import dataclasses

from alsreport.present.tables import adverse_event_table
from tables_fixtures import example_results
from test_tables_snapshots import structure


def _stubhead(results) -> str:
    return structure(adverse_event_table(results))["header"][0].split(" | ")[0]


def test_terms_are_preferred_terms_only_when_the_coding_is_declared():
    res = example_results()
    assert res.config.safety.meddra_version is None
    assert _stubhead(res) == "System organ class / term"
    safety = res.config.safety.model_copy(update={"meddra_version": "26.1"})
    coded = dataclasses.replace(res, config=res.config.model_copy(update={"safety": safety}))
    assert _stubhead(coded) == "System organ class / preferred term"
