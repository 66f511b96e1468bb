"""A listing longer than safety.listing_max_rows is summarised (alsreport.present.tables.listing_summary);
its note names no configuration file (issue #10, second reader's item 8)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from analysis_helpers import example_results

from alsreport.present.tables.listing_summary import ListingSpec, listing_summary


def test_the_note_says_the_study_settings_not_the_file():
    res = example_results()
    safety = res.config.safety.model_copy(update={"listing_max_rows": 2})
    res = replace(res, config=res.config.model_copy(update={"safety": safety}))
    data = pd.DataFrame({"participant_id": ["P01", "P02", "P02"],
                         "system_organ_class": ["Nervous system disorders", "Nervous system disorders", None]})
    table = listing_summary(res, "all_events", data, ListingSpec("All adverse events", "system_organ_class",
                                                                 "System organ class", "events"))
    notes = " ".join(str(n) for n in table.notes)
    assert "The listing has 3 rows, more than the 2 the study's settings allow in a printed report." in notes
    assert "study.yml" not in notes and "listing_max_rows" not in notes
    assert table.attachment == "listing-all-events.csv" and table.full_rows == 3
