"""Long listings on paper (issue 11): a page that starts inside a listing says what continues there —
the listing and its group, "(continued)" — above the repeated column headers; a summarised listing links
its attached CSV with the mark alsreport's PDF step keeps."""

from __future__ import annotations

from pathlib import Path

import pypdf
from great_tables import GT
import pandas as pd

from alsreport.documents.listing_pages import attachment_link, continued_rows
from alsreport.documents.resources import project_dir
from alsreport.render.attachments import MARK, strip_attachments
from alsreport.render.pdf import html_to_pdf


def _listing_html() -> str:
    frame = pd.DataFrame({"group": ["Serum — ALT (U/L)"] * 70 + ["Serum — AST (U/L)"] * 70,
                          "participant": [f"P{i:03d}" for i in range(140)], "value": range(140)})
    return GT(frame, groupname_col="group", id="t-listing").as_raw_html()


def test_rows_carry_the_continuation_text() -> None:
    marked = continued_rows(_listing_html(), "Values outside the range.")
    assert marked.count('data-alsr-cont="Values outside the range — Serum — ALT (U/L) (continued)"') == 70
    assert marked.count('data-alsr-cont="Values outside the range — Serum — AST (U/L) (continued)"') == 70
    assert marked.count('data-alsr-cont=""') == 2 + 2  # the two group headings, the markers before and after


def test_a_continuation_page_starts_with_the_group_and_continued(tmp_path: Path) -> None:
    marked = continued_rows(_listing_html(), "Values outside the range")
    page = (f'<html lang="en"><head><title>t</title></head><body><main><h1>Listing</h1>{marked}'
            '<p>After the listing.</p><div style="break-before: page">Next page</div></main></body></html>')
    templates = project_dir() / "templates"
    pdf = tmp_path / "listing.pdf"
    html_to_pdf(page, pdf, base_dir=tmp_path, allowed_dirs=[templates],
                stylesheets=[templates / "print.css", templates / "ethics-print.css"])
    pages = [p.extract_text() or "" for p in pypdf.PdfReader(str(pdf)).pages]
    assert len(pages) >= 4
    first_lines = [" ".join(t.split()) for t in pages]
    # page 1 of the listing (the document's first page has no running header) ...
    assert "(continued)" not in pages[0]
    # ... every further page of the listing names its group and says "(continued)"
    continued = [t for t in first_lines[1:] if "(continued)" in t]
    assert continued and all("Values outside the range — Serum — A" in t for t in continued)
    assert any("ALT (U/L) (continued)" in t for t in continued) and any("AST (U/L) (continued)" in t
                                                                       for t in continued)
    # the column headers are repeated on the continuation pages
    assert all("participant" in t for t in pages[1:-1])
    # the page after the listing does not
    assert "(continued)" not in pages[-1] and "Next page" in pages[-1]


def test_the_attachment_link_is_kept_by_the_pdf_step() -> None:
    link = attachment_link("listing-all-events.csv", 8000)
    assert MARK in link and "8,000 rows" in link
    kept, removed = strip_attachments(link)
    assert kept == link and removed == []
