"""render/zoom_labels.py: each figure's "Enlarge figure" / "Close" links are named after the figure, "Enlarge Figure 3"
(issue #10, session 25 HTML reader: a screen reader's list of links read "Enlarge figure" once per figure), and its
enlarged view, a dialog, "Figure 3, enlarged" (HTML reader: a plain div), in the embedded engine's page and Quarto's
(caption ids with a UUID). The markup is documents/figure_zoom.py's."""

from __future__ import annotations

import pytest

from alsreport.render.quarto import finished_quarto_page
from alsreport.render.zoom_labels import named_zoom_links

UUID = "0ceaefa1-69ba-4598-a22c-09a6ac19f8ca"


def _float(label: str, number: int, suffix: str = "") -> str:
    from alsreport.documents.figure_zoom import zoomable_figure

    zoom = zoomable_figure(label, '<svg viewBox="0 0 10 5"></svg>')
    return (f'<div id="{label}" class="quarto-float"><figure><div class="alsr-figure">\n{zoom}\n</div>'
            f'<figcaption class="quarto-float-caption" id="{label}-caption{suffix}">\nFigure\u00a0{number}. A '
            "caption.\n</figcaption></figure></div>")


@pytest.mark.parametrize("suffix", ["", f"-{UUID}"], ids=["embedded", "quarto"])
def test_each_figures_zoom_links_name_the_figure(suffix):
    page = named_zoom_links(_float("fig-consort", 1, suffix) + _float("fig-forest-csf", 3, suffix))
    assert ('<a class="alsr-zoom-open" href="#zoom-fig-consort" id="zoom-open-fig-consort" '
            'aria-label="Enlarge Figure 1">Enlarge figure</a>') in page
    assert ('<div class="alsr-zoom" id="zoom-fig-consort" role="dialog" aria-modal="true" tabindex="-1" '
            'aria-label="Figure 1, enlarged">') in page
    assert '<a class="alsr-zoom-close" href="#zoom-open-fig-consort" aria-label="Close Figure 1">Close</a>' in page
    assert 'href="#zoom-fig-forest-csf" id="zoom-open-fig-forest-csf" aria-label="Enlarge Figure 3"' in page
    assert 'id="zoom-fig-forest-csf" role="dialog" aria-modal="true" tabindex="-1" aria-label="Figure 3, enlarged"' in page
    assert named_zoom_links(page) == page                 # a named link is left alone


def test_a_link_without_a_numbered_caption_is_left_alone():
    page = '<a class="alsr-zoom-open" href="#zoom-fig-x">Enlarge figure</a>'
    assert named_zoom_links(page) == page


def test_quartos_page_finishing_step_names_them():
    page = f"<html><body><main>{_float('fig-consort', 1, '-' + UUID)}</main></body></html>"
    finished = finished_quarto_page(page)
    assert 'aria-label="Enlarge Figure 1"' in finished and 'aria-label="Figure 1, enlarged"' in finished
