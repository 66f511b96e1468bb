"""The figures' type as the manuscript's PDF prints it: every text of every figure at the tables' 8 pt, in the example
and in a six-visit study (issue #10, reader 12b item 7).

The figures were drawn at 175 mm and the PDF scaled their SVG down to its 170 mm text column (the SVG also carried
matplotlib's default 0.1 in pad): in a six-visit study Figure 2's ticks, n row and legend printed at 7.1 pt and its
axis title at 7.6 pt, the forest plots' legend, ticks and notes at 7.2 pt and their labels, columns and axis title at
7.7 pt, the CONSORT diagram's 8.5 pt at 8.1 pt. Now each figure is drawn at the text width less its pad
(``figures.style.FIGURE_MM``) and set in 8 pt, and the page places it at 100 %.

Sizes are read from the PDF's content streams (:mod:`pdf_type_sizes`: font size × text matrix × CTM, through the form
XObjects WeasyPrint draws centred and right-aligned SVG text in); a figure's text is the SVG text above its caption.
"""

from __future__ import annotations

import re
import shutil

import pytest

from manuscript_render import render_manuscript
from manuscript_studies import six_visit_figures, write_variant
from pdf_type_sizes import text_runs

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

def _figure_text(pdf) -> dict[str, list]:
    """``Figure N`` → the SVG text runs printed above its caption on the caption's page (below any caption above)."""
    runs = text_runs(pdf)
    captions = [(r.page, r.y, m.group(1)) for r in runs if not r.in_svg and "Serif" not in r.font   # not the text's
                and (m := re.match(r"Figure[\u00a0 ](\d+)\.", r.text))]   # captions: "Figure", a no-break space
    # (WeasyPrint 70 maps the no-break space to the space it shares a glyph with in the text layer)
    out: dict[str, list] = {}
    for page, y, number in captions:
        above = [c[1] for c in captions if c[0] == page and c[1] < y]
        top = max(above, default=0.0)
        out[f"Figure {number}"] = [r for r in runs if r.in_svg and r.page == page and top < r.y < y]
    return out


@pytest.fixture(scope="module", params=["example", "six visits"])
def figures(request, tmp_path_factory):
    from alsreport.documents.context import default_study_path

    root = tmp_path_factory.mktemp("printed")
    study = default_study_path() if request.param == "example" else write_variant(root / "study", six_visit_figures())
    out = render_manuscript(study, root / "out")
    return request.param, _figure_text(out / "manuscript.pdf")


def test_every_text_of_every_figure_prints_at_8_pt(figures):
    name, found = figures
    # the example: CONSORT, the primary endpoint's and CSF glucose's trajectories, 5 forest plots; six visits:
    # CONSORT, TNF-α's and IL-6's trajectories, 2 forest plots
    assert len(found) == (8 if name == "example" else 5), sorted(found)
    for figure, runs in found.items():
        assert len(runs) > 30, (figure, len(runs))
        off = sorted({(round(r.size, 2), r.text) for r in runs if abs(r.size - 8.0) > 0.05})
        assert not off, (name, figure, off[:12])


def test_the_figures_words_are_the_ones_measured(figures):
    """The runs measured are the figures' own: legends, axis titles, tick labels, rotated labels, forest columns."""
    name, found = figures
    words = {figure: "".join(r.text for r in runs) for figure, runs in found.items()}
    assert "Assessed" in words["Figure 1"] and any(r.rotated for r in found["Figure 1"])   # the phase bands
    # the x axis: the visits' labels (the example), or the months under an axis title (six visits: they collided)
    months = "Month0" if name == "example" else "Monthssincebaseline"
    assert "Participant" in words["Figure 2"] and months in words["Figure 2"].replace(" ", "")
    assert any(r.rotated for r in found["Figure 2"])                                        # the y axis title
    forests = [w for w in words.values() if "Analyte" in w]
    assert len(forests) == (5 if name == "example" else 2)
    assert all("p:pairedWilcoxon" in w.replace(" ", "") for w in forests)
