"""Alt text of the figures, built from the plotted numbers (issue #10: "figures have no alt text").

The expected numbers are read from the results (descriptives, flow, the forest's display rows)
and formatted by alsreport.present.format, so each check compares the words with the data.
"""

from __future__ import annotations

import html
import re

import pytest

from alsreport.documents import context as rc
from alsreport.present.figures import figure_keys, forest_panels, forest_rows
from alsreport.present.figures.alt_text import alt_text
from alsreport.present.format import count, number, series_decimals
from analysis_helpers import example_results, example_study


@pytest.fixture(scope="module")
def results():
    return example_results()


def test_every_figure_of_the_reports_has_alt_text(results):
    shown = [k for k in figure_keys(results) if not k.startswith("figure2_grid_")]   # grids are not in the reports
    assert shown and all(alt_text(results, k) for k in shown)


def test_consort_alt_text_holds_the_flow_counts(results):
    f = results.flow
    text = alt_text(results, "figure1_consort").replace("\u00a0", " ")
    assert text.startswith(f"Flow diagram of participants: {f.assessed} assessed for eligibility; {f.excluded} "
                           "excluded (")
    # the missed IT dose and the exclusions with their reasons, each after its count (session 27 readers: "at Month 1
    # 1" read as one number)
    assert "infusion 3 received by 15 (IV 15, IT 14; IT not given: 1 lumbar puncture unsuccessful)" in text
    # grouped and ordered as the diagram's box (session 28 HTML reader)
    # each detail with its count as the box counts (session 28 reader: "2 ALSFRS-R below 24" read as two scales)
    assert ("6 excluded (4 not eligible: 3 did not meet inclusion criteria [ALSFRS-R below 24, n = 2; forced vital "
            "capacity below 50%, n = 1], 1 was not included because of contraindication to lumbar puncture; 2 eligible, not included: "
            "2 declined the treatment); 15 included;") in text
    for c in f.compartments:
        assert f"{c.compartment[:1].upper()}{c.compartment[1:]} {c.analysed} (Month 3 vs Month 0; not analysed: " in text
    # each box's exclusions and the samples missing at the other visits, with their reasons (session 27 readers: the
    # CSF box said "Excluded (n = 0)" while CSF was missing at Months 1 and 2)
    assert ("CSF 15 (Month 3 vs Month 0; not analysed: none; sample missing at another visit: 1 missing at Month 1 "
            "with no reason recorded, "
            "1 lumbar puncture unsuccessful at Month 2)") in text
    assert "Blood 14 (Month 3 vs Month 0; not analysed: 1 missing at Month 3 with no reason recorded)" in text
    # nobody left early in the example; "discontinued" read as a treatment stop for a death after the last infusion
    # (session 26 six-visit reader); "no participant", not "0" beside the diagram's "(n = 0)" (session 27)
    assert "; no participant left the study early; 15 completed follow-up to Month 3." in text


def test_trajectory_alt_text_reads_the_plotted_medians(results):
    text = alt_text(results, "figure2_trajectories")
    p = results.primary
    ds = {d.visit: d for d in results.descriptives if (d.analyte, d.compartment) == (p.analyte, p.compartment)}
    dec = series_decimals(results)[(p.compartment, p.analyte)]
    first, last = ds["M0"], ds["M3"]
    assert text.startswith(f"Line chart of CSF TNF-α (pg/mL) by month for {count(first.n)} participants")
    assert (f"the median falls from {number(first.median, dec)}\u00a0pg/mL at Month 0 to "
            f"{number(last.median, dec)}\u00a0pg/mL at Month 3") in text
    assert f"(Month 1 {number(ds['M1'].median, dec)}; Month 2 {number(ds['M2'].median, dec)})" in text
    assert "falls from 9.1\u00a0pg/mL at Month 0 to 7.3\u00a0pg/mL" in text   # the example's numbers, by eye
    # P12 misses Month 1 and P09 Month 2 (issue #10, session 25 reader): the figure's dotted lines are described
    assert text.endswith(" A line is dotted across a visit without a value for its participant (2 such visits).")


def test_forest_alt_text_lists_every_marker_as_drawn(results):
    for key, (family, compartment) in forest_panels(results).items():
        text = alt_text(results, key)
        rows = forest_rows(results, family, compartment)
        assert f"in {len(rows)} {family} markers in {compartment}" in text
        for r in rows:
            assert r.series.label in text
            if r.estimable:
                assert f"{r.series.label} {number(r.relative, 1)}%" in text   # as printed beside the axis
    csf = alt_text(results, "figure3_forest_immunological_csf")
    # the primary endpoint is judged on its unadjusted p (reader 6's item 2)
    assert "TNF-α −21.1% (−27.7\u00a0to\u00a0−12.3), significant on its unadjusted p (primary endpoint);" in csf


