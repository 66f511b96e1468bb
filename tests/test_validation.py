"""validate_study: every bad input gives a located, explained problem (file, row, column, value)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from syrupy.extensions.amber import AmberSnapshotExtension

from alsreport.study.contract import TABLES, Column
from alsreport.study.example import example_study_path
from alsreport.study.validation import LIMIT, Problem, ValidationReport, validate_study
from conftest import BASE_CONFIG, base_tables, row_of, write_study

DOCS = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"


class _SnapshotsDir(AmberSnapshotExtension):
    snapshot_dirname = "snapshots"


@pytest.fixture
def snap(snapshot):  # type: ignore[no-untyped-def]
    return snapshot.use_extension(_SnapshotsDir)


def find(report: ValidationReport, **match: Any) -> Problem:
    """The one problem matching every attribute in ``match``."""
    found = [p for p in report.problems if all(getattr(p, k) == v for k, v in match.items())]
    assert len(found) == 1, f"{len(found)} problems match {match}:\n{report.format()}"
    return found[0]


def yml_line(study: Path, needle: str) -> int:
    """Line of study.yml holding ``needle`` (first occurrence)."""
    lines = (study / "study.yml").read_text(encoding="utf-8").splitlines()
    return next(k + 1 for k, line in enumerate(lines) if needle in line)


def config(**changes: Any) -> dict[str, Any]:
    cfg = copy.deepcopy(BASE_CONFIG)
    cfg.update(changes)
    return cfg


M = "measurements.csv"
P = "participants.csv"
I = "infusions.csv"  # noqa: E741
A = "adverse_events.csv"


def m_row(participant: str = "P01", visit: str = "M0", compartment: str = "CSF", analyte: str = "TNF-alpha") -> int:
    return row_of("measurements", participant_id=participant, visit=visit, compartment=compartment, analyte=analyte)


def p_row(participant: str) -> int:
    return row_of("participants", participant_id=participant)


def i_row(participant: str, number: str, route: str) -> int:
    return row_of("infusions", participant_id=participant, infusion_no=number, route=route)


# The valid studies ---------------------------------------------------------------------------


def test_base_study_is_valid_without_warnings(make_study) -> None:
    report = validate_study(make_study())
    assert report.ok and report.problems == (), report.format()
    assert report.format().startswith("study OK: 4 enrolled participants, 3 visits, 3 series")


def test_bundled_example_validates_with_15_enrolled() -> None:
    report = validate_study(example_study_path())
    assert report.problems == (), report.format()  # reader 11a item 1: no CSF where the lumbar puncture failed
    assert report.summary is not None and report.summary.enrolled == 15
    assert "15 enrolled participants" in report.format()


# Files and headers ---------------------------------------------------------------------------


def test_missing_file(make_study) -> None:
    report = validate_study(make_study(files={"infusions.csv": None}))
    p = find(report, file=I)
    assert p.severity == "error" and p.row is None and "missing" in p.message


def test_missing_required_column_lists_found_and_expected(make_study) -> None:
    study = make_study(cells={("measurements", 1, "unit"): "units"})
    p = find(validate_study(study), file=M, code="missing-column")
    assert p.row == 1 and p.severity == "error"
    assert "missing required column unit" in p.message
    assert "found: participant_id, visit, compartment, analyte, value, units, lod" in p.message
    assert "expected: participant_id, visit, compartment, analyte, value, unit, lod, ref_low, ref_high" in p.message


def test_wrong_case_header_suggests_the_name(make_study) -> None:
    p = find(validate_study(make_study(cells={("participants", 1, "enrolled"): "Enrolled"})), code="missing-column")
    assert "rename 'Enrolled' to enrolled" in p.message


def test_a_misspelt_header_suggests_the_name_once(make_study) -> None:
    """Session 33 user: "analyt" had no "did you mean", and a second warning called it an ignored column."""
    report = validate_study(make_study(cells={("measurements", 1, "analyte"): "analyt"}))
    assert "missing required column analyte (rename 'analyt' to analyte); found:" in find(
        report, code="missing-column").message
    assert not [p for p in report.problems if p.code == "unknown-column"]


def test_unknown_columns_are_a_warning_listing_them(make_study) -> None:
    report = validate_study(make_study(columns={"participants": {"name": "Jane", "date_of_birth": "1970-01-01"}}))
    assert report.ok
    p = find(report, file=P, code="unknown-column")
    assert p.severity == "warning" and p.row == 1
    assert "ignored columns name, date_of_birth" in p.message and "never reach any output" in p.message
    assert "Identifying data" in p.message


# study.yml --------------------------------------------------------------------------------


def test_config_missing_key(make_study) -> None:
    cfg = config()
    del cfg["title"]
    p = find(validate_study(make_study(config=cfg)), file="study.yml")
    assert p.column == "title" and p.value is None
    assert p.message.startswith("required key title is missing at the top level")


def test_config_unknown_key_lists_allowed_keys_at_that_level(make_study) -> None:
    cfg = config()
    cfg["visits"][1]["colour"] = "red"
    study = make_study(config=cfg)
    p = find(validate_study(study), file="study.yml")
    assert p.column == "visits[1].colour" and p.value == "red" and p.row == yml_line(study, "colour: red")
    assert p.message == "unknown key colour in visits[1]; allowed keys there: code, label, month"


def test_config_wrong_type_names_the_dotted_path(make_study) -> None:
    cfg = config()
    cfg["visits"][2]["month"] = "three"
    study = make_study(config=cfg)
    p = find(validate_study(study), file="study.yml")
    assert (p.column, p.value, p.row) == ("visits[2].month", "three", yml_line(study, "month: three"))
    assert "must be a number" in p.message


def test_config_choice_lists_allowed_values(make_study) -> None:
    cfg = config()
    cfg["analysis"]["below_lod"] = "half"
    p = find(validate_study(make_study(config=cfg)), file="study.yml")
    assert (p.column, p.value) == ("analysis.below_lod", "half")
    assert p.message == "must be one of: half_lod, lod, lod_sqrt2 or exclude"


def test_config_number_for_text_suggests_quotes(make_study) -> None:
    p = find(validate_study(make_study(config=config(report_version=1.0))), file="study.yml")
    assert (p.column, p.value) == ("report_version", "1.0")
    assert "put it in quotes: '1.0'" in p.message


def test_config_primary_analyte_unknown_points_at_the_key(make_study) -> None:
    cfg = config()
    cfg["analysis"]["primary"]["analyte"] = "IL-6"
    p = find(validate_study(make_study(config=cfg)), file="study.yml")
    assert (p.column, p.value) == ("analysis.primary.analyte", "IL-6")
    assert "is not among the analytes: TNF-alpha, CRP" in p.message


def test_config_duplicate_visit_codes(make_study) -> None:
    cfg = config()
    cfg["visits"][2]["code"] = "M1"
    p = find(validate_study(make_study(config=cfg)), file="study.yml")
    assert p.column == "visits" and "repeated: M1" in p.message


def test_config_bad_yaml_gives_line_and_column(make_study) -> None:
    p = find(validate_study(make_study(files={"study.yml": "title: x\nvisits: [a, b\nanalytes: 1\n"})),
             file="study.yml")
    assert p.row == 3 and "not valid YAML" in p.message and "column" in p.message


def test_tables_are_checked_against_an_invalid_study_yml(make_study) -> None:
    cfg = config(title="")
    row = m_row("P03", "M2")
    report = validate_study(make_study(config=cfg, cells={("measurements", row, "visit"): "M3"}))
    assert find(report, file="study.yml").column == "title"
    assert find(report, code="unknown-visit").row == row


def test_primary_endpoint_not_measured(make_study) -> None:
    cfg = config()
    cfg["analysis"]["primary"]["compartment"] = "plasma"
    p = find(validate_study(make_study(config=cfg)), code="primary-not-measured")
    assert (p.file, p.column, p.value) == ("study.yml", "analysis.primary.compartment", "plasma")
    assert "it is measured in CSF, serum" in p.message


@pytest.mark.parametrize(("key", "name", "why", "expected"), [
    ("references", "refs.bib", "does not exist in the study folder", "a BibTeX file (.bib) of the manuscript's references"),
    ("csl", "styles/nature.csl", "does not exist in the study folder", "a CSL citation style file (.csl)"),
    ("csl", "styles", "is a folder, not a file", "a CSL citation style file (.csl)"),
    ("references", "../outside.bib", "is outside the study folder",
     "a BibTeX file (.bib) of the manuscript's references"),
])
def test_reporting_file_that_is_not_in_the_folder(make_study, key: str, name: str, why: str, expected: str) -> None:
    """Issue #10 item 4: a bibliography or style study.yml names is an input of the documents; one that is not a
    file in the study folder is reported up front (study.yml, its key and the path), not when the documents render."""
    cfg = config()
    cfg["reporting"] = {key: name}
    study = make_study(config=cfg)
    (study / "styles").mkdir()
    (study.parent / "outside.bib").write_text("@misc{x, title={x}}\n", encoding="utf-8")  # exists, but outside
    p = find(validate_study(study), code="reporting-file-missing")
    assert (p.severity, p.file, p.column, p.value, p.row) == ("error", "study.yml", f"reporting.{key}", name,
                                                              yml_line(study, f"{key}: {name}"))
    assert p.message == (f"reporting.{key} names {name}, which {why}; expected {expected} in the study folder, its "
                         f"path relative to study.yml (or remove reporting.{key})")


def test_reporting_files_in_the_folder_are_valid(make_study) -> None:
    cfg = config()
    cfg["reporting"] = {"references": "refs/study.bib", "csl": "nature.csl"}
    study = make_study(config=cfg, files={"nature.csl": "<style/>\n"})
    (study / "refs").mkdir()
    (study / "refs" / "study.bib").write_text("@misc{x, title={x}}\n", encoding="utf-8")
    assert not [p for p in validate_study(study).problems if p.code == "reporting-file-missing"]


# Numbers and measurement values -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "code", "fragment"), [
    ("12,5", "decimal-comma", "use a decimal point: 12.5"),
    ("1.234,5", "decimal-comma", "use a decimal point: 1234.5"),
    ("1,234", "decimal-comma", "or no thousands separator (1234)"),
    ("12 pg/mL", "unit-in-value", "put the unit in the unit column and only the number here: 12"),
    ("12,5pg/mL", "unit-in-value", "only the number here: 12.5"),
    ("NaN", "not-finite", "leave the cell empty for a missing value"),
    ("nan", "not-finite", "not a finite number"),
    ("inf", "not-finite", "not a finite number"),
    ("-3", "negative", "cannot be negative"),
    ("<0", "bad-limit", "must be a positive number"),
    ("<-1", "bad-limit", "must be a positive number"),
    ("ND", "lod-marker", "write '<' and the limit"),
    ("n/a", "missing-marker", "leave the cell empty"),
    ("high", "not-a-number", "expected a number (with a decimal point), '<x', '>x' or empty"),
])
def test_bad_measurement_values(make_study, text: str, code: str, fragment: str) -> None:
    row = m_row("P02", "M2", "serum", "CRP")
    report = validate_study(make_study(cells={("measurements", row, "value"): text}))
    p = find(report, code=code)
    assert (p.severity, p.file, p.row, p.column, p.value) == ("error", M, row, "value", text)
    assert fragment in p.message


@pytest.mark.parametrize("text", ["12.5", "<0.3", "> 250", "1e3", "", "0"])
def test_good_measurement_values(make_study, text: str) -> None:
    row = m_row("P02", "M2", "serum", "CRP")
    report = validate_study(make_study(cells={("measurements", row, "value"): text}))
    assert report.errors == (), report.format()


def test_number_column_with_unit_and_range(make_study) -> None:
    row = p_row("P02")
    report = validate_study(make_study(cells={("participants", row, "weight_kg"): "57 kg",
                                              ("participants", row, "age_years"): "200",
                                              ("participants", row, "alsfrs_r_baseline"): "31,5"}))
    unit = find(report, column="weight_kg")
    assert (unit.row, unit.value) == (row, "57 kg")
    assert unit.message == "write the number only: 57 (the unit is fixed: kg)"
    age = find(report, column="age_years")
    assert (age.row, age.value, age.code) == (row, "200", "out-of-range")
    assert "must be between 0 and 120 years" in age.message
    comma = find(report, column="alsfrs_r_baseline")
    assert comma.value == "31,5" and "use a decimal point: 31.5" in comma.message


def test_integer_column_wants_whole_numbers(make_study) -> None:
    report = validate_study(make_study(cells={("adverse_events", 2, "onset_day"): "1.5"}))
    p = find(report, file=A, column="onset_day")
    assert (p.row, p.value, p.code) == (2, "1.5", "not-whole")
    assert "must be a whole number" in p.message


def test_required_cell_empty(make_study) -> None:
    row = m_row("P03", "M1", "serum", "CRP")
    p = find(validate_study(make_study(cells={("measurements", row, "unit"): ""})), code="required")
    assert (p.file, p.row, p.column, p.value) == (M, row, "unit", "")
    assert "unit is required" in p.message


@pytest.mark.parametrize("text", ["yes", "YES", "Y", "true", "1"])
def test_flags_accept_contract_spellings(make_study, text: str) -> None:
    report = validate_study(make_study(cells={("adverse_events", 2, "serious"): text}))
    assert report.errors == (), report.format()


def test_flag_must_be_yes_or_no(make_study) -> None:
    row = p_row("P02")
    p = find(validate_study(make_study(cells={("participants", row, "eligible"): "maybe"})), code="not-a-flag")
    assert (p.file, p.row, p.column, p.value) == (P, row, "eligible", "maybe")
    assert p.message.startswith("must be yes or no")


@pytest.mark.parametrize(("table", "column", "row", "bad", "allowed"), [
    ("infusions", "route", 2, "intravenous", "IV, IT"),
    ("measurements", "compartment", 2, "liquor", "CSF, serum, plasma, blood"),
    ("adverse_events", "relatedness", 2, "maybe", "unrelated, unlikely, possible, probable, definite"),
    ("participants", "sex", 4, "m", "female, male"),
    ("participants", "onset_site", 4, "limb", "bulbar, spinal, respiratory, generalised"),
    ("adverse_events", "outcome", 3, "resolved",
     "recovered, recovering, not recovered, recovered with sequelae, fatal, unknown"),
])
def test_choices_list_what_is_allowed(make_study, table: str, column: str, row: int, bad: str, allowed: str) -> None:
    report = validate_study(make_study(cells={(table, row, column): bad}))
    p = find(report, column=column, value=bad)
    assert (p.file, p.row, p.severity) == (f"{table}.csv", row, "error")
    assert p.message.endswith(f"allowed: {allowed}")


def test_choice_suggests_the_right_case(make_study) -> None:
    p = find(validate_study(make_study(cells={("measurements", 2, "compartment"): "csf"})), value="csf")
    assert "(did you mean CSF?)" in p.message


def test_a_repeated_bad_choice_is_one_problem_naming_its_rows(make_study) -> None:
    rows = [m_row("P01", v, "CSF") for v in ("M0", "M1", "M2")]
    report = validate_study(make_study(cells={("measurements", r, "compartment"): "CFS" for r in rows}))
    p = find(report, value="CFS")
    assert p.row == rows[0]
    assert f"(3 rows: {rows[0]}, {rows[1]}, {rows[2]})" in p.message


# Keys and references -----------------------------------------------------------------------------


def test_duplicate_measurement_names_both_rows(make_study) -> None:
    first = m_row("P01", "M0", "serum", "CRP")
    dup = m_row("P01", "M1", "serum", "CRP")
    p = find(validate_study(make_study(cells={("measurements", dup, "visit"): "M0"})), code="duplicate-key")
    assert (p.file, p.row, p.column, p.value) == (M, dup, None, "P01 / M0 / serum / CRP")
    assert f"duplicate of row {first}" in p.message
    assert "participant_id, visit, compartment, analyte" in p.message


def test_a_duplicate_says_what_differs_from_its_first_row(make_study) -> None:
    """Session 33 user: "keep one row", without the two values to choose between."""
    first = m_row("P01", "M0", "serum", "CRP")
    dup = m_row("P01", "M1", "serum", "CRP")
    study = make_study(cells={("measurements", dup, "visit"): "M0", ("measurements", dup, "value"): "99.9"})
    p = find(validate_study(study), code="duplicate-key")
    original = (study / M).read_text(encoding="utf-8").splitlines()[first - 1].split(",")[4]   # its value column
    assert original and original != "99.9"
    assert p.message.endswith(f'; keep one row (value = "99.9" here, "{original}" in row {first})')


def test_duplicate_participant(make_study) -> None:
    p = find(validate_study(make_study(cells={("participants", p_row("P02"), "participant_id"): "P01"})),
             code="duplicate-key")
    assert (p.file, p.row, p.column, p.value) == (P, p_row("P02"), "participant_id", "P01")
    assert f"duplicate of row {p_row('P01')}" in p.message


def test_unknown_visit_lists_the_codes(make_study) -> None:
    row = m_row("P03", "M2")
    p = find(validate_study(make_study(cells={("measurements", row, "visit"): "M3"})), code="unknown-visit")
    assert (p.file, p.row, p.column, p.value) == (M, row, "visit", "M3")
    assert p.message == "visit M3 is not a visit code in study.yml; allowed: M0, M1, M2"


def test_unknown_analyte_must_be_added_with_a_family(make_study) -> None:
    row = m_row("P03", "M2")
    p = find(validate_study(make_study(cells={("measurements", row, "analyte"): "IL-6"})), code="unknown-analyte")
    assert (p.file, p.row, p.column, p.value) == (M, row, "analyte", "IL-6")
    assert "add it under analytes with a family" in p.message and "{name: IL-6, family:" in p.message


def test_analyte_never_measured_is_a_warning(make_study) -> None:
    cfg = config()
    cfg["analytes"].append({"name": "IL-6", "family": "immunological"})
    study = make_study(config=cfg)
    report = validate_study(study)
    assert report.ok
    p = find(report, code="unused-analyte")
    assert (p.severity, p.file, p.column, p.value) == ("warning", "study.yml", "analytes[2].name", "IL-6")
    assert p.row == yml_line(study, "name: IL-6")
    assert "never measured" in p.message


@pytest.mark.parametrize(("table", "row"), [("infusions", 2), ("measurements", 2), ("adverse_events", 2)])
def test_participant_not_in_participants(make_study, table: str, row: int) -> None:
    p = find(validate_study(make_study(cells={(table, row, "participant_id"): "P99"})), code="unknown-participant")
    assert (p.file, p.row, p.column, p.value) == (f"{table}.csv", row, "participant_id", "P99")
    assert "participant P99 is not in participants.csv" in p.message


@pytest.mark.parametrize(("table", "row"), [("infusions", 2), ("measurements", 2), ("adverse_events", 2)])
def test_participant_not_enrolled(make_study, table: str, row: int) -> None:
    p = find(validate_study(make_study(cells={(table, row, "participant_id"): "S02"})), code="not-enrolled")
    assert (p.file, p.row, p.column, p.value) == (f"{table}.csv", row, "participant_id", "S02")
    assert p.message.startswith(f"S02 is not enrolled (participants.csv, row {p_row('S02')}: enrolled = no)")


def test_participant_id_case_is_suggested(make_study) -> None:
    p = find(validate_study(make_study(cells={("adverse_events", 2, "participant_id"): "p01"})),
             code="unknown-participant")
    assert "(did you mean P01?)" in p.message


# Units and limits of detection -------------------------------------------------------------------------


def test_mixed_units_name_units_counts_and_rows(make_study) -> None:
    rows = [m_row("P02", "M1", "serum", "CRP"), m_row("P03", "M2", "serum", "CRP")]
    report = validate_study(make_study(cells={("measurements", r, "unit"): "mg/dL" for r in rows}))
    p = find(report, code="mixed-units")
    assert (p.file, p.row, p.column, p.value) == (M, rows[0], "unit", "mg/dL")
    assert (f"CRP in serum is recorded in 2 units: mg/L (9 rows), mg/dL (2 rows: rows {rows[0]}, {rows[1]})"
            in p.message)
    assert "never converts units" in p.message


def test_lod_inconsistent_with_censored_value_is_a_warning(make_study) -> None:
    row = m_row("P03", "M1", "CSF")
    report = validate_study(make_study(cells={("measurements", row, "value"): "<0.4"}))
    assert report.ok
    p = find(report, code="lod-mismatch")
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", M, row, "value", "<0.4")
    assert "differs from lod = 0.5" in p.message


def test_reference_range_crossed(make_study) -> None:
    row = m_row("P01", "M0", "serum", "CRP")
    p = find(validate_study(make_study(cells={("measurements", row, "ref_low"): "9"})), code="reference-range")
    assert (p.row, p.column, p.value) == (row, "ref_high", "5")


# Adverse events ---------------------------------------------------------------------------------


@pytest.mark.parametrize("grade", ["0", "6"])
def test_ae_grade_outside_ctcae(make_study, grade: str) -> None:
    p = find(validate_study(make_study(cells={("adverse_events", 3, "grade"): grade})), column="grade")
    assert (p.file, p.row, p.value, p.code) == (A, 3, grade, "out-of-range")
    assert "must be between 1 and 5" in p.message and "CTCAE" in p.message


def test_ae_linked_to_an_infusion_that_does_not_exist(make_study) -> None:
    p = find(validate_study(make_study(cells={("adverse_events", 2, "infusion_no"): "4"})), code="unknown-infusion")
    assert (p.file, p.row, p.column, p.value) == (A, 2, "infusion_no", "4")
    assert "P01 has no infusion 4 in infusions.csv (their infusions: 1, 2)" in p.message


def test_ae_fatal_outcome_needs_grade_5(make_study) -> None:
    p = find(validate_study(make_study(cells={("adverse_events", 2, "outcome"): "fatal"})), code="fatal-grade")
    assert (p.severity, p.row, p.column, p.value) == ("warning", 2, "grade", "2")


def test_ae_seriousness_criterion_of_an_event_that_is_not_serious(make_study) -> None:
    study = make_study(columns={"adverse_events": {"seriousness": ["hospitalisation", ""]}})
    p = find(validate_study(study), code="seriousness-not-serious")
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", A, 2, "seriousness", "hospitalisation")
    assert p.message.startswith("a seriousness criterion (hospitalisation) is given, but serious is no")
    # the same criterion on a serious event is what the column is for
    serious = make_study(columns={"adverse_events": {"seriousness": ["hospitalisation", ""],
                                                     "serious": ["yes", "no"]}})
    assert not [x for x in validate_study(serious).problems if x.code.startswith("seriousness")]


def test_ae_seriousness_death_needs_a_fatal_outcome(make_study) -> None:
    study = make_study(columns={"adverse_events": {"seriousness": ["death", ""], "serious": ["yes", "no"]}})
    p = find(validate_study(study), code="seriousness-death-not-fatal")
    assert (p.severity, p.row, p.column, p.value) == ("warning", 2, "seriousness", "death")


def test_ae_seriousness_outside_the_ich_criteria(make_study) -> None:
    study = make_study(columns={"adverse_events": {"seriousness": ["hospitalization", ""], "serious": ["yes", "no"]}})
    p = find(validate_study(study), column="seriousness")
    assert (p.severity, p.row, p.value) == ("error", 2, "hospitalization")
    assert "hospitalisation" in p.message and "important medical event" in p.message


# Participant flow ----------------------------------------------------------------------------------


def test_exclusion_reason_required_when_not_enrolled(make_study) -> None:
    row = p_row("S02")
    p = find(validate_study(make_study(cells={("participants", row, "exclusion_reason"): ""})),
             code="exclusion-reason-missing")
    assert (p.file, p.row, p.column, p.value) == (P, row, "exclusion_reason", "")
    assert p.message.startswith("S02 was not enrolled (enrolled = no), so exclusion_reason is required")


def test_not_eligible_but_enrolled(make_study) -> None:
    row = p_row("P02")
    p = find(validate_study(make_study(cells={("participants", row, "eligible"): "no"})),
             code="enrolled-not-eligible")
    assert (p.file, p.row, p.column, p.value) == (P, row, "enrolled", "yes")
    assert "P02 is not eligible (eligible = no) but enrolled = yes" in p.message


def test_completed_required_for_enrolled(make_study) -> None:
    row = p_row("P03")
    p = find(validate_study(make_study(cells={("participants", row, "completed"): ""})), code="completed-missing")
    assert (p.file, p.row, p.column, p.value) == (P, row, "completed", "")
    assert "P03 is enrolled, so completed is required" in p.message


def test_completed_must_be_empty_for_not_enrolled(make_study) -> None:
    row = p_row("S01")
    p = find(validate_study(make_study(cells={("participants", row, "completed"): "no"})),
             code="completed-not-enrolled")
    assert (p.file, p.row, p.column, p.value) == (P, row, "completed", "no")
    assert "S01 was not enrolled (enrolled = no), so completed must be empty" in p.message


def test_discontinuation_reason_required(make_study) -> None:
    row = p_row("P04")
    p = find(validate_study(make_study(cells={("participants", row, "discontinuation_reason"): ""})),
             code="discontinuation-reason-missing")
    assert (p.file, p.row, p.column, p.value) == (P, row, "discontinuation_reason", "")
    assert "P04 did not complete (completed = no), so discontinuation_reason is required" in p.message


def test_discontinuation_reason_for_completed_is_a_warning(make_study) -> None:
    row = p_row("P01")
    report = validate_study(make_study(cells={("participants", row, "discontinuation_reason"): "Moved away"}))
    assert report.ok
    p = find(report, code="discontinuation-reason-ignored")
    assert (p.severity, p.row, p.column, p.value) == ("warning", row, "discontinuation_reason", "Moved away")


def test_reason_not_given_required(make_study) -> None:
    row = i_row("P04", "2", "IT")
    p = find(validate_study(make_study(cells={("infusions", row, "reason_not_given"): ""})),
             code="reason-not-given-missing")
    assert (p.file, p.row, p.column, p.value) == (I, row, "reason_not_given", "")
    assert "infusion 2 of P04 was not given (given = no), so reason_not_given is required" in p.message


def test_dose_recorded_for_an_infusion_not_given(make_study) -> None:
    row = i_row("P04", "2", "IV")
    p = find(validate_study(make_study(cells={("infusions", row, "cells_per_kg"): "500000"})),
             code="dose-not-given")
    assert (p.file, p.row, p.column, p.value) == (I, row, "cells_per_kg", "500000")


def test_doses_given_unlike_the_planned_dose_are_flagged_once(make_study) -> None:
    # the base study gives 500000 IV + 500000 IT per infusion: 1e6 cells/kg in all (7 infusions given by every route)
    assert not [p for p in validate_study(make_study(config={**BASE_CONFIG, "dose_cells_per_kg": 1000000})).problems
                if p.code == "dose-not-as-planned"]
    report = validate_study(make_study(config={**BASE_CONFIG, "dose_cells_per_kg": 2000000}))
    found = [p for p in report.problems if p.code == "dose-not-as-planned"]
    assert len(found) == 1 and report.ok
    p = found[0]
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", I, i_row("P01", "1", "IV"), "cells_per_kg",
                                                               "500000")
    assert p.message == ("the infusions given by every route have a median dose of 1000000 cells/kg (cells_per_kg "
                         "added over the routes of one infusion, 7 infusions), but study.yml gives dose_cells_per_kg: "
                         "2000000 per infusion; the Methods print the planned dose and the exposure table the doses "
                         "given, so correct dose_cells_per_kg or cells_per_kg")


def test_no_infusion_after_a_missed_one_for_discontinued(make_study) -> None:
    header, rows = base_tables()["infusions"]
    rows += [["P04", "3", "M2", "IV", "500000", "yes", ""], ["P04", "3", "M2", "IT", "", "no", "Refused"]]
    report = validate_study(make_study(tables={"infusions": (header, rows)}))
    p = find(report, code="infusion-after-discontinuation")
    assert (p.file, p.row, p.column, p.value) == (I, len(rows), "given", "yes")
    assert ("P04 discontinued (completed = no) and infusion 2 was given by no route, so no later infusion can "
            "have been given, yet infusion 3 (IV) is recorded as given") in p.message


def test_completed_with_a_missed_infusion_is_a_warning(make_study) -> None:
    rows = {("infusions", i_row("P02", "2", r), c): v for r in ("IV", "IT")
            for c, v in (("given", "no"), ("cells_per_kg", ""), ("reason_not_given", "Fever"))}
    report = validate_study(make_study(cells=rows))
    assert report.ok
    p = find(report, code="completed-missed-infusion")
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", I, i_row("P02", "2", "IV"),
                                                              "participant_id", "P02")
    assert "P02 completed (completed = yes) but infusion 2 was given by no route" in p.message


def test_measurement_after_discontinuation_is_a_warning(make_study) -> None:
    row = m_row("P04", "M1", "serum", "CRP")
    report = validate_study(make_study(cells={("measurements", row, "visit"): "M2"}))
    p = find(report, code="measured-after-discontinuation")
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", M, row, "participant_id", "P04")
    assert "P04 discontinued at M1 (infusion 2 was given by no route) but has 1 value at later visits M2" in p.message


def test_csf_at_a_failed_lumbar_puncture_is_a_warning(make_study) -> None:
    """Reader 11a item 1: a CSF value at the visit whose IT dose was not given because the lumbar puncture
    failed (CSF is taken at that puncture); the other routes' and compartments' values are fine."""
    it = i_row("P02", "2", "IT")
    cells = {("infusions", it, "given"): "no", ("infusions", it, "cells_per_kg"): "",
             ("infusions", it, "reason_not_given"): "Lumbar puncture unsuccessful"}
    report = validate_study(make_study(cells=cells))
    assert report.ok
    row = m_row("P02", "M1", "CSF", "TNF-alpha")
    p = find(report, code="csf-without-lumbar-puncture")
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", M, row, "value", "9.81")
    assert (f"P02 has 1 CSF value at M1 (row {row}; TNF-alpha = 9.81), but their intrathecal dose at M1 was not "
            f"given (infusions.csv, row {it}: reason_not_given = Lumbar puncture unsuccessful)") in p.message
    # the sample left empty, as for a sample not obtained: no warning
    report = validate_study(make_study(cells={**cells, ("measurements", row, "value"): ""}))
    assert not [q for q in report.problems if q.code == "csf-without-lumbar-puncture"]
    # an IT dose not given for another reason says nothing about the puncture
    report = validate_study(make_study(cells={**cells, ("infusions", it, "reason_not_given"): "Too few cells"}))
    assert not [q for q in report.problems if q.code == "csf-without-lumbar-puncture"]


def test_missing_baseline_is_a_warning(make_study) -> None:
    header, rows = base_tables()["measurements"]
    kept = [r for r in rows if not (r[0] == "P03" and r[1] == "M0")]
    report = validate_study(make_study(tables={"measurements": (header, kept)}))
    assert report.ok
    p = find(report, code="no-baseline")
    assert (p.severity, p.file, p.row, p.column, p.value) == ("warning", M, None, "participant_id", "P03")
    assert "P03 is enrolled but has no baseline (M0) value" in p.message


# The report --------------------------------------------------------------------------------------


def test_repetitive_problems_are_capped(make_study) -> None:
    cells = {("measurements", k + 2, "value"): "1,5" for k in range(30)}
    report = validate_study(make_study(cells=cells))
    listed = [p for p in report.problems if p.code == "decimal-comma"]
    assert len(listed) == LIMIT
    assert listed[-1].more == 30 - LIMIT and all(p.more == 0 for p in listed[:-1])
    assert report.error_count == 30
    assert "... and 10 more like this" in report.format()
    assert report.format().endswith("30 errors in " + str(report.path))


def test_all_problems_reported_at_once_grouped_by_file(make_study) -> None:
    cfg = config()
    cfg["analysis"]["below_lod"] = "half"
    study = make_study(config=cfg,
                       cells={("measurements", 3, "value"): "12,5", ("participants", 4, "sex"): "x",
                              ("adverse_events", 2, "grade"): "7"},
                       columns={"participants": {"name": "Jane"}})
    report = validate_study(study)
    text = report.format()
    files = [line for line in text.splitlines() if not line.startswith(" ")][:-1]
    assert files == ["study.yml", P, M, A]
    assert text.splitlines()[-1] == f"4 errors, 1 warning in {study}"


def test_problem_format_snapshots(make_study, snap) -> None:  # type: ignore[no-untyped-def]
    row = m_row("P02", "M2", "serum", "CRP")
    cfg = config()
    cfg["visits"][1]["colour"] = "red"
    report = validate_study(make_study(
        config=cfg,
        cells={("measurements", row, "value"): "12,5", ("measurements", row + 1, "value"): "3 mg/L",
               ("participants", p_row("P02"), "enrolled"): "maybe", ("adverse_events", 2, "grade"): "6"},
        columns={"participants": {"name": "Jane"}},
    ))
    lines = {f"{p.file}:{p.code}": p.format() for p in report.problems}
    assert lines == snap


def test_file_problem_snapshots(make_study, snap) -> None:  # type: ignore[no-untyped-def]
    study = make_study(files={
        "participants.csv": "participant_id,eligible\nS01,Sjögren\n".encode("latin-1"),
        "infusions.csv": "participant_id;infusion_no\n",
        "adverse_events.csv": b"",
        "study.yml": "title: [unclosed\nvisits: 1\n",
    })
    lines = [f"{p.file}: {p.format()}" for p in validate_study(study).problems]
    assert lines == snap


def test_describe_is_self_contained() -> None:
    p = Problem("error", M, 7, "value", "12,5", "not a number: use a decimal point: 12.5", "decimal-comma", more=3)
    assert p.describe() == ('measurements.csv, row 7, value = "12,5": not a number: use a decimal point: 12.5 '
                            "(and 3 more like this)")
    assert Problem("warning", "study.yml", 4, "visits[0].code", "M0", "x").location == 'line 4, visits[0].code = "M0"'


def test_report_is_frozen() -> None:
    report = ValidationReport(path="x")
    with pytest.raises(AttributeError):
        report.path = "y"  # type: ignore[misc]
    assert report.ok and report.errors == () and report.warnings == ()


def test_never_a_traceback_for_garbage(make_study) -> None:
    garbage = [b"\xff\xfe\x00garbage", b",,,,\n,,,\n", b"participant_id\n\"unclosed\n", b"\n\n\n", b"a,b\n" * 3]
    for raw in garbage:
        study = make_study(files={name: raw for name in ("participants.csv", "measurements.csv", "study.yml")})
        report = validate_study(study)
        assert not report.ok, raw
        assert all(isinstance(p.message, str) and p.message for p in report.problems)


def test_not_a_folder(tmp_path: Path) -> None:
    report = validate_study(tmp_path / "nope")
    assert not report.ok and "not a folder" in report.errors[0].message


# The documentation ---------------------------------------------------------------------------------


def _doc_row(column: Column) -> str:
    """The row docs/data-format.md must have for ``column`` (rendered from the contract)."""
    def fmt(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else str(x)

    kinds = {"id": "identifier", "text": "text", "flag": "yes/no", "number": "number", "integer": "whole number",
             "choice": "choice", "measurement": "measurement", "date": "date"}
    sources = {"visits": "visit codes from study.yml", "analytes": "analyte names from study.yml"}
    allowed = "yes, no" if column.kind == "flag" else ", ".join(column.choices) or sources.get(
        column.choices_from or "", "")
    bounds = ""
    if column.minimum is not None or column.maximum is not None:
        lo = fmt(column.minimum) if column.minimum is not None else ""
        hi = fmt(column.maximum) if column.maximum is not None else ""
        bounds = f"{lo} to {hi}" if lo and hi else (f"≥ {lo}" if lo else f"≤ {hi}")
        bounds += f" {column.unit}" if column.unit else ""
    allowed = "; ".join(x for x in (allowed, bounds) if x)
    yes_no = {True: "yes", False: "no"}
    return (f"| `{column.name}` | {yes_no[column.required]} | {yes_no[column.nullable]} | {kinds[column.kind]} "
            f"| {allowed} | {column.description} |")


def test_docs_describe_every_contract_column_as_the_contract_does() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for table in TABLES.values():
        assert f"### `{table.filename}`" in text, table.filename
        section = text.split(f"### `{table.filename}`", 1)[1].split("\n### ", 1)[0]
        assert table.description in section
        for column in table.columns:
            assert _doc_row(column) in section.splitlines(), f"docs/data-format.md: {_doc_row(column)}"


def test_docs_mention_every_study_yml_key() -> None:
    from alsreport.study.config import AnalysisOptions, Analyte, Primary, StudyConfig, Visit

    text = DOCS.read_text(encoding="utf-8")
    for model in (StudyConfig, Visit, Analyte, AnalysisOptions, Primary):
        for key in model.model_fields:
            assert f"`{key}`" in text, (model.__name__, key)
    for rule in ("half_lod", "lod_sqrt2", "exclude"):
        assert rule in text


# derandomize: the same 80 examples on every run (CI must not depend on luck); the explicit
# examples are cells that once slipped through.
@settings(max_examples=80, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=12) | st.from_regex(r"[<>]? ?-?[0-9]{1,4}([.,][0-9]{1,3})? ?(pg/mL)?", fullmatch=True))
@example(text="0\x1f")      # U+001F: str.strip() would drop it, float() does not accept it
@example(text="< 0.5 ")
@example(text=" 12.5\u00a0")
def test_any_typed_value_gives_a_report_not_a_traceback(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    from alsreport.study.loading import load_study

    row = m_row("P02", "M2", "serum", "CRP")
    study = write_study(tmp_path_factory.mktemp("fuzz"), cells={("measurements", row, "value"): text})
    report = validate_study(study)
    assert all(p.message for p in report.problems)
    if report.ok:
        loaded = load_study(study)
        censoring = loaded.measurements["censoring"].iloc[row - 2]
        assert censoring in ("observed", "below", "above", "missing")
        if censoring == "observed":
            assert loaded.measurements["value"].iloc[row - 2] == float(text.strip(" \t\r\n\f\v\u00a0\u2007\u202f"))
    else:
        assert any(p.file == M and p.row == row for p in report.errors) or any(p.row is None for p in report.errors)


def test_invisible_characters_are_spelled_out_in_the_message(tmp_path) -> None:
    row = m_row("P02", "M2", "serum", "CRP")
    study = write_study(tmp_path, cells={("measurements", row, "value"): "9.06\x1f"})
    report = validate_study(study)
    [problem] = [p for p in report.errors if p.file == M]
    assert (problem.row, problem.column, problem.value) == (row, "value", "9.06\x1f")
    assert 'value = "9.06<U+001F>": not a number' in problem.format()


def test_docs_describe_each_list_of_safety_texts_as_a_list_as_the_schema_does() -> None:
    """``previous_report_actions`` as ``stopping_rules``: a list, one ``- `` item each, as the validator requires (a
    DSMB reader's study.yml gave the actions as one paragraph of text); the docs' row is the schema's description."""
    from alsreport.study.config_safety import SafetyConfig

    rows = DOCS.read_text(encoding="utf-8").split("`safety` keys", 1)[1].split("\n\n", 2)[1].splitlines()
    listed = [k for k, f in SafetyConfig.model_fields.items() if f.annotation == list[str]]
    assert listed == ["protocol_schema", "previous_report_actions", "stopping_rules"]
    for key in listed:
        description = SafetyConfig.model_fields[key].description
        assert f"| `{key}` | none | {description} |" in rows
        assert "a list (one `- ` item per " in description
    assert ("Action items from the previous DSMB report or meeting, a list (one `- ` item per action)."
            == SafetyConfig.model_fields["previous_report_actions"].description)
