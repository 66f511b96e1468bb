"""One rule for "is this row significant" (alsreport.results.judgement) in Table 2, Table 4, Table S1,
the forest plot and the prose; the mark sits on the p-value that judges the row (reader 6's item 2)."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.text import Text

from analysis_helpers import example_results

from alsreport.present.figures.forest import forest_figure, forest_rows
from alsreport.present.prose.lookups import primary_significant
from alsreport.present.figures.style import COLORS, SINGLE_COLUMN_MM
from alsreport.present.significance import legend_basis, primary_note
from alsreport.present.tables import biomarker_table, sensitivity_table
from alsreport.present.tables.supplementary import supplementary_table
from alsreport.results.judgement import is_primary, judged_significant, judging_p
from alsreport.results.model import Results


def _primary_at(results: Results, raw: float, holm: float, adjust: str = "none") -> Results:
    """The example with its primary endpoint's Wilcoxon test and paired t-test at raw ``raw``, Holm ``holm``."""
    p = results.config.analysis.primary
    key = (p.analyte, p.compartment, results.config.final_contrast)
    comps = tuple(replace(c, pvalue=raw, p_holm=holm, p_bh=holm)
                  if (c.analyte, c.compartment, c.contrast) == key and c.test in ("wilcoxon", "paired_t") else c
                  for c in results.comparisons)
    analysis = results.config.analysis.model_copy(update={"primary": p.model_copy(update={"adjust": adjust})})
    return replace(results, comparisons=comps,
                   config=results.config.model_copy(update={"analysis": analysis}))


@pytest.fixture(scope="module")
def unadjusted() -> Results:
    return _primary_at(example_results(), 0.011, 0.066)


@pytest.fixture(scope="module")
def holm() -> Results:
    return _primary_at(example_results(), 0.011, 0.066, "holm_family")


def _row(html: str, label: str) -> str:
    """The visible text and styles of the first body row whose text holds ``label``."""
    for row in html.split("</tr>"):
        text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", row)))
        if "<td" in row and label in text:
            return row
    raise AssertionError(f"no row {label!r}")


def _cells(row: str) -> list[str]:
    row = re.sub(r'<span class="gt_footnote_marks"[^>]*>.*?</span>', "", row, flags=re.S)
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", c))).strip() for c in cells]


def test_the_primary_is_judged_by_its_configured_p(unadjusted, holm) -> None:
    prim = unadjusted.primary
    assert is_primary(unadjusted, prim) and judging_p(unadjusted, prim) == 0.011
    assert judged_significant(unadjusted, prim) and primary_significant(unadjusted)
    assert judging_p(holm, holm.primary) == 0.066 and not judged_significant(holm, holm.primary)
    assert not primary_significant(holm)
    other = next(c for c in unadjusted.comparisons if c.test == "wilcoxon" and not is_primary(unadjusted, c))
    assert judging_p(unadjusted, other) == unadjusted.adjusted_p(other)       # secondaries keep Holm


def test_table2_marks_the_primary_on_its_unadjusted_p(unadjusted, holm) -> None:
    name = unadjusted.config.analyte(unadjusted.primary.analyte).display
    cells = _cells(_row(biomarker_table(unadjusted).gt.as_raw_html(), name))
    assert cells[-2:] == ["0.011*", "0.066"]             # was "0.011 0.066": not marked, as if it had not changed
    # reader 11a item 5: the key says which p carries the mark in each row, once (it said "Bold with *:
    # Holm-adjusted p < 0.05" above the primary row whose unadjusted p was marked)
    key = ("Bold with *: p < 0.05, on the unadjusted p for the primary endpoint (CSF TNF-α, as stated in the "
           "Methods) and on the Holm-adjusted p for the other rows; the primary endpoint's Holm-adjusted p is shown "
           "for reference.")
    notes = biomarker_table(unadjusted).text.notes
    assert key in notes and not any("Bold with *: Holm-adjusted p" in n for n in notes)
    assert sum("Bold with" in n for n in notes) == 1 and not any(n.startswith("The primary endpoint") for n in notes)
    cells = _cells(_row(biomarker_table(holm).gt.as_raw_html(), name))
    assert cells[-2:] == ["0.011", "0.066"]              # Holm-configured: not significant, not marked
    assert not any("judged on its unadjusted p" in n for n in biomarker_table(holm).text.notes)
    assert "Bold with *: Holm-adjusted p < 0.05." in biomarker_table(holm).text.notes
    # the table without the primary endpoint (Table 3) keeps the one rule of its rows
    assert "Bold with *: Holm-adjusted p < 0.05." in biomarker_table(
        unadjusted, ("biochemical", "haematological")).text.notes


