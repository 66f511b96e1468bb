"""The deviation listing names visits and analytes as the study does (issue #10: internal names such as
``M3`` and ``TNF-alpha`` in a printed document)."""

from __future__ import annotations

import re

import pandas as pd
from analysis_helpers import example_results

from alsreport.present.tables.deviation_words import where_words
from alsreport.present.tables.dsmb import deviation_listing


def test_codes_become_the_study_s_words():
    cfg = example_results().config
    where = where_words(cfg, pd.Series(["M3", "infusion 2 (M1)", "2024-01-05", None]))
    assert where.tolist()[:3] == ["Month 3", "Infusion 2 (Month 1)", "2024-01-05"] and pd.isna(where.iloc[3])


def test_the_example_listing_shows_no_visit_code_or_data_name():
    html = deviation_listing(example_results()).gt.as_raw_html()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S)))
    assert "P07 Missing sample Month 2 no serum sample" in text
    assert not re.search(r"\bM\d\b", text) and "TNF-alpha" not in text and "IFN-gamma" not in text
