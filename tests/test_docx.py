"""`alsreport render --to docx`: the manuscript as a Word document co-authors can edit, under both engines.

Opened with python-docx: real Word tables (as many as the HTML manuscript has tables), Table 1's and
the primary endpoint's cells equal to the results formatted by alsreport.present.format, figures as
images with numbered captions, the abstract and the sections as headings, no raw HTML left as text.
The Quarto side skips without quarto on PATH (CI has it).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from alsreport.documents.context import report_context
from alsreport.documents.reports import render_reports
from alsreport.present.figures.alt_text import alt_text
from alsreport.present.format import iqr, number, p_value, series_decimals
from alsreport.render.unbroken import without_invisible
from alsreport.study.example import example_study_path
from quarto_helpers import needs_quarto

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx-embedded")
    summary = render_reports(example_study_path(), reports=["manuscript"], formats=["html", "docx"],
                             engine="embedded", out_dir=out, use_cache=False)
    return {p.suffix[1:]: p for p in summary.outputs}


@pytest.fixture(scope="module")
def quarto(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx-quarto")
    summary = render_reports(example_study_path(), reports=["manuscript"], formats=["docx"], engine="quarto",
                             out_dir=out, use_cache=False)
    return {p.suffix[1:]: p for p in summary.outputs}


@pytest.fixture(params=["embedded", pytest.param("quarto", marks=needs_quarto)])
def word(request) -> docx.document.Document:
    return docx.Document(str(request.getfixturevalue(request.param)["docx"]))


@pytest.fixture(scope="module")
def results():
    return report_context(example_study_path()).results


def _text(element) -> str:
    """The text of a paragraph or cell, a line break read as a space (a median over its IQR in one cell)."""
    parts = [node.text or "" if node.tag.endswith("}t") else " " for node in element.xpath(".//w:t | .//w:br")]
    return re.sub(r"\s+", " ", "".join(parts).replace(NBSP, " ")).strip()


def data_tables(document) -> list[list[list[str]]]:
    """Every Word table with two or more columns (Quarto lays floats out in one-column tables), as cell texts."""
    tables = []
    for tbl in document.element.body.xpath(".//w:tbl"):
        rows = [[_text(tc) for tc in tr.xpath("./w:tc")] for tr in tbl.xpath("./w:tr")]
        if rows and max(len(r) for r in rows) >= 2:
            tables.append(rows)
    return tables


def _table(document, first_header: str) -> list[list[str]]:
    found = [t for t in data_tables(document) if t[0][0].startswith(first_header)]
    assert found, f"no Word table starts with {first_header!r}"
    return found[0]


def test_as_many_word_tables_as_the_html_manuscript_has_tables(word, embedded):
    html_tables = embedded["html"].read_text(encoding="utf-8").count("<table")
    assert html_tables >= 8
    assert len(data_tables(word)) == html_tables


def test_table1_cells_equal_the_baseline_results(word, results):
    table = _table(word, "Characteristic")
    cells = {(group, row[0]): row[1] for group, row in _grouped(table)}
    checked = 0
    for c in results.baseline:
        if c.kind == "categorical" and c.level is None:  # the number enrolled: the column header
            assert table[0][1] == f"All participants (N = {c.n})"
            continue
        group = next(g for g, _ in cells if g.startswith(c.label))
        if c.kind == "continuous":
            assert cells[(group, "Mean (SD)")] == f"{number(c.mean, 1)} ({number(c.sd, 1)})"
            # the Word file has no joiner in the range (render/unbroken.py: readers 11a and 11b)
            assert cells[(group, "Median [IQR]")] == without_invisible(f"{number(c.median, 1)} [{iqr(c.q1, c.q3, 1)}]")
        else:
            # a zero count alone, as the harms tables print zeros (session 30 DSMB reader)
            expected = f"{c.count} ({number(c.percent, 1)})" if c.count else "0"
            assert cells[(group, str(c.level).capitalize())] == expected
        checked += 1
    assert checked >= 8


def _grouped(table: list[list[str]]):
    """(group label, row) for the body rows of a great-tables table with row groups (a group row repeats its label)."""
    group = ""
    for row in table[1:]:
        if len(set(row)) == 1:
            group = row[0]
        else:
            yield group, row


def test_primary_endpoint_row_equals_the_comparison(word, results):
    primary = results.primary
    d = series_decimals(results)[(primary.compartment, primary.analyte)]
    rows = [r for t in data_tables(word) if t[0][0].startswith("Analyte") for r in t
            if r[0].startswith(primary.label)]
    assert rows, f"no Word table row for the primary endpoint {primary.label}"
    row = " | ".join(rows[0])  # the first biomarker table lists CSF first: the primary endpoint's compartment
    assert f"{number(primary.estimate, d)} ({number(primary.ci.low, d)} to {number(primary.ci.high, d)})" in row
    assert any(cell.startswith(p_value(primary.pvalue)) for cell in rows[0])  # then a footnote mark
    assert any(cell.startswith(p_value(primary.p_holm)) for cell in rows[0])


def test_figures_are_images_with_numbered_captions(word):
    body = word.element.body
    images = body.xpath(".//pic:pic")
    captions = [_text(p) for p in body.xpath(".//w:p") if re.match(r"Figure \d+\. ", _text(p))]
    assert len(captions) >= 3
    assert [c.split(".")[0] for c in captions] == [f"Figure {i}" for i in range(1, len(captions) + 1)]
    assert len(images) >= len(captions)
    assert any("Flow of participants" in c for c in captions)


def test_cross_references_are_numbered(word):
    text = "\n".join(_text(p) for p in word.element.body.xpath(".//w:p"))
    assert "Baseline characteristics are shown in Table 1." in text
    assert "Figure 1 shows the flow of participants" in text
    assert "?@" not in text
    captions = [c for c in re.findall(r"^Table (\d+)\. ", text, flags=re.M)]
    assert captions[:3] == ["1", "2", "3"]


def test_abstract_and_sections_are_word_headings(word):
    headings = [(p.style.name, re.sub(r"^[\d.]+\s+", "", p.text)) for p in word.paragraphs
                if p.style.name.startswith("Heading")]
    texts = [t for _, t in headings]
    for name in ("Abstract", "Introduction", "Methods", "Results", "Discussion", "Statistical analysis"):
        assert name in texts, f"no heading {name}"
    assert ("Heading 2", "Abstract") in headings
    assert ("Heading 3", "Statistical analysis") in headings


def test_no_raw_html_leaks_into_the_text(word):
    text = "\n".join(_text(p) for p in word.element.body.xpath(".//w:p"))
    for tag in ("<table", "<div", "<svg", "</", "{=html}", ":::"):
        assert tag not in text


def test_ethics_report_has_no_word_version(tmp_path):
    from alsreport.errors import AlsreportError

    with pytest.raises(AlsreportError, match="only the manuscript has a Word version"):
        render_reports(example_study_path(), reports=["ethics"], formats=["docx"], engine="embedded",
                       out_dir=tmp_path)


def test_cli_to_docx_for_the_ethics_report_is_refused_and_help_says_so(tmp_path):
    from click.testing import CliRunner

    from alsreport.cli import main

    help_text = CliRunner().invoke(main, ["render", "--help"]).output
    assert "docx" in help_text and "all: HTML and PDF" in help_text and "no Word version" in help_text
    result = CliRunner().invoke(main, ["render", str(example_study_path()), "--report", "ethics", "--to", "docx",
                                       "--engine", "embedded", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "only the manuscript has a Word version" in result.output
    assert not any(tmp_path.iterdir())


def test_headings_are_numbered_so_section_references_read_as_in_the_pdf(word):
    """Reader 11b's items 3 and 12: Word headings were unnumbered, so "@sec-flow" read "are in Participant flow and
    Table 5" and the checklist's "Where addressed" column gave bare heading names ("Introduction")."""
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "1 Introduction" in headings and "2.8 Statistical analysis" in headings and "3.1 Participant flow" in headings
    assert "Abstract" in headings   # unnumbered, as in the PDF
    text = "\n".join(_text(p) for p in word.element.body.xpath(".//w:p"))
    assert re.search(r"as stated in Section 3\.1; "
                     r"the doses by route are in Table 5\.", text), text[text.find("doses by route"):][:200]
    assert "are in Participant flow" not in text


