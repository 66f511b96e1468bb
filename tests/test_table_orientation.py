"""Which tables are printed on landscape pages, and that every table fits its page (issue #10, "Layout and type":
half-empty pages; tables never overflow).

A table goes on a landscape page only when it is wider than the portrait text column even in 8 pt
(alsreport.documents.table_fit); a section of the safety report turns only with such a table in it
(templates/ethics-print.css). Before: the example manuscript's Table 4 (36 rows, 655 px in 8.25 pt, 635 px in 8 pt for
a 643 px column) had two landscape pages, the second half empty; the example ethics report printed every adverse-event
subsection after the overview and the whole laboratory section landscape (12 of 22 pages; pages 11 and 12 were 26 %
and 47 % full) though only Table 5 needed it.

The example and the six-visit study (tests/test_manuscript_layout.py's WIDE: grades 1 to 5, a death) are rendered once
each, both reports, HTML and PDF. Orientation and fill are read from the PDF (``pdftotext -bbox``); the table boxes from
WeasyPrint's layout of the same HTML with the same print stylesheets.
"""

from __future__ import annotations

import re
import shutil

import pytest

from manuscript_render import page_fill, sparse_pages, starts_section, word_boxes
from table_pages import caption_pages

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")

DOCUMENTS = ("manuscript", "ethics")
MARGIN_PT = 20 / 25.4 * 72          # print.css @page: 20 mm side margins
#: The tables printed on landscape pages, and how many labelled tables each document has (read from the PDFs of
#: 3 December 2026; every other table is portrait). Table 7 (adverse events by SOC, term and grade), Table 5 of the
#: ethics report (the same with cumulative columns) and the example's Table S1 (every later visit against Month 0,
#: 658 px in 8 pt) are wider than the portrait column in 8 pt.
LANDSCAPE = {
    ("example", "manuscript"): ({"Table 7", "Table S1"}, 12),       # Tables 1-7, S1-S5
    ("example", "ethics"): ({"Table 5"}, 14),
    ("six-visit", "manuscript"): ({"Table 7"}, 11),                 # Tables 1-7, S1-S4
    ("six-visit", "ethics"): ({"Table 5"}, 10),
}


@pytest.fixture(scope="module", params=["example", "six-visit"])
def rendered(request, tmp_path_factory):
    from alsreport.documents.reports import render_reports
    from alsreport.study.example import example_study_path

    from manuscript_studies import write_variant
    from test_manuscript_layout import WIDE

    root = tmp_path_factory.mktemp(request.param)
    study = example_study_path() if request.param == "example" else write_variant(root / "study", WIDE)
    render_reports(study, reports=list(DOCUMENTS), formats=["html", "pdf"], engine="embedded", out_dir=root / "out")
    return request.param, root / "out"


def _read(rendered, document: str):
    _, out = rendered
    return (out / f"{document}.html").read_text(encoding="utf-8"), out / f"{document}.pdf"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_only_tables_too_wide_for_the_portrait_column_in_8_pt_are_landscape(rendered, document):
    html, pdf = _read(rendered, document)
    words = word_boxes(pdf)
    fill = page_fill(words)
    spans = caption_pages(html, pdf)
    turned = {label: {fill[p][1] for p in pages} for label, pages in spans.items()}
    assert {label: t for label, t in turned.items() if len(t) > 1} == {}      # no table changes orientation
    landscape, count = LANDSCAPE[(rendered[0], document)]
    assert {label for label, t in turned.items() if t == {True}} == landscape
    assert len(spans) == count, sorted(spans)
    # ... and no other page is landscape: none for text, none for a table that fits the portrait column
    assert {p for p, (_, wide) in fill.items() if wide} == {p for label in landscape for p in spans[label]}


