"""Bytes to text: a file's bytes checked for being UTF-8 text, and :class:`ReadError` for what is not.

Problems that make a file unreadable (missing, not UTF-8, not text, ...) are
:class:`ReadError`\\ s, which locate the problem; :func:`~alsreport.study.reading.read_study`
collects them instead of raising.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from alsreport.errors import AlsreportError

__all__ = ["ReadError", "SAVE_AS_CSV", "SAVE_AS_YAML", "read_bytes", "decode_check", "first_text", "is_blank"]

SAVE_AS_CSV = "save it as UTF-8 CSV (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)')"
SAVE_AS_YAML = "save it as UTF-8 text (any text editor can do this)"
_CHUNK = 1 << 22


class ReadError(AlsreportError):
    """A file (or one of its rows) that cannot be read; fields locate the problem."""

    def __init__(
        self,
        file: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.file = file
        self.message = message
        self.row = row
        self.column = column
        self.value = value
        where = f", row {row}" if row is not None else ""
        super().__init__(f"{file}{where}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled by its fields (a study read in a forked child travels pickled: :mod:`alsreport.cli_ahead`)."""
        return _read_error, (type(self), self.file, self.message, self.row, self.column, self.value)


def _read_error(cls: type[ReadError], file: str, message: str, row: int | None, column: str | None,
                value: str | None) -> ReadError:
    return cls(file, message, row=row, column=column, value=value)


def decode_check(raw: bytes, file: str, advice: str) -> None:
    """Raise ReadError unless ``raw`` is UTF-8 text (BOM allowed)."""
    if raw.startswith(b"PK\x03\x04"):
        raise ReadError(file, f"not a text file: it is a zip file (probably an Excel workbook); {advice}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(file, f"saved as UTF-16 ('Unicode Text'), not UTF-8; {advice}")
    head = raw[:4096]
    if b"\x00" in head:
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise ReadError(file, f"saved as UTF-16 ('Unicode Text'), not UTF-8; {advice}")
        pos = raw.index(b"\x00")
        raise ReadError(file, f"not a text file: binary byte 0x00 at byte position {pos}; {advice}")
    if raw.isascii():  # ASCII is UTF-8: one C scan instead of decoding (most data files)
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(raw), _CHUNK):
        try:
            decoder.decode(raw[start:start + _CHUNK], final=start + _CHUNK >= len(raw))
        except UnicodeDecodeError as exc:
            pos = start + exc.start
            _raise_encoding(raw, pos, file, advice)
    if not raw:
        decoder.decode(b"", final=True)


def _raise_encoding(raw: bytes, pos: int, file: str, advice: str) -> None:
    line = raw.count(b"\n", 0, pos) + 1
    lo = max(raw.rfind(b"\n", 0, pos) + 1, pos - 30)
    hi = raw.find(b"\n", pos)
    hi = min(hi if hi >= 0 else len(raw), pos + 30)
    near = raw[lo:hi].decode("cp1252", errors="replace").strip()
    raise ReadError(
        file,
        f"not UTF-8 text: byte 0x{raw[pos]:02X} at byte position {pos} (near {near!r}) is not valid UTF-8; "
        f"the file was probably saved as Latin-1/Windows-1252: {advice}",
        row=line,
    )


def read_bytes(path: Path, file: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(file, f"the file cannot be read: {exc.strerror or exc}") from None


_NON_SPACE = re.compile(rb"\S")


def first_text(raw: bytes) -> int:
    """Position of the first non-whitespace byte after a BOM (-1 if none)."""
    m = _NON_SPACE.search(raw, len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
    return m.start() if m else -1


def is_blank(raw: bytes) -> bool:
    return first_text(raw) < 0

