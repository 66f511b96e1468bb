"""alsreport.render.continued: "Table 4 (continued)" at the top of every PDF page a table continues on, and on no
other page (issue #10: the example manuscript's Table 4 and Tables S1 and S2, the ethics report's Tables 10 and 13,
had nothing saying which table a page continued), with the block the page's first rows belong to ("Table S1
(continued) — Month 2 vs Month 0": reader 12a, item 1)."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from alsreport.documents.resources import project_dir
from alsreport.render.continued import CONT_ATTR, mark_continued_tables, table_label
from alsreport.render.pdf import html_to_pdf

weasyprint = pytest.importorskip("weasyprint")
NBSP = "\u00a0"


def test_the_label_is_the_caption_s_first_words_and_number():
    assert table_label(f"Table{NBSP}4. Sensitivity analyses.") == f"Table{NBSP}4"
    assert table_label("\nTable S1. Change from Month 0") == f"Table{NBSP}S1"
    assert table_label("Table 2: Quarto's delimiter") == f"Table{NBSP}2"
    assert table_label("Supplementary Table 3") == f"Supplementary{NBSP}Table{NBSP}3"
    assert table_label("Software and analysis") is None
    assert table_label("Table 12a. no") is None


def _rows(html: str):
    root = weasyprint.HTML(string=html).etree_element
    return root, [el for el in root.iter() if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == "tr"]


def test_rows_of_floats_supplements_and_captioned_tables_are_marked_header_rows_not():
    body = "<tbody><tr><td>a</td></tr></tbody>"
    html = ("<html><body><main><section>"
            "<div class='quarto-float'><figure class='quarto-float-tbl'><figcaption>Table 4. A.</figcaption>"
            f"<div><div class='alsr-table'><div id='x'><table><thead><tr><th>h</th></tr></thead>{body}"
            "<tfoot><tr><td>note</td></tr></tfoot></table></div></div></div></figure></div>"
            "<div class='alsr-supplement'><p class='alsr-supplement-caption'>Table S1. B.</p>"
            f"<div id='y'><table>{body}</table></div></div>"
            "<div class='alsr-checklist'><div class='alsr-supplement-caption'><p>Table S3. C.</p></div>"
            f"<table>{body}</table></div>"
            f"<table><caption>Table 9. D</caption>{body}</table>"
            f"<table><caption>Software and analysis</caption>{body}</table>"
            f"<p>Text.</p><table>{body}</table>"
            "<table><tbody><tr><th class='gt_group_heading'>CSF — Glucose</th></tr><tr><td>P01</td></tr></tbody>"
            "</table>"
            "</section></main></body></html>")
    root, rows = _rows(html)
    assert mark_continued_tables(root) == 4
    assert [r.get(CONT_ATTR) for r in rows] == [
        None, f"Table{NBSP}4 (continued)", f"Table{NBSP}4 (continued)",      # the header row: none; body, notes
        f"Table{NBSP}S1 (continued)", f"Table{NBSP}S3 (continued)", f"Table{NBSP}9 (continued)",
        None, None,                     # no label in its caption; no caption
        None, None]                     # a listing's rows without a caption: nothing to name


def test_a_row_names_the_group_heading_above_it_after_the_label():
    """A listing's analyte, a supplementary table's visit block: each body row names the last group heading above it
    (its no-break spaces kept); the heading row and the notes name none; groups do not carry over tables."""
    def table(label: str, body: str) -> str:
        return (f"<div class='quarto-float'><figure><figcaption>{label}. X.</figcaption><table><tbody>{body}</tbody>"
                "<tfoot><tr><td>note</td></tr></tfoot></table></figure></div>")

    def heading(text: str) -> str:
        return f"<tr class='gt_group_heading_row'><th class='gt_group_heading'>\n  {text}\n</th></tr>"

    html = ("<html><body>" + table("Table 13", heading("CSF — Glucose") + "<tr><td>P01</td></tr>")
            + table("Table S1", f"<tr><td>before any heading</td></tr>{heading(f'Month{NBSP}1 vs Month{NBSP}0')}"
                    f"<tr><td>a</td></tr><tr><td>b</td></tr>{heading(f'Month{NBSP}2 vs Month{NBSP}0')}"
                    "<tr><td>a</td></tr>")
            + table("Table 2", "<tr><td>a</td></tr>") + "</body></html>")
    root, rows = _rows(html)
    assert mark_continued_tables(root) == 3
    s1 = f"Table{NBSP}S1 (continued)"
    assert [r.get(CONT_ATTR) for r in rows] == [
        f"Table{NBSP}13 (continued)", f"Table{NBSP}13 (continued) — CSF — Glucose", f"Table{NBSP}13 (continued)",
        s1, s1, f"{s1} — Month{NBSP}1 vs Month{NBSP}0", f"{s1} — Month{NBSP}1 vs Month{NBSP}0",
        s1, f"{s1} — Month{NBSP}2 vs Month{NBSP}0", s1,
        f"Table{NBSP}2 (continued)", f"Table{NBSP}2 (continued)"]


def _pdf(tmp_path: Path, body: str) -> list[str]:
    templates = project_dir() / "templates"
    page = f'<html lang="en"><head><title>t</title></head><body><main>{body}</main></body></html>'
    pdf = tmp_path / "t.pdf"
    html_to_pdf(page, pdf, base_dir=tmp_path, allowed_dirs=[templates],
                stylesheets=[templates / "print.css", templates / "manuscript-print.css"])
    return [" ".join((p.extract_text() or "").replace(NBSP, " ").split()) for p in pypdf.PdfReader(str(pdf)).pages]


def _table(label: str, rows: int, name: str) -> str:
    body = "".join(f"<tr><td>{name} {k}</td><td>{k}</td></tr>" for k in range(1, rows + 1))
    return (f"<div class='quarto-float'><figure class='quarto-float quarto-float-tbl'><figcaption>{label}. "
            f"{name}.</figcaption><div class='alsr-table'><table><thead><tr><th>Row</th><th>n</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div></figure></div>")


def _expected(pages: list[str], names: dict[str, str]) -> list[str | None]:
    """Per page, the label a page should show: the table whose rows are printed on it and on the page before."""
    out = []
    for k, t in enumerate(pages):
        both = [label for name, label in names.items() if k and f"{name} " in t and f"{name} " in pages[k - 1]]
        out.append(f"{both[0]} (continued)" if both else None)
    return out


def _shown(pages: list[str]) -> list[str | None]:
    return [next((f"Table {n} (continued)" for n in ("4", "5") if f"Table {n} (continued)" in t), None) for t in pages]


def test_every_page_a_table_continues_on_says_so_and_no_other(tmp_path):
    text = "<p>" + "Words of the text. " * 60 + "</p>"
    pages = _pdf(tmp_path, "<h1>A</h1>" + text + _table("Table 4", 120, "alpha") + text
                 + _table("Table 5", 10, "beta") + text * 6)
    expected = _expected(pages, {"alpha": "Table 4", "beta": "Table 5"})
    assert expected.count("Table 4 (continued)") >= 2 and "Table 5 (continued)" not in expected, expected
    assert _shown(pages) == expected
    assert all(t.count("(continued)") <= 1 for t in pages)


def test_a_page_that_starts_inside_one_table_and_starts_another_names_the_first(tmp_path):
    text = "<p>" + "Words of the text. " * 60 + "</p>"
    pages = _pdf(tmp_path, "<h1>A</h1>" + text + _table("Table 4", 60, "alpha") + _table("Table 5", 70, "beta"))
    expected = _expected(pages, {"alpha": "Table 4", "beta": "Table 5"})
    assert expected[1:3] == ["Table 4 (continued)", "Table 5 (continued)"], expected     # Table 5 starts on page 2
    assert _shown(pages) == expected


def test_a_page_that_starts_inside_a_visit_block_names_the_block(tmp_path):
    """Reader 12a, item 1: the continued pages of Tables S1 and S2 (one block per later visit, the same series in
    each) opened mid-block with nothing but "Table S1 (continued)" above them: their rows could not be told from
    the other visits' rows without turning back a page. Each page now names the block its first rows belong to."""
    blocks = {f"M{m} row": f"Month {m} vs Month 0" for m in (1, 2, 3)}
    body = "".join(f"<tr class='gt_group_heading_row'><th colspan='2' class='gt_group_heading'>{block}</th></tr>"
                   + "".join(f"<tr><td>{row} {k}</td><td>{k}</td></tr>" for k in range(45))
                   for row, block in blocks.items())
    table = ("<div class='quarto-float'><figure class='quarto-float quarto-float-tbl'><figcaption>Table S1. Change."
             "</figcaption><div class='alsr-table'><table><thead><tr><th>Row</th><th>n</th></tr></thead>"
             f"<tbody>{body}</tbody></table></div></figure></div>")
    pages = _pdf(tmp_path, "<h1>A</h1>" + table)
    assert len(pages) >= 3, pages
    inside = 0
    for text in pages[1:]:
        first = text.split("Row n ", 1)[1]         # after the repeated header row
        row = next((r for r in blocks if first.startswith(r)), None)    # None: the page starts with a block's heading
        shown = re.findall(r"Table S1 \(continued\)(?: — Month \d vs Month 0)?", text)
        assert shown == ["Table S1 (continued)" + (f" — {blocks[row]}" if row else "")], (shown, text[:60])
        inside += row is not None
    assert inside >= 2


