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
    return [(d.participant_id, d.where, d.detail) for d in results.dsmb.deviations if d.kind == "missing sample"]


def test_example_lists_the_three_samples_the_manuscript_reports(example_analysis) -> None:
    # the example's three missing samples each lack every analyte of the compartment: 31 analyte values
    assert sorted(_listed(example_analysis)) == [("P04", "M3", "no blood sample"), ("P07", "M2", "no serum sample"),
                                                  ("P12", "M1", "no CSF sample")]
    sentence = missing_samples_sentence(example_analysis)
    assert "CSF at Month 1 (1 participant)" in sentence and "serum at Month 2 (1 participant)" in sentence
    assert deviation_listing(example_analysis).text.subtitle == "3 missing samples, 1 partial dose"


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
    assert n == sum(g.n for g in missing_samples(results.flow)) == 4
    assert re.search(rf"\b{n} missing samples\b", deviation_listing(results).text.subtitle)
    assert "CSF at Month 1 (2 participants)" in missing_samples_sentence(results)
