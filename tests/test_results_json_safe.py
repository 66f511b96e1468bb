"""alsreport.results.json_safe: results as plain JSON values; a tuple of results column-wise gives the same."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest
from analysis_helpers import example_results

from alsreport.results.json_safe import json_columns, json_safe, uniform_dataclasses
from alsreport.results.model import ConfidenceInterval


@dataclass(frozen=True)
class _Row:
    name: str
    n: int
    x: float
    flag: bool | None
    ci: ConfidenceInterval | None
    notes: tuple[str, ...] = ()


_ROWS = (
    _Row("a", 1, 0.5, True, ConfidenceInterval(0.1, math.nan), ("w",)),
    _Row("b", 2, math.nan, None, None),
    _Row("c", 3, math.inf, False, ConfidenceInterval(-math.inf, 2.0, 0.9)),
    _Row("d", 4, -0.0, True, None),
)


def test_nan_and_infinities_become_none_and_tuples_lists() -> None:
    assert json_safe(_ROWS[2]) == {"name": "c", "n": 3, "x": None, "flag": False,
                                   "ci": {"low": None, "high": 2.0, "level": 0.9}, "notes": []}
    assert json_safe(np.float64(2.5)) == 2.5 and type(json_safe(np.int64(3))) is int


def test_columns_hold_the_records_json_safe_gives() -> None:
    assert json_columns(_ROWS).records() == json_safe(_ROWS)


def test_a_column_of_numpy_scalars_is_converted_value_by_value() -> None:
    rows = (_Row("a", 1, np.float64(math.nan), None, None), _Row("b", 2, np.float64(1.5), None, None))
    assert json_columns(rows).records() == json_safe(rows)
    assert json_columns(rows).columns[2] == [None, 1.5]


@pytest.mark.parametrize(("items", "uniform"), [
    (_ROWS, True), ((), False), ((1, 2), False), ((_ROWS[0], ConfidenceInterval(1.0, 2.0)), False),
])
def test_uniform_dataclasses(items: tuple, uniform: bool) -> None:
    assert uniform_dataclasses(items) is uniform


def test_columnar_dict_of_the_example_holds_the_same_values() -> None:
    results = example_results()
    columnar, plain = results.to_dict(columnar=True), results.to_dict()
    for key in ("series", "comparisons", "descriptives", "baseline"):
        assert columnar[key].records() == plain[key], key
