"""alsreport.render.superscripts: Unicode superscripts become markup in what is drawn, stay text elsewhere."""

from __future__ import annotations

from alsreport.render.superscripts import plain_superscripts, superscript_markup


def test_html_text_gets_sup_and_attributes_head_and_style_keep_the_characters():
    page = ('<html><head><title>Cells 10⁹/L</title><style>i::before { content: "⁶" }</style></head><body>'
            '<p data-x="a > b" title="10⁹/L">White blood cells (10⁹/L), 2 ×10⁶ cells/kgᵃ</p></body></html>')
    out = superscript_markup(page)
    assert "<p data-x=\"a > b\" title=\"10⁹/L\">White blood cells (10<sup>9</sup>/L), 2 ×10<sup>6</sup> cells/kg" \
           "<sup>a</sup></p>" in out
    assert "<title>Cells 10⁹/L</title>" in out and 'content: "⁶"' in out


def test_svg_text_is_raised_by_tspans_sized_from_the_text_and_its_title_is_kept():
    svg = ('<svg role="img"><title>Platelets (10⁹/L) by visit</title><g>'
           '<text style="font-size: 8px; font-family: \'Liberation Sans\'" x="3">Platelets (10⁹/L)</text>'
           '<text x="0">a⁻¹²</text></g></svg>')
    out = superscript_markup(svg)
    assert "<title>Platelets (10⁹/L) by visit</title>" in out
    assert ('Platelets (10<tspan dy="-2.8" style="font-size: 5.6px">9</tspan><tspan dy="2.8">/L)</tspan></text>'
            in out)
    # no font size to read: relative units, raised and lowered by the same amount of the text's size
    assert '<text x="0">a<tspan dy="-0.5em" style="font-size: 70%">−12</tspan></text>' in out
    assert "<sup>" not in out


def test_text_without_superscripts_is_returned_unchanged():
    # ¹ ² ³ are in the typefaces (Latin-1): alone they stay glyphs; in a run with others the run is markup
    page = "<p>χ² = 3.1, m², p ≥ 0.05; grade ≥3 & <b>¹</b></p>"
    assert superscript_markup(page) == page
    assert superscript_markup("<p>10¹² and 10¹⁰</p>") == "<p>10¹² and 10<sup>10</sup></p>"
    assert plain_superscripts("10⁹ ᵃᵇ ⁺⁻") == "109 ab +−"
