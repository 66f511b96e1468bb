"""templates/screen.css on the safety report's cover and the tables' captions (session 29 HTML reader, comparing both
engines' pages in Chromium): the abbreviations were in the text's weight in the embedded page (bold in Quarto's, from
Bootstrap's dt rule); the titles "Contents", "List of tables", "List of figures" and "Abbreviations" (a <p> with role
heading, level 2) looked like body text in both pages; the embedded page's text-table caption was 14.1 px near-black
(12.8 px at 390 px) against Quarto's 15.3 px grey, its section headings 700 against Quarto's 600.

The cover's markup as both engines write it goes in a page with templates/screen.css, once as the embedded engine's
page (body > main#quarto-document-content, templates/page.html) and once as Quarto's (main inside #quarto-content);
headless Chromium computes the styles (skipped without chromium). The PDF takes these from ethics-print.css, which
these screen rules do not reach (test_templates_ethics_print)."""

from __future__ import annotations

import pytest

from test_templates_screen_print import SCREEN_CSS, _chromium, _layout_probe

_COVER = ("<section class='alsr-cover'><h1 class='alsr-cover-title'>Study title</h1></section>"
          "<nav class='alsr-contents' aria-label='Contents'><p class='alsr-contents-title' role='heading' "
          "aria-level='2'>Contents</p><ol><li><a href='#sec-summary'>Summary</a></li></ol>"
          "<p class='alsr-contents-title' role='heading' aria-level='2' id='abbreviations'>Abbreviations</p>"
          "<dl class='alsr-abbreviations'><div><dt>ALP</dt><dd>alkaline phosphatase</dd></div></dl></nav>"
          "<section id='sec-summary' class='level2'><h2>1 Summary</h2><p>Text.</p>"
          "<section id='sec-a' class='level3'><h3>1.1 Subsection</h3><p>Text.</p>"
          "<table class='alsr-provenance'><caption>Software and analysis</caption><tbody><tr><td>Python</td>"
          "<td>3.11</td></tr></tbody></table></section></section>")

_PROBE = """<script>window.addEventListener("load", () => {
  const style = (sel) => getComputedStyle(document.querySelector(sel));
  const title = style(".alsr-contents-title"), text = style("#sec-summary > p"), caption = style("caption");
  document.title = [style(".alsr-abbreviations dt").fontWeight, style(".alsr-abbreviations dd").marginLeft,
                    title.fontWeight, title.fontFamily.split(",")[0].replace(/[" ]/g, ""),
                    parseFloat(title.fontSize) - parseFloat(text.fontSize), parseFloat(title.marginTop),
                    caption.fontSize, caption.color.replace(/ /g, ""), style("h2").fontWeight,
                    style("h3").fontWeight].join(" ");
});</script>"""


def _page(quarto: bool) -> str:
    main = f"<main id='quarto-document-content' class='content'>{_COVER}</main>"
    body = f"<div id='quarto-content' class='page-columns'>{main}</div>" if quarto else main
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>" + SCREEN_CSS.read_text(encoding="utf-8")
            + f"</style></head><body>{body}{_PROBE}</body></html>")


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
@pytest.mark.parametrize("width", [1280, 500])
def test_the_embedded_pages_cover_and_captions_look_as_quartos(tmp_path, width):
    (dt, dd_left, title_weight, title_font, title_larger, title_top, caption_size, caption_colour, h2,
     h3) = _layout_probe(_page(quarto=False), tmp_path, width).split()
    # the abbreviations bold, each long name under it (Bootstrap's dt and dd in Quarto's page; the browser's 40 px
    # indent here before)
    assert (dt, dd_left) == ("700", "0px")
    # the navigation titles: small sans-serif headings, larger than the text, with room above them
    assert title_weight == "700" and title_font == "LiberationSans" and 1 <= float(title_larger) <= 3
    assert float(title_top) >= 16
    # the text table's caption as Quarto's (0.9 of its 17 px root, its theme's grey), at any width
    assert (caption_size, caption_colour) == ("15.3px", "rgb(90,101,112)")
    # section headings in Quarto's weight
    assert (h2, h3) == ("600", "600")


@pytest.mark.skipif(_chromium() is None, reason="needs headless chromium")
def test_quartos_cover_titles_are_headings_too(tmp_path):
    _, _, title_weight, title_font, title_larger, title_top, *_ = _layout_probe(_page(quarto=True), tmp_path,
                                                                              1280).split()
    assert title_weight == "700" and title_font == "LiberationSans" and 1 <= float(title_larger) <= 3
    assert float(title_top) >= 16
