"""End to end: `render_reports` on the bundled (synthetic) example, HTML and PDF of both reports.

The example is rendered once for the module (a few seconds); the tests read the files.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from alsreport.present import format as fmt
from alsreport.documents.checklist import CONSORT_2025, SINGLE_ARM_NA, anchors
from alsreport.render import check_quarto_subset
from alsreport.documents.reports import RenderSummary, render_reports, resolve_project
from alsreport.documents.resources import project_dir
from alsreport.study.example import example_study_path

from analysis_helpers import example_results
from reports_helpers import embedded_fonts, external_references, file_links, html_text, outline_titles, pdf_text, pdf_uris

ROOT = project_dir()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, RenderSummary, list[str]]:
    out = tmp_path_factory.mktemp("reports")
    messages: list[str] = []
    summary = render_reports(example_study_path(), reports=["manuscript", "ethics"], formats=["html", "pdf"],
                             engine="embedded", out_dir=out, progress=messages.append)
    return out, summary, messages


@pytest.fixture(scope="module")
def texts(rendered) -> dict[str, str]:
    out = rendered[0]
    return {f"{name}.{ext}": (pdf_text(out / f"{name}.pdf") if ext == "pdf"
                              else (out / f"{name}.html").read_text(encoding="utf-8"))
            for name in ("manuscript", "ethics") for ext in ("html", "pdf")}


def test_outputs_stages_and_timings(rendered):
    out, summary, messages = rendered
    assert [p.name for p in summary.outputs] == ["manuscript.html", "manuscript.pdf", "ethics.html", "ethics.pdf",
                                                 "comparisons.csv", "comparisons-columns.csv"]
    assert all(p.parent == out and p.stat().st_size > 0 for p in summary.outputs)
    assert summary.engine == "embedded" and summary.cache == "miss"
    # each document builds the tables and figures it shows while it executes (documents.table_cache)
    assert list(summary.timings) == ["check cache", "validate & load", "analyze", "execute documents",
                                     "HTML (pandoc)", "PDF (WeasyPrint)", "total"]
    assert all(v >= 0 for v in summary.timings.values())
    assert [m.split(" ")[0] for m in messages[:2]] == ["validate", "analyze:"]
    rest = " ".join(messages[2:])  # one message per document, or one for both rendered in parallel
    assert "manuscript" in rest and "ethics" in rest
    assert not [w for w in summary.warnings if "cross-reference" in w or "?@" in w]


def test_the_manuscripts_supplementary_data_s1_is_written_beside_it(rendered, tmp_path):
    """The tables' notes and the data availability statement name "Supplementary Data S1 (comparisons.csv)"
    (reader 11a item 9): render writes it beside the manuscript, the same bytes as `alsreport analyze`."""
    from click.testing import CliRunner

    from alsreport.cli import main

    out = rendered[0]
    assert "Supplementary Data S1 (comparisons.csv)" in html_text((out / "manuscript.html").read_text(encoding="utf-8"))
    assert CliRunner().invoke(main, ["analyze", "--out", str(tmp_path / "results")]).exit_code == 0
    assert (out / "comparisons.csv").read_bytes() == (tmp_path / "results" / "comparisons.csv").read_bytes()
    # reader 12b item 12: its data dictionary beside it, named in the Supplementary material
    assert (out / "comparisons-columns.csv").read_text(encoding="utf-8").startswith(
        "column,type,code,meaning\nfamily,text,,Biomarker family (panel) of the analyte; codes below.\n")
    assert (out / "comparisons-columns.csv").read_bytes() == (
        tmp_path / "results" / "comparisons-columns.csv").read_bytes()   # analyze's dictionary, the same bytes
    assert "Its data dictionary, comparisons-columns.csv, describes each column" in html_text(
        (out / "manuscript.html").read_text(encoding="utf-8"))


def test_the_html_manuscripts_mentions_of_data_s1_link_to_the_files_beside_it(rendered, texts):
    """Issue #10 item 4: each mention of comparisons.csv and its dictionary in the HTML manuscript is a relative link
    that resolves to the file render wrote beside it; the PDF prints the names as text."""
    out = rendered[0]
    page = (out / "manuscript.html").read_text(encoding="utf-8")
    assert file_links(page) == {"comparisons.csv", "comparisons-columns.csv"}
    assert all((out / name).is_file() for name in file_links(page))
    # every mention in the text is a link (the data availability statement, the Methods, the tables' notes, ...)
    assert html_text(page).count("comparisons.csv") == page.count('href="comparisons.csv">comparisons.csv</a>') >= 4
    assert "alsr-file-link" not in (out / "ethics.html").read_text(encoding="utf-8")
    assert "Supplementary Data S1 (comparisons.csv)" in texts["manuscript.pdf"]
    assert not pdf_uris(out / "manuscript.pdf") & {"comparisons.csv", "comparisons-columns.csv"}


def test_unchanged_second_render_reuses_the_files(rendered):
    out, first, _ = rendered
    before = {p: p.stat().st_mtime_ns for p in first.outputs}
    again = render_reports(example_study_path(), engine="embedded", out_dir=out)
    assert again.cache == "hit"
    assert again.outputs == first.outputs
    assert {p: p.stat().st_mtime_ns for p in again.outputs} == before
    assert "validate & load" not in again.timings


def test_pdfs_show_the_key_results_as_computed(texts):
    res = example_results()
    ms = texts["manuscript.pdf"]
    p = fmt.p_phrase(res.primary.pvalue).replace("\u00a0", " ")
    assert p == "p = 0.001"
    assert "For the primary endpoint, CSF TNF-α decreased from a median of" in ms and p in ms
    f = res.flow
    for text in (ms, texts["ethics.pdf"]):   # a retrospective study includes participants (none was enrolled)
        assert f"Of {f.assessed} people assessed for eligibility, {f.enrolled} were included and {f.excluded} were not" in text
    assert "No secondary endpoint changed significantly at Month 3" in ms
    assert "Table S1" in ms and "Changes from baseline" not in ms.split("Table S1")[0][:0]


def test_every_report_says_the_data_are_synthetic(texts):
    for name, text in texts.items():
        visible = html_text(text) if name.endswith(".html") else text
        assert "Synthetic data — not real patients" in visible, name
        assert "synthetic example data set" in visible, name


def test_page_footer_header_and_first_page(rendered):
    import pypdf

    out = rendered[0]
    for name in ("manuscript", "ethics"):
        reader = pypdf.PdfReader(str(out / f"{name}.pdf"))
        n = len(reader.pages)
        pages = [re.sub(r"\s+", " ", p.extract_text().replace("\u00a0", " ")) for p in reader.pages]
        assert "Page 1 of %d" % n in pages[0]
        assert "Page %d of %d" % (n, n) in pages[-1]
        assert "data " + example_results().provenance.fingerprint in pages[1]
        short = example_results().config.short_title
        assert short not in pages[0]          # no running header on the title / cover page
        assert short in pages[1]
        assert ("Confidential" in pages[1]) == (name == "ethics")


def test_pdf_bookmarks_are_the_sections(rendered):
    out = rendered[0]
    ms = outline_titles(out / "manuscript.pdf")
    assert ms[:3] == ["Abstract", "1 Introduction", "2 Methods"]
    for title in ("2.8 Statistical analysis", "3.1 Participant flow", "3.3 Biomarkers", "3.5 Exposure to the intervention", "4 Discussion",
                  "CONSORT 2025 checklist", "Provenance"):
        assert title in ms, ms
    assert "Manuscript draft" not in ms and "Table of contents" not in ms
    assert not [t for t in ms if t.endswith(("CONSORT 2025 checklist", "Provenance")) and t[0].isdigit()], ms  # back matter is unnumbered
    et = outline_titles(out / "ethics.pdf")
    assert et[0] == "1 Summary" and "Safety report for the ethics committee" not in et
    assert {"5.3 All adverse events", "5.5 Serious adverse events", "6 Laboratory safety", "9 Sign-off"} <= set(et)


def test_pdf_fonts_are_embedded_local_fonts(rendered):
    for name in ("manuscript", "ethics"):
        fonts = embedded_fonts(rendered[0] / f"{name}.pdf")
        assert fonts and all(fonts.values()), fonts
        assert all(re.search(r"Liberation|DejaVu", f) for f in fonts), fonts


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) not installed")
def test_pdfs_use_one_serif_and_one_sans(rendered):
    """Issue #10 ("three typefaces"): ⚠, ☐ and the superscripts of 10⁹/L and ×10⁶ came from DejaVu."""
    from pdf_fonts import font_families, serif_and_sans

    for name in ("manuscript", "ethics"):
        serif, sans, other = serif_and_sans(font_families(rendered[0] / f"{name}.pdf"))
        assert len(serif) == 1 and len(sans) == 1 and not other, (name, serif, sans, other)


