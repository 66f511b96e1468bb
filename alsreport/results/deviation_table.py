"""The protocol deviations as columns: a read-only sequence of :class:`Deviation` without an object per row.

A 10,000-participant study has about 600,000 ``missing sample`` deviations. Held as
:class:`Deviation` objects and turned into one dictionary each for ``results.json``,
they cost seconds and hundreds of MiB. :class:`DeviationTable` keeps each field as an
integer code per row and its distinct texts (a few hundred at most: participants,
visits, series), behaves as a tuple of :class:`Deviation` (length, indexing,
iteration, equality with a tuple of the same deviations), and gives its rows to
``results.json`` column-wise (:meth:`json_columns`), so the file holds exactly the
records it held when the deviations were objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from alsreport.results.dsmb import Deviation

__all__ = ["DEVIATION_FIELDS", "DeviationTable"]

#: The fields of a deviation, in the order of :class:`Deviation` (and of its results.json record).
DEVIATION_FIELDS = ("participant_id", "kind", "where", "detail", "source", "routes", "compartment",
                    "visit_infusion", "visit_routes", "visit_sampled")


class DeviationTable(Sequence[Deviation]):
    """Deviations as ``field -> (code per row, distinct texts)``; immutable."""

    __slots__ = ("_columns", "_n")

    def __init__(self, columns: dict[str, tuple[NDArray[np.integer], Sequence[str]]]) -> None:
        if set(columns) != set(DEVIATION_FIELDS):
            raise ValueError(f"a deviation table needs the columns {', '.join(DEVIATION_FIELDS)}")
        lengths = {len(codes) for codes, _ in columns.values()}
        if len(lengths) != 1:
            raise ValueError("the columns of a deviation table differ in length")
        fixed = {}
        for name in DEVIATION_FIELDS:
            codes, texts = columns[name]
            codes = np.array(codes, dtype=np.int32)  # a private copy: the table cannot change under its users
            codes.flags.writeable = False
            if len(codes) and (codes.min() < 0 or codes.max() >= len(texts)):
                raise ValueError(f"deviation column {name} has a code outside its {len(texts)} texts")
            fixed[name] = (codes, tuple(str(t) for t in texts))
        self._columns = fixed
        self._n = lengths.pop()

    @classmethod
    def from_deviations(cls, deviations: Sequence[Deviation]) -> DeviationTable:
        """A table of these deviation objects (e.g. the few derived from doses or reported by the site)."""
        columns = {}
        for name in DEVIATION_FIELDS:
            codes, uniques = pd.factorize(np.array([getattr(d, name) for d in deviations], dtype=object))
            columns[name] = (codes, [str(u) for u in uniques])
        return cls(columns)

    @classmethod
    def concat(cls, tables: Sequence[DeviationTable]) -> DeviationTable:
        """The rows of ``tables`` one after the other."""
        columns = {}
        for name in DEVIATION_FIELDS:
            texts: list[str] = []
            parts = []
            for t in tables:
                codes, own = t._columns[name]
                parts.append(codes.astype(np.int64) + len(texts))
                texts.extend(own)
            new, uniques = pd.factorize(np.array(texts, dtype=object))  # equal texts of different tables: one code
            joined = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
            columns[name] = (np.asarray(new, dtype=np.int64)[joined], [str(u) for u in uniques])
        return cls(columns)

    def take(self, rows: NDArray[np.integer]) -> DeviationTable:
        """The rows ``rows`` (positions), in that order."""
        return DeviationTable({k: (codes[rows], texts) for k, (codes, texts) in self._columns.items()})

    def codes(self, name: str) -> tuple[NDArray[np.int32], tuple[str, ...]]:
        """One field's code per row and distinct texts (read-only)."""
        return self._columns[name]

    def column(self, name: str) -> NDArray[np.object_]:
        """One field's text per row (the texts are shared, not copied per row)."""
        codes, texts = self._columns[name]
        return np.array(texts, dtype=object)[codes] if texts else np.empty(0, dtype=object)

    def frame(self) -> pd.DataFrame:
        """The deviations as a frame with one object column per field (:data:`DEVIATION_FIELDS`)."""
        return pd.DataFrame({k: self.column(k) for k in DEVIATION_FIELDS}, columns=list(DEVIATION_FIELDS))

    def json_columns(self, encode: Any) -> tuple[tuple[str, ...], list[list[str]]]:
        """The field names and, per field, the JSON text of each row's value (``encode`` applied to each
        distinct text once)."""
        out = []
        for name in DEVIATION_FIELDS:
            codes, texts = self._columns[name]
            encoded = np.array([encode(t) for t in texts], dtype=object)
            out.append(encoded[codes].tolist() if len(texts) else [])
        return DEVIATION_FIELDS, out

    # Sequence protocol ------------------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    def _row(self, i: int) -> Deviation:
        c = self._columns
        return Deviation(*(c[k][1][c[k][0][i]] for k in DEVIATION_FIELDS))

    @overload
    def __getitem__(self, i: int) -> Deviation: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Deviation, ...]: ...

    def __getitem__(self, i: int | slice) -> Deviation | tuple[Deviation, ...]:
        if isinstance(i, slice):
            return tuple(self._row(j) for j in range(*i.indices(self._n)))
        j = i + self._n if i < 0 else i
        if not 0 <= j < self._n:
            raise IndexError("deviation index out of range")
        return self._row(j)

    def __iter__(self) -> Iterator[Deviation]:
        cols = [self.column(k) for k in DEVIATION_FIELDS]
        return (Deviation(*row) for row in zip(*cols, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DeviationTable):
            return len(self) == len(other) and all(
                (self.column(k) == other.column(k)).all() for k in DEVIATION_FIELDS)
        if isinstance(other, (tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"DeviationTable({self._n} deviations)"
