"""The safety report's list of abbreviations (issue #10): the abbreviations its printed text uses, found as words of
their own, sorted, with their long names."""

from __future__ import annotations

from alsreport.present.prose.abbreviations import SAFETY_REPORT_WORDS, safety_report_abbreviations


def test_found_as_words_in_the_visible_text_only():
    texts = ['<style>#x .IT { color: red }</style><td class="gt_row">CSF</td>',   # no "IT": a style sheet
             "BM-MSC in ALS; ALSFRS-R, points",          # not MSC in BM-MSC, nor ALS twice
             "Expectedness and SUSARs: not recorded",    # a plural
             "TNF\\-α at Month 3 (Table 4)"]            # a markdown escape; the analyte's prefix
    assert safety_report_abbreviations(texts) == [
        ("ALS", "amyotrophic lateral sclerosis"), ("ALSFRS-R", "revised ALS Functional Rating Scale"),
        ("BM-MSC", "bone-marrow mesenchymal stem cell"), ("CSF", "cerebrospinal fluid"),
        ("SUSAR", "suspected unexpected serious adverse reaction"), ("TNF", "tumour necrosis factor")]


def test_the_board_words_extend_the_manuscripts():
    assert SAFETY_REPORT_WORDS["DSMB"] == "data and safety monitoring board"   # NIH's name (session 29 reader)
    assert SAFETY_REPORT_WORDS["IT"] == "intrathecal" and SAFETY_REPORT_WORDS["MSC"] == "mesenchymal stem cell"
    assert safety_report_abbreviations(["No serious adverse event (SAE) or AE."]) == [
        ("AE", "adverse event"), ("SAE", "serious adverse event")]
    assert safety_report_abbreviations(["Nothing to abbreviate."]) == []
