"""templates/ethics-print.css (and the print rules it shares with print.css and screen.css): the safety report's pages
(issue #10, sixth reader). The six-visit study's Table 5 was split over two landscape pages, a third of the first
blank, with its notes printed on both; its 4-column deviation listing had a landscape page of its own; Provenance
started a new page after a page 72 % blank. Small documents laid out by WeasyPrint with the bundled stylesheets, as
the report is printed (screen.css is inlined into the HTML; its print rules hold in WeasyPrint too)."""

from __future__ import annotations

from pathlib import Path

import pytest

weasyprint = pytest.importorskip("weasyprint")

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
NOTE = "Footnote a: by infusion."


def _pages(body: str) -> list[tuple[bool, str]]:
    """(landscape?, text) of each page of ``body`` printed as the safety report is."""
    document = weasyprint.HTML(string=f"<html><body><main>{body}</main></body></html>").render(stylesheets=[
        weasyprint.CSS(filename=str(TEMPLATES / name)) for name in ("screen.css", "print.css", "ethics-print.css")])
    return [(page.width > page.height,
             " ".join(b.text for b in page._page_box.descendants() if getattr(b, "text", None)))
            for page in document.pages]


def _table(label: str, rows: int, *, columns: int = 3, layout: str = "", keep: bool = True) -> str:
    """A great-tables-like float: caption, header, ``rows`` body rows and a notes footer."""
    cells = "".join(f"<td>{k}</td>" for k in range(columns - 1))
    body = "".join(f"<tr><td>{label} row {r}</td>{cells}</tr>" for r in range(rows))
    head = "".join(f"<th>Column {k}</th>" for k in range(columns))
    table = (f"<table class='gt_table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
             f"<tfoot><tr><td class='gt_sourcenote' colspan='{columns}'>Synthetic example data.</td></tr>"
             f"<tr><td class='gt_footnote' colspan='{columns}'>{NOTE} {'Long notes. ' * 12}</td></tr></tfoot></table>")
    cls = f"alsr-table{' alsr-keep' if keep else ''}"
    float_cls = f"quarto-float{' alsr-keep-float' if keep else ''}{' ' + layout if layout else ''}"
    return (f"<div id='tbl-{label}' class='{float_cls}'><figure><figcaption>Table. {label}.</figcaption>"
            f"<div class='{cls}'><div id='gt-{label}'>{table}</div></div></figure></div>")


def _adverse_events(overview_layout: str = "") -> str:
    return ("<section id='sec-exposure' class='level1'><h1>Exposure</h1><p>Every participant received all infusions.</p>"
            "</section><section id='sec-adverse-events' class='level1'><h1>Adverse events</h1>"
            + "<p>At least one adverse event was recorded in 7 of 12 participants.</p>" * 3
            + "<section id='sec-ae-overview' class='level2'><h2>Overview</h2>"
            + _table("ae-overview", 25, layout=overview_layout) + "</section>"
            "<section id='sec-ae-soc' class='level2'><h2>By system organ class</h2>"
            + _table("ae", 20, columns=9, layout="alsr-landscape") + "</section></section>")


def test_the_adverse_event_overview_is_whole_on_a_portrait_page_and_the_soc_table_turns():
    pages = _pages(_adverse_events())
    overview = [k for k, (_, text) in enumerate(pages) if "ae-overview row" in text]
    assert len(overview) == 1, pages       # the 25-row table is not split
    turned, text = pages[overview[0]]
    assert not turned and "Adverse events" in text and "ae-overview row 24" in text and NOTE in text
    assert all(turned for turned, text in pages if "ae row" in text)


def test_a_measured_wide_overview_turns_with_its_section():
    pages = _pages(_adverse_events("alsr-landscape"))
    assert all(turned for turned, text in pages if "ae-overview row" in text)
    assert all(turned for turned, text in pages if "Adverse events" in text)
    # taller than a landscape page: it starts under its heading and text and continues (nothing left alone)
    assert all("ae-overview row 0" in text for _, text in pages if "Overview" in text)
    assert sum(NOTE in text for _, text in pages) == 2   # once under each table


def test_a_table_continued_over_pages_prints_its_notes_once_under_its_last_row():
    pages = _pages("<section id='sec-ae-all' class='level2'><h2>All adverse events</h2>"
                   + _table("all-events", 120, keep=False) + "</section>")
    with_rows = [text for _, text in pages if "all-events row" in text]
    assert len(with_rows) >= 3
    assert [text.count(NOTE) for text in with_rows] == [0] * (len(with_rows) - 1) + [1]
    assert "all-events row 119" in with_rows[-1]


@pytest.mark.parametrize("layout", ["", "alsr-landscape"])
def test_the_deviation_listing_turns_only_when_its_measured_width_needs_it(layout):
    pages = _pages("<section id='sec-baseline' class='level2'><h2>Baseline characteristics</h2><p>Table 2.</p></section>"
                   "<section id='sec-deviations' class='level2'><h2>Protocol deviations</h2>"
                   + _table("deviations", 8, columns=4, layout=layout) + "</section>")
    assert [turned for turned, _ in pages] == ([False] if not layout else [False, True]), pages
    assert "Protocol deviations" in pages[-1][1] and "deviations row 7" in pages[-1][1]