def test_table4_marks_every_sensitivity_column_on_the_adjusted_p(unadjusted, holm) -> None:
    """Reader 8's item 12: the primary endpoint's paired t-test was starred on its unadjusted p ("0.011*") but its
    Friedman test on the Holm p; every sensitivity column now follows one rule, the secondary endpoints'."""
    name = unadjusted.config.analyte(unadjusted.primary.analyte).display
    cells = _cells(_row(sensitivity_table(unadjusted).gt.as_raw_html(), name))
    assert cells[3:5] == ["0.011", "0.066"]              # t: p, p (Holm): judged on the Holm p, not significant
    assert "*" not in " ".join(_cells(_row(sensitivity_table(holm).gt.as_raw_html(), name))[3:5])
    assert not judged_significant(unadjusted, next(c for c in unadjusted.comparisons if c.test == "paired_t"
                                                   and (c.analyte, c.contrast) == (unadjusted.primary.analyte,
                                                                                   unadjusted.primary.contrast)))


def test_the_examples_table4_stars_the_holm_p_of_both_tests_and_says_so() -> None:
    table = sensitivity_table(example_results())
    cells = _cells(_row(table.gt.as_raw_html(), "TNF-α"))
    # label, t: n, mean difference (CI), p, p (Holm); Friedman: n, χ² (df), p, p (Holm), W
    # Friedman n 13: P12 has no CSF at Month 1, P09 none at Month 2 (lumbar puncture unsuccessful)
    assert cells == ["TNF-α (pg/mL)", "15", "−1.8 (−2.7 to −1.0)", "<0.001", "0.002*", "13", "22.57 (3)", "<0.001",
                     "<0.001*", "0.58"]            # was "<0.001*" and "0.002" for the t-test
    assert table.text.notes[0].endswith("Every test here, including those of the primary endpoint, is marked on its "
                                        "Holm-adjusted p; only the primary analysis itself (its Wilcoxon test, not "
                                        "in this table) is judged on its unadjusted p.")
    assert not any("judged on its unadjusted p (p < 0.05" in n for n in table.text.notes)


def test_table_s1_marks_the_primary_contrast_only(unadjusted) -> None:
    html = supplementary_table(unadjusted).gt.as_raw_html()
    final = html.split("Month\u00a03 vs Month\u00a00")[1]   # a visit label never breaks (format.table_visit_label)
    cells = _cells(_row(final, "CSF TNF-\u2060α"))   # the name never breaks at its hyphen (format.unbroken_name)
    assert cells[-2:] == ["0.011*", "0.066"]
    # reader 11a item 5: the key under Table S1 says the primary row's mark is on its unadjusted p
    notes = " ".join(supplementary_table(unadjusted).text.notes)
    assert ("Bold with *: p < 0.05, on the unadjusted p for the primary endpoint (CSF TNF-α, as stated in the "
            "Methods) and on the Holm-adjusted p for the other rows;") in notes
    assert "Bold with *: Holm-adjusted p" not in notes


def test_the_forest_plot_fills_and_bolds_the_primary_on_its_unadjusted_p(unadjusted, holm) -> None:
    prim = unadjusted.primary
    row = next(r for r in forest_rows(unadjusted, prim.family, prim.compartment) if r.comparison is prim)
    assert row.significant and row.on_raw_p
    fig = forest_figure(unadjusted, prim.family, prim.compartment)
    texts = {t.get_gid(): t for t in fig.findobj(Text) if t.get_gid()}
    a = re.sub(r"[^A-Za-z0-9_.-]", "_", prim.analyte)
    assert texts[f"forest-p-{a}"].get_fontweight() == "bold"
    assert texts[f"forest-pholm-{a}"].get_fontweight() == "normal"
    point = next(ln for ln in fig.findobj(Line2D) if ln.get_gid() == f"forest-point-{a}")
    assert point.get_markerfacecolor() != "white"
    assert any("judged on its unadjusted p" in t.get_text().replace("\n", " ") for t in texts.values())
    held = next(r for r in forest_rows(holm, prim.family, prim.compartment) if r.comparison.analyte == prim.analyte)
    assert not held.significant and not held.on_raw_p


def test_no_note_without_the_primary_or_an_adjusted_column(unadjusted) -> None:
    others = [c for c in unadjusted.comparisons if not is_primary(unadjusted, c)]
    assert primary_note(unadjusted, others) is None
    assert primary_note(unadjusted, [unadjusted.primary]).startswith("The primary endpoint (CSF TNF-α) is judged")


def _legend(fig) -> tuple[list[str], str | None]:
    texts = {t.get_gid(): t.get_text() for t in fig.findobj(Text) if t.get_gid()}
    entries = [texts[g] for g in ("forest-legend-sig", "forest-legend-ns") if g in texts]
    return entries, texts.get("forest-basis")


