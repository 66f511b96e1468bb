"""The supplement's opening sentence and the text's links to the supplementary tables (issue #10, reader 9's items H
and I): the sentence named Tables S1 and S2 but not S3 (the CONSORT checklist), and "Table S2" and "Supplementary
Table S1" in the text were not links while "Table 4" was."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from alsreport.present.prose.supplement_intro import supplement_intro
from alsreport.present.supplement_numbers import CHECKLIST_ID, supplement_anchor, supplement_refs

from analysis_helpers import example_results

MANUSCRIPT = Path(__file__).resolve().parents[1] / "report" / "manuscript.qmd"


def test_the_intro_names_every_supplementary_table_the_checklist_included():
    # reader 11a: the CTCAE shift table (item 3) and the data file the tables' notes refer to (item 9) too
    assert supplement_intro(example_results()) == (
        "[Table S1](#tbl-table-s1){.quarto-xref} gives the change from Month 0 to every later visit for every series, "
        "with the number of participants at each visit; [Table S2](#tbl-table-s2){.quarto-xref} the paired t-test at "
        "every later visit, a sensitivity analysis; [Table S3](#tbl-table-s3){.quarto-xref} lists every adverse event "
        "with its participant, grade, seriousness, relatedness, infusion, day of onset and outcome; "
        "[Table S4](#tbl-table-s4){.quarto-xref} crosses each participant's baseline CTCAE grade of every graded "
        "laboratory value with their worst grade after baseline; and [Table S5](#consort-checklist){.quarto-xref} "
        "maps the items of the CONSORT 2025 checklist to the sections of this manuscript. Supplementary Data S1 "
        "\\(comparisons\\.csv\\), a data file that accompanies this manuscript, gives every comparison with its "
        "unadjusted, Holm-adjusted and Benjamini–Hochberg-adjusted p-value, one row per test. Its data dictionary, "
        "comparisons\\-columns\\.csv, describes each column and the codes the file uses for the analytes, the "
        "visits compared and the tests.")  # reader 12b item 12; no code quoted in the text (session 26 readers)


def test_the_intro_follows_the_numbering_when_the_ratios_are_chosen():
    """analysis.sensitivity's log-scale ratios come after the t-tests, the listing of adverse events after them; the
    checklist moves to Table S5."""
    res = example_results()
    one = next(c for c in res.comparisons if c.test == "paired_t")
    ratios = dataclasses.replace(res, comparisons=res.comparisons + (dataclasses.replace(one, test="paired_t_log"),))
    text = supplement_intro(ratios)
    assert "[Table S3](#tbl-table-s3){.quarto-xref} the ratios of geometric means on the log scale" in text
    assert "[Table S4](#tbl-table-s4){.quarto-xref} lists every adverse event" in text
    assert "[Table S5](#tbl-table-s5){.quarto-xref} crosses each participant's baseline CTCAE grade" in text
    assert ("and [Table S6](#consort-checklist){.quarto-xref} maps the items of the CONSORT 2025 checklist to the "
            "sections of this manuscript.") in text


def test_every_reference_links_to_the_id_its_table_carries():
    """The captions' ids come from supplement_anchor (documents.context.supplement_block); the checklist's block is
    the manuscript's #consort-checklist."""
    refs = supplement_refs(example_results())
    assert refs["supplementary_ttest"] == f"[Table S2](#{supplement_anchor('Table S2')}){{.quarto-xref}}"
    assert supplement_anchor("Table S2") == "tbl-table-s2"
    assert "{#" + CHECKLIST_ID + " " in MANUSCRIPT.read_text(encoding="utf-8")


def test_the_results_link_supplementary_table_s1():
    from alsreport.present.prose import ReportText

    text = ReportText(example_results()).biomarker_results
    assert "listed in [Table S1](#tbl-table-s1){.quarto-xref}." in text


def test_the_discussions_other_comparisons_link_table_s1(tmp_path):
    """More changes than the earlier-report comparison lists: the rest are counted and linked to Table S1."""
    from alsreport import analyze, load_study
    from alsreport.present.prose import ReportText
    from manuscript_studies import SIX_VISITS, Series, Variant, write_variant

    tnf = {"analyte": "TNF-alpha", "compartment": "CSF", "visit": "M3", "finding": "decrease"}
    series = (Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)), Series("IL-6", "CSF", effect=(-0.3,)),
              Series("IL-10", "CSF", effect=(-0.3,)))
    v = Variant(extra_config={"reporting": {"prior_report": {"findings": [tnf], "others": "no change"}}},
                visits=SIX_VISITS, series=series)
    text = ReportText(analyze(load_study(write_variant(tmp_path / "s", v)))).prior_report_discussion
    assert " other comparisons changed ([Table S1](#tbl-table-s1){.quarto-xref})." in text


def test_every_citation_of_a_supplementary_table_is_written_one_way():
    """Session 26 readers: the text cited "Supplementary Table S4", "Table S2 (supplement)" and "Table S2"; the S
    says it is a supplementary table, so each citation is the bare number, linked ("Supplementary Data S1", the data
    file, keeps its name)."""
    from alsreport.present.prose import ReportText
    from alsreport.present.prose.laboratory_harms import laboratory_harms_sentence
    from alsreport.present.prose.methods import laboratory_safety_sentence
    from alsreport.present.prose.ratio_results import ratio_sensitivity_text
    from alsreport.present.prose.safety import supplement_listing_note

    res = example_results()
    one = next(c for c in res.comparisons if c.test == "paired_t")
    ratios = dataclasses.replace(res, comparisons=res.comparisons + (dataclasses.replace(one, test="paired_t_log"),))
    texts = {"laboratory harms": laboratory_harms_sentence(res), "methods": laboratory_safety_sentence(res),
             "listing note": supplement_listing_note(res), "ratios": ratio_sensitivity_text(ratios),
             "results": ReportText(res).biomarker_results,
             "sensitivity": MANUSCRIPT.read_text(encoding="utf-8")}
    assert "(Table S4)" in texts["laboratory harms"].replace("[Table S4](#tbl-table-s4){.quarto-xref}", "Table S4")
    assert texts["listing note"] == "Every event is listed individually in Table S3."
    for where, text in texts.items():
        assert "Supplementary Table" not in text and "Supplementary [" not in text, where
        assert "(supplement)" not in text, where
