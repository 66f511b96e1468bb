"""templates/screen.css on a narrow screen: the safety report's table of contents follows its title block (reader 13b
item 7: in the embedded engine's ethics page at 390 px the 28-line TOC came first and the kicker, the study title and
the cover's fields about 1 000 px down, since the title became the cover's h1)."""

from __future__ import annotations

import pytest
from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe

_PROBE = """<script>window.addEventListener("load", () => {
  const top = (sel) => Math.round(document.querySelector(sel).getBoundingClientRect().top);
  const bottom = (sel) => Math.round(document.querySelector(sel).getBoundingClientRect().bottom);
  document.title = [top("nav#TOC") - bottom(".alsr-cover"), top("#sec-summary") - bottom("nav#TOC")].join(" ");
});</script>"""


def _ethics_page() -> str:
    """The embedded engine's safety report page: main with the cover (kicker, h1, fields), then body > nav#TOC (after
    main since issue #10's semantics item: the title first in the DOM; templates/page.html)."""
    items = "".join(f"<li><a href='#sec-{k}'>{k} Section</a></li>" for k in range(1, 29))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + "</style></head><body><main id='quarto-document-content'><div class='alsr-running'>Running</div>"
            "<section class='alsr-cover'><p class='alsr-kicker'>Safety report for the ethics committee</p>"
            "<h1 class='alsr-cover-title'>Study title</h1><dl><dt>Protocol</dt><dd>Not recorded</dd></dl></section>"
            "<section id='sec-summary' class='level2'><h2>1 Summary</h2><p>Text.</p></section></main>"
            "<nav id='TOC' role='doc-toc'><h2 id='toc-title'>Table of contents</h2>"
            f"<ul>{items}</ul></nav>" + _PROBE + "</body></html>")


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_on_a_phone_the_safety_reports_contents_follow_its_title_block(tmp_path):
    # headless Chromium's narrowest window (500 px) is under the sidebar's 78rem breakpoint, as a 390 px phone is
    toc_below_cover, summary_below_toc = map(int, _layout_probe(_ethics_page(), tmp_path, 500).split())
    assert toc_below_cover >= 0 and summary_below_toc >= 0, (toc_below_cover, summary_below_toc)


_ORDER = """<script>window.addEventListener("load", () => {
  const top = (sel) => Math.round(document.querySelector(sel).getBoundingClientRect().top);
  const bottom = (sel) => Math.round(document.querySelector(sel).getBoundingClientRect().bottom);
  document.title = [top("nav#TOC") - bottom("#title-block-header"), top("main") - bottom("nav#TOC")].join(" ");
});</script>"""


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_without_the_sidebar_any_documents_contents_show_under_its_title_though_they_follow_main(tmp_path):
    """A document with neither an abstract nor a cover (a study's own report): its TOC, written after main so that
    the title is the first heading in the DOM (issue #10), is shown between the title block and the document, as it
    was when the template wrote it first."""
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + "</style></head><body><header id='title-block-header'><h1 class='title'>Title</h1></header>"
            "<main id='quarto-document-content'><section id='sec-1' class='level2'><h2>1 Methods</h2><p>Text.</p>"
            "</section></main><nav id='TOC' role='doc-toc'><h2 id='toc-title'>Table of contents</h2><ul><li>"
            "<a href='#sec-1'>1 Methods</a></li></ul></nav>" + _ORDER + "</body></html>")
    toc_below_title, main_below_toc = map(int, _layout_probe(html, tmp_path, 500).split())
    assert toc_below_title >= 0 and main_below_toc >= 0, (toc_below_title, main_below_toc)