def test_the_checklist_gives_section_numbers_and_promises_no_pages(word):
    checklist = next(t for t in data_tables(word) if t and t[0][:2] == ["Item", "Topic"])
    where = {row[0]: row[3] for row in checklist[1:] if row[0]}
    assert where["7"] == "Section 1" and where["21b"].startswith("Section 2.8")
    text = "\n".join(_text(p) for p in word.element.body.xpath(".//w:p"))
    assert "that answer them; items on randomisation" in text and "page in the PDF" not in text


def test_the_word_file_has_no_invisible_characters(word):
    """The ranges and names carried U+2060 WORD JOINERs (163 in the example) and a header U+200B: a copied range
    did not parse and "IL-6" did not match (readers 11a, item 10, and 11b, item 13)."""
    text = "".join(node.text or "" for node in word.element.body.xpath(".//w:t"))
    assert "\u2060" not in text and "\u200b" not in text and "47.0–55.5" in text


def test_the_word_files_author_is_the_studys_authors(word):
    """Reader 12a's item 10: the core properties had the title but an empty creator (the PDF has the authors)."""
    config = report_context(example_study_path()).config
    assert word.core_properties.author == "; ".join(a.name for a in config.reporting.authors)
    assert word.core_properties.author == "A. Example (synthetic); B. Example (synthetic)"


