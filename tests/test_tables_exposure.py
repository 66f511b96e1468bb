"""Table 4, exposure: the per-participant count of infusions received."""

from __future__ import annotations

import re
from html import unescape

from alsreport.present.tables import exposure_table


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


def test_several_infusions_keep_their_summary(example_analysis) -> None:
    text = _text(exposure_table(example_analysis).gt.as_raw_html())
    assert "Infusions received, n 3.0 (0.0) 3 [3–3] 3–3" in text
    assert "Per participant: infusions with at least one route given, and the sum of all doses received" in text
