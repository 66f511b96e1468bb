"""Missing samples (participant × compartment × visit) are counted once, from the compartment flow: the
manuscript's sentence and the ethics report's deviation listing give the same samples (issue #10)."""

from __future__ import annotations

import re
import shutil

import pandas as pd

from alsreport.analysis.run import analyze
from alsreport.present.prose.delivery import missing_samples_sentence
from alsreport.present.tables.dsmb import deviation_listing
from alsreport.results.missing_samples import missing_samples
from alsreport.study.example import example_study_path
from alsreport.study.loading import load_study


def _listed(results) -> list[tuple[str, str, str]]:
    """(participant, visit, ``no CSF sample`` or ``no CSF sample: <reason>``) of each missing-sample deviation."""
    return [(d.participant_id, d.where, f"no {d.compartment} sample" + (f": {d.detail}" if d.detail else ""))
            for d in results.dsmb.deviations if d.kind == "missing sample"]


def test_example_lists_the_four_samples_the_manuscript_reports(example_analysis) -> None:
    # the example's four missing samples each lack every analyte of the compartment: 40 analyte values; P09 has no
    # CSF at Month 2 because the lumbar puncture of their intrathecal dose failed (reader 11a item 1), and says so
    assert sorted(_listed(example_analysis)) == [
        ("P04", "M3", "no blood sample"), ("P07", "M2", "no serum sample"),
        ("P09", "M2", "no CSF sample: Lumbar puncture unsuccessful"), ("P12", "M1", "no CSF sample")]
    sentence = missing_samples_sentence(example_analysis)
    # by visit, then compartment (issue #10)
    # "no reason recorded" where the data give none (session 27 reader: CONSORT item 22b)
    assert sentence.startswith("Samples were missing at Month 1 for CSF (1 participant; no reason recorded), at Month 2 "
                               "for CSF (1 participant; lumbar puncture unsuccessful) and serum (1 participant; no "
                               "reason recorded), and at Month 3 "
                               "for blood (1 participant; no reason recorded); ")
    assert deviation_listing(example_analysis).text.subtitle == "Missing samples: 4; partial doses: 1"


def test_samples_without_any_row_are_listed_and_counted_alike(tmp_path) -> None:
    """A sample absent from measurements.csv (no row at all, as in a six-visit study) is a deviation too."""
    folder = tmp_path / "study"
    shutil.copytree(example_study_path(), folder)
    m = pd.read_csv(folder / "measurements.csv", dtype=str, keep_default_na=False)
    drop = (m["participant_id"] == "P02") & (m["visit"] == "M1") & (m["compartment"] == "CSF")
    assert drop.any()
    m[~drop].to_csv(folder / "measurements.csv", index=False)
    results = analyze(load_study(folder))
    assert ("P02", "M1", "no CSF sample") in _listed(results)
    n = len(_listed(results))
    assert n == sum(g.n for g in missing_samples(results.flow)) == 5
    assert re.search(rf"\bMissing samples: {n}\b", deviation_listing(results).text.subtitle)
    assert "at Month 1 for CSF (2 participants; no reason recorded)" in missing_samples_sentence(results)


def test_samples_after_a_discontinuation_are_no_deviation_and_counted_once(tmp_path) -> None:
    """Issue #10 (words4 item 8): in the six-visit study P05 died after infusion 3 (Month 2); their six samples
    from Month 3 on were never due, so the listing leaves them out and its note counts them once; the manuscript's
    sentence counts the same two missing samples and the same six apart."""
    from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

    from alsreport.results.missing_samples import not_collected_after_discontinuation

    study = write_variant(tmp_path / "s", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5,
                                                  missed_visit=("P03", "M2")))
    results = analyze(load_study(study))
    assert sorted(_listed(results)) == [("P03", "M2", "no CSF sample"), ("P03", "M2", "no serum sample")]
    gone = not_collected_after_discontinuation(results.flow)
    assert {p for g in gone for p in g.participants} == {"P05"} and sum(g.n for g in gone) == 6
    table = deviation_listing(results).text
    assert table.subtitle == "Missing samples: 2"
    notes = " ".join(table.notes)
    assert "(had discontinued)" not in notes
    # reader 12b item 10: P03 attended Month 2 (infusion 3 given IV and IT) yet has no sample; the note points to
    # no document the board may not have (it said "the samples the manuscript counts")
    html = deviation_listing(results).gt.as_raw_html()
    for compartment in ("CSF", "serum"):
        assert f"No {compartment} sample recorded; visit attended (infusion 3 given IV and IT)" in html
    assert "manuscript" not in notes
    # P05 died (session 27 six-visit reader: "had discontinued" for a participant the text says died)
    assert ("Not listed: 6 scheduled samples not collected because the participant had died (not protocol "
            "deviations; the participant flow accounts for them).") in notes
    sentence = missing_samples_sentence(results)
    assert "at Month 2 for CSF and serum (1 participant, the same in both; no reason recorded)" in sentence   # P03: said once
    # who left, apart from P03 (session 26 six-visit reader)
    assert "A further 6 scheduled samples (CSF 3, serum 3) were not collected because one participant had " \
           "died." in sentence


def test_the_example_s_listing_note_counts_nothing_after_a_discontinuation(example_analysis) -> None:
    """Nobody discontinued in the example: the note says nothing about samples after a discontinuation."""
    assert "Not listed" not in " ".join(deviation_listing(example_analysis).text.notes)
