"""Table 5 gives the reasons for the planned doses not given (the text points there for them), and the harms
notes say an infusion counts as received when given by at least one route (issue #10, reader 8, defect 6)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from alsreport.present.tables import adverse_event_overview_table, exposure_table
from alsreport.present.tables.exposure import not_given_note
from alsreport.present.tables.harms_discontinuation import discontinuation_note


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace("\u2060", "")


@pytest.fixture(scope="module")
def example():
    from analysis_helpers import example_results
    return example_results()


def test_the_exposure_table_names_the_missed_dose_and_its_reason(example):
    # the example data (infusions.csv row 55): P09 had no IT dose at infusion 3 (reason_not_given "Lumbar puncture unsuccessful")
    missed = [(i.infusion_no, i.route, i.n_planned - i.n_given) for i in example.exposure.by_infusion
              if i.n_given < i.n_planned]
    assert missed == [(3, "IT", 1)]
    note = not_given_note(example)
    assert note == "IT not given at infusion 3: lumbar puncture unsuccessful (n\u00a0=\u00a01)."
    assert note.replace("\u00a0", " ") in _text(exposure_table(example).gt.as_raw_html()).replace("\u00a0", " ")


def test_the_harms_note_counts_an_infusion_given_by_at_least_one_route(example):
    note = discontinuation_note(example)
    assert note.endswith("every participant completed the study and received every infusion by at least one "
                         "route."), note
    assert note in _text(adverse_event_overview_table(example).gt.as_raw_html())
