"""Reading a study folder: ``study.yml`` plus four tables, as CSV files or one workbook.

Everything is read as text, so the validator sees exactly what was typed. Each
table comes back as a :class:`Table` whose frame has one categorical text column
per header cell (stripped of surrounding whitespace, empty cells as ``""``) and
whose index is the spreadsheet row number (header = 1, first data row = 2).
Categorical text keeps large measurement tables compact: repeated codes such as
visits, analytes and units are stored once.

Problems that make a file unreadable (missing, not UTF-8, not text, bad YAML, a
workbook that is not a workbook, ...) are collected as :class:`ReadError`\\ s on
the returned :class:`RawStudy` rather than raised, so validation can report all
of them at once. Rows with more cells than the header are reported the same way
and skipped; the rest of the file is still read.

Folder rules
------------
* ``study.yml`` is always a separate file.
* The tables are either ``participants.csv``, ``infusions.csv``,
  ``measurements.csv`` and ``adverse_events.csv``, or the sheets of the same
  names in ONE ``.xlsx`` workbook. A workbook counts as the study workbook when
  it has at least one sheet named like a table; other workbooks and all other
  files are ignored (as are Excel's ``~$`` lock files and hidden files).
* If table CSV files and a study workbook are both present, or several study
  workbooks, the folder is ambiguous and nothing is read: keep only one source.

Modules: :mod:`.files` (bytes to text, :class:`ReadError`), :mod:`.yaml_file` (``study.yml``),
:mod:`.tables` (the :class:`Table` both sources produce), :mod:`.csv_file` (large regular files parsed
by Arrow on all cores, :mod:`.csv_arrow`), :mod:`.workbook`,
:mod:`.folder` (:func:`read_study`: which files make the study), and :mod:`.values`
(text to numbers, flags and measurements).
"""

from __future__ import annotations

from alsreport.study.reading.csv_file import read_csv_table
from alsreport.study.reading.files import ReadError
from alsreport.study.reading.folder import RawStudy, read_study
from alsreport.study.reading.tables import STRAY_WHITESPACE, Table
from alsreport.study.reading.values import parse_flags, parse_measurements, parse_numbers
from alsreport.study.reading.workbook import read_workbook
from alsreport.study.reading.yaml_file import CONFIG_FILE, YamlDocument, read_yaml

__all__ = [
    "CONFIG_FILE",
    "STRAY_WHITESPACE",
    "ReadError",
    "Table",
    "YamlDocument",
    "RawStudy",
    "read_study",
    "read_yaml",
    "read_csv_table",
    "read_workbook",
    "parse_numbers",
    "parse_flags",
    "parse_measurements",
]
