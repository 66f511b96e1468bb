"""render/toc_order.py: Quarto's sidebar (its table of contents) moved after ``</main>``, so that the page's h1, the
study title, is its first heading in the DOM (issue #10, typography and semantics). The page is shaped as Quarto 1.11
writes it (toc-location right, the default); the example's pages keep their sidebar where it was on screen from 500 to
1280 px (positions measured in Chromium before and after the move)."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreport.render.toc_order import contents_after_main, contents_in_body

from render_helpers import headings_in_dom_order

SIDEBAR = ('<div id="quarto-margin-sidebar" class="sidebar margin-sidebar">\n'
           '<nav id="TOC" role="doc-toc" class="toc-active" data-toc-expanded="99">\n'
           '<h2 id="toc-title">Table of contents</h2>\n<ul><li><a href="#sec-1"><div class="x">1 Methods</div></a></li>'
           '</ul>\n</nav>\n</div>')
MAIN = ('<main class="content" id="quarto-document-content">\n<header id="title-block-header">'
        '<h1 class="title">Study title</h1></header>\n<section id="sec-1"><h2>1 Methods</h2><div><p>Text.</p></div>'
        '</section>\n</main>')
PAGE = ('<!DOCTYPE html><html><head><script>const m = "</main>";</script></head><body class="quarto-light">\n'
        '<div id="quarto-search-results"></div>\n<div id="quarto-content" class="page-columns page-rows-contents">\n'
        f'<div id="quarto-sidebar-toc-left" class="sidebar toc-left"></div>\n{SIDEBAR}\n{MAIN}\n'
        '<script id="quarto-html-after-body">;</script>\n</div>\n</body></html>')


def test_quartos_sidebar_follows_main_and_nothing_else_moves():
    moved = contents_after_main(PAGE)
    assert moved == PAGE.replace(SIDEBAR, "").replace(MAIN, f"{MAIN}\n{SIDEBAR}")
    assert headings_in_dom_order(PAGE)[0] == ("h2", "Table of contents")
    assert headings_in_dom_order(moved) == [("h1", "Study title"), ("h2", "1 Methods"), ("h2", "Table of contents")]


def test_a_page_already_in_order_without_a_sidebar_or_without_main_is_kept():
    moved = contents_after_main(PAGE)
    assert contents_after_main(moved) == moved            # alsreport render, then the project's post-render hook
    assert contents_after_main(PAGE.replace(SIDEBAR, "")) == PAGE.replace(SIDEBAR, "")     # toc: false
    no_main = PAGE.replace(MAIN, "<p>No main.</p>")
    assert contents_after_main(no_main) == no_main


def test_an_unclosed_sidebar_is_reported():
    page = f'<body><div id="quarto-margin-sidebar"><nav id="TOC"></nav>{MAIN}</body>'
    with pytest.raises(ValueError, match='<div id="quarto-margin-sidebar"> at character 6 is never closed'):
        contents_after_main(page)


def test_the_projects_post_render_hook_moves_it_too(tmp_path, monkeypatch):
    import alsreport.render.quarto as quarto
    from alsreport.documents.quarto_hooks import postrender_pdfs

    monkeypatch.setattr(quarto, "quarto_html_to_pdf", lambda *args, **kwargs: [])   # the PDF is not the point here
    (tmp_path / "report").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "print.css").write_text("", encoding="utf-8")
    (tmp_path / "report" / "manuscript.qmd").write_text("---\ntitle: Study title\n---\n", encoding="utf-8")
    page = tmp_path / "_output" / "manuscript.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    assert postrender_pdfs(tmp_path, [Path("_output/manuscript.html")]) == [page.with_suffix(".pdf")]
    assert page.read_text(encoding="utf-8") == contents_after_main(PAGE)


ABSTRACT = ('<section id="sec-abstract" class="level2 unnumbered"><h2>Abstract</h2><section id="sec-a1"><p>Aims.</p>'
            '</section></section>\n')


def test_quartos_manuscript_lists_its_contents_after_the_abstract_too():
    """Session 27 HTML reader: below 768 px Quarto hides its sidebar, and its manuscript page had no contents at all
    (the embedded page lists them after the abstract). A copy of the TOC follows the abstract (shown there only:
    templates/screen.css), its ids prefixed, not Quarto's doc-toc (its scroll spy keeps to the sidebar's)."""
    page = contents_after_main(PAGE.replace("</header>\n", "</header>\n" + ABSTRACT))
    both = contents_in_body(page)
    after = both.split('<section id="sec-abstract"', 1)[1].split("</section></section>\n", 1)[1]
    assert after.startswith('<nav id="TOC-body" class="alsr-toc-body" aria-labelledby="body-toc-title">\n'
                            '<h2 id="body-toc-title">Table of contents</h2>\n<ul><li><a href="#sec-1">')
    assert both.count('role="doc-toc"') == 1 and both.count('id="toc-title"') == 1
    assert contents_in_body(both) == both                              # render, then the post-render hook
    assert contents_in_body(PAGE) == PAGE                              # no abstract: the safety report
    assert contents_in_body(PAGE.replace(SIDEBAR, "")) == PAGE.replace(SIDEBAR, "")   # toc: false
