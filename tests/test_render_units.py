"""Units of the embedded engine: metadata merging, shortcodes, numbering, parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreport.render import parse_qmd, render_document
from alsreport.render.crossref import CrossrefOptions, apply_crossrefs
from alsreport.render.metadata import html_options, merge_configs, meta_lookup, prepare_config, resolve_format
from alsreport.render.pandoc import markdown_to_ast, pandoc_path, pandoc_version
from alsreport.render.shortcodes import expand_shortcodes

from render_helpers import NBSP, PROJECT


def test_merge_configs_as_quarto() -> None:
    project = {"format": {"html": {"toc": True, "css": ["a.css"], "toc-depth": 2}}, "lang": "en", "x": {"a": 1}}
    document = {"format": {"html": {"toc-depth": 3, "css": ["b.css"]}}, "x": {"b": 2}, "lang": "de"}
    merged = merge_configs(project, document)
    fmt = resolve_format(merged)
    assert fmt["toc"] is True and fmt["toc-depth"] == 3  # document wins
    assert fmt["css"] == ["a.css", "b.css"]  # lists concatenate
    assert merged["x"] == {"a": 1, "b": 2} and fmt["lang"] == "de"


def test_format_forms_and_css_paths(tmp_path: Path) -> None:
    assert prepare_config({"format": "html"}, tmp_path)["format"] == {"html": {}}
    assert prepare_config({"format": {"html": "default", "pdf": {}}}, tmp_path)["format"] == {"html": {}, "pdf": {}}
    cfg = prepare_config({"css": "s.css", "format": {"html": {"css": ["t.css", "https://x/y.css"]}}}, tmp_path)
    # within one file, format: html: options are folded over its top-level keys (lists concatenate)
    assert cfg["css"] == [str(tmp_path / "s.css"), str(tmp_path / "t.css"), "https://x/y.css"]
    assert cfg["format"]["html"] == {}


def test_documents_top_level_options_beat_the_projects_format_options(tmp_path: Path) -> None:
    # Quarto resolves each file's format first: a document's `toc: false` wins over the project's
    # `format: html: toc: true` (checked with Quarto 1.11 in tests/quarto_corpus/precedence.qmd)
    project = prepare_config({"format": {"html": {"toc": True, "number-sections": True}}}, tmp_path)
    document = prepare_config({"toc": False}, tmp_path)
    fmt = resolve_format(merge_configs(project, document))
    assert fmt["toc"] is False and fmt["number-sections"] is True


def test_html_options_and_authors() -> None:
    opts = html_options({
        "title": "T", "author": [{"name": "A"}, {"name": {"given": "B", "family": "C"}}, "D"],
        "date": "2024-01-02", "keywords": "x, y", "format": {"html": {"number-sections": True, "self-contained": True}},
        "execute": {"echo": True},
    })
    assert opts.authors == ("A", "B C", "D") and opts.keywords == ("x", "y")
    assert opts.number_sections and opts.embed_resources and opts.execute == {"echo": True}
    assert not opts.toc and opts.toc_depth == 3


def test_a_page_title_and_body_classes_reach_the_page_as_in_quarto(tmp_path) -> None:
    """The safety report has no title (its study title is its h1): its <title> is ``pagetitle:`` and its body
    carries ``body-classes:``, as Quarto writes them; the embedded engine dropped both (the page's <title> was the
    file's name)."""
    qmd = tmp_path / "doc.qmd"
    qmd.write_text('---\npagetitle: "Safety report"\nbody-classes: alsr-x alsr-y\n---\n\n## Summary\n\nText.\n',
                   encoding="utf-8")
    result = render_document(qmd, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert "<title>Safety report</title>" in html and '<body class="alsr-x alsr-y">' in html
    assert "<h1" not in html


def test_meta_lookup_and_shortcodes() -> None:
    meta = {"study": {"name": "S", "arms": ["a", "b"]}, "n": 3}
    assert meta_lookup(meta, "study.arms.1") == "a"  # list items count from 1, as in Quarto
    assert meta_lookup(meta, "study.arms.2") == "b"
    text, warnings = expand_shortcodes("{{< meta study.name >}} {{< meta n >}} {{< meta nope >}} {{{< meta n >}}}", meta, "d.qmd")
    assert text == "S 3 **?meta:nope** {{< meta n >}}"
    assert warnings == ["d.qmd: {{< meta nope >}}: no such metadata key; rendered as ?meta:nope"]
    text, warnings = expand_shortcodes("a\n{{< pagebreak >}}\n{{< video x >}}", meta, "d.qmd")
    assert "```{=html}\n<div class=\"page-break\"" in text and "{{< video x >}}" in text
    assert "video" in warnings[0]


def test_shortcodes_false_keeps_a_code_blocks_text() -> None:
    # Quarto 1.11: ```{.markdown shortcodes="false"} shows {{< meta … >}} as written; other blocks expand it
    text = '```{.markdown shortcodes="false"}\n{{< meta n >}}\n```\n\n```markdown\n{{< meta n >}}\n```\n'
    out, warnings = expand_shortcodes(text, {"n": 3}, "d.qmd")
    assert out.split("\n")[1] == "{{< meta n >}}" and out.split("\n")[5] == "3" and warnings == []


def test_parse_qmd_cells_and_includes() -> None:
    doc = parse_qmd(PROJECT / "main.qmd", project_dir=PROJECT)
    assert doc.front_matter["study"]["name"] == "ALS-TEST"
    assert [p.name for p in doc.files] == ["main.qmd", "intro.qmd", "nested.qmd"]
    table = next(c for c in doc.cells if c.label == "tbl-demo")
    assert table.options["tbl-cap"] == "Demographics of the fixture study"
    assert table.loc.line == 59 and table.code_line == 62 and table.code.startswith("import pandas")
    included = next(c for c in doc.chunks if hasattr(c, "locs") and "parts/intro.qmd" in c.text)
    line = next(loc for t, loc in zip(included.text.split("\n"), included.locs, strict=False) if "parts/intro.qmd" in t)
    assert line.path.name == "intro.qmd" and line.line == 1


def _numbers(markdown: str, **kwargs) -> tuple[str, list[str]]:
    ast = markdown_to_ast(markdown, what="t")
    warnings = apply_crossrefs(ast["blocks"], CrossrefOptions(**kwargs), where="t.qmd")
    import json

    return json.dumps(ast["blocks"], ensure_ascii=False), warnings


def test_sections_number_from_the_top_heading_level() -> None:
    out, warnings = _numbers("## Intro {#sec-intro}\n\n### Sub\n\n## Next {.unnumbered}\n\n## Last\n\nSee @sec-intro.",
                             number_sections=True)
    assert '"c": "1"' in out and '"c": "1.1"' in out and '"c": "2"' in out
    assert f"Section{NBSP}1" in out and warnings == []


def test_unnumbered_section_reference_shows_title() -> None:
    out, warnings = _numbers("# Methods {#sec-m}\n\nSee @sec-m.")
    assert '"#sec-m"' in out and "unnumbered section" in warnings[0]


def test_crossref_titles_from_metadata() -> None:
    opts = CrossrefOptions.from_metadata({"crossref": {"tbl-title": "Tab.", "tbl-prefix": "Tab."}})
    assert opts.titles["tbl"] == "Tab." and opts.prefixes["tbl"] == "Tab." and opts.prefixes["fig"] == "Figure"


def test_markdown_image_figures_are_numbered(tmp_path: Path) -> None:
    svg = tmp_path / "dot.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><circle r="2" cx="2" cy="2"/></svg>')
    doc = tmp_path / "img.qmd"
    doc.write_text("---\ntitle: Img\n---\n\n![A dot](dot.svg){#fig-dot}\n\nSee @fig-dot.\n")
    result = render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])
    html = result.outputs["html"].read_text()
    assert f"Figure{NBSP}1: A dot" in html and f">Figure{NBSP}1</a>" in html
    assert 'src="data:image/svg+xml;base64,' in html and 'src="dot.svg"' not in html


