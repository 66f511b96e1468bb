"""dumps_indented writes exactly what json.dumps(ensure_ascii=False, indent=2, allow_nan=False) writes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from analysis_helpers import example_results

from alsreport.results.json_text import JsonColumns, dumps_indented
from alsreport.results.writer import results_json


def _stdlib(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)


@pytest.mark.parametrize("obj", [
    {"a": [1, 2.5, True, None, "é\n\"\\ \u2028", [], {}, (1,)], "b": {"c": -0.0, "d": 1e300, "e": 10**30}},
    [], {}, "x", 1.0, 1e16, 1e-7, 0.1 + 0.2, -5,
    {"k": [{"x": 1}, {"y": [[]]}]},
    [{"a": 1, "b": "x"}, {"a": 2, "b": None}, {"a": 3.25, "b": False}],  # records: one template
    [{"a": 1, "b": 2}, {"b": 2, "a": 1}],  # same keys, another order: each dict in its own order
    [{"a": 1}, {"a": 1, "b": 2}], [{"a": 1}, 3], [{"a": {"x": [1]}}], [{}, {}], [{"a": np.float64(0.5)}],
    {"n": np.float64(2.5), "i": True},
    # records whose columns hold one type each, or nested containers (written at the record's depth)
    [{"s": "a", "i": 1, "f": 0.5, "b": True, "ci": {"low": 0.1, "high": 2.0}, "w": ["x"]},
     {"s": "é\n", "i": -2, "f": 1e-7, "b": False, "ci": None, "w": []},
     {"s": "", "i": 10**30, "f": -0.0, "b": True, "ci": {"low": None, "high": 3}, "w": [{"x": 1}, {"x": 2}]}],
    {"k": [{"ci": {"low": 1, "high": {"deep": [1, 2]}}}, {"ci": {}}]},
    [{"a": 1, "b": {1: "non-string key"}}, {"a": 2, "b": {}}],
    # columns of one scalar type and None, of booleans, of records or None (a confidence interval)
    [{"f": 0.5, "i": None, "s": None, "b": True, "ci": {"low": 0.1, "high": None}},
     {"f": None, "i": 3, "s": "x", "b": False, "ci": None},
     {"f": -1e300, "i": None, "s": "", "b": True, "ci": {"low": None, "high": 2.5}}],
    [{"ci": None}, {"ci": None}], [{"ci": {"a": 1}}, {"ci": {"b": 1}}, {"ci": None}], [{"ci": {}}, {"ci": None}],
])
def test_same_text_as_the_standard_library(obj: object) -> None:
    assert dumps_indented(obj) == _stdlib(obj)


@pytest.mark.parametrize("obj", [[float("nan")], {"z": float("inf")}, [{"a": float("-inf")}], {"s": {1, 2}},
                                 [{"a": 1.0}, {"a": float("nan")}], [{"a": {"b": float("inf")}}, {"a": {"b": 1}}]])
def test_what_json_refuses_is_refused_alike(obj: object) -> None:
    with pytest.raises((ValueError, TypeError)) as expected:
        _stdlib(obj)
    with pytest.raises(type(expected.value), match=str(expected.value)):
        dumps_indented(obj)


def test_non_string_keys_are_written_as_json_writes_them() -> None:
    assert dumps_indented({1: 2, None: [True]}) == _stdlib({1: 2, None: [True]})


def test_results_json_of_the_example_is_the_standard_librarys() -> None:
    results = example_results()
    assert results_json(results) == _stdlib(results.to_dict()) + "\n"


_RECORDS = [{"f": 0.5, "n": None, "ci": {"low": 1.0, "high": None}, "w": ["a"]},
            {"f": None, "n": 2, "ci": None, "w": []}]


@pytest.mark.parametrize("where", ["top", "nested"])
def test_columns_are_written_as_the_records_they_stand_for(where: str) -> None:
    columns = JsonColumns(tuple(_RECORDS[0]), [[r[k] for r in _RECORDS] for k in _RECORDS[0]])
    assert columns.records() == _RECORDS
    obj, expected = (columns, _RECORDS) if where == "top" else ({"x": [1, {"y": columns}]}, {"x": [1, {"y": _RECORDS}]})
    assert dumps_indented(obj) == _stdlib(expected)


def test_empty_columns_are_an_empty_list() -> None:
    assert dumps_indented({"c": JsonColumns(("a",), [[]])}) == _stdlib({"c": []})


def test_columns_json_refuses_fall_back_to_json_itself() -> None:
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        dumps_indented(JsonColumns(("a",), [[1.0, float("nan")]]))
