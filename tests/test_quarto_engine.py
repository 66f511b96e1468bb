"""Real Quarto renders the reports: same four files as the embedded engine, the same text.

Rendered once per session for each study and engine (Quarto takes a minute or more per document).
SOURCE_DATE_EPOCH fixes the generation time, so the provenance tables agree too.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from alsreport.documents.reports import render_reports
from alsreport.study.example import example_study_path

from quarto_helpers import document_blocks, needs_quarto
from render_helpers import headings_in_dom_order
from reports_helpers import file_links, pdf_uris, write_second_study

pytestmark = needs_quarto

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)  # read by the analysis here and in Quarto's kernel
    root = tmp_path_factory.mktemp("engines")
    second = write_second_study(root / "second")
    out: dict[tuple[str, str], Path] = {}
    try:
        for study_name, study, formats in (("example", example_study_path(), ["html", "pdf"]),
                                           ("second", second, ["html"])):
            for engine in ("quarto", "embedded"):
                folder = root / f"{study_name}-{engine}"
                summary = render_reports(study, engine=engine, out_dir=folder, formats=formats, use_cache=False)
                assert summary.engine == engine
                expected = [f"{doc}.{fmt}" for doc in ("manuscript", "ethics") for fmt in formats]
                expected += ["comparisons.csv", "comparisons-columns.csv"]
                assert [p.name for p in summary.outputs] == expected
                assert all(p.parent == folder and p.stat().st_size > 0 for p in summary.outputs)
                out[study_name, engine] = folder
    finally:
        mp.undo()
    return out


@pytest.mark.parametrize("study", ["example", "second"])
@pytest.mark.parametrize("doc", ["manuscript", "ethics"])
def test_both_engines_give_the_same_text(renders, study: str, doc: str) -> None:
    quarto = document_blocks((renders[study, "quarto"] / f"{doc}.html").read_text(encoding="utf-8"))
    embedded = document_blocks((renders[study, "embedded"] / f"{doc}.html").read_text(encoding="utf-8"))
    assert len(quarto) > 100
    # but the provenance's engine, each its own (session 25 HTML reader: Quarto's page did not name Quarto)
    assert _engine(quarto) == "Quarto " + subprocess.run(["quarto", "--version"], capture_output=True, text=True,
                                                          check=True).stdout.strip()
    assert _engine(embedded).startswith("alsreport embedded engine (pandoc 3.")
    assert _without_engine(quarto) == _without_engine(embedded)


def _engine(blocks: list[str]) -> str:
    return blocks[blocks.index("td: Document engine") + 1].removeprefix("td: ")


def _without_engine(blocks: list[str]) -> list[str]:
    k = blocks.index("td: Document engine")
    return blocks[:k] + blocks[k + 2:]


@pytest.mark.parametrize("engine", ["quarto", "embedded"])
@pytest.mark.parametrize("doc", ["manuscript", "ethics"])
def test_the_study_title_is_the_first_heading_in_the_dom(renders, engine: str, doc: str) -> None:
    """Issue #10 (semantics): both engines wrote the table of contents before the study title (Quarto's sidebar before
    <main>, the embedded template's nav before the safety report's cover), so a screen reader's heading list and the
    text layer began with "Table of contents". The title is the h1 (the manuscript's adds its design after a colon);
    the TOC comes last (render/toc_order.py, templates/page.html)."""
    import yaml

    title = yaml.safe_load((example_study_path() / "study.yml").read_text(encoding="utf-8"))["title"]
    headings = headings_in_dom_order((renders["example", engine] / f"{doc}.html").read_text(encoding="utf-8"))
    assert headings[0][0] == "h1" and headings[0][1].startswith(title), headings[:3]
    assert [tag for tag, _ in headings].count("h1") == 1 and headings[-1] == ("h2", "Table of contents")


@pytest.mark.parametrize("engine", ["quarto", "embedded"])
def test_the_html_manuscript_links_data_s1_to_the_files_beside_it(renders, engine: str) -> None:
    """Issue #10 item 4: under both engines the HTML manuscript's mentions of comparisons.csv and its dictionary link
    to the files render wrote beside it (relative links that resolve in the output folder)."""
    folder = renders["example", engine]
    page = (folder / "manuscript.html").read_text(encoding="utf-8")
    assert file_links(page) == {"comparisons.csv", "comparisons-columns.csv"}
    assert all((folder / name).is_file() for name in file_links(page))
    assert not pdf_uris(folder / "manuscript.pdf") & {"comparisons.csv", "comparisons-columns.csv"}


def test_quarto_page_reads_as_text_not_escaped_markdown(renders) -> None:
    page = (renders["example", "quarto"] / "manuscript.html").read_text(encoding="utf-8")
    text = "\n".join(document_blocks(page))
    assert "open-label, single-arm" in text.lower()
    for garble in ("\\-", "\\xa0", "\\(", "{python}"):
        assert garble not in text
    assert "p: Figure 1. Flow of participants" not in text  # captions are figcaptions
    assert any(line.startswith("figcaption: Figure 1. Flow of participants") for line in text.splitlines())


def test_quarto_pdfs_have_running_heads_page_numbers_and_bookmarks(renders) -> None:
    reader = pypdf.PdfReader(renders["example", "quarto"] / "manuscript.pdf")
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) > 5
    assert f"Page 2 of {len(pages)}" in pages[1]
    assert "Table of contents" not in "\n".join(pages)  # no Bootstrap sidebar TOC in the PDF
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "1 Introduction" in titles and "3 Results" in titles


def _pdf_facts(path: Path) -> dict[str, object]:
    reader = pypdf.PdfReader(path)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8") if "/Metadata" in root else ""
    return {"tagged": bool(root.get("/MarkInfo", {}).get("/Marked")), "structure": "/StructTreeRoot" in root,
            "pdfa": bool(re.search(r'pdfaid:part(="3"|>3<)', xmp) and re.search(r'pdfaid:conformance(="U"|>U<)', xmp)),
            "title": (reader.metadata or {}).get("/Title"), "lang": str(root.get("/Lang", ""))}


@pytest.mark.parametrize("doc", ["manuscript", "ethics"])
def test_quarto_pdfs_are_tagged_and_archivable_as_the_embedded_ones(renders, doc: str) -> None:
    quarto = _pdf_facts(renders["example", "quarto"] / f"{doc}.pdf")
    embedded = _pdf_facts(renders["example", "embedded"] / f"{doc}.pdf")
    assert quarto == embedded
    assert quarto["tagged"] and quarto["structure"] and str(quarto["lang"]).startswith("en")
    assert quarto["pdfa"] == (doc == "ethics")  # --pdf-standard study: the ethics report as PDF/A-3u
    assert quarto["title"]


def test_quartos_ethics_sidebar_and_captions_match_the_embedded_page(renders, tmp_path) -> None:
    """Reader 11a, item 14: Quarto's sidebar showed only the nine sections (it collapses the rest: toc-expand in
    _quarto.yml opens every level), the embedded page's 2.1-5.6 too; and Quarto centred the table captions."""
    def toc(page: str) -> list[str]:
        nav = re.search(r'<nav id="TOC".*?</nav>', page, re.S)
        return re.findall(r'href="(#[^"]+)"', nav.group(0)) if nav else []

    quarto = (renders["example", "quarto"] / "ethics.html").read_text(encoding="utf-8")
    embedded = (renders["example", "embedded"] / "ethics.html").read_text(encoding="utf-8")
    assert 'data-toc-expanded="99"' in quarto
    assert toc(quarto) == toc(embedded) and "#sec-ae-soc" in toc(quarto)
    from test_templates_screen_print import _chromium, _layout_probe

    if _chromium() is None:
        return
    probe = ('<script>window.addEventListener("load", () => { document.title = [...new Set([...document'
             '.querySelectorAll("figcaption")].map(f => getComputedStyle(f).textAlign))].join(" "); });</script>')
    assert _layout_probe(quarto.replace("</body>", probe + "</body>"), tmp_path, 1280) == "left"
