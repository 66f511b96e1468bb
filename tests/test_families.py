"""``families:`` in study.yml: free family names with labels and an order (issue #12).

A study whose only family is ``neurofilament`` (one analyte) names it in every table, figure
and sentence; an analyte naming an undeclared family gets a located message that lists the
declared ones; without the section the three default families apply and nothing changes.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import pytest

from alsreport.analysis.run import analyze
from alsreport.present.figures import figure_keys, forest_figure
from alsreport.present.prose import abstract_methods, outcomes_text
from alsreport.present.prose.methods import objectives
from alsreport.present.tables.registry import build_table_data, build_tables, table_families
from alsreport.results.model import Results
from alsreport.study.config import StudyConfig
from alsreport.study.config_families import DEFAULT_FAMILIES
from alsreport.study.loading import load_study
from alsreport.study.validation import validate_study
from analysis_helpers import example_results
from conftest import _M_COLS, BASE_CONFIG, write_study

NFL_CONFIG = {
    "title": "Neurofilament study",
    "synthetic": True,
    "visits": BASE_CONFIG["visits"],
    "families": [{"name": "neurofilament", "label": "Neurofilament light"}],
    "analytes": [{"name": "NfL", "family": "neurofilament"}],
    "analysis": {"primary": {"analyte": "NfL", "compartment": "CSF"}},
}


def _nfl_rows() -> list[list[str]]:
    rows = []
    for k, (p, v) in enumerate((p, v) for p in ("P01", "P02", "P03", "P04") for v in ("M0", "M1", "M2")):
        if (p, v) != ("P04", "M2"):
            rows.append([p, v, "CSF", "NfL", f"{900 + (k * 37) % 113:.1f}", "pg/mL", "5", "", ""])
    return rows


def nfl_study(folder: Path, config: dict | None = None) -> Path:
    return write_study(folder, config=config or NFL_CONFIG, tables={"measurements": (_M_COLS, _nfl_rows())})


@functools.cache
def _nfl_results(folder: str) -> Results:
    return analyze(load_study(nfl_study(Path(folder))))


@pytest.fixture(scope="module")
def nfl(tmp_path_factory) -> Results:
    return _nfl_results(str(tmp_path_factory.mktemp("nfl") / "study"))


def test_default_families_are_the_three_and_are_not_written_to_results() -> None:
    cfg = example_results().config
    assert cfg.family_names == ("immunological", "biochemical", "haematological")
    assert cfg.families == list(DEFAULT_FAMILIES)
    assert "families" not in cfg.model_dump(mode="json")  # results.json of existing studies unchanged


def test_declared_families_keep_their_order_and_labels() -> None:
    cfg = StudyConfig.model_validate({**NFL_CONFIG, "families": [
        {"name": "neurofilament", "label": "Neurofilament light"}, {"name": "immunological"}],
        "analytes": [{"name": "IL-6", "family": "immunological"}, {"name": "NfL", "family": "neurofilament"}]})
    assert cfg.family_names == ("neurofilament", "immunological")
    assert cfg.family_label("neurofilament") == "Neurofilament light"
    assert cfg.family_label("immunological") == "immunological"
    assert cfg.model_dump(mode="json")["families"][0] == {"name": "neurofilament", "label": "Neurofilament light"}


def test_tables_name_the_declared_family(nfl: Results) -> None:
    tables = build_tables(nfl)
    assert "table2_immunological" in tables and "table3_biochemical" not in tables  # table 2: the first family
    assert table_families(nfl, "table2_immunological") == ("neurofilament",)
    assert tables["table2_immunological"].text.title == "Neurofilament light biomarker"   # one analyte, in CSF
    data = build_table_data(nfl)
    for key in ("table2_immunological", "sensitivity", "supplementary_s1"):
        assert set(data[key]["family"]) == {"neurofilament"}, key


def test_figures_name_the_declared_family(nfl: Results) -> None:
    keys = figure_keys(nfl)
    assert "figure2_grid_neurofilament_csf" in keys and "figure3_forest_neurofilament_csf" in keys
    texts = [t.get_text() for t in forest_figure(nfl, "neurofilament", "CSF").texts]
    assert "Neurofilament light markers, CSF" in texts


def test_prose_names_the_declared_family(nfl: Results) -> None:
    # mid-sentence in lower case, singular for the one analyte (outside tester, session 33: "the change in
    # Neurofilament biomarkers", "the only Neurofilament marker")
    # the one analyte by its name, not its family (session 34 reviewer: "The neurofilament biomarker was measured")
    assert "In CSF, NfL was measured at Months 0, 1, and 2." in abstract_methods(nfl)
    assert "(neurofilament light marker in CSF: NfL)" in outcomes_text(nfl)
    assert "describe the change in NfL in CSF" in objectives(nfl)


def test_an_undeclared_family_is_located_and_lists_the_declared_ones(tmp_path: Path) -> None:
    cfg = copy.deepcopy(NFL_CONFIG)
    cfg["families"].append({"name": "immunological", "label": "Cytokines"})
    cfg["analytes"] = [{"name": "IL-6", "family": "immunological"}, {"name": "NfL", "family": "neurofilaments"}]
    report = validate_study(nfl_study(tmp_path / "s", cfg))
    [p] = [p for p in report.problems if p.file == "study.yml"]
    assert (p.column, p.value) == ("analytes[1].family", "neurofilaments")
    lines = (tmp_path / "s" / "study.yml").read_text(encoding="utf-8").splitlines()
    assert "neurofilaments" in lines[p.row - 1]
    assert "allowed: neurofilament, immunological" in p.message


def test_the_default_families_are_listed_when_none_are_declared(tmp_path: Path) -> None:
    cfg = copy.deepcopy(BASE_CONFIG)
    cfg["analytes"][1]["family"] = "neurofilament"
    [p] = [p for p in validate_study(write_study(tmp_path / "s", config=cfg)).problems if p.file == "study.yml"]
    assert p.column == "analytes[1].family"
    assert "allowed: immunological, biochemical, haematological" in p.message


def test_repeated_family_names_are_refused(tmp_path: Path) -> None:
    cfg = copy.deepcopy(NFL_CONFIG)
    cfg["families"].append({"name": "Neurofilament"})
    [p] = [p for p in validate_study(nfl_study(tmp_path / "s", cfg)).problems if p.file == "study.yml"]
    assert p.column == "families" and "repeated: Neurofilament, neurofilament" in p.message


def test_an_unknown_analyte_is_told_the_declared_families(tmp_path: Path) -> None:
    rows = _nfl_rows()
    rows[3][3] = "GFAP"
    folder = write_study(tmp_path / "s", config=NFL_CONFIG, tables={"measurements": (_M_COLS, rows)})
    [p] = [p for p in validate_study(folder).problems if p.code == "unknown-analyte"]
    assert "with a family (neurofilament)" in p.message and "{name: GFAP, family: neurofilament}" in p.message
