"""render/zoom_labels.py: each figure's "Enlarge figure" / "Close" links are named after the figure, "Enlarge Figure 3"
(issue #10, session 25 HTML reader: a screen reader's list of links read "Enlarge figure" once per figure), in the
embedded engine's page and Quarto's (caption ids with a UUID)."""

from __future__ import annotations

import pytest

from alsreport.render.quarto import finished_quarto_page
from alsreport.render.zoom_labels import named_zoom_links

UUID = "0ceaefa1-69ba-4598-a22c-09a6ac19f8ca"


def _float(label: str, number: int, suffix: str = "") -> str:
    return (f'<div id="{label}" class="quarto-float"><figure><div class="alsr-figure" id="zoom-{label}">\n'
            f'<a class="alsr-zoom-open" href="#zoom-{label}">Enlarge figure</a>'
            f'<a class="alsr-zoom-close" href="#{label}">Close</a>\n<svg></svg></div>'
            f'<figcaption class="quarto-float-caption" id="{label}-caption{suffix}">\nFigure\u00a0{number}. A '
            "caption.\n</figcaption></figure></div>")


@pytest.mark.parametrize("suffix", ["", f"-{UUID}"], ids=["embedded", "quarto"])
def test_each_figures_zoom_links_name_the_figure(suffix):
    page = named_zoom_links(_float("fig-consort", 1, suffix) + _float("fig-forest-csf", 3, suffix))
    assert '<a class="alsr-zoom-open" href="#zoom-fig-consort" aria-label="Enlarge Figure 1">Enlarge figure</a>' in page
    assert '<a class="alsr-zoom-close" href="#fig-consort" aria-label="Close Figure 1">Close</a>' in page
    assert 'href="#zoom-fig-forest-csf" aria-label="Enlarge Figure 3"' in page
    assert named_zoom_links(page) == page                 # a named link is left alone


def test_a_link_without_a_numbered_caption_is_left_alone():
    page = '<a class="alsr-zoom-open" href="#zoom-fig-x">Enlarge figure</a>'
    assert named_zoom_links(page) == page


def test_quartos_page_finishing_step_names_them():
    page = f"<html><body><main>{_float('fig-consort', 1, '-' + UUID)}</main></body></html>"
    assert 'aria-label="Enlarge Figure 1"' in finished_quarto_page(page)
