"""Table 4, exposure: the per-participant count of infusions received."""

from __future__ import annotations

import re
from html import unescape

import alsreport
from alsreport.present.tables import exposure_table
from manuscript_studies import Variant, write_variant


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace("\u2060", "")


def test_one_planned_infusion_counts_who_received_it(iv_one_analyte_results) -> None:
    # outside tester (session 33): "Infusions received, n 1.0 (0.0), 1 [1–1], 1–1" for a single planned infusion
    r = iv_one_analyte_results
    assert [s.n_received for s in r.flow.infusions] == [12] and r.flow.enrolled == 12
    text = _text(exposure_table(r).gt.as_raw_html())
    assert "Per participant Received the infusion 12/12 " in text
    assert "1.0 (0.0)" not in text and "Infusions received" not in text
    # one infusion by one route (IV): the cumulative dose is that dose, no row of its own, and the dose's footnote
    # names one infusion (session 35 DSMB reader #22)
    assert "Cumulative dose" not in text
    assert "Received the infusion: participants who received it / enrolled participants. IQR" in text
    assert "Doses of the infusion given by that route (×10⁶ cells/kg), among participants who received it." in text


def test_the_same_count_for_everyone_is_counted_not_summarised(example_analysis) -> None:
    # session 33 reviewer: "Infusions received, n 3.0 (0.0), 3 [3–3], 3–3" when all 15 received all three
    text = _text(exposure_table(example_analysis).gt.as_raw_html())
    assert "Received all 3 infusions 15/15 Cumulative dose" in text
    assert "Doses of the infusions given by that route" in text   # three infusions (session 35 DSMB reader #22)
    assert "3.0 (0.0)" not in text and "Infusions received" not in text
    assert ("Received all 3 infusions: participants who received each of them by at least one route / included "
            "participants. Cumulative dose: the sum of all doses received, over the included participants.") in text


def test_counts_that_differ_are_counted_by_number_received(tmp_path) -> None:
    # one of 12 IV-only participants missed infusion 2: 11 received three, one received two (session 34 readers:
    # "Infusions received, n 2.7 (0.7), 3 [3–3], 1–3" in the withdrawn study told little)
    v = Variant(routes=("IV",), missed_dose=("P02", 2, "IV", "Participant unwell"))
    r = alsreport.analyze(alsreport.load_study(write_variant(tmp_path / "s", v)))
    assert sorted(p.n_infusions for p in r.exposure.by_participant) == [2] + [3] * 11
    text = _text(exposure_table(r).gt.as_raw_html())
    assert "Per participant Received all 3 infusions 11/12 Received two infusions 1/12 Cumulative dose" in text
    assert "Infusions received" not in text
    assert ("Received: participants who received that many infusions / enrolled participants. Cumulative dose: the sum "
            "of all doses received, over the enrolled participants.") in text


def test_routes_missed_for_the_same_reasons_are_said_once(tmp_path) -> None:
    # session 34 readers: the withdrawn study's note said "withdrew consent (n = 2)" once per route and infusion
    from analysis_helpers import edited_example, withdraw_two

    from alsreport.present.tables.exposure import not_given_note

    r = alsreport.analyze(alsreport.load_study(edited_example(tmp_path / "s", withdraw_two)))
    assert not_given_note(r).replace("\u00a0", " ") == (
        "IV and IT not given at infusion 2: withdrew consent (n = 2). IV not given at infusion 3: withdrew consent "
        "(n = 2). IT not given at infusion 3: withdrew consent (n = 2); lumbar puncture unsuccessful (n = 1).")