def _tables(html: str) -> list[tuple[str, str, str, str]]:
    """(id of the great-tables table, classes it is laid out in, its layout classes, its HTML) of every table in an
    ``alsr-table`` box: a float's layout classes are the float's (``<div id="tbl-..." class=...>``), a supplementary
    table's its own."""
    out = []
    floats = [(m.start(), m.group(1)) for m in re.finditer(r'<div id="tbl-[\w-]+" class="([^"]*)"', html)]
    sizes = ("alsr-landscape", "alsr-small", "alsr-compact")
    for m in re.finditer(r'<div class="(alsr-table[^"]*)">\s*(?:<p class="alsr-supplement-caption"[^>]*>.*?</p>)?'
                         r'(.*?</table>)', html, re.S):
        own = m.group(1).split()
        layout = own if "alsr-supplement" in own else next(c for at, c in reversed(floats) if at < m.start()).split()
        ident = re.search(r'<div id="([^"]+)"', m.group(2)).group(1)
        out.append((ident, " ".join(c for c in own if c not in sizes), " ".join(c for c in layout if c in sizes),
                    m.group(2)))
    return out


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_table_is_landscape_exactly_when_8_pt_does_not_fit_the_portrait_column(rendered, document):
    """The rule, measured again (WeasyPrint, the print stylesheets) on every table as printed: a landscape table is
    wider than the portrait column in 8 pt; a portrait one fits it in the type it is printed in, 7.5 pt only for a
    short table."""
    from alsreport.documents.table_fit import PORTRAIT_PX, SHORT_ROWS, body_rows, default_measurer

    html, _ = _read(rendered, document)
    measurer = default_measurer(document)
    tables = _tables(html)
    # every labelled table but the manuscript's CONSORT checklist (Table S5 or S4), a plain HTML table
    assert len(tables) == LANDSCAPE[(rendered[0], document)][1] - (document == "manuscript")
    for ident, classes, layout, markup in tables:
        if "alsr-landscape" in layout:
            assert measurer.width_px(markup, PORTRAIT_PX, f"{classes} alsr-small") > PORTRAIT_PX + 0.5, ident
        else:
            assert measurer.width_px(markup, PORTRAIT_PX, f"{classes} {layout}".strip()) <= PORTRAIT_PX + 0.5, ident
            assert "alsr-compact" not in layout or body_rows(markup) <= SHORT_ROWS, ident
    if rendered[0] == "example" and document == "manuscript":
        # Table 4 (sensitivity): 655 px in 8.25 pt, 635 px in 8 pt (column: 643 px); it was landscape
        assert dict((t[0], t[2]) for t in tables)["alsreport-sensitivity"] == "alsr-small"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_table_box_lies_inside_its_page_content_box(rendered, document):
    """WeasyPrint's layout of the printed HTML: each great-tables table box (its border box, on every page it is
    continued on) from the left to the right edge of the page's content box, on a landscape page exactly when it is
    laid out as one."""
    import weasyprint

    from alsreport.documents.resources import project_dir
    from alsreport.render.superscripts import superscript_markup

    html, _ = _read(rendered, document)
    page = weasyprint.HTML(string=superscript_markup(html), base_url=str(rendered[1]) + "/")
    parents = {child: parent for parent in page.etree_element.iter() for child in parent}
    sheets = [weasyprint.CSS(filename=str(project_dir() / "templates" / name))
              for name in ("print.css", f"{document}-print.css")]
    layout = {ident: cls for ident, _, cls, _ in _tables(html)}

    def owner(el) -> str:
        while el is not None and el.get("id") not in layout:
            el = parents.get(el)
        return el.get("id") if el is not None else ""

    def boxes(box):
        yield box
        for child in getattr(box, "children", None) or ():
            yield from boxes(child)

    seen, outside, turned = set(), [], []
    for number, printed in enumerate(page.render(stylesheets=sheets).pages, 1):
        content = printed._page_box
        left, right = content.content_box_x(), content.content_box_x() + content.width
        for box in boxes(content):
            if type(box).__name__ != "TableBox" or "gt_table" not in (box.element.get("class") or ""):
                continue
            ident = owner(box.element)
            seen.add(ident)
            x0, x1 = box.border_box_x(), box.border_box_x() + box.border_width()
            if x0 < left - 0.5 or x1 > right + 0.5:
                outside.append((number, ident, round(x0 - left, 1), round(x1 - right, 1)))
            if (printed.width > printed.height) != ("alsr-landscape" in layout[ident]):
                turned.append((number, ident))
    assert seen == set(layout)
    assert outside == [] and turned == []


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_word_is_inside_the_page_content_box(rendered, document):
    _, pdf = _read(rendered, document)
    words = word_boxes(pdf)
    # 3 pt (1 mm) of tolerance: glyph boxes of justified text overhang by a point or two (test_manuscript_layout.py)
    outside = [w for w in words if w["x0"] < MARGIN_PT - 3 or w["x1"] > w["width"] - MARGIN_PT + 3]
    assert not outside, [(w["page"], w["text"], round(w["x1"]), round(w["width"])) for w in outside[:10]]


def test_no_ethics_page_is_half_empty_but_the_contents_and_the_last_of_a_section(rendered):
    """The example's pages 11 and 12 (serious-event and death listings, the start of the laboratory section) were
    landscape and 26 % and 47 % full; the listings are portrait now and share their pages. Page 14 (Table 10's last
    rows) was 52 % full before Table 11: every page of the laboratory section counted as starting with a forced
    break (render/soft_breaks._continued), so the layout that splits Table 11 was not preferred (session 24)."""
    from alsreport.render.float_flow import MIN_FILL

    _, pdf = _read(rendered, "ethics")
    words = word_boxes(pdf)
    contents = {w["page"] for w in words if w["text"] == "Contents"}
    assert [(p, fill) for p, fill in sparse_pages(pdf, MIN_FILL)
            if p not in contents and not starts_section(words, p + 1)] == []
    assert {p: round(share, 2) for p, (share, wide) in page_fill(words).items() if wide and share < MIN_FILL} == {}