def test_provenance_follows_the_data_completeness_table_on_its_page():
    pages = _pages("<section id='sec-completeness' class='level1'><h1>Data completeness</h1>"
                   + _table("completeness", 6) + "</section>"
                   "<section id='sec-provenance' class='level1'><h1>Provenance</h1><p>Every number ...</p>"
                   "<table><tr><td>alsreport</td><td>0.1.0</td></tr></table></section>")
    assert len(pages) == 1 and "Provenance" in pages[0][1]


def test_disposition_follows_the_study_overview_and_adverse_events_start_a_new_page():
    """Issue #10, reader 7: the six-visit study's page 4 (the study overview) was 45 % full and the example's 53 %,
    because the disposition section always started a new page; it now follows on the overview's page, while the
    adverse events (and the laboratory section) still start their own."""
    body = ("<section id='sec-overview' class='level2'><h2>Study overview</h2><p>Overview.</p></section>"
            "<section id='sec-disposition' class='level2'><h2>Enrolment and disposition</h2><p>Disposition.</p>"
            "</section><section id='sec-adverse-events' class='level2'><h2>Adverse events</h2><p>Events.</p></section>")
    pages = _pages(body)
    assert len(pages) == 2, pages
    assert "Overview." in pages[0][1] and "Disposition." in pages[0][1] and "Events." in pages[1][1]


def test_text_after_the_landscape_listings_is_portrait_and_a_table_keeps_its_caption():
    """Issue #10, reader 8: in the six-visit study's ethics report a one-sentence laboratory section, Data completeness
    and Provenance were set on the deaths listing's landscape page, and the provenance table's caption ("Software and
    analysis") was left alone at the foot of that page, its table on the next."""
    rows = "".join(f"<tr><td>item {r}</td><td>value</td></tr>" for r in range(12))
    body = ("<section id='sec-adverse-events' class='level1'><h1>Adverse events</h1><p>Events.</p>"
            "<section id='sec-deaths' class='level2'><h2>Deaths</h2>"
            + _table("deaths", 3, columns=9, layout="alsr-landscape") + "</section>"
            "</section><section id='sec-laboratory' class='level1'><h1>Laboratory safety</h1><p>No ranges.</p></section>"
            "<section id='sec-completeness' class='level1'><h1>Data completeness</h1>" + _table("completeness", 7)
            + "</section><section id='sec-provenance' class='level1'><h1>Provenance</h1><p>Every number ...</p>"
            f"<table><caption>Software and analysis</caption><thead><tr><th>Item</th><th>Value</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")
    pages = _pages(body)
    assert [turned for turned, text in pages if "deaths row" in text] == [True], pages
    assert all(not turned for turned, text in pages if "No ranges." in text or "Provenance" in text or
               "completeness row" in text), pages
    caption = [text for _, text in pages if "Software and analysis" in text]
    assert len(caption) == 1 and "item 0" in caption[0], pages


@pytest.mark.parametrize("layout", ["", "alsr-landscape"])
def test_a_laboratory_section_turns_only_with_a_wide_table_and_the_text_after_it_does_not(layout):
    """Issue #10: the example's whole laboratory section (Tables 10 to 13, each narrower than the portrait column) was
    printed on nine landscape pages because it held tables; it turns only where a table's measured width needs it."""
    pages = _pages("<section id='sec-adverse-events' class='level1'><h1>Adverse events</h1><p>None.</p></section>"
                   "<section id='sec-laboratory' class='level1'><h1>Laboratory safety</h1>"
                   + _table("lab-grades", 4, columns=9, layout=layout) + "</section>"
                   "<section id='sec-completeness' class='level1'><h1>Data completeness</h1>" + _table("completeness", 7)
                   + "</section>")
    assert [turned for turned, text in pages if "Laboratory safety" in text] == [bool(layout)], pages
    assert [turned for turned, text in pages if "completeness row" in text] == [False], pages


def _flowed_pages(body: str) -> list[tuple[bool, str]]:
    """As :func:`_pages`, with the float placement's layouts (:mod:`alsreport.render.float_flow`), which let a section
    marked ``alsr-soft-break`` follow on a half-empty page before it."""
    from alsreport.render.float_flow import layout_with_floats_deferred

    html = weasyprint.HTML(string=f"<html><body><main>{body}</main></body></html>")
    sheets = [weasyprint.CSS(filename=str(TEMPLATES / n)) for n in ("screen.css", "print.css", "ethics-print.css")]
    document = layout_with_floats_deferred(html, lambda: html.render(stylesheets=sheets))
    return [(page.width > page.height,
             " ".join(b.text for b in page._page_box.descendants() if getattr(b, "text", None)))
            for page in document.pages]


