"""``render_document``: one ``.qmd`` to HTML and PDF with the embedded engine, cached.

Stages: :func:`parse_qmd` → :func:`execute_cells` → :func:`to_markdown` →
:func:`pandoc_to_html` → :func:`html_to_pdf`; for Word, :func:`to_markdown` →
:func:`~alsreport.render.docx.pandoc_to_docx`. Outputs are written atomically.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from importlib import metadata as _md
from pathlib import Path
from typing import Any, Callable, Sequence

from alsreport.render.atomic import atomic_write_text
from alsreport.render.cache import ENGINE_CACHE_VERSION, RenderCache, hash_files, hash_parts, stable_json
from alsreport.render.crossref import CrossrefOptions
from alsreport.render.errors import RenderError
from alsreport.render.metadata import html_options, load_project_config, merge_configs, prepare_config, resolve_format
from alsreport.render.source import QmdDocument, parse_qmd

__all__ = ["DEFAULT_FORMATS", "FORMATS", "RenderResult", "default_template", "render_document"]

FORMATS = ("html", "pdf", "docx")
#: what a render writes unless asked otherwise (Word only on request)
DEFAULT_FORMATS = ("html", "pdf")


@dataclass
class RenderResult:
    """What a render did: files written, seconds per stage, warnings for people."""

    document: Path
    outputs: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    cache: str = "miss"
    engine: str = "embedded"

    @property
    def paths(self) -> list[Path]:
        """The output files, HTML first."""
        return [self.outputs[f] for f in FORMATS if f in self.outputs]


def _version(dist: str) -> str:
    try:
        return _md.version(dist)
    except _md.PackageNotFoundError:
        return "?"


def default_template(project_dir: Path) -> Path:
    """``<project>/templates/page.html``, else the one installed with alsreport."""
    candidates = [
        Path(project_dir) / "templates" / "page.html",
        Path(__file__).resolve().parents[2] / "templates" / "page.html",  # source checkout
        Path(sys.prefix) / "share" / "alsreport" / "templates" / "page.html",  # installed data files
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise RenderError(
        "cannot find the page template templates/page.html; looked in "
        + ", ".join(str(c) for c in candidates) + ". Reinstall alsreport."
    )


def _locator(doc: QmdDocument) -> Callable[[str], str]:
    """``label`` → `` (file.qmd:12)`` where ``@label`` first appears in the source."""

    def locate(label: str) -> str:
        needle = "@" + label
        for chunk in doc.chunks:
            locs = getattr(chunk, "locs", None)
            if locs is None:
                continue
            for line, loc in zip(chunk.text.split("\n"), locs, strict=False):
                if needle in line:
                    return f" ({loc})"
        return ""

    return locate


def _css_files(paths: Sequence[str | Path], where: str, warnings: list[str]) -> list[Path]:
    out: list[Path] = []
    for item in paths:
        text = str(item)
        if "://" in text or text.startswith("//"):
            warnings.append(f"{where}: stylesheet {text} is remote; not fetched or embedded")
            continue
        out.append(Path(text))
    return out


def _execute_to_markdown(doc: QmdDocument, merged: dict[str, Any], options: Any, params: dict[str, Any] | None,
                         debug: bool) -> tuple[str, list[str]]:
    """Run the cells and inline code, then assemble the markdown (in the document's folder: see render.isolated)."""
    from alsreport.render.execute import execute_cells
    from alsreport.render.markdown import to_markdown

    executed = execute_cells(doc, execute_options=options.execute, params=params, debug=debug)
    markdown, md_warnings = to_markdown(executed, merged, options)
    return markdown, executed.warnings + md_warnings


@dataclass
class _Prepared:
    """The parsed document and everything derived from its metadata."""

    qmd: Path
    project_dir: Path
    output_dir: Path
    where: str
    doc: QmdDocument
    merged: dict[str, Any]
    options: Any
    crossref: CrossrefOptions
    css_files: list[Path]
    print_files: list[Path]
    template: Path
    reference_doc: Path | None = None


@dataclass
class _CachePlan:
    """Cache keys per stage, output paths and the document's cache."""

    caching: bool
    exec_key: str
    keys: dict[str, str]
    paths: dict[str, Path]
    cache: RenderCache
    manifest: dict[str, Any]


def _wanted_formats(to: Sequence[str]) -> list[str]:
    wanted = [f for f in FORMATS if f in set(to)]
    unknown = sorted(set(to) - set(FORMATS))
    if unknown or not wanted:
        raise RenderError(f"cannot render to {', '.join(unknown) or 'nothing'}; choose from {', '.join(FORMATS)}")
    return wanted


def _prepare(qmd: Path, project_dir: Path, output_dir: Path, css: Sequence[Path] | None,
             print_css: Sequence[Path] | None, template: Path | None, result: RenderResult) -> _Prepared:
    """Parse the document, merge its metadata with the project's, resolve stylesheets and template."""
    where = qmd.name
    doc = parse_qmd(qmd, project_dir=project_dir)
    merged = merge_configs(load_project_config(project_dir), prepare_config(doc.front_matter, qmd.parent))
    options = html_options(merged, qmd)
    fmt = resolve_format(merged, "html")
    crossref = CrossrefOptions.from_metadata(fmt)
    css_files = _css_files([*options.css, *(css or ())], where, result.warnings)
    print_files = [Path(p) for p in (print_css or ())]
    template = Path(template) if template else default_template(project_dir)
    if not options.embed_resources:
        result.warnings.append(f"{where}: embed-resources: false is ignored; the embedded engine always "
                               "writes one self-contained HTML file")
    return _Prepared(qmd, project_dir, output_dir, where, doc, merged, options, crossref, css_files, print_files,
                     template)


def _cache_plan(prep: _Prepared, *, params: dict[str, Any] | None, inputs_fingerprint: str, use_cache: bool,
                cache_dir: Path | None, pdf_variant: str | None, result: RenderResult) -> _CachePlan:
    """Cache keys: execution (sources, metadata, params, inputs), HTML (+ template, css), PDF (+ print css)."""
    from alsreport import __version__

    params_json = stable_json(params or {})
    caching = use_cache and (params_json is not None or bool(inputs_fingerprint))
    if use_cache and not caching:
        result.warnings.append(
            f"{prep.where}: params hold objects that cannot be hashed and no inputs_fingerprint was given; cache off"
        )
    meta_json = stable_json(prep.merged) or repr(prep.merged)
    exec_key = hash_parts("exec", ENGINE_CACHE_VERSION, __version__, hash_files(prep.doc.files), meta_json,
                          params_json or "", inputs_fingerprint)
    html_key = hash_parts("html", exec_key, hash_files([prep.template, *prep.css_files]), _version("pypandoc_binary"))
    pdf_key = hash_parts("pdf", html_key, hash_files(prep.print_files), str(pdf_variant), _version("weasyprint"))
    docx_key = hash_parts("docx", exec_key, hash_files([prep.reference_doc] if prep.reference_doc else []),
                          _version("pypandoc_binary"))
    keys = {"html": html_key, "pdf": pdf_key, "docx": docx_key}
    paths = {f: prep.output_dir / f"{prep.qmd.stem}.{f}" for f in FORMATS}
    cache = RenderCache.for_document(Path(cache_dir) if cache_dir else prep.output_dir / ".alsreport-cache",
                                     prep.qmd)
    manifest = cache.manifest() if caching else {}
    return _CachePlan(caching, exec_key, keys, paths, cache, manifest)


def _cache_hit(plan: _CachePlan, wanted: list[str], result: RenderResult, started: float) -> bool:
    """When every wanted output is current, fill ``result`` from the cache and return True."""
    current = {f: plan.caching and plan.cache.output_current(f, plan.keys[f], plan.paths[f]) for f in FORMATS}
    if not all(current[f] for f in wanted):
        return False
    result.outputs = {f: plan.paths[f] for f in wanted}
    result.warnings.extend(plan.manifest.get("warnings", []))
    result.skipped = ["execute", "pandoc", "pdf"] + (["docx"] if "docx" in wanted else [])  # Word only on request
    result.cache = "hit"
    result.timings.update(execute=0.0, pandoc=0.0, pdf=0.0, docx=0.0, total=time.perf_counter() - started)
    return True


def _execute_stage(prep: _Prepared, plan: _CachePlan, params: dict[str, Any] | None, debug: bool,
                   result: RenderResult) -> str:
    """Execute (cells + inline code) and assemble markdown; cached on the exec key."""
    cached_md = plan.cache.load_markdown(plan.exec_key) if plan.caching else None
    if cached_md is not None:
        markdown, exec_warnings = cached_md
        result.skipped.append("execute")
    else:
        from alsreport.render.isolated import run_in_folder

        markdown, exec_warnings = run_in_folder(_execute_to_markdown, prep.doc, prep.merged, prep.options, params,
                                                debug, folder=prep.qmd.parent)
        if plan.caching:
            plan.cache.store_markdown(plan.exec_key, markdown, exec_warnings)
    result.warnings.extend(exec_warnings)
    return markdown


def _html_stage(prep: _Prepared, plan: _CachePlan, markdown: str, wanted: list[str], result: RenderResult) -> str:
    """pandoc → HTML (reused when only the print side changed); return the HTML."""
    from alsreport import __version__

    caching, cache, manifest, html_key = plan.caching, plan.cache, plan.manifest, plan.keys["html"]
    html_needed_on_disk = "html" in wanted
    html_path = plan.paths["html"] if html_needed_on_disk else cache.folder / f"{prep.qmd.stem}.html"
    html_warnings: list[str]
    if caching and cache.output_current("html", html_key, html_path) or (
        caching and not html_needed_on_disk and cache.output_current("html-pdf", html_key, html_path)
    ):
        html = html_path.read_text(encoding="utf-8")
        html_warnings = list(manifest.get("html-warnings", []))
        result.skipped.append("pandoc")
    else:
        from alsreport.render.file_links import link_file_names, link_files
        from alsreport.render.html import pandoc_to_html

        generator = f"alsreport {__version__} (embedded engine; pandoc, WeasyPrint)"
        html, html_warnings = pandoc_to_html(
            markdown, document=prep.qmd, options=prep.options, crossref=prep.crossref, template=prep.template,
            css_files=prep.css_files, roots=[prep.project_dir, prep.qmd.parent, prep.template.parent],
            generator=generator, locate=_locator(prep.doc),
        )
        # the mentions of the files beside the page link to them (the PDF prints them as text): render/file_links.py
        html = link_files(html, link_file_names(prep.doc.front_matter), prep.output_dir)
        if html_needed_on_disk or caching:
            atomic_write_text(html_path, html)
        if caching:
            cache.record_output(manifest, "html" if html_needed_on_disk else "html-pdf", html_key, html_path)
            manifest["html-warnings"] = html_warnings
    result.warnings.extend(html_warnings)
    if html_needed_on_disk:
        result.outputs["html"] = html_path
    return html


def _pdf_stage(prep: _Prepared, plan: _CachePlan, html: str, pdf_variant: str | None,
               result: RenderResult) -> None:
    """WeasyPrint → PDF."""
    from alsreport.render.pdf import html_to_pdf

    output_dir, pdf_path = prep.output_dir, plan.paths["pdf"]
    allowed = [output_dir, prep.template.parent, *(p.parent for p in prep.print_files),
               *(p.parent for p in prep.css_files)]
    pdf_warnings = html_to_pdf(html, pdf_path, base_dir=output_dir, allowed_dirs=allowed,
                               stylesheets=prep.print_files, pdf_variant=pdf_variant,
                               where=prep.qmd.with_suffix(".pdf").name)
    result.warnings.extend(pdf_warnings)
    result.outputs["pdf"] = pdf_path
    if plan.caching:
        plan.cache.record_output(plan.manifest, "pdf", plan.keys["pdf"], pdf_path)
        plan.manifest["pdf-warnings"] = pdf_warnings


def _docx_stage(prep: _Prepared, plan: _CachePlan, markdown: str, result: RenderResult) -> None:
    """pandoc's docx writer → ``<stem>.docx`` (numbered floats, Word tables; :mod:`alsreport.render.docx`)."""
    from alsreport.render.atomic import atomic_path
    from alsreport.render.docx import pandoc_to_docx
    from alsreport.render.docx_finish import finish_docx

    path = plan.paths["docx"]
    # the docx format's own options (Quarto resolves each format separately: the html format's
    # number-sections does not number the Word headings)
    merged = merge_configs(load_project_config(prep.project_dir, "docx"),
                           prepare_config(prep.doc.front_matter, prep.qmd.parent, "docx"))
    crossref = CrossrefOptions.from_metadata(resolve_format(merged, "docx"))
    with atomic_path(path) as tmp:
        result.warnings.extend(pandoc_to_docx(markdown, tmp, document=prep.qmd, crossref=crossref,
                                              reference_doc=prep.reference_doc, locate=_locator(prep.doc)))
        finish_docx(tmp)   # no joiner in a copied range or name; alt text as each picture's description
    result.outputs["docx"] = path
    if plan.caching:
        plan.cache.record_output(plan.manifest, "docx", plan.keys["docx"], path)


def _finish(plan: _CachePlan, result: RenderResult, started: float) -> None:
    """Deduplicate warnings, save the cache manifest, set the cache status and total time."""
    result.warnings = list(dict.fromkeys(result.warnings))
    if plan.caching:
        plan.manifest["warnings"] = result.warnings
        plan.cache.save_manifest(plan.manifest)
    result.cache = "partial" if result.skipped else ("miss" if plan.caching else "off")
    result.timings["total"] = time.perf_counter() - started


def render_document(
    qmd: Path,
    *,
    project_dir: Path,
    output_dir: Path,
    to: Sequence[str] = DEFAULT_FORMATS,
    params: dict[str, Any] | None = None,
    css: Sequence[Path] | None = None,
    print_css: Sequence[Path] | None = None,
    cache_dir: Path | None = None,
    inputs_fingerprint: str = "",
    use_cache: bool = True,
    template: Path | None = None,
    pdf_variant: str | None = None,
    reference_doc: Path | None = None,
    debug: bool = False,
) -> RenderResult:
    """Render ``qmd`` into ``output_dir`` as ``<stem>.html`` and/or ``<stem>.pdf``.

    ``params`` become variables of the document's cells. ``css`` stylesheets are
    inlined into the HTML after the document's own ``css:``; ``print_css`` are
    given to WeasyPrint only. ``inputs_fingerprint`` is whatever else the cells
    read (e.g. a hash of the study data and the package version): it is part of
    the cache key. ``to`` may include ``docx`` (pandoc's docx writer with the
    ``reference_doc`` styles, from the same executed markdown). Raises
    :class:`RenderError` (or a subclass) with a message naming the document, cell and line.
    """
    started = time.perf_counter()
    wanted = _wanted_formats(to)
    qmd = Path(qmd).resolve()
    project_dir = Path(project_dir).resolve()
    output_dir = Path(output_dir).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    result = RenderResult(document=qmd)
    timings = result.timings

    t = time.perf_counter()
    prep = _prepare(qmd, project_dir, output_dir, css, print_css, template, result)
    prep.reference_doc = Path(reference_doc).resolve() if reference_doc else None
    timings["parse"] = time.perf_counter() - t

    plan = _cache_plan(prep, params=params, inputs_fingerprint=inputs_fingerprint, use_cache=use_cache,
                       cache_dir=cache_dir, pdf_variant=pdf_variant, result=result)
    if _cache_hit(plan, wanted, result, started):
        return result

    t = time.perf_counter()
    markdown = _execute_stage(prep, plan, params, debug, result)
    timings["execute"] = time.perf_counter() - t

    t = time.perf_counter()
    if "docx" in wanted:
        _docx_stage(prep, plan, markdown, result)
    timings["docx"] = time.perf_counter() - t

    t = time.perf_counter()
    html = _html_stage(prep, plan, markdown, wanted, result) if {"html", "pdf"} & set(wanted) else ""
    timings["pandoc"] = time.perf_counter() - t

    t = time.perf_counter()
    if "pdf" in wanted:
        _pdf_stage(prep, plan, html, pdf_variant, result)
    timings["pdf"] = time.perf_counter() - t

    _finish(plan, result, started)
    return result
