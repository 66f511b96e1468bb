"""The data cut-off named only with its date, by one helper (issue #10: "at the data cut-off" where study.yml records
none; the rule was written three times)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
from analysis_helpers import example_results, example_study
from safety_fixtures import write_harms_study

from alsreport.analysis.summaries.dsmb import last_recorded_date
from alsreport.present.cutoff import as_of_words, cutoff_words, data_date_caption
from alsreport.present.format import format_date
from alsreport.present.prose.board_summary import unresolved_item
from alsreport.present.prose.methods import sample_size_text
from alsreport.present.prose.safety_report import stopping_rule_counts
from alsreport.study.loading import load_study
from alsreport.present.tables.safety import all_event_listing


def _with_cutoff(results, cutoff):
    return dataclasses.replace(results, config=results.config.model_copy(update={"data_cutoff": cutoff}))


def test_the_cut_off_is_named_with_its_date_in_every_place():
    res = _with_cutoff(example_results(), dt.date(2024, 1, 31))
    assert cutoff_words(res.config) == "the data cut-off (31 January 2024)"
    assert "all data available at the data cut-off (31 January 2024)." in sample_size_text(res)
    assert as_of_words(res) == "as of the data cut-off (31 January 2024)"
    assert data_date_caption(res) == "Data as of 31 January 2024."
    assert "had not resolved at the data cut-off (31 January 2024)." in " ".join(all_event_listing(res).notes)


def test_without_a_cut_off_no_place_says_the_data_cut_off_as_if_it_existed():
    res = _with_cutoff(example_results(), None)
    assert cutoff_words(res.config) is None
    assert "(*to be added by the authors:* the data cut-off date)." in sample_size_text(res)
    assert as_of_words(res) == "as of the last data recorded (data cut-off to be added)"
    notes = " ".join(all_event_listing(res).notes)
    assert "had not resolved by the end of follow-up." in notes and "data cut-off" not in notes


def test_without_a_cut_off_the_data_are_dated_by_the_study_files_not_by_the_render():
    """Reader 12b item 5: "Adverse events not resolved as of the analysis date (2 December 2026)" and captions
    "Data as of 2 December 2026 (analysis date; no data cut-off recorded)" dated the data by the day of the render."""
    res = _with_cutoff(example_results(), None)
    generated = format_date(res.provenance.generated_at)
    assert res.dsmb.last_recorded_date is None   # the example records no date
    assert data_date_caption(res) == f"Data cut-off to be added; report generated {generated}."
    dated = dataclasses.replace(res, dsmb=dataclasses.replace(res.dsmb, last_recorded_date="2025-03-31"))
    assert as_of_words(dated) == ("as of the last data recorded (latest date: 31 March 2025; "
                                  "data cut-off to be added)")
    assert data_date_caption(dated) == ("Data cut-off to be added; latest date recorded 31 March 2025; "
                                        f"report generated {generated}.")
    assert unresolved_item(dated).startswith("- Adverse events not resolved as of the last data recorded "
                                             "(latest date: 31 March 2025; data cut-off to be added): ")
    assert ". As of the last data recorded (data cut-off to be added): no related" in stopping_rule_counts(res)


def test_the_latest_date_is_the_latest_in_any_of_the_study_files(tmp_path):
    """Samples, infusions, events (onset and resolution), contacts and deaths, deviations: the latest of them."""
    folder = write_harms_study(tmp_path / "harms")
    study = load_study(folder)
    dates = [study.measurements["sample_date"].max(), study.infusions["infusion_date"].max(),
             study.adverse_events["resolution_date"].max(), study.adverse_events["onset_date"].max(),
             study.participants["last_contact_date"].max(), study.deviations["date"].max()]
    assert last_recorded_date(study) == max(d for d in dates if not pd.isna(d)).date().isoformat()
    frames = {"measurements": study.measurements.assign(sample_date=pd.Timestamp("2031-05-06"))}
    assert last_recorded_date(dataclasses.replace(study, **frames)) == "2031-05-06"
    assert last_recorded_date(example_study()) is None