_SHOWN = """<script>window.addEventListener("load", () => {
  document.title = getComputedStyle(document.querySelector("nav#TOC")).display;
});</script>"""


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_on_a_phone_the_safety_report_lists_its_sections_once(tmp_path):
    """Session 25 and 26 HTML readers: at 390 px the embedded safety report showed its sidebar TOC and, after the
    cover, its own contents with the lists of tables and figures: the sections twice. Wherever it is no sidebar (below
    78rem) the TOC is hidden when the page has its own contents; as a sidebar, and in pages without, it stays."""
    page = _ethics_page()
    own = page.replace("<section id='sec-summary'", "<nav class='alsr-contents' aria-label='Contents'><ol><li>"
                       "<a href='#sec-summary'>1 Summary</a></li></ol></nav><section id='sec-summary'")
    assert _layout_probe(own.replace(_PROBE, _SHOWN), tmp_path, 500) == "none"
    # nor between 768 px and the sidebar's 78rem, where it sat above the page's own lists (session 27 HTML reader)
    assert _layout_probe(own.replace(_PROBE, _SHOWN), tmp_path, 1000) == "none"
    assert _layout_probe(own.replace(_PROBE, _SHOWN), tmp_path, 1300) == "block"   # the sidebar
    assert _layout_probe(page.replace(_PROBE, _SHOWN), tmp_path, 500) == "block"


_FIELD = """<script>window.addEventListener("load", () => {
  const dt = document.querySelector(".alsr-cover dt").getBoundingClientRect();
  const dd = document.querySelector(".alsr-cover dd").getBoundingClientRect();
  document.title = [Math.round(dd.left - dt.left), Math.round(dd.top - dt.bottom)].join(" ");
});</script>"""


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_on_a_phone_the_covers_fields_stack_label_over_value(tmp_path):
    """Session 26 HTML reader: at 390 px the cover's 12rem label column left its values 121-153 px wide (the protocol
    13 lines tall). Below 40rem the label is above its value; wider, beside it."""
    page = _ethics_page().replace(_PROBE, _FIELD)
    indent, below = map(int, _layout_probe(page, tmp_path, 500).split())
    assert indent == 0 and below >= 0, (indent, below)
    indent, below = map(int, _layout_probe(page, tmp_path, 1000).split())
    assert indent > 150 and below < 0, (indent, below)


_BODY_TOC = """<script>window.addEventListener("load", () => {
  const toc = document.querySelector("#TOC-body"), abstract = document.querySelector("#sec-abstract");
  const link = getComputedStyle(toc.querySelector("a")), item = getComputedStyle(toc.querySelector("li"));
  document.title = [getComputedStyle(toc).display,
                    Math.round(toc.getBoundingClientRect().top - abstract.getBoundingClientRect().bottom),
                    link.color.replace(/ /g, ""), item.listStyleType].join(" ");
});</script>"""


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_quartos_manuscript_shows_its_contents_after_the_abstract_only_where_it_hides_its_sidebar(tmp_path):
    """Session 27 HTML reader: at 390 px Quarto's manuscript page had no contents (Quarto hides its sidebar below
    768 px). render/toc_order.contents_in_body puts a copy after the abstract; screen.css shows it there only."""
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + "</style></head><body><div id='quarto-content'><main id='quarto-document-content'>"
            "<section id='sec-abstract'><h2>Abstract</h2><p>Text.</p></section>"
            "<nav id='TOC-body' class='alsr-toc-body' aria-labelledby='body-toc-title'><h2 id='body-toc-title'>Table "
            "of contents</h2><ul><li><a href='#sec-1'>1 Introduction</a></li></ul></nav>"
            "<section id='sec-1'><h2>1 Introduction</h2><p>Text.</p></section></main></div>" + _BODY_TOC + "</body></html>")
    shown, gap, colour, bullet = _layout_probe(html, tmp_path, 500).split()
    assert shown == "block" and 0 <= int(gap) < 40
    # links in the accent colour (#1d4f91), no bullets, as the embedded page's list (session 27 HTML reader)
    assert (colour, bullet) == ("rgb(29,79,145)", "none")
    assert _layout_probe(html, tmp_path, 1000).split()[0] == "none"


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_on_a_wide_screen_the_embedded_sidebar_contents_look_like_quartos(tmp_path):
    """Session 30 HTML reader: a grey box headed "TABLE OF CONTENTS" with blue links beside Quarto's plain list."""
    probe = """<script>window.addEventListener("load", () => {
      const s = (sel) => getComputedStyle(document.querySelector(sel));
      document.title = [s("nav#TOC").borderTopStyle, s("#toc-title").textTransform,
                        s("nav#TOC a").color === s("#sec-summary p").color].join(" ");
    });</script>"""
    page = _ethics_page().replace(_PROBE, probe)
    assert _layout_probe(page, tmp_path, 1400).split() == ["none", "none", "true"]
