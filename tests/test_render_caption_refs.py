"""render/caption_refs.py: in Quarto's page a table box names the caption Quarto wrote (its id ends in a UUID), so the
region is named "Table 5. Adverse events by …" in both engines' pages (issue #10, session 25 HTML reader)."""

from __future__ import annotations

from alsreport.render.caption_refs import quarto_caption_refs
from alsreport.render.quarto import finished_quarto_page

UUID = "0ceaefa1-69ba-4598-a22c-09a6ac19f8ca"
QUARTO = (f'<figcaption class="quarto-float-caption" id="tbl-ae-caption-{UUID}">Table 5. Adverse events.</figcaption>'
          f'<div aria-describedby="tbl-ae-caption-{UUID}"><div class="alsr-table">'
          '<div id="alsreport-adverse-events" tabindex="0" role="region" aria-labelledby="tbl-ae-caption">'
          '<table></table></div></div></div>'
          '<p class="alsr-supplement-caption" id="tbl-table-s1">Table S1. X.</p>'
          '<div id="alsreport-s1" tabindex="0" role="region" aria-labelledby="tbl-table-s1"></div>')


def test_a_table_box_names_quartos_caption_and_a_supplements_stays():
    page = quarto_caption_refs(QUARTO)
    assert f'role="region" aria-labelledby="tbl-ae-caption-{UUID}"' in page
    assert 'aria-labelledby="tbl-table-s1"' in page
    assert quarto_caption_refs(page) == page            # the step may run twice


def test_the_embedded_engines_ids_are_left_alone():
    page = ('<figcaption id="tbl-ae-caption">Table 5. X.</figcaption>'
            '<div id="a" role="region" aria-labelledby="tbl-ae-caption"></div>')
    assert quarto_caption_refs(page) == page


def test_the_quarto_page_finishing_step_resolves_them():
    page = f"<html><body><main>{QUARTO}</main></body></html>"
    assert f'aria-labelledby="tbl-ae-caption-{UUID}"' in finished_quarto_page(page)
