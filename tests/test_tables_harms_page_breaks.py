"""The adverse-event table breaks over pages before a system organ class, never between a class and its terms or
between two of its terms (session 33 DSMB reader: the fatal "Respiratory failure" alone at the top of a page, its
class and sibling term at the foot of the one before)."""

from __future__ import annotations

import pytest

from alsreport.present.tables import adverse_event_table
from alsreport.present.tables.harms import adverse_event_data
from tables_fixtures import example_results

weasyprint = pytest.importorskip("weasyprint")

# a page short enough to break the example's table (13 rows) several times
_CSS = "@page { size: 150mm 42mm; margin: 4mm; } body { margin: 0; } tr, th, td { break-inside: avoid; }"


def _pages_of_rows(html: str, labels: list[str]) -> dict[str, int]:
    document = weasyprint.HTML(string=f"<html><body>{html}</body></html>").render(
        stylesheets=[weasyprint.CSS(string=_CSS)])
    where: dict[str, int] = {}
    for n, page in enumerate(document.pages):
        text = " ".join(b.text for b in page._page_box.descendants() if getattr(b, "text", None))
        for label in labels:
            if label in text:
                where.setdefault(label, n)
    return where


def test_a_class_and_its_terms_share_a_page():
    res = example_results()
    frame = adverse_event_data(res)
    labels = frame["label"].tolist()
    page = _pages_of_rows(adverse_event_table(res).html, labels)
    assert set(page) == set(labels) and max(page.values()) >= 2   # every row printed; the table broke twice or more
    soc_page = None
    for row_type, label in zip(frame["row_type"], labels, strict=True):
        if row_type == "soc":
            soc_page = page[label]
        elif row_type == "term":
            assert page[label] == soc_page, (label, page)
