"""Arrow's CSV reader gives the same text columns as pandas' for regular files, and declines the others.

``read_regular_csv`` is used for large files only (``ARROW_MIN_BYTES``); here it is called directly
on small awkward files and compared cell by cell, category by category, with pandas' reading, the
one the validator was written against.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from alsreport.study.reading import csv_file
from alsreport.study.reading.csv_arrow import read_regular_csv
from alsreport.study.reading.csv_file import read_csv_table, read_with_pandas
from alsreport.study.reading.files import ReadError

REGULAR = {
    "plain": b"participant_id,visit,value\nP1,M0,1.5\nP2,M0,<0.5\n",
    "no final newline": b"a,b\n1,2\n3,4",
    "crlf": b"a,b\r\n1,2\r\n3,4\r\n",
    "bom": b"\xef\xbb\xbfa,b\n1,2\n",
    "empty cells": b"a,b,c\n,x,\n1,,3\n",
    "spaces kept": b"a,b\n 1 ,  x\n\t2,y \n",
    "quotes": b'a,b\n"x, y","he said ""hi"""\n"","x"\n',
    "quoted line break": b'a,b\n"line1\nline2",2\n"cr\r\nlf",3\n',
    "quote inside a cell": b'a,b\nab"c,1\nx"",2\n',
    "text after a closing quote": b'a,b\n"ab"cd,1\n',
    "na words stay text": b"a,b\nNA,NaN\nnull,None\n#N/A,-nan\n",
    "unicode": "a,b\nµg/mL,naïve\n日本,😀\n".encode(),
    "numbers as typed": b"a,b\n1.50,1e3\n-0,+2\n0001,.5\n",
    "one column": b"a\n1\n2\n",
    "one column, spaces line": b"a\n1\n  \n2\n",
    "lone cr": b"a,b\r1,2\r3,4\r",
    "many rows": b"id,visit,value\n" + b"".join(b"P%d,M%d,%d.%d\n" % (i % 37, i % 4, i, i % 10)
                                             for i in range(5000)),
}

IRREGULAR = {
    "too many cells": b"a,b\n1,2\n3,4,5\n",
    "too few cells": b"a,b,c\n1,2\n3,4,5\n",
    "blank line": b"a,b\n1,2\n\n3,4\n",
    "blank line, crlf": b"a,b\r\n1,2\r\n\r\n3,4\r\n",
    "blank last line": b"a,b\n1,2\n\n",
    "blank first line": b"\na,b\n1,2\n",
    "blank line of one column": b"a\n1\n\n2\n",
    "spaces line": b"a,b\n1,2\n  \n3,4\n",
    "a row of empty cells": b"a,b\n1,2\n,\n",  # Arrow reads a blank line so too: left to pandas
    "unterminated quote": b'a,b\n"1,2\n3,4\n',
}


def _same(arrow: pd.DataFrame, pandas: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(arrow, pandas, check_exact=True)
    for c in pandas.columns:
        assert list(arrow[c].cat.categories) == list(pandas[c].cat.categories)
        assert arrow[c].cat.codes.dtype == pandas[c].cat.codes.dtype


@pytest.mark.parametrize("name", sorted(REGULAR))
def test_regular_files_read_as_pandas_reads_them(name: str) -> None:
    raw = REGULAR[name]
    arrow = read_regular_csv(raw)
    assert arrow is not None
    _same(arrow, read_with_pandas(raw)[0])


@pytest.mark.parametrize("name", sorted(IRREGULAR))
def test_irregular_files_are_left_to_pandas(name: str) -> None:
    assert read_regular_csv(IRREGULAR[name]) is None


def test_categories_sorted_and_unique_across_blocks() -> None:
    # 3 blocks of 1 MiB: each block's dictionary lists its texts in order of appearance
    raw = b"code,n\n" + b"z,1\na,22\nm,333\n" * 200_000
    arrow = read_regular_csv(raw)
    assert arrow is not None
    assert list(arrow[0].cat.categories) == ["a", "code", "m", "z"]
    _same(arrow, read_with_pandas(raw)[0])


@pytest.mark.parametrize("arrow_from", [0, 10**9])
def test_read_csv_table_same_table_and_messages_either_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           arrow_from: int) -> None:
    # arrow_from = 0: every file goes to Arrow first; irregular ones must still give pandas' messages
    monkeypatch.setattr(csv_file, "ARROW_MIN_BYTES", arrow_from)
    path = tmp_path / "measurements.csv"
    path.write_bytes(b"participant_id,visit,value\nP1,M0,1.5\nP2,M0,2,5\n\nP3,M1, 7 \n")
    table, bad = read_csv_table(path, "measurements")
    assert [(e.row, e.message[:41]) for e in bad] == [(3, "this row has 4 cells but the header has 3")]
    assert list(table.frame.index) == [2, 5]
    assert table.frame["value"].tolist() == ["1.5", "7"]
    path.write_bytes(REGULAR["quotes"])
    table, bad = read_csv_table(path, "measurements")
    assert bad == [] and table.frame["b"].tolist() == ['he said "hi"', "x"]


def test_a_row_longer_than_a_block_is_left_to_pandas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = b"a,b\n" + b"x,1\n" * 100 + b"y," + b"z" * (3 << 20) + b"\n" + b"x,2\n" * 100
    assert read_regular_csv(raw) is None  # Arrow refuses a row straddling its 1 MiB blocks
    monkeypatch.setattr(csv_file, "ARROW_MIN_BYTES", 0)
    path = tmp_path / "measurements.csv"
    path.write_bytes(raw)
    with pytest.raises(ReadError, match="a cell holds 3,145,728 characters") as err:  # pandas read it
        read_csv_table(path, "measurements")
    assert err.value.row == 102
