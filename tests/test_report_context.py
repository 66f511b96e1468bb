"""report_context(): the study passed in (else the bundled example), one analysis per process, markdown blocks."""

from __future__ import annotations

import shutil

import pytest

from alsreport.documents import context as rc
from alsreport.study.example import example_study_path

from analysis_helpers import example_results, example_study


@pytest.fixture(autouse=True)
def _fresh_cache():
    rc.clear_cache()
    yield
    rc.clear_cache()


def test_default_is_the_bundled_example(monkeypatch, tmp_path):
    monkeypatch.setenv("ALSREPORT_STUDY", str(tmp_path))  # the environment plays no part
    assert rc.report_context().study.path.resolve() == example_study_path().resolve()


def test_the_study_is_passed_explicitly(tmp_path):
    copy = shutil.copytree(example_study_path(), tmp_path / "copy")
    ctx = rc.report_context(copy)
    assert ctx.study.path.resolve() == copy.resolve()
    assert ctx.results.flow.enrolled == example_results().flow.enrolled


def test_one_analysis_per_process_until_the_files_change(monkeypatch, tmp_path):
    copy = shutil.copytree(example_study_path(), tmp_path / "copy")
    first = rc.report_context(copy)
    assert rc.report_context(copy) is first
    (copy / "study.yml").write_text((copy / "study.yml").read_text(encoding="utf-8").replace(
        "report_version: '1.0'", "report_version: '1.1'"), encoding="utf-8")
    second = rc.report_context(copy)
    assert second is not first and second.config.report_version == "1.1"


def test_use_results_hands_over_an_analysis():
    study, results = example_study(), example_results()
    seeded = rc.use_results(study, results)
    assert rc.report_context(study.path) is seeded
    assert seeded.results is results


@pytest.fixture(scope="module")
def ctx():
    rc.clear_cache()
    return rc.use_results(example_study(), example_results())


def test_table_block_is_a_numbered_float_with_the_tables_heading_as_caption(ctx):
    block = ctx.table_block("table1_baseline", "tbl-baseline", suffix="Data as of today.")
    assert block.startswith("::: {#tbl-baseline .alsr-keep-float}\n```{=html}\n")   # short: the float moves whole
    assert 'class="alsr-table alsr-table-captioned alsr-keep"' in block
    assert block.rstrip().endswith("Baseline characteristics. Included participants. Data as of today.\n:::")
    assert ctx.table_block("no_such_table", "tbl-x") == ""
    own = ctx.table_block("exposure", "tbl-exposure", "My caption.")
    assert "alsr-table-captioned" not in own and "\nMy caption.\n:::" in own


def test_as_of_and_dates(ctx):
    assert ctx.data_date == "Data as of 31 January 2024."
    assert ctx.data_cutoff == "31 January 2024"
    assert rc.format_date("2026-01-02T03:04:05Z") == "2 January 2026"


def test_synthetic_notice_and_running_elements(ctx):
    notice = ctx.synthetic_notice()
    assert notice.startswith('::: {.callout-warning title="Synthetic data — not real patients"}')
    assert "It mirrors the published design of the study, not real patients, and must not be used" in notice
    running = ctx.running_elements(confidential=True)
    assert 'class="alsr-running-confidential"' in running and ctx.fingerprint in running
    assert '--alsr-running-confidential: "Confidential";' in running   # for a browser's print (running_style.py)
    public = ctx.running_elements(confidential=False)
    assert 'class="alsr-running-confidential"' not in public and '--alsr-running-confidential: "";' in public


