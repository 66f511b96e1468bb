"""Issue #10, "Layout and type": "three typefaces". The PDFs use one serif (text) and one sans (headings,
tables, figures); glyphs those two lack (⁴–⁹ superscripts of units such as 10⁹/L and ×10⁶ cells/kg, ⚠ of a
callout, ☐ of the ethics report's choices) used to be drawn from DejaVu.

A study with χ² (Friedman over 4 visits), ≥ (grade ≥3 events) and units with powers of ten, rendered once
(manuscript and ethics report); the example's PDFs are checked in test_reports.py.
"""

from __future__ import annotations

import shutil

import pytest

from manuscript_render import word_boxes
from manuscript_studies import GRADES_1_TO_5, Series, Variant, write_variant
from pdf_fonts import font_families, serif_and_sans

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None or shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdffonts, pdftotext) not installed")

UNITS = Variant(
    events=GRADES_1_TO_5,
    series=(Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)),
            Series("IL-6", "CSF", effect=(0.0,)),
            Series("WBC", "blood", family="haematological", label="White blood cells", unit="10^9/L", base=6.0,
                   effect=(0.2,)),
            Series("PLT", "blood", family="haematological", label="Platelets", unit="10^9/L", base=250.0,
                   effect=(0.0,))),
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from alsreport.documents.reports import render_reports

    root = tmp_path_factory.mktemp("typefaces")
    study = write_variant(root / "study", UNITS)
    render_reports(study, reports=["manuscript", "ethics"], formats=["html", "pdf"], engine="embedded",
                   out_dir=root / "out", use_cache=False)
    return root / "out"


@pytest.mark.parametrize("name", ["manuscript", "ethics"])
def test_one_serif_and_one_sans(rendered, name):
    serif, sans, other = serif_and_sans(font_families(rendered / f"{name}.pdf"))
    assert len(serif) == 1 and len(sans) == 1 and not other, (serif, sans, other)


def test_the_glyphs_that_needed_another_typeface_are_printed(rendered):
    html = (rendered / "manuscript.html").read_text(encoding="utf-8")
    # the HTML keeps the characters (a browser finds a font for them); the PDF raises plain digits
    assert "10⁹/L" in html and "χ²" in html
    words = " ".join(w["text"] for w in word_boxes(rendered / "manuscript.pdf"))
    assert "χ²" in words and "≥" in words
    assert "10⁹" not in words and "109/L" in words.replace(" ", "")
    ethics = " ".join(w["text"] for w in word_boxes(rendered / "ethics.pdf"))
    # (the study's follow-up is over: its board accepts, asks or refers: present/recommendation.py)
    assert "□ Accept the safety findings as reported" in ethics and "☐" not in ethics


@pytest.mark.parametrize("name", ["manuscript", "ethics"])
def test_adjacent_columns_of_every_table_are_at_least_one_em_apart(rendered, name):
    """Issue #10 (columns touching, ">0.999 14"): in a study with grade 1-5 events too, every two neighbouring
    table cells printed on one line are at least 1 em of their type apart."""
    from table_gaps import column_gaps, narrow_gaps

    gaps, pairs = column_gaps((rendered / f"{name}.html").read_text(encoding="utf-8"), rendered / f"{name}.pdf")
    assert len({g.table for g in gaps}) >= 5 and len(gaps) >= 100, (len(gaps), pairs)
    assert narrow_gaps(gaps) == []
