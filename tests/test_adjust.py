"""``analysis.adjust``: holm (default) / BH / none decides which adjusted p the tables, marks, figures and
sentences use and name; ``results.json`` records the choice. Expected values from R (tests/adjust_study.py)."""

from __future__ import annotations

import functools
import json
import re
from html import unescape
from pathlib import Path
from typing import Callable

import pytest

from adjust_study import P_BH, P_HOLM, P_RAW, write_adjust_study
from alsreport.analysis.run import analyze
from alsreport.present.figures import figure_keys, forest_figure
from alsreport.present.figures.alt_text import forest_alt
from alsreport.present.prose import biomarker_results, statistical_methods
from alsreport.present.tables.registry import build_tables
from alsreport.results.model import Results
from alsreport.results.writer import results_json
from alsreport.study.loading import load_study

@pytest.fixture(scope="module")
def results_for(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str | None], Results]:
    """The adjust study analysed with each choice (once per choice, in pytest's own temporary folder)."""
    root = tmp_path_factory.mktemp("adjust")

    @functools.cache
    def _results(adjust: str | None) -> Results:
        return analyze(load_study(write_adjust_study(root / f"study-{adjust}", adjust)))

    return _results


def _body_rows(html: str) -> list[str]:
    body = html.split('<tbody class="gt_table_body">')[1].split("</tbody>")[0]
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", r))).strip() for r in body.split("</tr>") if "<td" in r]


def test_results_carry_r_values_whatever_the_choice(results_for) -> None:
    for adjust in ("holm", "BH", "none"):
        r = results_for(adjust)
        final = {c.analyte: c for c in r.comparisons if c.test == "wilcoxon"}
        assert {a: c.pvalue for a, c in final.items()} == pytest.approx(P_RAW, rel=1e-12)
        assert {a: c.p_holm for a, c in final.items()} == pytest.approx(P_HOLM, rel=1e-12)
        assert {a: c.p_bh for a, c in final.items()} == pytest.approx(P_BH, rel=1e-12)


@pytest.mark.parametrize("adjust, header, cells", [
    (None, "p (Holm)", ["0.031 0.094", "0.031 0.094", "0.063 0.094"]),      # R: p.adjust(p, "holm")
    ("BH", "p (BH)", ["0.031 0.047*", "0.031 0.047*", "0.063 0.063"]),      # R: p.adjust(p, "BH")
    ("none", None, ["0.031*", "0.031*", "0.063"]),                           # the raw p judges
])
def test_biomarker_table_shows_the_chosen_adjusted_p(adjust, header, cells, results_for) -> None:
    table = build_tables(results_for(adjust))["table2_immunological"]
    html = table.gt.as_raw_html()
    rows = [r for r in _body_rows(html) if r.startswith("IL")]  # not the compartment's "n (missing)" row
    assert [row.startswith(f"IL{i + 1} ") and row.endswith(f" {c}") for i, (row, c) in enumerate(zip(rows, cells,
                                                                                                   strict=True))] \
        == [True] * 3, rows
    heads = unescape(re.sub(r"<[^>]+>", " ", html.split("<thead")[1].split("</thead>")[0])).replace("\u00a0", " ")
    assert (header in heads) if header else ("(Holm)" not in heads and "(BH)" not in heads)


def test_the_adjustment_is_named_in_notes_and_columns(results_for) -> None:
    notes = " ".join(build_tables(results_for("BH"))["table2_immunological"].text.notes)
    assert "Bold with *: Benjamini–Hochberg-adjusted p < 0.05." in notes
    assert "Bold with *: unadjusted p < 0.05." in " ".join(
        build_tables(results_for("none"))["table2_immunological"].text.notes)
    # the tidy data of Table S1 (the table itself is left out here: one later visit, Month 1)
    from alsreport.present.tables.supplementary import supplementary_data
    s1 = {a: supplementary_data(results_for(a)) for a in (None, "BH", "none")}
    assert "p_holm" in s1[None] and "p_bh" not in s1[None]
    assert list(s1["BH"]["p_bh"]) == pytest.approx(list(P_BH.values()))  # R: p.adjust(p, "BH")
    assert "p_holm" not in s1["none"] and "p_bh" not in s1["none"]
    assert list(s1["BH"]["significant"]) == [True, True, False]
    assert list(s1[None]["significant"]) == [False, False, False]


