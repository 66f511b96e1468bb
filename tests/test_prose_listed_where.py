"""Where the counted serious events and deaths are listed, said as the listing is (present/prose/listed_where.py):
"(each is in the listing of serious adverse events)" was printed also when the manuscript's listing, past
``safety.listing_max_rows``, counted the serious events by system organ class."""

from __future__ import annotations

from manuscript_studies import Variant, write_variant

from alsreport.analysis.run import analyze
from alsreport.present.prose.deaths import deaths_sentence
from alsreport.present.prose.safety import serious_events_sentence, serious_events_summary
from alsreport.present.supplement_numbers import listing_scope
from alsreport.study.loading import load_study

PNEUMONIA = ("Pneumonia", "Infections and infestations", 3, "yes", "unrelated")
FATAL = ("Respiratory failure", "Respiratory, thoracic and mediastinal disorders", 5, "yes", "unrelated")


def _results(tmp_path, events, limit=None):
    extra = {"safety": {"listing_max_rows": limit}} if limit else {}
    return analyze(load_study(write_variant(tmp_path / "s", Variant(n=24, events=events, extra_config=extra))))


def test_more_serious_events_than_a_listing_prints_are_said_to_be_counted(tmp_path) -> None:
    res = _results(tmp_path, (PNEUMONIA,) * 24, limit=10)
    assert listing_scope(res) == "serious_summary"
    text = serious_events_summary(res)
    assert ("In all, 24 serious adverse events were reported in 24 participants ([Table S3](#tbl-table-s3){.quarto-xref} "
            "counts the serious events by system organ class); by term: pneumonia (24).") in text
    assert "each is" not in text
    # the safety report prints a summary too and attaches every row
    assert ("(each is listed in listing-serious-events.csv, attached to this report; @tbl-serious counts them by "
            "system organ class)") in serious_events_sentence(res)


def test_a_listing_that_holds_them_is_named(tmp_path) -> None:
    res = _results(tmp_path, (PNEUMONIA,) * 24)
    assert listing_scope(res) == "all"
    assert "(each is listed in [Table S3](#tbl-table-s3){.quarto-xref}); by term" in serious_events_summary(res)
    # counted by term, the events' relatedness is said after them (named one by one, each carries its own)
    assert serious_events_summary(res).endswith("by term: pneumonia (24). None was judged related to the intervention.")
    assert "(each is listed in @tbl-serious); by term" in serious_events_sentence(res)


def test_many_deaths_point_to_where_they_are(tmp_path) -> None:
    res = _results(tmp_path, (FATAL,) * 12, limit=10)
    assert deaths_sentence(res) == (
        "In all, 12 participants died (12 fatal events); 0 were judged possibly, probably or definitely related to the "
        "intervention ([Table S3](#tbl-table-s3){.quarto-xref} counts the serious events by system organ class).")
