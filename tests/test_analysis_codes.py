"""alsreport.analysis.codes.isin_texts: the booleans of pandas' ``isin``, computed by Arrow in one call."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alsreport.analysis.codes import isin_texts

COLUMN = pd.Series(["P1", "P2", None, "P10", "p1", "", "P2"], dtype="str", name="participant_id",
                   index=[5, 3, 9, 1, 0, 2, 4])


@pytest.mark.parametrize("values", [
    {"P1", "P2"},
    pd.Index(["P10", "x"], dtype="str"),
    pd.Series(["", "P2"], dtype="str"),
    ["p1"],
    [],
    [float("nan"), "P1"],  # not all text: pandas decides (a missing value matches a missing cell)
    [1, "P2"],
])
def test_same_booleans_as_pandas_isin(values: object) -> None:
    got = isin_texts(COLUMN, values)  # type: ignore[arg-type]
    want = COLUMN.isin(list(values))  # type: ignore[call-overload]
    pd.testing.assert_series_equal(got, want)


def test_other_columns_go_to_pandas() -> None:
    col = pd.Series(pd.Categorical(["a", "b", "a"]))
    assert isin_texts(col, {"a"}).to_numpy().tolist() == [True, False, True]
    assert isin_texts(pd.Series([1, 2, 3]), [2]).to_numpy().tolist() == [False, True, False]
    assert np.asarray(isin_texts(COLUMN, ["P2"])).tolist() == [False, True, False, False, False, False, True]
