"""documents/figure_zoom.py: a figure's enlarged view on a phone is a dialog shown only while it is the page's
:target, holding "Close" and a ``<use>`` of the figure (issue #10, HTML reader: the overlay was a plain fixed div
with no role or name). Named "Figure N, enlarged" later (tests/test_render_zoom_labels.py)."""

from __future__ import annotations

from alsreport.documents.figure_zoom import zoomable_figure

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 477.889764 212.518425" role="img" '
       'aria-labelledby="alsr-title-figure2_trajectories"><title id="alsr-title-figure2_trajectories">Line chart'
       "</title></svg>")


def test_the_enlarged_view_is_a_modal_dialog_that_uses_the_figure_and_its_alt_text():
    opener, figure, tap, dialog = zoomable_figure("fig-trajectories", SVG).split("\n")
    assert opener == ('<a class="alsr-zoom-open" href="#zoom-fig-trajectories" id="zoom-open-fig-trajectories">'
                      "Enlarge figure</a>")
    assert figure == '<svg id="svg-fig-trajectories"' + SVG[len("<svg"):]
    # the figure itself opens it on a phone, for the pointer only (session 32 HTML reader: tapping it did nothing)
    assert tap == '<a class="alsr-zoom-tap" href="#zoom-fig-trajectories" tabindex="-1" aria-hidden="true"></a>'
    # the figure's viewBox (its drawn size, 477.9 x 212.5 pt); "Close" returns to "Enlarge figure"
    assert dialog == ('<div class="alsr-zoom" id="zoom-fig-trajectories" role="dialog" aria-modal="true" tabindex="-1">'
                      '<a class="alsr-zoom-close" href="#zoom-open-fig-trajectories">Close</a>'
                      '<svg viewBox="0 0 477.889764 212.518425" role="img" '
                      'aria-labelledby="alsr-title-figure2_trajectories"><use href="#svg-fig-trajectories" x="0" y="0" '
                      'width="477.889764" height="212.518425"/></svg></div>')


def test_a_figure_without_a_viewbox_is_left_alone():
    assert zoomable_figure("fig-x", "<svg><rect/></svg>") == "<svg><rect/></svg>"
