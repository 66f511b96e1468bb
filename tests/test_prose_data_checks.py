"""The safety report lists the validation's warnings (alsreport/present/prose/data_checks.py; session 34 DSMB reader:
an adverse event linked to an infusion its participant never received was counted in that infusion's rate, and the
report said nothing of the warning validate gave)."""

from __future__ import annotations

import json
import re
from functools import partial

import alsreport
from analysis_helpers import discontinue, edited_example
from alsreport.present.prose.data_checks import data_checks_text
from alsreport.results.writer import results_json


def _read(markdown: str) -> str:
    """The text as printed: markdown escapes dropped."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_a_warning_is_listed_as_validate_words_it(tmp_path) -> None:
    # P06 withdraws after infusion 1; the example links P06's pyrexia (adverse_events.csv row 10) to infusion 2
    study = alsreport.load_study(edited_example(tmp_path / "s", partial(discontinue, participant="P06",
                                                                        after_infusion=1, gone_visits=("M2", "M3"))))
    warning = ('adverse_events.csv, row 10, infusion_no = "2": the event follows infusion 2 of P06, which was given by '
               'no route (infusions.csv); check infusion_no')
    assert study.warnings == (warning,)
    results = alsreport.analyze(study)
    assert results.data_checks == (warning,)
    assert json.loads(results_json(results))["data_checks"] == [warning]
    assert _read(data_checks_text(results)) == (
        "The automated checks of the data raised one warning; the analysis ran regardless. The "
        f"investigators should resolve it before the committee relies on the counts it touches:\n\n- {warning}\n")


def test_none_is_one_sentence_and_every_one_of_many_is_listed(example_analysis) -> None:
    """Session 35 DSMB reader: "and five more warnings (the validation lists every one)" hid 5 of rules2's 15, and
    the validation is not part of the board's packet; "which the analysis ran despite" read awkwardly."""
    from dataclasses import replace

    assert example_analysis.data_checks == ()
    assert data_checks_text(example_analysis) == "The automated checks of the data raised no warnings."
    many = replace(example_analysis, data_checks=tuple(f"measurements.csv, row {k}: odd" for k in range(13)))
    text = _read(data_checks_text(many))
    assert text.startswith("The automated checks of the data raised 13 warnings; the analysis ran regardless. The "
                           "investigators should resolve them before the committee relies on the counts they touch:")
    assert text.count("\n- measurements.csv") == 13
    assert text.endswith("\n- measurements.csv, row 12: odd\n") and "more warning" not in text


def test_the_summary_counts_the_warnings_and_sends_the_board_to_section_7(tmp_path, example_analysis) -> None:
    """Session 35 DSMB reader: the Summary did not mention the warnings (the IV-only study's one related event was
    doubtful by a warning only §7 gave); a bullet counts them and points at the section that lists them."""
    from dataclasses import replace

    from alsreport.present.prose.board_summary import board_summary

    study = alsreport.load_study(edited_example(tmp_path / "s", partial(discontinue, participant="P06",
                                                                        after_infusion=1, gone_visits=("M2", "M3"))))
    results = alsreport.analyze(study)
    assert len(results.data_checks) == 1
    first = board_summary(results).splitlines()[0]
    assert first == ("- Data checks: 1 warning, to be resolved by the investigators before the committee relies on the "
                     "counts it touches (listed in @sec-completeness)")
    four = replace(results, data_checks=tuple(f"measurements.csv, row {k}: odd" for k in range(4)))
    assert board_summary(four).splitlines()[0] == (
        "- Data checks: 4 warnings, to be resolved by the investigators before the committee relies on the counts they "
        "touch (listed in @sec-completeness)")
    # none: no bullet (the example)
    assert not any(line.startswith("- Data checks") for line in board_summary(example_analysis).splitlines())


def test_the_manuscript_asks_its_authors_to_resolve_the_warnings(iv_one_analyte_results, example_analysis) -> None:
    """Session 35 reviewer: the IV-only study's only related event, a lumbar-puncture headache where no lumbar
    puncture was done, was reported in the manuscript without the warning the safety report gives."""
    from alsreport.present.prose.data_checks import data_checks_note

    [warning] = iv_one_analyte_results.data_checks
    assert "names a lumbar puncture, but the study records none" in warning
    assert _read(data_checks_note(iv_one_analyte_results)) == (
        "*To be resolved by the authors before submission:* the automated checks of the data raised one warning; the "
        f"results below include the data it concerns:\n\n- {warning}\n")
    assert example_analysis.data_checks == () and data_checks_note(example_analysis) == ""


def test_the_manuscript_lists_the_first_three_warnings_and_counts_the_rest_of_five_or_more(example_analysis) -> None:
    """Session 35 second reader: fifteen warnings took a page and a half at the head of the manuscript's Results; the
    safety report lists every one (for the board), the manuscript the first three and how many more."""
    from dataclasses import replace

    from alsreport.present.prose.data_checks import data_checks_note

    checks = tuple(f"measurements.csv, row {k}, value = \"1\": warning {k}" for k in range(1, 16))
    note = _read(data_checks_note(replace(example_analysis, data_checks=checks)))
    assert note.startswith("*To be resolved by the authors before submission:* the automated checks of the data raised "
                           "15 warnings; the results below include the data they concern:\n\n- measurements.csv, row 1,")
    assert note.count("\n- ") == 4 and "warning 3\n" in note and "warning 4" not in note
    assert note.endswith("- and 12 more warnings: `alsreport validate` on the study folder lists them all\n")
    three = _read(data_checks_note(replace(example_analysis, data_checks=checks[:3])))
    assert three.count("\n- ") == 3 and "more warning" not in three
    # session 36 reviewer: four warnings, the fourth behind "and one more warning": every one, as a line each
    four = _read(data_checks_note(replace(example_analysis, data_checks=checks[:4])))
    assert four.count("\n- ") == 4 and "warning 4\n" in four and "more warning" not in four
    assert _read(data_checks_note(replace(example_analysis, data_checks=checks[:5]))).endswith(
        "- and two more warnings: `alsreport validate` on the study folder lists them all\n")
