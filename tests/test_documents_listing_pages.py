"""Long listings on paper (issue 11): a page that starts inside a listing says what continues there —
the table's label, "(continued)" and the group (from the listing's group headings, as for every table:
alsreport.render.continued) — above the repeated column headers; a summarised listing links its attached CSV with the
mark alsreport's PDF step keeps."""

from __future__ import annotations

from pathlib import Path

import pypdf
from great_tables import GT
import pandas as pd

from alsreport.documents.listing_pages import attachment_link
from alsreport.documents.resources import project_dir
from alsreport.render.attachments import MARK, strip_attachments
from alsreport.render.pdf import html_to_pdf


def _listing_html() -> str:
    frame = pd.DataFrame({"group": ["Serum — ALT (U/L)"] * 70 + ["Serum — AST (U/L)"] * 70,
                          "participant": [f"P{i:03d}" for i in range(140)], "value": range(140)})
    return GT(frame, groupname_col="group", id="t-listing").as_raw_html()


def test_a_continuation_page_starts_with_the_label_continued_and_the_group(tmp_path: Path) -> None:
    """Issue #10: the example ethics report's Table 13 said what continued on some pages only (a page that started
    with a group heading said nothing), and with the listing's title, not the table's label."""
    marked = _listing_html()
    page = (f'<html lang="en"><head><title>t</title></head><body><main><h1>Listing</h1>'
            f'<div class="quarto-float"><figure class="quarto-float-tbl"><figcaption>Table 13. Values outside the'
            f' range.</figcaption><div class="alsr-table">{marked}</div></figure></div>'
            '<p>After the listing.</p><div style="break-before: page">Next page</div></main></body></html>')
    templates = project_dir() / "templates"
    pdf = tmp_path / "listing.pdf"
    html_to_pdf(page, pdf, base_dir=tmp_path, allowed_dirs=[templates],
                stylesheets=[templates / "print.css", templates / "ethics-print.css"])
    pages = [" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(str(pdf)).pages]
    assert len(pages) >= 4
    # page 1 of the listing (the document's first page has no running header) ...
    assert "(continued)" not in pages[0]
    # ... every further page of the listing gives the table's label, "(continued)" and the group of its first row
    assert all("Table 13 (continued)" in t.replace(" ", " ") for t in pages[1:-1]), pages
    assert any("(continued) — Serum — ALT (U/L)" in t for t in pages) and any("(continued) — Serum — AST (U/L)" in t
                                                                              for t in pages)
    assert "Values outside the range (continued)" not in " ".join(pages)
    # the column headers are repeated on the continuation pages
    assert all("participant" in t for t in pages[1:-1])
    # the page after the listing does not
    assert "(continued)" not in pages[-1] and "Next page" in pages[-1]


def test_the_attachment_link_is_kept_by_the_pdf_step() -> None:
    link = attachment_link("listing-all-events.csv", 8000)
    assert MARK in link and "8,000 rows" in link
    kept, removed = strip_attachments(link)
    assert kept == link and removed == []
