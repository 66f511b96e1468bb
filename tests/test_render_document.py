"""End-to-end: the fixture report rendered by the embedded engine (HTML and PDF)."""

from __future__ import annotations

import re

import pypdf
import pytest

from alsreport.render import render_document

from render_helpers import NBSP, PROJECT, headings_in_dom_order, text_of


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out")
    counter = out / "counter.txt"
    result = render_document(
        PROJECT / "main.qmd", project_dir=PROJECT, output_dir=out,
        params={"counter_file": str(counter)}, print_css=[PROJECT / "assets" / "print.css"],
    )
    html = result.outputs["html"].read_text(encoding="utf-8")
    return result, html, text_of(html), out


def test_outputs_and_timings(rendered) -> None:
    result, _, _, out = rendered
    assert result.outputs == {"html": out / "main.html", "pdf": out / "main.pdf"}
    assert result.paths == [out / "main.html", out / "main.pdf"]
    for stage in ("execute", "pandoc", "pdf", "total"):
        assert result.timings[stage] >= 0
    assert result.cache == "miss" and result.skipped == []


def test_numbered_captions_and_resolved_links(rendered) -> None:
    _, html, text, _ = rendered
    assert f"Table{NBSP}1: Demographics of the fixture study" in html
    assert f"Figure{NBSP}1: TNF-alpha over time" in html
    assert re.search(r'<div id="tbl-demo" class="quarto-float[^"]*">\s*<figure class="quarto-float quarto-float-tbl', html)
    assert f'<a href="#tbl-demo" class="quarto-xref">Table{NBSP}1</a>' in html
    assert f'<a href="#fig-trend" class="quarto-xref">Figure{NBSP}1</a>' in html
    # [-@tbl-demo] drops the prefix, @Tbl-demo is the same table
    assert '<a href="#tbl-demo" class="quarto-xref">1</a>' in html
    assert "capitalised Table 1" in text
    # the table caption is above the table, the figure caption below the figure
    assert html.index("Table" + NBSP + "1: Demo") < html.index('<table class="gt_table"')
    assert html.index("<svg") < html.index("Figure" + NBSP + "1: TNF")
    assert "?@" not in html


def test_section_numbers_and_section_references(rendered) -> None:
    _, html, text, _ = rendered
    assert '<section id="sec-methods" class="level1" data-number="2">' in html
    assert '<span class="header-section-number">2.1</span> Statistics' in html
    assert f'<a href="#sec-methods" class="quarto-xref">Section{NBSP}2</a>' in html
    assert f'<a href="#sec-stats" class="quarto-xref">Section{NBSP}2.1</a>' in html
    # toc-depth 3 from the document wins over the project's 2: the TOC lists 2.1
    nav = html[html.index('<nav id="TOC"'):html.index("</nav>", html.index('<nav id="TOC"'))]
    assert "Statistics" in nav and "Table of contents" in nav


def test_the_title_comes_before_the_table_of_contents_in_the_dom(rendered) -> None:
    """Issue #10 (semantics): the page template wrote the TOC before the title block, so a screen reader's heading list
    and the text layer began with "Table of contents"; the TOC now follows main (templates/page.html) and
    templates/screen.css shows it where it was."""
    _, html, _, _ = rendered
    headings = headings_in_dom_order(html)
    assert headings[0] == ("h1", "Fixture report") and headings[-1] == ("h2", "Table of contents")
    assert html.index("</main>") < html.index('<nav id="TOC"')


def test_callouts(rendered) -> None:
    _, html, text, _ = rendered
    for kind in ("note", "tip", "warning"):
        assert f'class="callout callout-style-default callout-{kind} callout-titled"' in html
    # an explicit title follows the type's name for screen readers, as in Quarto
    assert re.search(r'callout-title-container">\s*<span class="screen-reader-only">Note</span>Data are synthetic\s*</div>', html)
    assert re.search(r'callout-title-container">\s*<span class="screen-reader-only">Tip</span>A tip title\s*</div>', html)
    assert re.search(r'callout-title-container">\s*Warning\s*</div>', html)
    assert '<div class="callout-body-container callout-body">' in html
    assert "## Data are synthetic" not in html