def test_figure_block_svg_has_role_img_and_the_alt_text_as_title():
    rc.clear_cache()
    ctx = rc.use_results(example_study(), example_results())
    block = ctx.figure_block("figure2_trajectories", "fig-x", "A caption that is not the alt text.")
    head = re.search(r"<svg\b[^>]*>", block).group(0)
    assert 'role="img"' in head and 'aria-labelledby="alsr-title-figure2_trajectories"' in head
    title = re.search(r'<title id="alsr-title-figure2_trajectories">(.*?)</title>', block).group(1)
    assert html.unescape(title) == alt_text(ctx.results, "figure2_trajectories")
    assert "A caption" not in title
    # phones (screen.css, documents/figure_zoom.py): "Enlarge figure" opens the enlarged view, a dialog whose copy of
    # the figure has the same alt text; "Close" goes back to "Enlarge figure"
    assert '<a class="alsr-zoom-open" href="#zoom-fig-x" id="zoom-open-fig-x">' in block
    assert '<div class="alsr-zoom" id="zoom-fig-x" role="dialog" aria-modal="true" tabindex="-1">' in block
    assert '<a class="alsr-zoom-close" href="#zoom-open-fig-x">' in block
    assert 'role="img" aria-labelledby="alsr-title-figure2_trajectories"><use href="#svg-fig-x"' in block
    rc.clear_cache()


def test_alt_text_of_an_unknown_key_is_empty(results):
    assert alt_text(results, "figure9_none") == ""


def test_the_trajectory_caption_explains_dotted_lines_and_lines_that_stop(tmp_path):
    """Session 25 six-visit reader: Figure 2's caption said neither why a line was dotted (a missed visit) nor why one
    stopped at Month 2 (a death)."""
    from alsreport import analyze, load_study
    from alsreport.present.figures.alt_text import trajectory_caption_notes
    from manuscript_studies import write_variant
    from test_manuscript_layout import WIDE

    assert trajectory_caption_notes(example_results(), "TNF-alpha", "CSF") == (
        "Dotted lines bridge a visit without a value.")     # P09 and P12 each missed one; nobody stopped early
    six = analyze(load_study(write_variant(tmp_path / "six", WIDE)))       # P03 missed Month 2, P05 died
    assert trajectory_caption_notes(six, "TNF-alpha", "CSF") == (
        "Dotted lines bridge a visit without a value. A line that stops early is that of a participant without "
        "later values.")


def test_the_caption_of_a_series_with_a_reference_range_explains_its_grey_band():
    """Session 25 example reader: the CSF glucose figure's caption did not say what its grey band was."""
    from alsreport.present.figures.alt_text import trajectory_caption_notes

    assert trajectory_caption_notes(example_results(), "glucose", "CSF") == (
        "Dotted lines bridge a visit without a value. The grey band is the laboratory's reference range.")


def test_the_flow_diagram_caption_spells_out_the_abbreviations_its_boxes_print():
    """Session 28 reader: the diagram's "ALSFRS-R below 24" came before the text defined ALSFRS-R (§3.2), and its
    boxes say CSF, IV and IT; its caption spells them out, as every table's notes do."""
    from alsreport.present.figures.alt_text import caption_abbreviations

    assert caption_abbreviations(example_results(), "figure1_consort") == (
        "ALSFRS-R, revised ALS Functional Rating Scale; CSF, cerebrospinal fluid; IT, intrathecal; IV, intravenous; "
        "TNF, tumour necrosis factor.")


def test_only_a_sample_missing_without_a_reason_says_no_reason_was_recorded():
    from alsreport.present.missing_elsewhere import reasons_said
    from alsreport.results.model import ReasonCount

    said = reasons_said([ReasonCount("no sample at Month 3", 1, ("P04",)),
                         ReasonCount("no sample at Month 0: Dry tap", 1, ("P05",)),   # its reason recorded
                         ReasonCount("Lumbar puncture unsuccessful at Month 2", 1, ("P03",))])
    assert [r.reason for r in said] == ["missing at Month 3 with no reason recorded", "no sample at Month 0: Dry tap",
                                        "Lumbar puncture unsuccessful at Month 2"]
    assert [r.participants for r in said] == [("P04",), ("P05",), ("P03",)]



def test_every_figure_caption_spells_out_the_figures_abbreviations(results):
    """Session 28 six-visit reader: Figures 2 to 4 did not define CSF, TNF, IQR, IL, CRP or CI, as Figure 1 and every
    table do; the caption of every figure ends with them (documents.context.figure_block)."""
    from alsreport.present.figures.alt_text import caption_abbreviations

    assert caption_abbreviations(results, "figure2_trajectories") == (
        "CSF, cerebrospinal fluid; IQR, interquartile range; TNF, tumour necrosis factor.")
    forests = [k for k in figure_keys(results) if k.startswith("figure3_forest_")]
    assert forests
    assert all(caption_abbreviations(results, key).startswith("CI, confidence interval") for key in forests)
    assert caption_abbreviations(results, "figure3_forest_immunological_csf") == (
        "CI, confidence interval; CSF, cerebrospinal fluid; IFN, interferon; IL, interleukin; TGF, transforming growth "
        "factor; TNF, tumour necrosis factor.")
    rc.clear_cache()
    ctx = rc.use_results(example_study(), example_results())
    block = ctx.figure_block("figure2_trajectories", "fig-t", "Caption.")
    rc.clear_cache()
    assert block.endswith("\nCaption. CSF, cerebrospinal fluid\\; IQR, interquartile range\\; TNF, tumour necrosis "
                          "factor\\.\n:::\n")   # markdown-escaped study text