def test_the_sentence_changes_with_the_option(results_for) -> None:
    holm, bh, none = (biomarker_results(results_for(a)).replace("\u00a0", " ") for a in (None, "BH", "none"))
    assert ("No secondary endpoint changed significantly at Month 1 after Holm adjustment; CSF IL1 (p = 0.031 "
            "unadjusted, Holm-adjusted p = 0.094) and CSF IL2 (p = 0.031 unadjusted, Holm-adjusted p = 0.094) were "
            "nominally significant only.") in holm
    assert "CSF IL1 decreased from a median of" in bh
    assert "p = 0.031, Benjamini–Hochberg-adjusted p = 0.047)" in bh
    assert "CSF IL2 increased" in bh and "CSF IL3" not in bh  # BH p = 0.0625
    assert "CSF IL1 decreased" in none and "p = 0.031)" in none and "-adjusted" not in none
    assert "(unadjusted p ≥ 0.05 for the other series)" in none


def test_methods_state_the_choice_with_its_scope(results_for) -> None:
    methods = {a: statistical_methods(results_for(a)) for a in (None, "BH", "none")}
    assert ("within each biomarker family and compartment, separately for each visit, by the Holm method (shown in "
            "the tables and used to judge significance)") in methods[None]
    assert ("by the Benjamini–Hochberg method (false discovery rate; shown in the tables and used to judge "
            "significance) and by the Holm method (in Supplementary Data S1, comparisons.csv)") in methods["BH"]
    assert "P-values are reported unadjusted and judged on their unadjusted values" in methods["none"]


def test_forest_plot_names_and_marks_the_chosen_p(results_for) -> None:
    r = results_for("BH")
    assert "figure3_forest_cytokines_csf" in figure_keys(r)
    texts = [t.get_text() for t in forest_figure(r, "cytokines", "CSF").texts]
    assert "p (BH)" in texts and "Benjamini–Hochberg-adjusted p < 0.05" in texts
    bold = [t.get_text() for t in forest_figure(r, "cytokines", "CSF").texts if t.get_fontweight() == "bold"]
    assert bold.count("0.047") == 2
    alt = forest_alt(r, "cytokines", "CSF")
    assert alt.count("significant after Benjamini–Hochberg adjustment") == 2 and "3 cytokine markers in CSF" in alt


def test_results_json_records_the_choice(results_for) -> None:
    for adjust in (None, "BH", "none"):
        doc = json.loads(results_json(results_for(adjust)))
        stated = doc["config"]["analysis"].get("adjust")
        assert stated == adjust  # the default (holm) is left out, as every default option is
        assert doc["provenance"]["options"].get("adjust") == adjust


def test_rendered_manuscript_states_the_options_in_its_methods(tmp_path: Path) -> None:
    """The manuscript's Statistical analysis section (HTML, embedded engine) names the adjustment, its scope
    and the declared family."""
    from alsreport.documents.reports import render_reports
    from reports_helpers import html_text

    study = write_adjust_study(tmp_path / "study", "BH")
    render_reports(study, reports=["manuscript"], formats=["html"], engine="embedded", out_dir=tmp_path / "out")
    text = html_text((tmp_path / "out" / "manuscript.html").read_text(encoding="utf-8"))
    methods = text[text.index("Statistical analysis"):]
    methods = methods[:methods.index("Results")]
    assert ("P-values were adjusted for multiple testing within each biomarker family and compartment, separately "
            "for each visit, by the Benjamini–Hochberg method (false discovery rate; shown in the tables and used "
            "to judge significance) and by the Holm method (in Supplementary Data S1, comparisons.csv).") in methods
    assert "cytokine markers in CSF: IL1, IL2, and IL3" in text  # the declared family's label, lower case mid-sentence
    assert "Benjamini–Hochberg-adjusted p = 0.047" in text       # R: p.adjust(p, "BH") in the Results


def test_table_notes_follow_adjust_scope_all(tmp_path: Path) -> None:
    """With ``adjust_scope: all`` no note or sentence may still say "within each family" (a reviewer's contradiction)."""
    import yaml

    study = write_adjust_study(tmp_path / "study", None)
    config = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
    config.setdefault("analysis", {})["adjust_scope"] = "all"
    (study / "study.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    results = analyze(load_study(study))
    tables = build_tables(results)
    notes = " ".join(" ".join(t.text.notes + t.text.footnotes) for t in tables.values() if t is not None)
    assert "Holm p adjusted" not in notes   # Table S1 names its column and note "p (Holm)" as Tables 2-3 do
    assert "p (Holm): Holm-adjusted across all biomarkers, compartments and visits of each test" in notes
    assert "within each" not in notes
    assert "within each" not in statistical_methods(results)
