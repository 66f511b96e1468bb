"""Friedman with fewer than 2 complete blocks: what R 4.2 does, checked against R itself when it is on PATH.

R 4.2.2 (``stats:::friedman.test.default``):

* **0 complete blocks**: no error; ``statistic`` NaN, ``parameter`` (df) k - 1, ``p.value`` NA;
* **1 complete block**: the matrix drops to a vector and R stops:
  ``Error in apply(y, 1L, rank): dim(X) must have a positive length``.

alsreport's comparison row follows R: statistic and p NaN in both cases with the reason
recorded; df k - 1 with no block (as R returns it), NaN with one block (R returns nothing).
"""

from __future__ import annotations

import math
import shutil
import subprocess

import numpy as np
import pytest

from alsreport import stats
from alsreport.analysis.dataset import SeriesArray
from alsreport.analysis.run import compare_series
from alsreport.results.model import Series

nan = math.nan
# participants x visits (3 visits): no participant with every visit / exactly one
NO_BLOCK = [[1.0, nan, 3.0], [nan, 2.0, 4.0], [5.0, 6.0, nan]]
ONE_BLOCK = [[1.0, 2.0, 3.0], [nan, 2.0, 4.0], [5.0, 6.0, nan]]

R_SCRIPT = """
show <- function(y) {
  r <- tryCatch(friedman.test(y), error = function(e) conditionMessage(e))
  if (is.character(r)) cat("error:", r, "\\n")
  else cat(sprintf("statistic=%s df=%s p=%s\\n", r$statistic, r$parameter, r$p.value))
}
show(matrix(c(1, NA, 3,  NA, 2, 4,  5, 6, NA), 3, byrow = TRUE))
show(matrix(c(1, 2, 3,   NA, 2, 4,  5, 6, NA), 3, byrow = TRUE))
"""


def _rows(values: list[list[float]]):
    vals = np.array([values], dtype=float)
    s = Series("biochemical", "CSF", "NfL", "NfL", "pg/mL")
    arr = SeriesArray(series=(s,), participants=("P1", "P2", "P3"), visits=("M0", "M1", "M2"), values=vals,
                      below=np.zeros(vals.shape, bool), above=np.zeros(vals.shape, bool),
                      ref_low=np.full(vals.shape, nan), ref_high=np.full(vals.shape, nan),
                      recorded=~np.isnan(vals))
    return {c.test: c for c in compare_series(arr) if c.test == "friedman"}["friedman"]


def test_no_complete_block_row() -> None:
    # R: friedman.test(matrix(c(1, NA, 3, NA, 2, 4, 5, 6, NA), 3, byrow = TRUE))
    #    -> Friedman chi-squared = NaN, df = 2, p-value = NA
    c = _rows(NO_BLOCK)
    assert c.n == 0 and math.isnan(c.statistic) and math.isnan(c.pvalue) and c.parameter == 2
    assert c.reason == "no complete blocks (no participant with every visit)" and c.method == ""


def test_one_complete_block_row() -> None:
    # R: friedman.test(matrix(c(1, 2, 3, NA, 2, 4, 5, 6, NA), 3, byrow = TRUE))
    #    -> Error in apply(y, 1L, rank): dim(X) must have a positive length
    c = _rows(ONE_BLOCK)
    assert c.n == 1 and math.isnan(c.statistic) and math.isnan(c.pvalue) and math.isnan(c.parameter)
    assert c.reason == "fewer than 2 complete blocks (participants with every visit)" and c.method == ""
    assert math.isnan(c.p_holm) and math.isnan(c.effect_size)


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not on PATH")
def test_r_itself_does_this(tmp_path) -> None:
    script = tmp_path / "friedman.R"
    script.write_text(R_SCRIPT, encoding="utf-8")
    out = subprocess.run(["Rscript", "--vanilla", str(script)], capture_output=True, text=True, check=True,
                         timeout=120).stdout.splitlines()
    assert out[0].strip() == "statistic=NaN df=2 p=NaN"  # print() shows the p as NA
    assert out[1].startswith("error:") and "dim(X) must have a positive length" in out[1]
    k0 = stats.friedman(NO_BLOCK)
    assert (k0.df[0], math.isnan(k0.statistic[0]), math.isnan(k0.pvalue[0])) == (2.0, True, True)
    k1 = stats.friedman(ONE_BLOCK)
    assert math.isnan(k1.df[0]) and math.isnan(k1.statistic[0]) and math.isnan(k1.pvalue[0])
