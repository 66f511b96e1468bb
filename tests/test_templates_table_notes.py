"""templates/manuscript-print.css: a table's notes stay with its last body rows (issue #10, reader: the example's
Table 3 notes a–f alone on p. 8 under a repeated header, every body row on p. 7). Small documents laid out by
WeasyPrint with the bundled print stylesheets (well under a second each)."""

from __future__ import annotations

from pathlib import Path

import pytest

weasyprint = pytest.importorskip("weasyprint")

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
PAGE = "@page { size: A5; margin: 15mm; } body { margin: 0; font: 10pt serif; } p { margin: 0; }"


def _pages(rows: int) -> list[tuple[int, int]]:
    """(body rows, note rows) of the table on each page where it prints any."""
    body = "".join(f'<tr class="alsr-row"><td>Row {k}</td><td>{k}</td></tr>' for k in range(rows))
    notes = "".join(f'<tr class="alsr-note"><td colspan="2">{m} A note of the table that explains a label.</td></tr>'
                    for m in "abcdef")
    html = ("<html><body><main><div class='alsr-table'><table class='gt_table'>"
            "<thead><tr><th>Name</th><th>n</th></tr></thead>"
            f"<tbody class='gt_table_body'>{body}</tbody><tfoot>{notes}</tfoot></table></div></main></body></html>")
    document = weasyprint.HTML(string=html).render(stylesheets=[
        weasyprint.CSS(filename=str(TEMPLATES / "print.css")),
        weasyprint.CSS(filename=str(TEMPLATES / "manuscript-print.css")), weasyprint.CSS(string=PAGE)])
    out = []
    for page in document.pages:
        classes = [b.element.get("class") for b in page._page_box.descendants()
                   if type(b).__name__ == "TableRowBox" and b.element is not None and b.element.get("class")]
        if classes:
            out.append((classes.count("alsr-row"), classes.count("alsr-note")))
    return out


def test_the_notes_never_print_on_a_page_without_body_rows():
    seen_break = False
    for rows in range(14, 30):          # the last body row falls near the foot of the first page
        pages = _pages(rows)
        assert sum(b for b, _ in pages) == rows and sum(n for _, n in pages) == 6, (rows, pages)
        assert all(b > 0 for b, n in pages if n), (rows, pages)
        seen_break |= len(pages) > 1
    assert seen_break  # the table did break over pages somewhere in the range
