"""The problem collector: one cap ("N more like this") for rows, distinct values and any other list."""

from __future__ import annotations

import numpy as np
import pandas as pd

from alsreport.study.contract import TABLES
from alsreport.study.reading import Table
from alsreport.study.validation import LIMIT, CheckedTable
from alsreport.study.validation.problems import Collector


def test_capped_lists_limit_items_and_counts_the_rest_on_the_last() -> None:
    listed = list(Collector.capped(list(range(LIMIT + 7))))
    assert [item for item, _ in listed] == list(range(LIMIT))
    assert [more for _, more in listed] == [0] * (LIMIT - 1) + [7]


def test_capped_short_and_empty_lists_have_nothing_more() -> None:
    assert list(Collector.capped(["a", "b"])) == [("a", 0), ("b", 0)]
    assert list(Collector.capped(np.array([], dtype=np.int64))) == []
    exactly = list(Collector.capped(np.arange(LIMIT)))
    assert len(exactly) == LIMIT and all(more == 0 for _, more in exactly)


def _view(values: list[str]) -> CheckedTable:
    frame = pd.DataFrame({"participant_id": pd.Categorical(values)}, index=pd.RangeIndex(2, len(values) + 2))
    return CheckedTable(Table("participants", "participants.csv", frame), TABLES["participants"])


def test_rows_gives_one_problem_per_row_with_its_spreadsheet_row_and_text() -> None:
    view = _view([f"P{k:02d}" for k in range(30)])
    out = Collector()
    mask = np.zeros(30, dtype=bool)
    mask[[3, 5]] = True
    out.rows("error", "code", view, "participant_id", mask, lambda i, t: f"position {i}, text {t}")
    assert [(p.row, p.value, p.message, p.more) for p in out.items] == [
        (5, "P03", "position 3, text P03", 0), (7, "P05", "position 5, text P05", 0)]


def test_values_gives_one_problem_per_distinct_value_with_all_its_rows() -> None:
    view = _view(["A", "B", "A", "C", "A"])
    out = Collector()
    seen: dict[str, list[int]] = {}

    def message(value: str, rows: np.ndarray) -> str:
        seen[value] = rows.tolist()
        return f"bad {value}"

    out.values("error", "code", view, "participant_id", np.array([True, False, True, True, True]), message)
    assert [(p.value, p.row, p.more) for p in out.items] == [("A", 2, 0), ("C", 5, 0)]
    assert seen == {"A": [2, 4, 6], "C": [5]}


def test_values_are_capped_like_rows() -> None:
    view = _view([f"X{k:02d}" for k in range(LIMIT + 4)])
    out = Collector()
    out.values("error", "code", view, "participant_id", np.ones(LIMIT + 4, dtype=bool), lambda v, r: v)
    assert len(out.items) == LIMIT and out.items[-1].more == 4
