"""The data dictionaries of comparisons.csv and descriptives.csv (alsreport.results.data_dictionary; reader 12b item
12: comparisons.csv uses internal codes, ``TNF-alpha``, ``M12-M0``, ``wilcoxon``, ``n_zeros``, ``p_bh``, and had no
column legend; issue #10 item 1: `alsreport analyze` writes a dictionary beside each table, from the definitions the
CSV writer uses)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from analysis_helpers import example_results

from alsreport.results.columns import COLUMN_TYPES, COMPARISON_COLUMN_DEFS, DESCRIPTIVE_COLUMN_DEFS
from alsreport.results.data_dictionary import HEADER, comparison_rows, descriptive_rows
from alsreport.results.model import COMPARISON_COLUMNS, DESCRIPTIVE_COLUMNS
from alsreport.results.writer import write_results


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dictionary") / "results"
    write_results(example_results(), out)
    return out


def _read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("table", ["comparisons", "descriptives"])
def test_every_column_of_the_written_file_is_described_and_only_those(written: Path, table: str) -> None:
    with (written / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    dictionary = _read(written / f"{table}-columns.csv")
    assert list(dictionary[0]) == list(HEADER)
    described = [r["column"] for r in dictionary if r["code"] == ""]
    assert described == header   # each column once, in the file's order, and no other
    assert all(r["type"] in COLUMN_TYPES and r["meaning"] for r in dictionary)
    assert {r["column"] for r in dictionary} == set(header)   # the code rows are of the file's columns


def test_the_columns_are_the_definitions_the_writer_uses() -> None:
    assert COMPARISON_COLUMNS == tuple(c.name for c in COMPARISON_COLUMN_DEFS)
    assert DESCRIPTIVE_COLUMNS == tuple(c.name for c in DESCRIPTIVE_COLUMN_DEFS)


@pytest.mark.parametrize("table", ["comparisons", "descriptives"])
def test_each_type_is_how_the_cells_read(written: Path, table: str) -> None:
    """integer cells parse as integers, number cells as floats (or are empty), true/false as true or false."""
    data = _read(written / f"{table}.csv")
    types = {r["column"]: r["type"] for r in _read(written / f"{table}-columns.csv") if r["code"] == ""}
    for col, kind in types.items():
        cells = [r[col] for r in data if r[col] != ""]
        if kind == "integer":
            assert all(c.lstrip("-").isdigit() for c in cells), col
        elif kind == "number":
            assert cells and all(isinstance(float(c), float) for c in cells), col
        elif kind == "true/false":
            assert set(cells) <= {"true", "false"}, col


def test_comparison_columns_say_what_they_hold() -> None:
    rows = comparison_rows(example_results())
    described = {col: (kind, words) for col, kind, code, words in rows if code == ""}
    assert described["n_zeros"] == ("integer", "Pairs with a zero difference (no change). As in R's wilcox.test, the "
                                    "Wilcoxon test and its estimate leave them out; the paired t-test keeps them.")
    # the example adjusts within families (study.yml analysis.adjust_scope: family, the default)
    assert described["p_bh"] == ("number", "p-value adjusted by the Benjamini–Hochberg method (R's p.adjust), within "
                                 "each biomarker family and compartment, separately for each visit and each test.")
    assert described["exact"][0] == "true/false"


def test_every_code_the_comparisons_hold_is_explained(written: Path) -> None:
    data = _read(written / "comparisons.csv")
    codes = {(r["column"], r["code"]): r["meaning"] for r in _read(written / "comparisons-columns.csv") if r["code"]}
    for col in ("family", "analyte", "contrast", "test"):
        assert {r[col] for r in data} == {code for c, code in codes if c == col}, col
    assert codes["analyte", "TNF-alpha"] == "TNF-α"
    assert codes["contrast", "M3-M0"] == "The paired change from Month 0 to Month 3 (Month 3 minus Month 0)."
    assert codes["contrast", "M0,M1,M2,M3"] == "Month 0, Month 1, Month 2, and Month 3: the visits of the Friedman test."
    assert codes["test", "wilcoxon"].startswith("Paired Wilcoxon signed-rank test with the Hodges–Lehmann estimate")


def test_every_code_the_descriptives_hold_is_explained(written: Path) -> None:
    data = _read(written / "descriptives.csv")
    dictionary = _read(written / "descriptives-columns.csv")
    codes = {(r["column"], r["code"]): r["meaning"] for r in dictionary if r["code"]}
    for col in ("family", "analyte", "visit"):
        assert {r[col] for r in data} == {code for c, code in codes if c == col}, col
    # study.yml of the example: visits M0..M3 labelled Month 0..Month 3
    assert [(code, m) for (c, code), m in codes.items() if c == "visit"] == [
        ("M0", "Month 0"), ("M1", "Month 1"), ("M2", "Month 2"), ("M3", "Month 3")]
    assert {r["column"]: r["type"] for r in dictionary if r["code"] == ""}["geometric_mean"] == "number"


def test_the_rows_are_the_csv(written: Path) -> None:
    res = example_results()
    for name, rows in (("comparisons", comparison_rows(res)), ("descriptives", descriptive_rows(res))):
        table = list(csv.reader(io.StringIO((written / f"{name}-columns.csv").read_text(encoding="utf-8"))))
        assert table == [list(HEADER), *[list(r) for r in rows]]