def test_pandoc_comes_from_the_wheel() -> None:
    assert "pypandoc" in pandoc_path()
    assert pandoc_version().startswith("pandoc 3")


def test_non_python_cells_are_refused(tmp_path: Path) -> None:
    from alsreport.render import QmdSyntaxError

    doc = tmp_path / "r.qmd"
    doc.write_text("```{r}\n1\n```\n")
    with pytest.raises(QmdSyntaxError, match=r"r.qmd:1: .*engine \{r\}"):
        render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])


def test_cell_warnings_are_shown_and_reported(tmp_path: Path) -> None:
    doc = tmp_path / "w.qmd"
    doc.write_text(
        "```{python}\n#| label: warns\nimport warnings\nwarnings.warn('VISIBLE-WARNING')\n"
        "warnings.warn('OLD-API', DeprecationWarning)\n```\n"
    )
    result = render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])
    html = result.outputs["html"].read_text()
    assert '<div class="cell-output cell-output-stderr">' in html
    assert "UserWarning: VISIBLE-WARNING" in html and "DeprecationWarning: OLD-API" in html
    assert any('cell "warns"' in w and "VISIBLE-WARNING" in w for w in result.warnings)


def test_eval_false_and_fenced_echo(tmp_path: Path) -> None:
    doc = tmp_path / "e.qmd"
    doc.write_text("```{python}\n#| eval: false\n#| echo: true\nraise SystemExit('never run')\n```\n\n"
                   "```{python}\n#| echo: fenced\n1 + 1\n```\n")
    result = render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])
    html = result.outputs["html"].read_text()
    assert "never run" in html  # shown, not executed
    assert "```{python}" in html and "<code>2</code>" in html


