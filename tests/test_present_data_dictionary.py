"""The data dictionary of Supplementary Data S1 (alsreport.present.data_dictionary; reader 12b item 12: comparisons.csv
uses internal codes, ``TNF-alpha``, ``M12-M0``, ``wilcoxon``, ``n_zeros``, ``p_bh``, and had no column legend)."""

from __future__ import annotations

import csv
import io

from analysis_helpers import example_results

from alsreport.present.data_dictionary import COLUMN_WORDS, dictionary_csv, dictionary_rows
from alsreport.results.model import COMPARISON_COLUMNS
from alsreport.results.writer import csv_text


def test_every_column_of_comparisons_csv_is_described_once_in_its_order() -> None:
    assert tuple(COLUMN_WORDS) == COMPARISON_COLUMNS
    rows = dictionary_rows(example_results())
    assert tuple(col for col, code, _ in rows if code == "") == COMPARISON_COLUMNS
    described = dict((col, words) for col, code, words in rows if code == "")
    assert described["n_zeros"] == ("Pairs with a zero difference (no change). As in R's wilcox.test, the Wilcoxon "
                                    "test and its estimate leave them out; the paired t-test keeps them.")
    assert described["p_bh"] == ("p-value adjusted by the Benjamini–Hochberg method (R's p.adjust), within each "
                                 "biomarker family and compartment, separately for each visit and each test.")


def test_every_code_the_file_holds_is_explained() -> None:
    res = example_results()
    records = [c.to_record() for c in res.comparisons]
    data = list(csv.DictReader(io.StringIO(csv_text(COMPARISON_COLUMNS, [[r[k] for k in COMPARISON_COLUMNS]
                                                                        for r in records]))))
    table = list(csv.reader(io.StringIO(dictionary_csv(res))))
    assert table[0] == ["column", "code", "meaning"]
    codes = {(col, code): words for col, code, words in table[1:] if code}
    for col in ("family", "analyte", "contrast", "test"):
        assert {r[col] for r in data} == {code for c, code in codes if c == col}, col
    assert codes["analyte", "TNF-alpha"] == "TNF-α"
    assert codes["contrast", "M3-M0"] == "The paired change from Month 0 to Month 3 (Month 3 minus Month 0)."
    assert codes["contrast", "M0,M1,M2,M3"] == "Month 0, Month 1, Month 2, and Month 3: the visits of the Friedman test."
    assert codes["test", "wilcoxon"].startswith("Paired Wilcoxon signed-rank test with the Hodges–Lehmann estimate")