def test_a_checklist_row_names_its_section_as_a_group(tmp_path):
    """Readers 13a item 8, 13b item 6: the CONSORT checklist's continued page (manuscript Table S5) opened inside the
    "Methods" block with only "Table S5 (continued)": its section rows are pandoc table rows, not great-tables group
    headings. They carry the group mark, so an item's row names its section and a section's row names none."""
    import pypandoc

    from alsreport.documents.checklist import CONSORT_2025, checklist_markdown

    md = ("::: {#consort-checklist .alsr-checklist}\n::: {.alsr-supplement-caption}\nTable S5. CONSORT 2025.\n:::\n\n"
          + checklist_markdown(list(CONSORT_2025)) + ":::\n")
    body = pypandoc.convert_text(md, "html", format="markdown", extra_args=["--wrap=none"])
    root, rows = _rows(f"<html><body><main>{body}</main></body></html>")
    assert mark_continued_tables(root) == 1
    named = {"".join(r[0].itertext()).strip(): r.get(CONT_ATTR) for r in rows[1:]}
    s5 = f"Table{NBSP}S5 (continued)"
    assert named["1a"] == f"{s5} — Title and abstract"
    assert named["16a"] == f"{s5} — Methods"
    assert named["30"] == f"{s5} — Discussion"
    sections = [r.get(CONT_ATTR) for r in rows[1:] if not "".join(r[0].itertext()).strip()]
    assert len(sections) >= 5 and set(sections) == {s5}      # a section's own row names none