def test_html_is_one_self_contained_file_with_resolved_references(texts):
    for name in ("manuscript.html", "ethics.html"):
        html = texts[name]
        # hyperlinks (ORCID, DOIs of the references) are links, not resources the page loads
        assert [r for r in external_references(html) if not re.search(rf'<a\b[^>]*href="{re.escape(r)}"', html)] \
            == [], name
        visible = html_text(html)
        assert "?@" not in visible and not re.search(r"@(tbl|fig|sec)-", visible), name
        assert "?meta:" not in visible
        assert '<nav id="TOC"' in html
    ms = html_text(texts["manuscript.html"])
    assert "shown in Table 1" in ms
    assert "immunological markers in Table 2 and biochemical and haematological markers in Table 3" in ms


def test_ethics_table_captions_state_the_data_cutoff(texts):
    captions = re.findall(r'(?s)<figcaption[^>]*quarto-float-tbl[^>]*>(.*?)</figcaption>', texts["ethics.html"])
    assert len(captions) >= 8
    for cap in captions:
        assert "as of 31 January 2024" in html_text(cap), cap


def test_consort_checklist_points_at_existing_sections(texts):
    html = texts["manuscript.html"]
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert anchors() <= ids
    visible = html_text(html)
    na = [i for i in CONSORT_2025 if not i.applicable]
    assert {i.item for i in na} == {"17a", "17b", "18", "19", "20a", "20b"}
    assert visible.count(SINGLE_ARM_NA) == len(na)
    assert "Section 2.8" in visible  # statistical methods, as a resolved cross-reference