def test_includes_meta_pagebreak_inline(rendered) -> None:
    _, html, text, _ = rendered
    assert "This paragraph comes from parts/intro.qmd for study ALS-TEST." in text
    assert "Nested include reached (sponsor Example Hospital)." in text
    assert "The sponsor is Example Hospital" in text
    assert "escaped {{< meta title >}} stays" in text
    assert '<div class="page-break" style="page-break-after: always;"></div>' in html
    assert "We enrolled 15 patients" in text


def test_cell_visibility_options(rendered) -> None:
    _, html, text, out = rendered
    assert "HIDDEN-INCLUDE-FALSE-OUTPUT" not in html  # include: false
    assert "ECHOED-CODE-MARKER" in text  # echo: true shows code
    assert "NOT-ECHOED-CODE-MARKER" not in html  # echo defaults to false
    assert '<div class="cell-output cell-output-stdout">' in html and "STDOUT-MARKER" in text
    assert "OUTPUT-FALSE-MARKER" not in html  # output: false
    assert "SUPPRESSED-WARNING-MARKER" not in html  # warning: false
    assert "<strong>ASIS-BOLD</strong> from a cell" in html  # output: asis is markdown
    assert (out / "counter.txt").read_text() == "run\n"  # params reached the cell tagged parameters


def test_raw_html_and_great_tables_untouched(rendered) -> None:
    _, html, _, _ = rendered
    assert '<div class="raw-html-marker" data-x="1"><span>RAW &amp; <b>kept</b></span></div>' in html
    assert '<div id="gt-demo"' in html and "#gt-demo .gt_table" in html
    assert re.search(r"<svg[^>]*>", html) and "<?xml" not in html


def test_html_is_self_contained(rendered) -> None:
    result, html, _, _ = rendered
    assert not re.search(r"""(src|href)\s*=\s*["']https?:""", html)
    assert not re.search(r"""\bsrc\s*=\s*["'](?!data:)""", html)
    assert not re.search(r"""<link\b""", html)
    assert not re.search(r"""url\(\s*["']?(?!data:|#)""", html)
    assert "mathjax" not in html.lower()
    assert "fixture-project-css" in html  # _quarto.yml css inlined
    assert not any("not embedded" in w for w in result.warnings)


def test_metadata_in_html_head(rendered) -> None:
    _, html, _, _ = rendered
    head = html[: html.index("</head>")]
    assert "<title>Fixture report</title>" in head
    assert '<meta name="author" content="Ann Author">' in head
    assert '<meta name="author" content="Bob Builder">' in head
    assert '<meta name="description" content="A fixture report for the embedded engine">' in head
    assert '<meta name="keywords" content="ALS, fixture">' in head
    assert '<meta name="dcterms.created" content="2024-05-01">' in head
    assert re.search(r'<meta name="generator" content="alsreport [^"]+">', head)
    assert '<html lang="en"' in html


def test_pdf_text_metadata_and_bookmarks(rendered) -> None:
    result, _, _, _ = rendered
    reader = pypdf.PdfReader(result.outputs["pdf"])
    text = " ".join(page.extract_text() for page in reader.pages).replace(NBSP, " ")
    assert "Demographics of the fixture study" in text
    assert "Table 1" in text and "Nested include reached" in text
    assert len(reader.pages) >= 2  # the pagebreak
    meta = reader.metadata
    assert meta.title == "Fixture report"
    assert meta.author == "Ann Author, Bob Builder"
    assert meta.subject == "A fixture report for the embedded engine"
    assert "alsreport" in meta.creator
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["1 Introduction", "2 Methods", "3 Results"]  # no title/TOC bookmarks
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is None:
                for desc in font.get_object().get("/DescendantFonts", []):
                    descriptor = desc.get_object().get("/FontDescriptor")
            if descriptor is not None:
                fonts.add(any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts == {True}  # every font is embedded