def test_the_forest_legend_says_the_primary_is_judged_unadjusted(unadjusted, holm) -> None:
    """Issue #10, session 25 reader: the primary's marker is filled on its unadjusted p (0.011) though its Holm p
    (0.066) is not below 0.05, under a legend that said "Holm-adjusted p < 0.05". The marker is the significant
    colour, and the legend says which p judges which row."""
    prim = unadjusted.primary
    assert prim.pvalue < 0.05 <= prim.p_holm   # the premise
    fig = forest_figure(unadjusted, prim.family, prim.compartment)
    a = re.sub(r"[^A-Za-z0-9_.-]", "_", prim.analyte)
    point = next(ln for ln in fig.findobj(Line2D) if ln.get_gid() == f"forest-point-{a}")
    assert to_rgba(point.get_markerfacecolor()) == to_rgba(COLORS["significant"])
    assert _legend(fig) == (["p < 0.05", "p ≥ 0.05"], "(primary endpoint unadjusted; others Holm-adjusted)")
    # judged on its Holm p within its family (analysis.primary.adjust: holm_family): open, and the legend's
    # Holm-adjusted p says it for every row
    fig = forest_figure(holm, prim.family, prim.compartment)
    point = next(ln for ln in fig.findobj(Line2D) if ln.get_gid() == f"forest-point-{a}")
    assert to_rgba(point.get_markerfacecolor()) == to_rgba("white")
    assert _legend(fig) == (["Holm-adjusted p ≥ 0.05"], None)   # no row filled: no filled entry


def test_the_examples_forest_legend_names_the_primarys_p_only_where_the_primary_is() -> None:
    """The example's primary (CSF TNF-α) is significant either way; its figure's legend still says that its p is
    the unadjusted one, and a figure without it keeps "Holm-adjusted p"."""
    ex = example_results()
    assert _legend(forest_figure(ex, "immunological", "CSF")) == (
        ["p < 0.05", "p ≥ 0.05"], "(primary endpoint unadjusted; others Holm-adjusted)")
    assert _legend(forest_figure(ex, "biochemical", "CSF")) == (["Holm-adjusted p ≥ 0.05"], None)


def test_legend_basis_follows_analysis_adjust(unadjusted, holm) -> None:
    prim = unadjusted.primary
    others = [c for c in unadjusted.comparisons if not is_primary(unadjusted, c)]
    assert legend_basis(unadjusted, [prim]) == ("p", "(primary endpoint unadjusted; others Holm-adjusted)")
    assert legend_basis(unadjusted, others) == ("Holm-adjusted p", "")
    assert legend_basis(holm, [holm.primary]) == ("Holm-adjusted p", "")
    bh = replace(holm, config=holm.config.model_copy(update={"analysis": holm.config.analysis.model_copy(
        update={"adjust": "BH"})}))
    assert legend_basis(bh, [bh.primary]) == (
        "p", "(primary endpoint Holm-adjusted within its family; others Benjamini–Hochberg-adjusted)")
    assert legend_basis(bh, others) == ("Benjamini–Hochberg-adjusted p", "")


def test_a_narrow_forest_puts_the_legend_basis_on_its_own_line(unadjusted) -> None:
    prim = unadjusted.primary
    fig = forest_figure(unadjusted, prim.family, prim.compartment, width_mm=SINGLE_COLUMN_MM)
    fig.draw_without_rendering()
    r = fig.canvas.get_renderer()
    texts = {t.get_gid(): t.get_window_extent(r) for t in fig.findobj(Text) if t.get_gid()}
    basis, entry = texts["forest-basis"], texts["forest-legend-ns"]
    assert basis.x1 <= fig.bbox.x1 and basis.y1 < entry.y0   # below the entries, inside the figure
    assert texts["forest-footnote-0"].y1 < basis.y0


def test_the_primary_endpoint_alone_has_no_other_rows_in_its_key(iv_one_analyte_results) -> None:
    # session 34 reviewer: the one-series study's Table 2 read "… and on the Holm-adjusted p for the other rows"
    from alsreport.present.significance import significance_key

    r = iv_one_analyte_results
    assert significance_key(r, [r.primary]) == (
        "Bold with *: unadjusted p < 0.05 for the primary endpoint (serum neurofilament light chain, as stated in the "
        "Methods); its Holm-adjusted p is shown for reference.")
    ex = example_results()   # the primary among other rows: as before
    rows = [c for c in ex.comparisons if c.test == "wilcoxon" and c.contrast == ex.config.final_contrast]
    assert "and on the Holm-adjusted p for the other rows" in significance_key(ex, rows)
