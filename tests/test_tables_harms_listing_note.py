"""The adverse-event table's note on where every event is listed (reader 7's item 6, #10): the manuscript points
at the safety report; the safety report, which holds that listing, names its table instead
(``report/ethics.qmd`` replaces :func:`listing_note` with ``listing_note("(Table N)")``)."""

from __future__ import annotations

from alsreport.present.tables.harms import adverse_event_table, listing_note


def test_the_note_names_the_safety_report_by_default_and_can_name_a_table(example_analysis) -> None:
    assert listing_note() == ("Every event is listed individually in the listing of all adverse events in the "
                              "safety report.")
    assert listing_note("(Table 7)").endswith("all adverse events (Table 7).")
    html = adverse_event_table(example_analysis).gt.as_raw_html()
    assert html.count(listing_note()) == 1   # the text the safety report replaces is in the HTML verbatim
    replaced = html.replace(listing_note(), listing_note("(Table 7)"))
    assert "in the safety report" not in replaced and "adverse events (Table 7)." in replaced
