"""present/tables/harms.py: the adverse-event overview says how its two columns count (issue #10, session 25
reader: "Possible 5 (33.3) ... 6 events" -- a participant is counted once, under their most related event, while
the events column counts every event of that relatedness, so the two columns mix counting bases)."""

from __future__ import annotations

from alsreport.present.tables import adverse_event_overview_table
from alsreport.present.tables.harms import adverse_event_overview_data

from tables_fixtures import example_results


def _rows(section: str) -> dict[str, tuple[int, int]]:
    frame = adverse_event_overview_data(example_results())
    part = frame[frame["section"] == section]
    return {lvl: (int(p), int(e)) for lvl, p, e in zip(part["level"], part["n_participants"], part["n_events"],
                                                         strict=True)}


def test_the_example_s_rows_count_participants_once_and_every_event():
    # P02: a probable post-lumbar-puncture headache (grade 2) and a possible back pain (grade 1) -- counted under
    # Probable and grade 2, while the back pain is one of Possible's 6 events and of grade 1's 13
    assert _rows("relatedness")["possible"] == (5, 6)
    assert _rows("grade")["1"] == (12, 13)
    for section in ("relatedness", "grade"):
        assert tuple(map(sum, zip(*_rows(section).values(), strict=True))) == (14, 15)   # 14 participants, 15 events


def test_the_note_says_how_participants_and_events_are_counted():
    notes = adverse_event_overview_table(example_results()).text.notes
    assert ("By worst grade and by strongest relatedness, each participant is counted once, in the row of their "
            "worst grade or their most strongly related event, so these rows add up to the participants with any "
            "adverse event; Events, n counts every event of that grade or relatedness, including the other events of "
            "participants counted in another row, so these rows add up to all events.") in notes[0]
    assert notes[0].startswith("Participants, n (%): participants with at least one such event (% of 15 included).")


def test_since_the_last_report_says_which_rows_it_counts_and_dates_as_the_report_does(tmp_path):
    """Session 33 DSMB reader: the blocks by worst grade, relatedness and infusion had blank "since" cells (0, or not
    computed?), and the spanner said "onset after 2024-06-30" in a report that writes "31 December 2024"."""
    from alsreport import analyze, load_study
    from safety_fixtures import write_harms_study

    table = adverse_event_overview_table(analyze(load_study(write_harms_study(tmp_path / "harms"))))
    assert "Since the last report (onset after 30 September 2024)" in table.html
    assert ('Since the last report: given for the rows under "Participants with" only; the rows by worst grade, by '
            "strongest relatedness, by attribution, and by infusion are cumulative only.") in table.text.notes


def test_the_manuscript_counts_cumulatively_without_the_safety_reports_previous_report(tmp_path):
    """Session 36 reader: the ongoing study's manuscript had the safety report's "Since the last report" columns
    (and its listing a mark "New since the last report"), a report the manuscript never names; its overview and its
    listing are cumulative only, the safety report's keep them."""
    from alsreport import analyze, load_study
    from alsreport.present.tables import build_tables
    from alsreport.present.tables.supplementary_events import supplementary_event_listing
    from safety_fixtures import write_harms_study

    harms = analyze(load_study(write_harms_study(tmp_path / "harms")))
    tables = build_tables(harms)
    assert "Since the last report" in tables["adverse_events_overview"].html
    cumulative = tables["adverse_events_overview_cumulative"]
    assert "Since the last report" not in cumulative.html
    assert cumulative.text.notes[0] == tables["adverse_events_overview"].text.notes[0]
    listing = supplementary_event_listing(harms)
    assert not [f for f in listing.text.footnotes if "since the last report" in f.lower()]
    # the example has no previous report: one overview for both documents
    assert "adverse_events_overview_cumulative" not in build_tables(example_results())