def test_the_checklists_last_row_never_stands_alone_on_a_page(tmp_path):
    """Reader 13b item 6: the six-visit manuscript's last checklist page held item 30 alone. Whatever the space
    above the checklist (padding from 60 to 80 mm in 4 mm steps: the checklist then ends one to three rows onto its
    third page; 60 to 69 mm put item 30 alone there), the page with item 30 also holds item 29."""
    import pypandoc

    from alsreport.documents.checklist import CONSORT_2025, checklist_markdown

    md = ("::: {#consort-checklist .alsr-checklist}\n::: {.alsr-supplement-caption}\nTable S5. CONSORT 2025.\n:::\n\n"
          + checklist_markdown(list(CONSORT_2025)) + ":::\n")
    table = pypandoc.convert_text(md, "html", format="markdown", extra_args=["--wrap=none"])
    for mm in range(60, 81, 4):
        pages = _pdf(tmp_path, f"<div style='height: {mm}mm'></div>{table}")
        assert len(pages) == 3, mm
        last = next(t for t in reversed(pages) if "Limitations" in t)
        assert "Interpretation" in last, (mm, last[:200])


def test_a_checklist_section_row_is_printed_on_the_page_of_its_first_item(tmp_path):
    """The example manuscript's CONSORT checklist left its section row "Discussion" alone at the foot of a page, its
    items on the next (session 26 reader). Whatever the space above the checklist (0 to 240 mm in 20 mm steps; main left
    "Discussion" alone at 60 mm), each section row is printed on the page of its first item: the
    print stylesheet keeps a row holding .alsr-group-heading with the next."""
    import pypandoc

    from alsreport.documents.checklist import CONSORT_2025, checklist_markdown

    items = list(CONSORT_2025)
    firsts = {i.section: i.topic for k, i in enumerate(items) if k == 0 or items[k - 1].section != i.section}
    md = ("::: {#consort-checklist .alsr-checklist}\n::: {.alsr-supplement-caption}\nTable S5. CONSORT 2025.\n:::\n\n"
          + checklist_markdown(items) + ":::\n")
    table = pypandoc.convert_text(md, "html", format="markdown", extra_args=["--wrap=none"])
    for mm in range(0, 241, 20):
        pages = _pdf(tmp_path, f"<div style='height: {mm}mm'></div>{table}")
        lines = [[" ".join(line.split()) for line in (p.extract_text() or "").replace(NBSP, " ").splitlines()]
                 for p in pypdf.PdfReader(str(tmp_path / "t.pdf")).pages]
        for section, topic in firsts.items():
            at = [k for k, page in enumerate(lines) if section in page]      # the row: a line of its own
            assert len(at) == 1 and topic in pages[at[0]], (mm, section, topic, at)
