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
    assert "Received the infusion 12/12 Cumulative dose" in text
    assert "1.0 (0.0)" not in text and "Infusions received" not in text
    assert ("Received the infusion: participants who received it / enrolled participants. Cumulative dose: the sum "
            "of all doses received, over the enrolled participants.") in text


def test_the_same_count_for_everyone_is_counted_not_summarised(example_analysis) -> None:
    # session 33 reviewer: "Infusions received, n 3.0 (0.0), 3 [3–3], 3–3" when all 15 received all three
    text = _text(exposure_table(example_analysis).gt.as_raw_html())
    assert "Received all 3 infusions 15/15 Cumulative dose" in text
    assert "3.0 (0.0)" not in text and "Infusions received" not in text
    assert ("Received all 3 infusions: participants who received each of them by at least one route / included "
            "participants. Cumulative dose: the sum of all doses received, over the included participants.") in text


def test_counts_that_differ_keep_their_summary(tmp_path) -> None:
    # one of 12 IV-only participants missed infusion 2: 11 received three, one received two
    v = Variant(routes=("IV",), missed_dose=("P02", 2, "IV", "Participant unwell"))
    r = alsreport.analyze(alsreport.load_study(write_variant(tmp_path / "s", v)))
    text = _text(exposure_table(r).gt.as_raw_html())
    # R: x <- c(2, rep(3, 11)); sprintf("%.1f (%.1f)", mean(x), sd(x)); quantile(x, c(.25, .5, .75))
    assert "Infusions received, n 2.9 (0.3) 3 [3–3] 2–3" in text
    assert "Per participant: infusions with at least one route given, and the sum of all doses received" in text
