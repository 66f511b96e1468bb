"""Every string from the data is text in every output (issue 14, "what to build" 1).

A study whose free-text fields (study.yml texts, visit and analyte labels, units,
adverse-event terms, exclusion reasons) carry HTML, great-tables units syntax,
markdown, pandoc attributes, Quarto shortcodes, LaTeX and spreadsheet formulas goes
through ``analyze``, ``tables --format all`` and ``render``; each output is checked
for the payload as literal text and for anything live.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from alsreport.cli import main
from alsreport.results.cells import FORMULA_START
from security_helpers import FORMULA, PAYLOAD, hostile_study


#: What no script of the page's own may contain: the payloads' code and addresses.
_PAYLOAD_MARKS = ("alert(", "127.0.0.1", "secret")


class _Page(HTMLParser):
    """Text outside <style>/<script>/<svg> and every element that could fetch, run or embed.

    ``own_scripts``: the page may carry its engine's own scripts (Quarto's pages do: inline or
    ``data:``); a script is then live only if it loads from elsewhere or holds a payload mark.
    """

    def __init__(self, own_scripts: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.live: list[tuple[str, dict]] = []
        self._skip = 0
        self._own_scripts = own_scripts
        self._script: tuple[dict, list[str]] | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag in ("style", "script", "svg"):
            self._skip += 1
        if tag == "script" and self._own_scripts and (a.get("src") or "data:").startswith("data:"):
            self._script = (a, [])
        elif tag in ("script", "iframe", "object", "embed") or any(k.startswith("on") for k in a):
            self.live.append((tag, a))
        if a.get("rel") == "attachment" or (tag == "link" and "stylesheet" in (a.get("rel") or "")
                                             and not (a.get("href") or "").startswith("data:")):
            self.live.append((tag, a))
        for k in ("src", "href"):
            v = a.get(k) or ""
            remote = v.startswith(("http:", "https:", "//", "file:"))
            if (remote and tag != "a") or "127.0.0.1" in v or "secret" in v or v == "x":  # a: the payload's only
                self.live.append((tag, a))

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("style", "script", "svg"):
            self._skip -= 1
        if tag == "script" and self._script is not None:
            attrs, body = self._script
            if any(m in "".join(body) + (attrs.get("src") or "") for m in _PAYLOAD_MARKS):
                self.live.append(("script", attrs))
            self._script = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._script is not None:
            self._script[1].append(data)
        if not self._skip:
            self.text.append(data)


def _page(path: Path, engine: str = "embedded") -> _Page:
    p = _Page(own_scripts=engine == "quarto")
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _live(cell: str) -> bool:
    """A cell a spreadsheet would evaluate as a formula (numbers such as -0.7 are numbers)."""
    if not cell.startswith(FORMULA_START):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def _plain(text: str) -> str:
    """Prose smartens quotes and joins lines, markdown text has word joiners inside ``{{<`` and ``>}}``
    (alsreport.present.prose.md_escape); compare with that undone."""
    text = text.replace("\u2060", "")
    return re.sub(r"\s+", " ", text.replace("“", '"').replace("”", '"').replace("’", "'"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return hostile_study(tmp_path_factory.mktemp("hostile") / "study")


def _run(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def test_results_csvs_hold_no_live_formula(hostile, tmp_path):
    _run(["analyze", str(hostile), "--out", str(tmp_path)])
    seen = 0
    for name in ("comparisons.csv", "descriptives.csv", "analysis_data.csv"):
        with open(tmp_path / name, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                assert not [c for c in row if _live(c)], (name, row)
                seen += sum(c == "'" + FORMULA + " " + PAYLOAD for c in row)
    assert seen > 0  # the hostile label is there, as text


def test_table_exports_show_the_payload_as_text(hostile, tmp_path):
    _run(["tables", str(hostile), "--format", "all", "--out", str(tmp_path)])
    for page in sorted(tmp_path.glob("*.html")):
        p = _page(page)
        assert p.live == [], page.name
    assert PAYLOAD in "".join(_page(tmp_path / "table2_immunological.html").text)  # a visit label in a header
    assert PAYLOAD in "".join(_page(tmp_path / "adverse_events.html").text)
    for path in tmp_path.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            assert not [c for row in csv.reader(fh) for c in row if _live(c)], path.name
    with zipfile.ZipFile(tmp_path / "tables.xlsx") as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/"))
    assert "<f>" not in sheets and "HYPERLINK" in sheets
    tex = (tmp_path / "table2_immunological.tex").read_text(encoding="utf-8")
    assert r"\textbackslash{}textbf\{b\} \$x\$" in tex and r"\textbf{b}" not in tex
    with zipfile.ZipFile(tmp_path / "tables.docx") as z:
        body = z.read("word/document.xml").decode()
    assert "onerror=alert(1)" in body and "<w:hyperlink" not in body and "r:embed" not in body
    _pdf_clean(tmp_path / "tables.pdf")


def _pdf_clean(pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    data = pdf.read_bytes()
    assert reader.attachments == {} and b"/EmbeddedFile" not in data and b"/FileAttachment" not in data
    text = "".join(page.extract_text() for page in reader.pages)
    assert "onerror=alert(1)" in text and "SECRET-IN-" not in text  # the secret files' content, never embedded
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            uri = (annot.get_object().get("/A") or {}).get("/URI", "")
            assert "127.0.0.1" not in str(uri)


@pytest.mark.parametrize("engine", ["embedded", "quarto"])
def test_rendered_reports_show_the_payload_as_text(hostile, tmp_path, engine):
    if engine == "quarto" and shutil.which("quarto") is None:
        pytest.skip("quarto is not on PATH (CI has it)")
    (tmp_path / "secret.txt").write_text("SECRET-IN-OUTPUT-FOLDER", encoding="utf-8")
    _run(["render", str(hostile), "--engine", engine, "--out", str(tmp_path)])
    for name in ("manuscript", "ethics"):
        p = _page(tmp_path / f"{name}.html", engine)
        assert p.live == [], name
        assert _plain(PAYLOAD) in _plain("".join(p.text)), name
        _pdf_clean(tmp_path / f"{name}.pdf")


@pytest.mark.skipif(subprocess.run(["which", "pdfdetach"], capture_output=True).returncode != 0,
                    reason="poppler-utils (pdfdetach) not installed")
def test_pdfdetach_agrees(hostile, tmp_path):
    _run(["tables", str(hostile), "--format", "pdf", "--out", str(tmp_path)])
    out = subprocess.run(["pdfdetach", "-list", str(tmp_path / "tables.pdf")], capture_output=True, text=True)
    assert out.stdout.strip().startswith("0 embedded files")