def test_pdf_only_render_writes_no_html(tmp_path: Path) -> None:
    doc = tmp_path / "p.qmd"
    doc.write_text("---\ntitle: Only PDF\n---\n\nText.\n")
    result = render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["pdf"], use_cache=False)
    assert list(result.outputs) == ["pdf"] and not (tmp_path / "out" / "p.html").exists()


def test_div_floats_citation_affixes_and_callout_appearance(tmp_path: Path) -> None:
    doc = tmp_path / "d.qmd"
    doc.write_text(
        "::: {#tbl-div}\n| a | b |\n|---|---|\n| 1 | 2 |\n\nDiv table caption\n:::\n\n"
        "See [see @tbl-div, p. 2].\n\n"
        '::: {.callout-important appearance="simple" icon=false}\nImportant body.\n:::\n'
    )
    result = render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])
    html = result.outputs["html"].read_text()
    assert f"Table{NBSP}1: Div table caption" in html
    assert f'see <a href="#tbl-div" class="quarto-xref">Table{NBSP}1</a>, p.{NBSP}2' in html
    assert 'class="callout callout-style-simple callout-important callout-titled no-icon"' in html
    assert "<div class=\"callout-icon-container\">" not in html
    assert result.warnings == []


def test_host_ipython_and_matplotlib_state_are_restored(tmp_path: Path) -> None:
    """A notebook user's shell, backend and working directory survive a render."""
    import os

    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell

    host = InteractiveShell.instance()
    backend, cwd = matplotlib.get_backend(), os.getcwd()
    doc = tmp_path / "m.qmd"
    doc.write_text("```{python}\nimport os, matplotlib.pyplot as plt\nplt.plot([1, 2])\nprint(os.getcwd())\n```\n")
    try:
        result = render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"])
        html = result.outputs["html"].read_text()
        assert "<svg" in html  # figure inlined
        assert InteractiveShell.instance() is host
        assert matplotlib.get_backend() == backend and os.getcwd() == cwd
    finally:
        thread = getattr(host.history_manager, "save_thread", None)
        if thread is not None:
            thread.stop()  # the host shell's history thread would make later forks unsafe
        InteractiveShell.clear_instance()


def test_cells_run_in_the_documents_folder_without_chdir_here(tmp_path: Path, monkeypatch) -> None:
    """Like Quarto's kernel, cells see the document's folder; this process's working directory is never changed."""
    import os

    from alsreport.render.isolated import can_fork

    if not can_fork():
        pytest.skip("another thread runs in this process: the cells run here, in its working directory")
    parent, calls = os.getpid(), []
    real_chdir = os.chdir

    def chdir(path):
        if os.getpid() == parent:
            calls.append(path)
        real_chdir(path)

    monkeypatch.setattr(os, "chdir", chdir)
    (tmp_path / "sub").mkdir()
    doc = tmp_path / "sub" / "w.qmd"
    doc.write_text("```{python}\nimport os\nprint('cwd=' + os.getcwd())\n```\n")
    cwd = os.getcwd()
    result = render_document(doc, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"], use_cache=False)
    assert f"cwd={tmp_path / 'sub'}" in result.outputs["html"].read_text()
    assert calls == [] and os.getcwd() == cwd