def test_study_text_is_escaped_in_html_and_markdown(ctx):
    assert ctx.esc('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert ctx.md("<b>x</b>") == "\\<b\\>x\\</b\\>"
    callout = ctx.callout("note", 'A "title" <i>', "body")
    assert 'title="A &quot;title&quot; &lt;i&gt;"' in callout


def test_raw_html_fence_is_longer_than_any_backtick_run():
    block = rc.raw_html_block("<pre>````</pre>")
    assert block.startswith("`````{=html}\n") and block.endswith("\n`````")


def test_provenance_block_lists_every_input_hash(ctx):
    block = ctx.provenance_block()
    for name, digest in ctx.results.provenance.inputs.items():
        assert digest in block
        assert rc.md_escape(name) in block
    assert ctx.results.provenance.generated_at in block.replace("\\", "")
    # the analysis options in words, not study.yml's keys and codes (issue #10)
    options = block[block.index("| Analysis option |"):].replace("\\", "")
    assert "| Values below the limit of detection (LOD) | replaced by half the LOD |" in options
    assert "| Primary endpoint | CSF TNF-α, Month 3 vs Month 0, judged on its unadjusted p-value |" in options
    assert "| Confidence level | 95% |" in options
    for code in ("half_lod", "below_lod", "conf_level", "M3-M0", "TNF-alpha", "adjust:"):
        assert code not in options, code
    # the input files first, under the sentence that introduces them, each table captioned (session 31 reviewer:
    # the files' table, last, stood alone on the manuscript's last page); only the options table may continue
    assert block.startswith("| Input file | SHA-256 |")
    assert [line for line in block.splitlines() if line.startswith(": ")] == [
        ": Input files {.alsr-provenance}", ": Software and analysis {.alsr-provenance}",
        ": Analysis options {.alsr-provenance .alsr-provenance-long}"]


def test_provenance_names_the_engine_that_executed_the_document(ctx, monkeypatch):
    """Session 25 HTML reader: the Quarto page's provenance named the Python packages, not Quarto, which made it. Under
    Quarto (its execution information set) the row holds Quarto's version shortcode, which Quarto fills in
    (test_quarto_engine checks the rendered number); else the embedded engine and its pandoc."""
    from alsreport.render.pandoc import pandoc_version

    software = ctx.provenance_block().split(": Software and analysis")[0]
    assert software.splitlines()[-2] == f"| Document engine | alsreport embedded engine ({pandoc_version()}) |"
    assert pandoc_version().startswith("pandoc 3.")
    monkeypatch.setenv("QUARTO_EXECUTE_INFO", "/tmp/execute-info.json")
    software = ctx.provenance_block().split(": Software and analysis")[0]
    assert software.splitlines()[-2] == "| Document engine | Quarto {{< version >}} |"


def test_figure_svg_keeps_text_as_text():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    fig.add_subplot().set_title("<TNF-α & co>")
    svg = rc.figure_svg(fig)
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert "&lt;TNF-α &amp; co&gt;" in svg
    head = svg[:svg.index(">")]
    assert 'width="100%"' in head and "height=" not in head.replace("viewBox", "")
    assert 'style="max-width:' in head and 'viewBox="0 0 ' in head


@pytest.mark.parametrize("width_in, height_in", [(7.0, 2.5), (3.3, 3.0)])
def test_figure_svg_box_in_weasyprint_keeps_the_aspect_ratio(width_in, height_in):
    # A fixed height next to CSS height:auto once made WeasyPrint reserve a page-tall box.
    from matplotlib.figure import Figure
    from weasyprint import HTML

    fig = Figure(figsize=(width_in, height_in))
    fig.add_subplot().plot([0, 1], [0, 1])
    svg = rc.figure_svg(fig)
    view = [float(v) for v in svg.split('viewBox="', 1)[1].split('"', 1)[0].split()]
    doc = HTML(string=f'<html><head><style>.alsr-figure svg {{ max-width: 100%; height: auto; }}</style></head>'
                      f'<body style="margin:0"><div class="alsr-figure" style="width:400pt">{svg}</div></body></html>')
    boxes = []

    def walk(box):
        if "svg" in str(box.element_tag):
            boxes.append(box)
        for child in getattr(box, "children", None) or []:
            walk(child)

    walk(doc.render().pages[0]._page_box)
    (box,) = boxes
    px_per_pt = 96 / 72
    assert box.width == pytest.approx(min(view[2], 400) * px_per_pt, rel=1e-3)  # column-wide at most, never wider than drawn
    assert box.height == pytest.approx(box.width * view[3] / view[2], rel=1e-3)


def test_forest_captions_name_family_and_compartment_as_the_study_spells_them(ctx):
    keys = ctx.figure_keys("figure3_forest_")
    pairs = list(dict.fromkeys((c.family, c.compartment) for c in ctx.results.comparisons
                               if c.test == "wilcoxon" and c.contrast == ctx.config.final_contrast))
    assert len(keys) == len(pairs)
    captions = [ctx.forest_caption(k) for k in keys]
    for family, compartment in pairs:
        assert sum(f"in {family} markers in {compartment}:" in c for c in captions) == 1
    assert all("Change from Month 0 to Month 3" in c and "95% confidence intervals" in c
               and "percentage of the Month 0 median" in c for c in captions)
    # the table with the changes in native units, by its reference (session 30 reviewer: "in the biomarker tables")
    tables = {f"in {family} markers in {compartment}:": "@tbl-immunological" if family == "immunological"
              else "@tbl-biochemical" for family, compartment in pairs}
    for c in captions:
        [table] = [t for k, t in tables.items() if k in c]
        assert c.endswith(f"(the changes in each marker's own unit are in {table}).")


def test_the_synthetic_notice_claims_a_published_design_only_with_an_earlier_report():
    """Session 30 ethics reader: a constructed test study, published nowhere, "mirrors the published design"."""
    import dataclasses

    study, results = example_study(), example_results()
    cfg = results.config.model_copy(update={"reporting": results.config.reporting.model_copy(
        update={"prior_report": None})})
    rc.clear_cache()
    try:
        other = rc.use_results(dataclasses.replace(study, config=cfg), dataclasses.replace(results, config=cfg))
        notice = other.synthetic_notice()
    finally:
        rc.clear_cache()
    assert "published" not in notice
    assert "It describes no real patients and must not be used for clinical or scientific conclusions." in notice
