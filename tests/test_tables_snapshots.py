"""Snapshots (syrupy) of every table's *structure*: the bundled example and a hand-built study.

What is snapshotted is what a reader sees — title, subtitle, spanners, column labels,
row groups, every cell's text (bold shown as ``**x**``, footnote marks as ``^a``), the
notes, footnotes and source notes — not the HTML and CSS great-tables writes around
it, so a great-tables upgrade that changes markup leaves the snapshots alone. Update
after an intended change with ``pytest tests/test_tables_snapshots.py --snapshot-update``
and review the diff.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from alsreport.present.tables import TABLE_KEYS, Table, build_tables
from alsreport.present.tables.registry import TABLES
from tables_fixtures import NFL, HandSeries, example_results, hand_results

GFAP = HandSeries("GFAP", "GFAP", "biochemical", "serum", "ng/mL", (120.0, 131.0, 140.5), ref=(50.0, 150.0),
                  exact=False, pvalue=0.2, p_holm=0.2)


class _Cells(HTMLParser):
    """The rows of a table's ``<thead>`` and ``<tbody>`` as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section = ""
        self.rows: dict[str, list[list[str]]] = {"thead": [], "tbody": []}
        self.cell: list[str] | None = None
        self.cell_attrs: dict[str, str] = {}
        self.in_mark = False
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("thead", "tbody"):
            self.section = tag
        elif tag in ("style", "tfoot"):
            self.skip += 1
        elif self.skip:
            return
        elif tag == "tr" and self.section:
            self.rows[self.section].append([])
        elif tag in ("td", "th") and self.section:
            self.cell, self.cell_attrs = [], a
        elif tag == "span" and "gt_footnote_marks" in a.get("class", ""):
            self.in_mark = True
            if self.cell is not None:
                self.cell.append("^")
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "tfoot"):
            self.skip -= 1
        elif tag in ("thead", "tbody"):
            self.section = ""
        elif tag == "span":
            self.in_mark = False
        elif tag in ("td", "th") and self.cell is not None and self.section:
            if "gt_heading" in self.cell_attrs.get("class", ""):  # title and subtitle: from the Table
                self.cell = None
                return
            text = re.sub(r"\s+", " ", "".join(self.cell)).strip()
            if "font-weight: bold" in self.cell_attrs.get("style", "") and text:
                text = f"**{text}**"
            span = self.cell_attrs.get("colspan")
            if span and span != "1" and self.section == "thead":
                text = f"{text} [{span} columns]"
            if "gt_group_heading" in self.cell_attrs.get("class", ""):
                text = f"## {text}"
            self.rows[self.section][-1].append(text)
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.skip:
            self.cell.append(data)


def structure(table: Table) -> dict[str, object]:
    """What the table shows, as plain data (see the module docstring)."""
    parser = _Cells()
    parser.feed(table.gt.as_raw_html())
    head = [r for r in parser.rows["thead"] if r]
    return {
        "title": table.title,
        "subtitle": table.subtitle,
        "header": [" | ".join(r) for r in head],
        "body": [" | ".join(r) for r in parser.rows["tbody"] if r],
        "notes": list(table.notes),
        "footnotes": list(table.footnotes),
        "source_notes": list(table.text.source_notes),
    }


@pytest.fixture(scope="module")
def example_tables():
    return build_tables(example_results())


@pytest.fixture(scope="module")
def option_tables():
    """Tables built only for options of study.yml (``TableEntry.when``): the example with them set."""
    from analysis_helpers import example_study, with_options

    from alsreport.analysis.run import analyze
    from alsreport.study.config_analysis import SensitivityOptions

    options = SensitivityOptions(transform="log", mixed_model=True)
    return build_tables(analyze(with_options(example_study(), sensitivity=options)))


#: Tables built only for a study with a previous safety report and onset dates: the harms study's.
PREVIOUS_REPORT_KEYS = {"adverse_events_overview_cumulative"}
OPTION_KEYS = {t.key for t in TABLES if t.when is not None} - PREVIOUS_REPORT_KEYS


@pytest.fixture(scope="module")
def previous_report_tables(tmp_path_factory):
    from alsreport import analyze, load_study
    from safety_fixtures import write_harms_study

    return build_tables(analyze(load_study(write_harms_study(tmp_path_factory.mktemp("harms") / "harms"))))


@pytest.fixture(scope="module")
def hand_tables():
    return build_tables(hand_results((NFL, GFAP)))


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_example_table_structure(request, key, snapshot):
    tables = request.getfixturevalue("option_tables" if key in OPTION_KEYS else
                                     "previous_report_tables" if key in PREVIOUS_REPORT_KEYS else "example_tables")
    assert key in tables
    assert structure(tables[key]) == snapshot


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_hand_built_table_structure(hand_tables, key, snapshot):
    if key not in hand_tables:  # the hand-built results have no DSMB summary: those tables do not apply
        # nor the sensitivity options, nor the tables of a study with a previous report
        assert key in {t.key for t in TABLES if t.dsmb} | OPTION_KEYS | PREVIOUS_REPORT_KEYS
        return
    assert structure(hand_tables[key]) == snapshot


def test_the_heading_and_notes_are_those_the_gt_shows(example_tables):
    """The Table's own title, subtitle and notes are exactly the texts great-tables prints."""
    for table in example_tables.values():
        html = unescape(table.gt.as_raw_html())
        for text in (table.title, table.subtitle, *table.notes, *table.footnotes, *table.text.source_notes):
            if text:
                assert text in html


def test_html_is_deterministic():
    first = {k: g.gt.as_raw_html() for k, g in build_tables(example_results()).items()}
    second = {k: g.gt.as_raw_html() for k, g in build_tables(example_results()).items()}
    assert first == second


def _defined_but_unused(table: Table) -> list[str]:
    """The abbreviations a table's notes spell out (``SOC, system organ class``) that nothing else in it uses."""
    from alsreport.present.tables.style import ABBREVIATIONS

    s = structure(table)
    out = []
    for abbr, words in ABBREVIATIONS.items():
        definition = f"{abbr}, {words}"
        defining = [n for n in (*table.notes, *table.footnotes) if definition in n]
        if not defining:
            continue
        rest = [s["title"] or "", s["subtitle"] or "", *s["header"], *s["body"],
                *(n.replace(definition, "") for n in (*table.notes, *table.footnotes, *table.text.source_notes))]
        if not any(re.search(rf"(?<!\w){re.escape(abbr)}(?!\w)", t) for t in rest):
            out.append(abbr)
    return out


@pytest.mark.parametrize("tables", ["example_tables", "hand_tables"])
def test_every_abbreviation_a_note_spells_out_is_used_in_the_table(request, tables):
    """Outside reader (session 24): Table 7's note defined "SOC, system organ class" while the table writes "System
    organ class" in full and never "SOC"."""
    built = request.getfixturevalue(tables)
    assert {key: _defined_but_unused(t) for key, t in built.items() if _defined_but_unused(t)} == {}
