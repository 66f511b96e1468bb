"""The data cut-off named only with its date, by one helper (issue #10: "at the data cut-off" where study.yml records
none; the rule was written three times)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from analysis_helpers import example_results

from alsreport.present.cutoff import cutoff_words
from alsreport.present.prose.methods import sample_size_text
from alsreport.present.prose.safety_report import as_of_words
from alsreport.present.tables.safety import all_event_listing


def _with_cutoff(results, cutoff):
    return dataclasses.replace(results, config=results.config.model_copy(update={"data_cutoff": cutoff}))


def test_the_cut_off_is_named_with_its_date_in_every_place():
    res = _with_cutoff(example_results(), dt.date(2024, 1, 31))
    assert cutoff_words(res.config) == "the data cut-off (31 January 2024)"
    assert "all data available at the data cut-off (31 January 2024);" in sample_size_text(res)
    assert as_of_words(res) == "as of the data cut-off (31 January 2024)"
    assert "had not resolved at the data cut-off (31 January 2024)." in " ".join(all_event_listing(res).notes)


def test_without_a_cut_off_no_place_says_the_data_cut_off_as_if_it_existed():
    res = _with_cutoff(example_results(), None)
    assert cutoff_words(res.config) is None
    assert "(*to be added by the authors:* the data cut-off date)" in sample_size_text(res)
    assert as_of_words(res).startswith("as of the analysis date (")
    notes = " ".join(all_event_listing(res).notes)
    assert "had not resolved by the last data in the study files." in notes and "data cut-off" not in notes
