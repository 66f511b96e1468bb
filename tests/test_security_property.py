"""Generated hostile text stays text across the whole pipeline (issue 14, "what to build" 1).

Hypothesis builds strings from the syntax of every output kind (great-tables units,
markdown, pandoc attributes, Quarto shortcodes, LaTeX, spreadsheet formulas, HTML
and JavaScript, ``<link>``, ``rel=attachment``) and puts each into every text field
of the data contract (study.yml texts and authors, visit and analyte labels, units,
adverse-event terms and organ classes, exclusion reasons; see
``security_helpers.hostile_study``). Each example goes through the library calls
behind ``analyze``, ``tables`` and ``render`` (embedded engine, HTML; the first example also as PDF).
Asserted: the string is literal text in the parsed HTML, every CSV/XLSX cell is
free of a live formula, and nothing is fetched (WeasyPrint's fetcher records every
URL it is asked for) or attached. Two examples, derandomized: it is slow by nature.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alsreport import analyze, load_study
from alsreport.documents.table_export import export_tables
from alsreport.results.writer import write_results
from security_helpers import hostile_study
from test_security_outputs import _live, _page, _plain

_PIECES = ["{{x}}", "{{< meta title >}}", "{{< include /etc/hostname >}}", "{.cls}", "{#id}", "**b**", "_i_",
           "[l](http://127.0.0.1:9/x)", "![i](http://127.0.0.1:9/i.png)", "\\textbf{b}", "$x^2$", "$$y$$",
           "=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "-2+3", "<script>alert(1)</script>",
           "<img src=x onerror=alert(1)>", "<link rel=stylesheet href=http://127.0.0.1:9/x.css>",
           '<a rel="attachment" href="secret.txt">s</a>', "<!-- c -->", "@cite", "[@cite]", "%", "&amp;", "`c`",
           "::: {.x}", "<style>*{background:url(http://127.0.0.1:9/b.png)}</style>", "#", "|a|b|", "\\"]

#: Strings starting with a word (the loaders keep text as text), then hostile pieces.
_HOSTILE = st.lists(st.sampled_from(_PIECES), min_size=2, max_size=5).map(lambda xs: "Zq " + " ".join(xs))


def _cells(folder: Path) -> list[str]:
    cells = []
    for path in folder.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            cells += [c for row in csv.reader(fh) for c in row]
    return cells


def _record_fetches(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Every URL WeasyPrint asks the PDF fetcher for, from now on."""
    from alsreport.render import fetcher

    seen: list[str] = []
    real = fetcher.RestrictedFetcher.fetch

    def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
        seen.append(url)
        return real(self, url, headers)

    monkeypatch.setattr(fetcher.RestrictedFetcher, "fetch", fetch)
    return seen


def _pdf_safe(pdf: Path, payload: str) -> None:
    """No attachment, no secret, no link to the payload's addresses; the payload in the text."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    data = pdf.read_bytes()
    assert reader.attachments == {} and b"/EmbeddedFile" not in data and b"/FileAttachment" not in data
    text = _plain("".join(page.extract_text() for page in reader.pages))
    assert "SECRET-IN-" not in text
    assert "".join(_plain(payload).split()) in "".join(text.split())  # lines wrap anywhere in a PDF
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            uri = str((annot.get_object().get("/A") or {}).get("/URI", ""))
            assert "127.0.0.1" not in uri and "secret" not in uri


_pdf_done: list[bool] = []


@settings(max_examples=2, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=_HOSTILE)
def test_generated_hostile_text_is_text_in_every_output(payload, tmp_path_factory, monkeypatch):
    from alsreport.documents.reports import render_reports

    root = tmp_path_factory.mktemp("prop")
    study = hostile_study(root / "study", payload=payload)
    out = root / "out"
    (out / "results").mkdir(parents=True)
    (out / "secret.txt").write_text("SECRET-IN-OUTPUT-FOLDER", encoding="utf-8")
    results = analyze(load_study(study))  # what `analyze` and `tables` write, from one analysis
    write_results(results, out / "results")
    export_tables(results, out / "tables", ["html", "csv", "xlsx"])
    cells = _cells(out / "results") + _cells(out / "tables")
    assert not [c for c in cells if _live(c)]
    assert any(payload in c for c in cells)
    with zipfile.ZipFile(out / "tables" / "tables.xlsx") as z:
        assert "<f>" not in "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets"))
    for page in (out / "tables").glob("*.html"):
        assert _page(page).live == [], page.name
    formats = ["html"] if _pdf_done else ["html", "pdf"]
    fetched = _record_fetches(monkeypatch)
    render_reports(study, formats=formats, engine="embedded", out_dir=out, jobs=1)
    for name in ("manuscript", "ethics"):
        p = _page(out / f"{name}.html")
        assert p.live == [], (name, p.live[:3])
        assert _plain(payload) in _plain("".join(p.text)), name
    if "pdf" in formats:
        _pdf_done.append(True)
        for name in ("manuscript", "ethics"):
            _pdf_safe(out / f"{name}.pdf", payload)
    assert not [u for u in fetched if "127.0.0.1" in u or "secret" in u or "hostname" in u]
