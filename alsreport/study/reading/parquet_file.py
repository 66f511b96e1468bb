"""One table from a Parquet file (``measurements.parquet`` instead of ``measurements.csv``), as text.

Parquet suits large studies: columnar, typed and compressed, it is read by Arrow in
C++. Each column is dictionary-encoded by Arrow and only its distinct values are
turned into the text a CSV would hold (the same rules as workbook cells: ``12`` for a
whole number, the shortest round-trip text for other floats, ``yes``/``no`` for
booleans, ISO dates), so the validator checks exactly what it checks for a CSV file.
Row numbers in messages count like a spreadsheet's: the column names are row 1 and
the first record is row 2 (record ``k``, counted from 0 as pandas does, is row ``k + 2``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from alsreport.study.contract import TABLES, TableSpec
from alsreport.study.reading.files import ReadError
from alsreport.study.reading.tables import Table, make_table
from alsreport.study.reading.workbook import cell_text

__all__ = ["PARQUET_SUFFIX", "parquet_path", "read_parquet_table", "table_file", "both_formats"]

PARQUET_SUFFIX = ".parquet"
_ADVICE = "write it with pandas (DataFrame.to_parquet) or pyarrow, or save the table as UTF-8 CSV"


def parquet_path(folder: Path, spec: TableSpec) -> Path:
    return folder / f"{spec.name}{PARQUET_SUFFIX}"


def table_file(folder: Path, spec: TableSpec) -> Path | None:
    """The file holding a table: ``<name>.csv``, else ``<name>.parquet``, else None."""
    for path in (folder / spec.filename, parquet_path(folder, spec)):
        if path.is_file():
            return path
    return None


def both_formats(folder: Path) -> list[ReadError]:
    """A table given both as CSV and as Parquet: the folder does not say which one to analyse."""
    return [ReadError(parquet_path(folder, spec).name,
                      f"{spec.filename} holds the same table; keep only one of them in the folder, "
                      "so that it is clear which data are analysed")
            for spec in TABLES.values()
            if (folder / spec.filename).is_file() and parquet_path(folder, spec).is_file()]


def _encoded(col: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Codes (-1 for null) and the text of each distinct value."""
    try:
        enc = col if pa.types.is_dictionary(col.type) else pc.dictionary_encode(col)
        enc = enc.combine_chunks() if isinstance(enc, pa.ChunkedArray) else enc
        codes = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        values = enc.dictionary.to_pylist()
    except pa.ArrowNotImplementedError:  # types Arrow cannot dictionary-encode (e.g. nested): per cell
        codes, values = pd.factorize(np.array([repr(v) if isinstance(v, (list, dict)) else v
                                               for v in col.to_pylist()], dtype=object))
        codes, values = codes.astype(np.int64), list(values)
    return codes, [cell_text(v) for v in values]


def _text_column(header: str, col: pa.ChunkedArray) -> pd.Series:
    """Categorical text with the column name as its first element (the header row of a CSV)."""
    codes, texts = _encoded(col)
    cat_codes, categories = pd.factorize(pd.Index([*texts, header, ""], dtype=object))
    rows = np.concatenate(([len(texts)], np.where(codes < 0, len(texts) + 1, codes)))
    return pd.Series(pd.Categorical.from_codes(cat_codes[rows], categories=pd.Index(categories)))


def read_parquet_table(path: Path, name: str, raw: bytes | None = None) -> tuple[Table, list[ReadError]]:
    """Read one Parquet table as text (same :class:`Table` as a CSV file gives)."""
    import pyarrow.parquet as pq

    file = path.name
    try:
        table = pq.read_table(pa.BufferReader(raw) if raw is not None else path)
    except (pa.ArrowException, OSError) as exc:
        raise ReadError(file, f"not readable as Parquet ({exc}); {_ADVICE}") from None
    if table.num_columns == 0:
        raise ReadError(file, f"the file has no columns; expected: {','.join(TABLES[name].required_columns)}")
    body = pd.DataFrame({i: _text_column(str(f.name), table.column(i)) for i, f in enumerate(table.schema)})
    return make_table(name, file, body, np.arange(1, table.num_rows + 2, dtype=np.int64)), []
