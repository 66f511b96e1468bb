"""A listing longer than safety.listing_max_rows (issue 11): the ethics PDF shows a summary, the full
listing is a CSV attached to the PDF and written beside it, and its rows are the listing's rows."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
import yaml
from reports_helpers import pdf_text
from safety_fixtures import write_harms_study

from alsreport.analysis.run import analyze
from alsreport.documents.reports import render_reports
from alsreport.documents.table_export import table_csv_text
from alsreport.present.tables import event_listing_data
from alsreport.study.loading import load_study


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, Path, list[Path]]:
    root = tmp_path_factory.mktemp("listings")
    study = write_harms_study(root / "harms")
    cfg = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
    cfg["safety"]["listing_max_rows"] = 10  # 16 adverse events: the listing of all of them is summarised
    (study / "study.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    summary = render_reports(study, reports=["ethics"], formats=["pdf"], engine="embedded", out_dir=root / "out",
                             use_cache=False)
    return study, next(p for p in summary.outputs if p.suffix == ".pdf"), summary.outputs


def test_the_long_listing_is_attached_and_written_beside_the_pdf(rendered) -> None:
    study, pdf, outputs = rendered
    beside = pdf.parent / "listing-all-events.csv"
    assert beside in outputs and beside.is_file()
    attached = pypdf.PdfReader(str(pdf)).attachments
    # the summarised listings (related: 10 rows); deviations: 7 rows, within the limit: the 15 samples not collected
    # after H38 and H40 withdrew and H39 died are no deviations (issue #10, words4 item 8), so it is printed whole
    assert sorted(attached) == ["listing-all-events.csv"]
    data = attached["listing-all-events.csv"][0]
    assert data == beside.read_bytes()
    events = analyze(load_study(study)).safety.events
    assert data.decode("utf-8") == table_csv_text(event_listing_data(events))  # every row, as the listing has it
    assert data.decode("utf-8").count("\n") == 16 + 1


def test_the_pdf_shows_a_summary_instead(rendered) -> None:
    _, pdf, _ = rendered
    text = pdf_text(pdf)
    assert "Summary of 16 events of 14 participants by system organ class" in text
    assert "Full listing (16 rows): listing-all-events.csv" in text
    assert "Related adverse events" in text and "Post lumbar puncture headache" in text  # 10 rows: listed in full
