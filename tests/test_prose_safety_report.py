"""The safety report's own sentences (``alsreport.present.prose.safety_report``; reader 7's items 5 and 6, #10):
"To be added by the investigators" (they write it), "as of the data cut-off" only with a recorded cut-off,
and a laboratory section that describes only the tables the data can fill."""

from __future__ import annotations

import dataclasses
import shutil

import pandas as pd
import pytest

from alsreport.analysis.run import analyze
from alsreport.present.cutoff import as_of_words
from alsreport.present.prose.methods import recruitment_text
from alsreport.present.prose.safety_report import (
    investigators_recruitment,
    laboratory_safety_text,
    laboratory_table_keys,
    stopping_rule_counts,
)
from alsreport.study.example import example_study_path
from alsreport.study.loading import load_study


def _without(res, **update):
    return dataclasses.replace(res, config=res.config.model_copy(update=update))


def test_the_safety_report_asks_the_investigators_not_the_authors(example_analysis) -> None:
    res = _without(example_analysis, data_cutoff=None)
    no_dates = dataclasses.replace(res, dsmb=dataclasses.replace(
        res.dsmb, enrolment=dataclasses.replace(res.dsmb.enrolment, first_date=None)))
    ethics, manuscript = investigators_recruitment(no_dates), recruitment_text(no_dates)
    assert "*To be added by the investigators:* the dates of the first and last" in ethics
    assert "authors" not in ethics
    assert "*To be added by the authors:*" in manuscript   # the manuscript keeps its authors


def test_as_of_names_the_cut_off_only_with_its_date(example_analysis) -> None:
    assert as_of_words(example_analysis) == "as of the data cut-off (31 January 2024)"
    res = _without(example_analysis, data_cutoff=None)
    words = as_of_words(res)
    # the example records no date: the last data in the files, never the day of generation (reader 12b item 5)
    assert words == "as of the last data recorded (data cut-off to be added)"
    sentence = stopping_rule_counts(res)
    assert f". {words[0].upper()}{words[1:]}: " in sentence and "analysis date" not in sentence
    s = example_analysis.safety
    severe = sum(1 for e in s.related_events if e.grade >= 3)
    assert not s.deaths   # the example: no deaths, said plainly (issue #10), not "0 deaths (0 related)"
    assert severe == 0 and sentence.endswith(": no related adverse event of grade 3 or higher, no related serious "
                                              "adverse event and no deaths.\n")
    # with rules, of any relatedness too: the example's events are all of grade 1 or 2, none serious
    assert not s.serious_events and max(e.grade for e in s.events) == 2
    ruled = _without(res, safety=res.config.safety.model_copy(update={"stopping_rules": ["Any death."]}))
    assert stopping_rule_counts(ruled).endswith(": no related adverse event of grade 3 or higher, no adverse event of "
                                                "grade 4 or higher, no serious adverse event and no deaths. Whether a "
                                                "rule was met is the committee's judgement from these counts and the "
                                                "listings.\n")


@pytest.fixture(scope="module")
def no_ranges(tmp_path_factory):
    """The example without reference ranges and without CTCAE-graded analytes (CSF only)."""
    folder = tmp_path_factory.mktemp("s") / "study"
    shutil.copytree(example_study_path(), folder)
    m = pd.read_csv(folder / "measurements.csv", dtype=str, keep_default_na=False)
    m[m["compartment"] == "CSF"].assign(ref_low="", ref_high="").to_csv(folder / "measurements.csv", index=False)
    return analyze(load_study(folder))


def test_no_laboratory_tables_without_ranges_or_criteria_and_one_sentence(no_ranges) -> None:
    assert laboratory_table_keys(no_ranges) == ()
    text = laboratory_safety_text(no_ranges)
    assert text.startswith("No laboratory reference ranges and no analytes with CTCAE") and text.count(". ") == 0
    assert "@tbl" not in text and "summarises" not in text


def test_the_example_describes_the_four_tables_it_prints(example_analysis) -> None:
    keys = laboratory_table_keys(example_analysis)
    assert keys == ("lab_grades", "lab_grade_shifts", "lab_shifts", "out_of_range")
    text = laboratory_safety_text(example_analysis)
    for ref in ("@tbl-lab-grades", "@tbl-grade-shifts", "@tbl-shifts", "@tbl-out-of-range"):
        assert ref in text


def test_ranges_without_ctcae_criteria_print_only_the_range_tables(example_analysis) -> None:
    res = dataclasses.replace(example_analysis, dsmb=dataclasses.replace(
        example_analysis.dsmb, grade_counts=(), grade_shifts=()))
    assert laboratory_table_keys(res) == ("lab_shifts", "out_of_range")
    text = laboratory_safety_text(res)
    assert "@tbl-lab-grades" not in text and "@tbl-shifts" in text and "no value is graded" in text


@pytest.fixture(scope="module")
def harms_pair(tmp_path_factory):
    """The harms study (previous cut-off 30 September 2024, onset dates recorded) and the same without onset dates."""
    from safety_fixtures import write_harms_study

    dated = write_harms_study(tmp_path_factory.mktemp("dated") / "harms")
    undated = tmp_path_factory.mktemp("undated") / "harms"
    shutil.copytree(dated, undated)
    ae = pd.read_csv(undated / "adverse_events.csv", dtype=str, keep_default_na=False)
    ae.drop(columns=["onset_date", "resolution_date"]).to_csv(undated / "adverse_events.csv", index=False)
    return analyze(load_study(dated)), analyze(load_study(undated))


def test_the_previous_report_promises_counts_since_then_only_where_the_overview_shows_them(harms_pair) -> None:
    """DSMB reader: "the adverse-event overview shows cumulative counts and counts since then" above an overview
    without those columns (adverse_events.csv had no onset_date)."""
    from alsreport.present.prose.safety_report import previous_report_text
    from alsreport.present.tables.harms import adverse_event_overview_data

    dated, undated = harms_pair
    assert "n_events_since" in adverse_event_overview_data(dated).columns
    assert previous_report_text(dated) == ("The previous safety report had a data cut-off of 30 September 2024; the "
                                           "adverse-event overview shows cumulative counts and counts since then.")
    assert "n_events_since" not in adverse_event_overview_data(undated).columns
    assert previous_report_text(undated) == (
        "The previous safety report had a data cut-off of 30 September 2024. Counts since then cannot be given, as "
        "the onset dates of the adverse events are not recorded: the adverse-event overview shows cumulative counts "
        "only.")