def test_the_title_is_followed_by_the_authors_affiliations_orcid_and_corresponding_author(word):
    """Outside reader: the Word file had the names under the title but no affiliations, ORCID or corresponding
    author (the HTML's and the PDF's byline is raw HTML, which pandoc's docx writer drops)."""
    paras = word.element.body.xpath("./w:p")
    styles = [p.style.name for p in word.paragraphs[:7]]
    texts = [_text(p) for p in paras[:7]]
    assert styles == ["Title", "Author", "Author"] + ["Affiliation"] * 4
    assert texts[1:] == [
        "A. Example (synthetic)1,2*", "B. Example (synthetic)2",
        "1 Stem Cell Unit, Example University Hospital, Example City (synthetic)",
        "2 Immunology Laboratory, Example University, Example City (synthetic)",
        "ORCID: A. Example (synthetic) https://orcid.org/0000-0002-1825-0097",
        "* Corresponding author: A. Example (synthetic), a.example@example.org"]
    sups = ["".join(r.xpath(".//w:t/text()")) for p in paras[1:5] for r in p.xpath("./w:r")
            if r.xpath("./w:rPr/w:vertAlign[@w:val='superscript']")]
    assert sups == ["1,2*", "2", "1", "2"]
    links = paras[5].xpath(".//w:hyperlink/@r:id")
    assert [word.part.rels[i].target_ref for i in links] == ["https://orcid.org/0000-0002-1825-0097"]


def test_each_pictures_description_is_its_alt_text_not_its_data_uri(word):
    """Reader 12b's item 8: pic:cNvPr/@descr held each figure's whole base64 data URI (about 500 KB of a
    755 KB document.xml; the image is in word/media/ as well); it is the figure's alt text, as wp:docPr's. Under
    Quarto the figures had no alt text at all (it drops fig-alt in Word); only its callout icon may have none."""
    body = word.element.body
    drawings = body.xpath(".//w:drawing")
    captions = [p for p in body.xpath(".//w:p") if re.match(r"Figure \d+\. ", _text(p))]
    alts = [d.xpath(".//wp:docPr/@descr")[0] for d in drawings]
    for drawing, alt in zip(drawings, alts, strict=True):
        assert not alt.startswith("data:")
        assert drawing.xpath(".//pic:cNvPr/@descr") == [alt]
    described = [a for a in alts if a]
    assert len(captions) >= 3 and len(described) == len(captions)


def test_each_pictures_description_is_the_alt_text_built_from_its_data_not_its_caption(word):
    """Readers 13a item 7 and 13b item 4: wp:docPr/@descr held the visible caption ("Flow of participants through
    the study ..."), so a screen reader read the caption twice and never the content; it is the data-derived alt
    text the HTML's SVG <title> carries ("Flow diagram of participants: 13 assessed for eligibility; ...")."""
    ctx = report_context(example_study_path())
    # the no-break spaces too (md_escape kept none before session 30: the descriptions had plain spaces)
    expected = {alt_text(ctx.results, key) for key in ctx.figures} - {""}
    body = word.element.body
    captions = [re.sub(r"^Figure \d+\. ", "", _text(p)) for p in body.xpath(".//w:p")
                if re.match(r"Figure \d+\. ", _text(p))]
    described = [a for a in (d.xpath(".//wp:docPr/@descr")[0] for d in body.xpath(".//w:drawing")) if a]
    assert len(described) == len(captions) >= 3
    assert described[0] == alt_text(ctx.results, "figure1_consort")
    assert described[0].startswith("Flow diagram of participants: ")
    assert all(a in expected for a in described), [a for a in described if a not in expected]
    assert not set(described) & set(captions)


def test_the_word_file_holds_each_image_once(word, embedded):
    """The images live in word/media/: document.xml carries none of them again (it was 1.7 MB beside 0.9 MB of
    images), so it is smaller than they are."""
    with zipfile.ZipFile(embedded["docx"]) as z:
        xml = z.read("word/document.xml")
        media = sum(i.file_size for i in z.infolist() if i.filename.startswith("word/media/"))
    assert b"data:image" not in xml and b"base64" not in xml
    assert len(xml) < media


def test_the_adverse_event_tables_note_names_its_supplementary_listing_in_word_and_links_it_in_html(word, embedded):
    """Session 25: the manuscript's note "(Table S3, supplement)" was plain text in the HTML (a table's note is
    great-tables HTML, where no cross-reference resolves); it is a link there (ReportContext.note_link), and stays
    plain text in Word, where a raw <a> would be dropped with its text."""
    text = "\n".join(_text(p) for p in word.element.body.xpath(".//w:p"))
    assert "Every event is listed individually in Table S3." in text
    html = embedded["html"].read_text(encoding="utf-8")
    assert 'Every event is listed individually in <a href="#tbl-table-s3">Table S3</a>.' in html
    assert html.count('id="tbl-table-s3"') == 1
