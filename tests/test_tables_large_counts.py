"""The tables of a study of 1,000 participants write every count with the thousands separator of format.count, in
their cells and their notes (session 33 tester's 2,000-participant study: Table S2's n read "1801" and the notes
"of the 2000 enrolled participants", "none of the 22408 values", beside "1,801" elsewhere)."""

from __future__ import annotations

import re
from html import unescape

import pytest

import alsreport
from alsreport.present.tables import build_tables
from manuscript_studies import Series, Variant, write_variant


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    return text.replace("\u2060", "").replace("\u00a0", " ")


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    series = tuple(Series(a, "CSF", effect=(-0.2,)) for a in ("IL-6", "CRP", "CK"))
    study = write_variant(tmp_path_factory.mktemp("large") / "s",
                          Variant(n=1000, series=series, primary=("IL-6", "CSF")))
    built = build_tables(alsreport.analyze(alsreport.load_study(study)))
    return {key: _text(t.gt.as_raw_html()) for key, t in built.items()}


def test_table_s2_counts_its_pairs_with_the_separator(tables):
    assert "Month 1 vs Month 0 CSF IL-6 (pg/mL) 1,000 −6.3 (−6.5 to −6.2)" in tables["supplementary_ttest"]


def test_the_notes_count_with_the_separator(tables):
    assert "categorical variables: n (%) of the 1,000 enrolled participants." in tables["table1_baseline"]
    assert "none of the 12,000 values in this table was below the LOD." in tables["table2_immunological"]
    assert "participants with at least one such event (% of 1,000 enrolled)." in tables["adverse_events_overview"]
    assert "Participants with at least one event in the row, n (% of 1,000 enrolled)" in tables["adverse_events"]