def test_documents_use_only_the_supported_quarto_subset():
    for qmd in sorted((ROOT / "report").glob("*.qmd")):
        assert check_quarto_subset(qmd, project_dir=ROOT) == [], qmd


def test_quarto_project_file():
    cfg = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    assert cfg["project"]["type"] == "default"
    assert cfg["project"]["render"] == ["report/manuscript.qmd", "report/ethics.qmd"]
    assert cfg["project"]["output-dir"] == "_output"
    assert "pre-render" not in cfg["project"]  # results files are `alsreport analyze`'s job
    assert "alsreport.documents.quarto_hooks post-render" in cfg["project"]["post-render"]
    html = cfg["format"]["html"]
    assert html["embed-resources"] is True and html["toc"] is True and html["number-sections"] is True
    assert html["html-table-processing"] == "none"
    assert all((ROOT / css).is_file() for css in html["css"])
    assert cfg["execute"] == {"echo": False, "warning": False}
    for name in ("manuscript", "ethics"):
        from alsreport.documents.reports import print_stylesheets

        assert all(p.is_file() for p in print_stylesheets(ROOT / "report" / f"{name}.qmd", ROOT))


def test_study_folder_with_its_own_templates_takes_precedence(tmp_path):
    from alsreport.documents.scaffold import init_study

    study = tmp_path / "mystudy"
    init_study(study, with_templates=True)
    assert resolve_project(study) == study.resolve()
    assert resolve_project(example_study_path()) == ROOT.resolve()
    qmd = study / "report" / "manuscript.qmd"
    qmd.write_text(qmd.read_text(encoding="utf-8").replace("## Introduction {#sec-introduction}",
                                                           "## Local manuscript {#sec-introduction}"),
                   encoding="utf-8")
    summary = render_reports(study, reports=["manuscript"], formats=["html"], engine="embedded", out_dir=tmp_path / "out")
    assert [p.name for p in summary.outputs] == ["manuscript.html", "comparisons.csv", "comparisons-columns.csv"]
    assert "Local manuscript" in (tmp_path / "out" / "manuscript.html").read_text(encoding="utf-8")