@pytest.mark.parametrize("layout", ["", "alsr-landscape"])
def test_the_laboratory_section_follows_a_short_deaths_page_of_the_same_orientation(layout):
    """Issue #10, session 25: the laboratory section always started a new page, so the example's "5.6 Deaths" page
    (no deaths: a sentence and an empty listing) was 15 % full. It follows on that page now, like the adverse events
    after a short exposure page (report/ethics.qmd's alsr-soft-break); the body's pages are named (alsr-text), so the
    sections after the adverse events no longer change the page name, which forced a break by itself. After a
    landscape deaths listing it still starts a portrait page."""
    text = "<p>" + "Words that fill a line of text in the body of the report. " * 9 + "</p>"
    body = ("<section id='sec-exposure' class='level1'><h1>Exposure</h1>" + text * 9 + "</section>"
            "<section id='sec-adverse-events' class='level1 alsr-soft-break'><h1>Adverse events</h1><p>Events.</p>"
            "<section id='sec-deaths' class='level2'><h2>Deaths</h2><p>No deaths were reported.</p>"
            + _table("deaths", 1, columns=9, layout=layout) + "</section></section>"
            "<section id='sec-laboratory' class='level1 alsr-soft-break'><h1>Laboratory safety</h1>"
            "<p>No ranges.</p></section>")
    pages = _flowed_pages(body)
    deaths = [k for k, (_, words) in enumerate(pages) if "No deaths were reported." in words]
    laboratory = [k for k, (_, words) in enumerate(pages) if "No ranges." in words]
    assert len(deaths) == len(laboratory) == 1, pages
    assert laboratory[0] == deaths[0] + bool(layout), pages
    assert not pages[laboratory[0]][0], pages         # portrait


def test_only_the_adverse_event_subsections_with_a_wide_table_turn():
    """Issue #10: every adverse-event subsection after the overview was printed landscape, the listings of a row or two
    too (the example's pages 11 and 12, 26 % and 47 % full); the listings that fit the portrait column now stay
    portrait, and only the subsection of the wide SOC table turns."""
    body = _adverse_events() + ("<section id='sec-ae-all' class='level2'><h2>All adverse events</h2>"
                                + _table("all-events", 15, columns=5) + "</section>"
                                "<section id='sec-deaths' class='level2'><h2>Deaths</h2>"
                                + _table("deaths", 1, columns=5) + "</section>")
    pages = _pages(body.replace("</section></section><section id='sec-ae-all'", "</section><section id='sec-ae-all'")
                   + "</section>")
    assert all(turned for turned, text in pages if "ae row" in text), pages
    assert [turned for turned, text in pages if "all-events row" in text or "deaths row" in text] == [False], pages


def _filler(mm: int) -> str:
    """A block ``mm`` tall: the page's text before the table (the A4 content box is 256 mm tall)."""
    return f"<div style='height: {mm}mm'>Text before.</div>"


def test_a_listing_caption_does_not_stay_alone_at_a_page_foot():
    """Issue #10, reader 9: the example's caption "Table 13. Laboratory values outside the reference range" was left
    at the foot of a page, its listing on the next: the page broke after the listing's empty running-header marker
    (documents/listing_pages.py, since gone) between the caption and the table, where the table's first rows did not
    fit."""
    rows = "".join(f"<tr><td>P{r:02d}</td><td>Month 1</td><td>{r}</td></tr>" for r in range(40))
    listing = ("<table class='gt_table'><thead><tr><th>Participant</th><th>Visit</th><th>Value</th></tr>"
               "</thead><tbody><tr class='gt_group_heading_row'><th colspan='3' class='gt_group_heading'>"
               f"CSF albumin</th></tr>{rows}</tbody></table>")
    gt = listing.replace("<table", "<div style='padding-top: 6px'><table", 1).replace("</table>", "</table></div>")
    table = ("<div id='tbl-out-of-range' class='quarto-float'><figure class='quarto-float quarto-float-tbl'>"
             "<figcaption class='quarto-float-caption quarto-float-tbl'>Table 13. Out of range.</figcaption>"
             f"<div><div class='alsr-table alsr-table-captioned'>{gt}</div></div></figure></div>")
    pages = _pages("<section id='sec-listing' class='level1'>" + _filler(230) + table + "</section>")
    caption = [k for k, (_, text) in enumerate(pages) if "Table 13." in text]
    first_row = [k for k, (_, text) in enumerate(pages) if "P00 " in text]
    assert caption == first_row == [1], pages


@pytest.mark.parametrize("level", ["h1", "h2"])
def test_a_heading_and_its_lead_sentence_go_with_the_table_they_introduce(level):
    """Issue #10, reader 9: "5.3 All adverse events" and "Every adverse event ... (Table 6)." stayed at the foot of a
    page whose rest could not hold Table 6 (kept whole), and the six-visit report's "4 Exposure" with its sentence."""
    body = (f"<section class='level1'><{level}>Earlier</{level}>" + _filler(190) + "</section>"
            f"<section id='sec-exposure' class='level1'><{level}>Exposure</{level}><p>Every participant received every "
            "infusion (Table 3).</p>" + _table("exposure", 14) + "</section>")
    pages = _pages(body)
    where = {words: [k for k, (_, text) in enumerate(pages) if words in text]
             for words in ("Exposure", "Every participant", "exposure row 0", "Text before.")}
    assert where["Exposure"] == where["Every participant"] == where["exposure row 0"] == [1], pages
    assert where["Text before."] == [0], pages
