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


def test_events_new_since_the_last_report_are_marked_in_the_listings(tmp_path):
    """Session 35 DSMB reader #9: the listings did not show which events began after the previous report's cut-off,
    though the overview counts them; the harms study's onsets after 30 September 2024 are marked on their onset
    date, as many as the overview's since-column counts."""
    import re

    import alsreport
    from alsreport.present.tables.safety import all_event_listing
    from dataclasses import replace
    from safety_fixtures import write_harms_study

    harms = alsreport.analyze(alsreport.load_study(write_harms_study(tmp_path / "harms")))
    cutoff = str(harms.config.safety.previous_report_cutoff)
    new = [e for e in harms.safety.events if e.onset_date and e.onset_date[:10] > cutoff]
    since = {e.category: e for e in harms.dsmb.overview_since_last}["any"]
    assert len(new) == since.n_events > 0
    table = all_event_listing(harms)
    [note] = [f for f in table.text.footnotes if f.startswith("New since the last report")]
    assert note == "New since the last report: onset after its data cut-off (30 September 2024)."
    html = table.gt.as_raw_html()
    marked = re.findall(r'headers="[^"]*onset_date"[^>]*>([^<]*)<span class="gt_footnote_marks"', html)
    assert sorted(marked) == sorted(e.onset_date[:10] for e in new)
    no_onsets = replace(harms, dsmb=replace(harms.dsmb, overview_since_last=()))
    assert not any(f.startswith("New since") for f in all_event_listing(no_onsets).text.footnotes)


def test_the_enrolment_tables_dates_are_in_words_as_in_the_text(tmp_path):
    """Session 35 DSMB reader #20: the enrolment table's note gave "2023-11-01" where the text says "1 November 2023"."""
    import alsreport
    from alsreport.present.format import format_date
    from alsreport.present.tables.dsmb import enrolment_table
    from safety_fixtures import write_harms_study

    harms = alsreport.analyze(alsreport.load_study(write_harms_study(tmp_path / "harms")))
    e = harms.dsmb.enrolment
    assert e.first_date and e.last_date
    [note] = [n for n in enrolment_table(harms).text.notes if n.startswith("First enrolment")]
    assert note.startswith(f"First enrolment {format_date(e.first_date)}, last {format_date(e.last_date)}; ")
    assert e.first_date not in note