def test_errors_name_what_was_expected(tmp_path):
    from alsreport.errors import AlsreportError, StudyInvalid

    with pytest.raises(AlsreportError, match="unknown report"):
        render_reports(example_study_path(), reports=["poster"], out_dir=tmp_path)
    with pytest.raises(AlsreportError, match="unknown engine"):
        render_reports(example_study_path(), engine="latex", out_dir=tmp_path)
    broken = shutil.copytree(example_study_path(), tmp_path / "broken")
    (broken / "measurements.csv").write_text("participant_id,visit\nP01,M9\n", encoding="utf-8")
    with pytest.raises(StudyInvalid):
        render_reports(broken, out_dir=tmp_path / "out")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_no_manuscript_page_is_more_than_half_empty(rendered):
    """Issue #10 ("half-empty pages 3, 5, 6, 9, 12, 17"): no page under 60 % full, except before a landscape page,
    the checklist or the end (alsreport.render.float_flow)."""
    from manuscript_render import sparse_pages

    assert sparse_pages(rendered[0] / "manuscript.pdf") == []


@pytest.mark.parametrize("name", ["manuscript", "ethics"])
def test_adjacent_columns_of_every_table_are_at_least_one_em_apart(rendered, name):
    """Issue #10, reader: the example's Table 4 and Table S1 printed ">0.999 14", a p-value running into the next
    column's n (3 px of padding on each side). Every two neighbouring cells printed on one line are 1 em apart."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    from table_gaps import column_gaps, narrow_gaps

    out = rendered[0]
    gaps, pairs = column_gaps((out / f"{name}.html").read_text(encoding="utf-8"), out / f"{name}.pdf")
    assert len({g.table for g in gaps}) >= 8 and len(gaps) >= 500, (len(gaps), pairs)
    assert narrow_gaps(gaps) == []


def _page_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines of text (pdftotext -layout), the running header and footer left out."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    return [[line for line in page[1:] if not line.startswith("Generated ")] for page in pages if page]


def test_no_caption_heading_or_lead_sentence_is_left_at_a_page_foot_of_the_ethics_report(rendered):
    """Issue #10, reader 9: the caption "Table 13. Laboratory values outside the reference range" stood alone at the
    foot of a page, its listing on the next, and "5.3 All adverse events" with its sentence "... (Table 6)." at the
    foot of the page before Table 6."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    pages = _page_lines(rendered[0] / "ethics.pdf")
    assert len(pages) > 10
    for k, (page, nxt) in enumerate(zip(pages[:-1], pages[1:], strict=True), 1):
        last = page[-1] if page else ""
        # a table's caption is above it; a figure's below it, so a figure's caption may end a page (its flow diagram
        # grew in session 27 and Figure 1 with its caption filled page 5), but never starts the next
        assert not re.match(r"Table \d+\. ", last), (k, last)
        assert not (nxt and re.match(r"Figure \d+\. ", nxt[0])), (k + 1, nxt[:1])
        assert not re.match(r"\d+(\.\d+)* [A-Z][a-z]", last), (k, last)
        cited = re.search(r"\((Table|Figure) (\d+)\)\.$", last)
        assert not (cited and nxt and nxt[0].startswith(f"{cited[1]} {cited[2]}. ")), (k, last, nxt[:1])
