"""alsreport.present.tables.supplementary_events: the manuscript's own listing of adverse events (reader 11b's item 2:
Table 7's note sent readers to the safety report's listing, a confidential document; the timing of harms was nowhere
in the manuscript). A long listing stays bounded: the serious events only, then their counts."""

from __future__ import annotations

import dataclasses

import pytest

from alsreport import analyze, load_study
from alsreport.present.prose.safety import supplement_listing_note
from alsreport.present.supplement_numbers import listing_scope, supplement_numbers
from alsreport.present.tables.supplementary_events import supplementary_event_data, supplementary_event_listing
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant


@pytest.fixture(scope="module")
def six(tmp_path_factory):
    folder = write_variant(tmp_path_factory.mktemp("six") / "s", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))
    return analyze(load_study(folder))


def _limit(results, rows: int):
    safety = results.config.safety.model_copy(update={"listing_max_rows": rows})
    return dataclasses.replace(results, config=results.config.model_copy(update={"safety": safety}))


def _notes(table) -> str:
    return " ".join(str(n) for n in table.notes)


def test_every_event_is_listed_with_its_infusion_and_onset_day(six):
    data = supplementary_event_data(six)
    assert listing_scope(six) == "all" and len(data) == 7
    death = data[data["participant_id"] == "P05"].iloc[0]
    assert (death["term"], death["grade"], death["relatedness"], death["infusion_no"], death["onset_day"],
            death["outcome"]) == ("Respiratory failure", 5, "unrelated", 3, 5, "fatal")
    table = supplementary_event_listing(six)
    assert table.title == "Listing of all adverse events"
    for label in ("Participant", "System organ class", "Term", "Grade", "Serious", "Relatedness", "Infusion",
                  "Onset day", "Outcome"):
        assert f">{label}<" in table.html, label
    assert supplement_numbers(six)["supplementary_events"] == "Table S3"
    assert supplement_listing_note(six) == "Every event is listed individually in Table S3."


def test_past_the_printed_limit_only_the_serious_events_are_listed_and_the_note_says_so(six):
    res = _limit(six, 5)   # 7 events, 3 serious
    assert listing_scope(res) == "serious"
    assert list(supplementary_event_data(res)["participant_id"]) == ["P03", "P04", "P05"]
    table = supplementary_event_listing(res)
    assert table.title == "Listing of serious adverse events"
    assert ("The study recorded 7 adverse events, more than the 5 rows the study's settings allow in a printed "
            "listing, so this listing gives the serious events only. Every event is counted by system organ class, "
            "term and grade in the table of adverse events.") in _notes(table)
    assert supplement_listing_note(res) == "The serious events are listed individually in Table S3."


def test_past_the_limit_for_serious_events_too_they_are_counted_and_nothing_is_attached(six):
    res = _limit(six, 2)
    assert listing_scope(res) == "serious_summary"
    table = supplementary_event_listing(res)
    assert table.attachment is None   # the manuscript attaches no file
    assert "attached" not in _notes(table) + (table.subtitle or "")
    assert "The study recorded 7 adverse events. Every event is counted" in _notes(table)
    assert supplement_listing_note(res) == (
        "The serious events are counted by system organ class in Table S3.")


def test_the_note_writes_the_listings_number_as_the_document_links_it(six):
    assert supplement_listing_note(six, lambda number: f"[{number}]") == (
        "Every event is listed individually in [Table S3].")


def test_the_text_cites_the_listing_as_its_scope_says(six):
    """Session 27 HTML reader: §3.6 cited Table S4 (the grade shifts) in its text and Table S3 (the listing) only in a
    table's note, so S4 came first; the text cites the listing beside the tables by term."""
    from alsreport.present.prose.safety import listing_clause

    # a clause with its own verb (session 29 six-visit reader: "in Table 7 and each event in Table S3")
    assert listing_clause(six) == "; each event is listed in [Table S3](#tbl-table-s3){.quarto-xref}"
    assert listing_clause(_limit(six, 5)) == "; each serious event is listed in [Table S3](#tbl-table-s3){.quarto-xref}"
    assert listing_clause(_limit(six, 2)) == ("; the serious events are counted by system organ class in "
                                              "[Table S3](#tbl-table-s3){.quarto-xref}")
