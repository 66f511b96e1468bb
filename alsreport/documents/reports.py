"""``alsreport render``: the manuscript and the ethics-board safety report, HTML and PDF, in one call.

.. code-block:: python

    from alsreport.documents.reports import render_reports
    summary = render_reports("mystudy", reports=["manuscript", "ethics"], formats=["html", "pdf"],
                             engine="auto", out_dir="_output", progress=print)
    summary.outputs   # [Path('_output/manuscript.html'), Path('_output/manuscript.pdf'), ...]
    summary.timings   # {'validate & load': 0.6, 'analyze': 0.1, ...} seconds per stage

Stages: validate and load → analyze → tables and figures → execute the
documents → HTML (pandoc) → PDF (WeasyPrint). One analysis serves both
documents: the results are handed to :mod:`alsreport.documents.context`, which the
documents' first cell asks for them. Tables and figures are built when a
document first uses them.

The documents come from the study folder when it has its own ``_quarto.yml``
and ``report/`` (``alsreport init DIR --with-templates``), else from the
bundled project (:func:`alsreport.documents.resources.project_dir`).

Caching: an unchanged second render (same study files, documents, templates,
alsreport code and library versions) only checks hashes and returns the
existing files. Partial changes reuse what they can (the render engine's own
cache, keyed on the same inputs, skips execution when only a stylesheet
changed, for example).

The study folder reaches the documents as their parameter ``study`` (the cell
tagged ``parameters`` in ``report/_setup.qmd``), under both engines; nothing is
passed through environment variables or the working directory. The Quarto
project step of ``_quarto.yml`` (PDFs after a ``quarto render`` by hand) is
:mod:`alsreport.documents.quarto_hooks`.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from alsreport.documents.project import print_stylesheets, resolve_project
from alsreport.errors import AlsreportError

__all__ = [
    "REPORTS",
    "FORMATS",
    "DEFAULT_FORMATS",
    "DOCX_REPORTS",
    "ENGINES",
    "RenderSummary",
    "render_reports",
    "resolve_project",
    "print_stylesheets",
]

REPORTS = ("manuscript", "ethics")
FORMATS = ("html", "pdf", "docx")
#: what ``render_reports`` writes unless asked (Word only on request)
DEFAULT_FORMATS = ("html", "pdf")
#: the reports with a Word version (``--to docx``): the manuscript, for co-authors to edit
DOCX_REPORTS = ("manuscript",)
ENGINES = ("auto", "embedded", "quarto")


@dataclass
class RenderSummary:
    """What :func:`render_reports` produced."""

    outputs: list[Path] = field(default_factory=list)
    """Files written (or found up to date), per report: HTML then PDF."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage, in pipeline order, plus ``total``."""
    warnings: list[str] = field(default_factory=list)
    engine: str = "embedded"
    cache: str = "miss"
    """``hit`` (nothing rendered), ``partial`` (some steps reused) or ``miss``."""


def _choose_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise AlsreportError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "embedded":
        return "embedded"
    from alsreport.render import quarto_available

    if engine == "quarto":
        if not quarto_available():
            raise AlsreportError("--engine quarto: quarto is not on PATH; install Quarto or use --engine embedded")
        return "quarto"
    return "quarto" if quarto_available() else "embedded"


@dataclass(frozen=True)
class _Request:
    study: Path
    out_dir: Path
    project: Path
    documents: dict[str, Path]
    formats: list[str]
    engine: str


def _request(study_path: Any, out_dir: Any, reports: Sequence[str], formats: Sequence[str], engine: str,
             trust_templates: bool | None = None) -> _Request:
    """The checked request: folders resolved, names known, documents present."""
    study = Path(study_path).expanduser().resolve()
    reports = list(dict.fromkeys(reports))
    wanted = [f for f in FORMATS if f in set(formats)]
    bad = [r for r in reports if r not in REPORTS]
    if bad or not reports:
        raise AlsreportError(f"unknown report {', '.join(bad) or '(none)'}; choose from {', '.join(REPORTS)}")
    if not wanted:
        raise AlsreportError(f"no output format; choose from {', '.join(FORMATS)}")
    if wanted == ["docx"] and not set(reports) & set(DOCX_REPORTS):
        raise AlsreportError(f"only the {', '.join(DOCX_REPORTS)} has a Word version (--to docx); "
                             f"render {', '.join(reports)} to html or pdf")
    if not study.is_dir():
        raise AlsreportError(f"{study} is not a folder; give the study folder (with study.yml)")
    project = resolve_project(study, trust_templates)
    documents = {name: project / "report" / f"{name}.qmd" for name in reports}
    for qmd in documents.values():
        if not qmd.is_file():
            raise AlsreportError(f"the report document {qmd} is missing; restore it or render another report")
    return _Request(study, Path(out_dir).expanduser().resolve(), project, documents, wanted, _choose_engine(engine))


def _pdf_variant(report: str, pdf_standard: str | None, config: Any) -> str | None:
    """WeasyPrint's ``pdf_variant`` for ``report`` (None: a plain PDF, still tagged)."""
    chosen = pdf_standard or (config.safety.pdf_standard if report == "ethics" else "none")
    return None if chosen == "none" else chosen


#: Modules the documents' processes import anyway, imported while a forked child reads and analyses the study
#: (``parallel``): the analysis, the documents' context, and for the embedded engine its cell runner (IPython),
#: pyplot (each document's shell turns on inline figures) and WeasyPrint (measuring tables, the PDFs).
_AHEAD_IMPORTS = ("alsreport.analysis.run", "alsreport.documents.context")
_AHEAD_IMPORTS_EMBEDDED = ("alsreport.render.execute", "matplotlib.pyplot", "weasyprint")


def _load_and_analyze(req: _Request, summary: RenderSummary, say: Callable[[str], None],
                      parallel: bool) -> tuple[Any, Any]:  # Study, Results
    """The study and its results, in a forked child while this process imports what the documents need
    (:mod:`alsreport.documents.analysis_ahead`: ``parallel``, a small study, a CPU idle), else here."""
    say(f"validate and load {req.study}")
    if parallel:
        from alsreport.documents.analysis_ahead import load_and_analyze

        extra = _AHEAD_IMPORTS_EMBEDDED if req.engine == "embedded" and req.formats != ["docx"] else ()
        study, results, seconds = load_and_analyze(req.study, _AHEAD_IMPORTS + extra)
        say("analyze: paired tests, estimates, adjustments, summaries")
        summary.timings.update(seconds)
        return study, results
    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study

    t = time.perf_counter()
    study = load_study(req.study)
    summary.timings["validate & load"] = time.perf_counter() - t
    say("analyze: paired tests, estimates, adjustments, summaries")
    t = time.perf_counter()
    results = analyze(study)
    summary.timings["analyze"] = time.perf_counter() - t
    return study, results


def _analyze(req: _Request, summary: RenderSummary, say: Callable[[str], None],
             parallel: bool = False) -> Any:  # ReportContext
    """Validate, load and analyze once; hand the results to the documents' context.
    ``parallel``: on two cores (:func:`_load_and_analyze`)."""
    study, results = _load_and_analyze(req, summary, say, parallel)
    summary.warnings.extend(f"{req.study.name}: {w}" for w in study.warnings)
    summary.warnings.extend(results.warnings)
    from alsreport.documents.context import use_results

    ctx = use_results(study, results)
    # The tables and figures are built by the document that shows them, in its own process, when it first
    # asks (documents.table_cache, documents.figure_cache): nothing one report alone needs delays the other.
    return ctx


def reference_doc(project: Path) -> Path:
    """The Word styles: ``<project>/templates/reference.docx``, else the bundled one."""
    from alsreport.documents.resources import project_dir

    own = project / "templates" / "reference.docx"
    return own if own.is_file() else project_dir() / "templates" / "reference.docx"


def _tasks(req: _Request, fingerprint: str, use_cache: bool) -> list[Any]:
    """One task per document for HTML and PDF, one more for a Word version (executed for Word)."""
    from alsreport.documents.quarto_hooks import ENV_SKIP_HOOKS
    from alsreport.documents.workers import DocumentTask

    env = {ENV_SKIP_HOOKS: "1"} if req.engine == "quarto" else {}
    pages = tuple(f for f in req.formats if f != "docx")
    tasks = []
    for name, qmd in req.documents.items():
        common = dict(engine=req.engine, qmd=qmd, project=req.project, out_dir=req.out_dir,
                      print_css=tuple(print_stylesheets(qmd, req.project)), inputs_fingerprint=fingerprint,
                      use_cache=use_cache, env=env)
        if pages:
            tasks.append(DocumentTask(name=name, formats=pages, params={"study": str(req.study)}, **common))
        if "docx" in req.formats and name in DOCX_REPORTS:
            # its own cache folder: the HTML task of the same document may run meanwhile in another process
            tasks.append(DocumentTask(name=f"{name} (Word)", formats=("docx",),
                                      params={"study": str(req.study), "target": "docx"},
                                      reference_doc=reference_doc(req.project),
                                      cache_dir=req.out_dir / ".alsreport-cache" / "docx", **common))
    return tasks


def _collect(req: _Request, tasks: list[Any], rendered: dict[str, Any], summary: RenderSummary) -> None:
    exec_s = html_s = pdf_s = 0.0
    caches = []
    for t in tasks:
        res = rendered[t.name]
        exec_s += res.timings.get("quarto" if req.engine == "quarto" else "execute", 0.0)
        html_s += res.timings.get("pandoc", 0.0)
        pdf_s += res.timings.get("pdf", 0.0)
        caches.append(res.cache)
        summary.warnings.extend(res.warnings)
        summary.outputs.extend(res.paths)
    summary.timings["execute documents"] = exec_s
    if req.engine == "embedded":
        summary.timings["HTML (pandoc)"] = html_s
    if "pdf" in req.formats:
        summary.timings["PDF (WeasyPrint)"] = pdf_s
    summary.cache = "partial" if any(c in ("hit", "partial") for c in caches) else "miss"
    summary.warnings = list(dict.fromkeys(summary.warnings))


def render_reports(
    study_path: str | os.PathLike[str],
    *,
    reports: Sequence[str] = REPORTS,
    formats: Sequence[str] = DEFAULT_FORMATS,
    engine: str = "auto",
    out_dir: str | os.PathLike[str] = "_output",
    progress: Callable[[str], None] | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    pdf_standard: str | None = None,
    trust_templates: bool | None = None,
    parallel: bool = False,
) -> RenderSummary:
    """Render ``reports`` of the study in ``study_path`` to ``formats`` in ``out_dir``, holding its lock.

    A second run on the same ``out_dir`` meanwhile raises
    :class:`~alsreport.documents.outputs.OutputBusy`; temp files of killed runs are removed first.
    The reports are a consistent set: they are rendered into a private folder and
    swapped in when all succeeded (:mod:`alsreport.documents.staging`); a failed or
    killed render leaves the previous ``<report>.<format>`` files. ``trust_templates``: use the
    study folder's own ``_quarto.yml``/``report/``/``templates/`` (:mod:`alsreport.documents.trust`;
    default: only if its study.yml says so). ``parallel`` (the command line's choice): while a second CPU is free the
    study is read, checked and analysed in a forked child as the documents' modules are imported
    (:mod:`~alsreport.documents.analysis_ahead`; outputs are the same). See :func:`_render_reports` for the rest.
    """
    from alsreport.documents.outputs import output_lock

    out = Path(out_dir).expanduser().resolve()
    with output_lock(out):
        return _render_reports(study_path, reports=reports, formats=formats, engine=engine, out_dir=out_dir,
                               progress=progress, use_cache=use_cache, jobs=jobs, pdf_standard=pdf_standard,
                               trust_templates=trust_templates, parallel=parallel)


def _render_reports(
    study_path: str | os.PathLike[str],
    *,
    reports: Sequence[str] = REPORTS,
    formats: Sequence[str] = DEFAULT_FORMATS,
    engine: str = "auto",
    out_dir: str | os.PathLike[str] = "_output",
    progress: Callable[[str], None] | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    pdf_standard: str | None = None,
    trust_templates: bool | None = None,
    parallel: bool = False,
) -> RenderSummary:
    """Render ``reports`` of the study in ``study_path`` to ``formats`` in ``out_dir``.

    Raises :class:`~alsreport.errors.StudyInvalid` (every problem of the data at
    once) or another :class:`~alsreport.errors.AlsreportError` (a failed step,
    with a message naming the document, cell and line).

    ``jobs``: processes for the documents (default: one per document, up to the
    CPUs; documents render in forked workers that share the analysis). The
    per-stage ``timings`` add up the work of all documents; ``total`` is the
    elapsed time. ``pdf_standard``: ``none``, ``pdf/a-3u`` or ``pdf/ua-1`` for every PDF; None: the
    ethics report as ``safety.pdf_standard`` in study.yml (default pdf/a-3u), the manuscript plain.
    Every PDF is tagged (structure tree, alt text, language). ``docx`` in ``formats``: the
    manuscript as Word (:data:`DOCX_REPORTS`; the ethics report has none), executed a second time
    for Word (tables as Word tables, figures as images).
    """
    from alsreport.documents import fingerprint as fp

    started = time.perf_counter()
    say = progress or (lambda message: None)
    req = _request(study_path, out_dir, reports, formats, engine, trust_templates)
    from alsreport.documents.resources import project_dir
    from alsreport.documents.trust import choose_templates

    notice = choose_templates(req.study, project_dir().resolve(), trust_templates).notice
    if notice:
        say(notice)
    summary = RenderSummary(engine=req.engine)
    t = time.perf_counter()
    fingerprint = fp.inputs_fingerprint(req.study, project=req.project, documents=list(req.documents.values()),
                                        exclude=[req.out_dir])
    # the PDF standard asked for is part of the request (with the formats)
    key = fp.request_key(fingerprint, req.project, req.study, req.engine, list(req.documents),
                         [*req.formats, f"pdf-standard={pdf_standard}"])
    summary.timings["check cache"] = time.perf_counter() - t
    hit = fp.manifest_hit(req.out_dir, key) if use_cache else None
    if hit is not None:
        say(f"inputs unchanged: reusing {', '.join(p.name for p in hit[0])}")
        summary.outputs, summary.warnings, summary.cache = hit[0], hit[1], "hit"
        summary.timings["total"] = time.perf_counter() - started
        return summary
    ctx = _analyze(req, summary, say, parallel)
    _render_staged(req, fingerprint, key, ctx, summary, say, pdf_standard=pdf_standard, use_cache=use_cache,
                   jobs=jobs)
    summary.timings["total"] = time.perf_counter() - started
    return summary


def _write_data_s1(ctx: Any, folder: Path) -> list[Path]:
    """The manuscript's Supplementary Data S1 beside it: ``comparisons.csv``, the file ``alsreport analyze`` writes
    (the same writer, so the same bytes), which the tables' notes and the data availability statement name
    (:data:`alsreport.present.supplement_numbers.DATA_S1`), and its data dictionary ``comparisons-columns.csv``
    (reader 12b item 12: the file's codes and columns were explained nowhere)."""
    from alsreport.present.supplement_numbers import DATA_S1_DICTIONARY_FILE, DATA_S1_FILE
    from alsreport.results.writer import write_comparisons, write_comparisons_dictionary

    path = Path(folder) / DATA_S1_FILE
    write_comparisons(ctx.results, path)
    dictionary = Path(folder) / DATA_S1_DICTIONARY_FILE
    write_comparisons_dictionary(ctx.results, dictionary)   # the same bytes as alsreport analyze's
    return [path, dictionary]


def _sources(out_dir: Path, earlier: dict[str, str], outputs: list[Path], fingerprint: str,
             warnings: list[str]) -> dict[str, str]:
    """The inputs fingerprint of every file of ``out_dir`` once this run's ``outputs`` are in: this run's, and the
    earlier runs' files still there. A file left from other inputs gets a warning (session 33 user: after a data
    correction rendered to HTML only, the folder held the new HTML and the PDF of the old data, unsaid)."""
    made = {p.name for p in outputs}
    kept = {name: f for name, f in earlier.items() if name not in made and (Path(out_dir) / name).is_file()}
    for name, f in sorted(kept.items()):
        if f != fingerprint:
            to = Path(name).suffix.lstrip(".")
            again = f"render it again (--to {to})" if to in FORMATS else "render its report again"
            warnings.append(f"{name} in {out_dir} is from an earlier render with other inputs (the data, the study "
                            f"or the templates have changed since) and was not rendered this time: {again} or remove "
                            "it")
    return {**kept, **dict.fromkeys(sorted(made), fingerprint)}


def _render_staged(req: _Request, fingerprint: str, key: str, ctx: Any, summary: RenderSummary,
                   say: Callable[[str], None], *, pdf_standard: str | None, use_cache: bool, jobs: int | None) -> None:
    """Render every document into a private folder, then swap the set into ``req.out_dir``, the manifest last.

    ``ctx``: the documents' :class:`~alsreport.documents.context.ReportContext`. The listings the safety report
    summarises are written in full into the folder first (the PDF attaches them; they land beside it)."""
    from alsreport.documents import fingerprint as fp
    from alsreport.documents.figure_prefetch import svg_helper_for
    from alsreport.documents.staging import staged
    from alsreport.documents.workers import render_all, worker_count

    names = [f"{name}.{f}" for name in req.documents for f in req.formats if f != "docx" or name in DOCX_REPORTS]
    earlier = fp.made_from(req.out_dir) if use_cache else {}
    with staged(req.out_dir, names) as stage:
        in_stage = replace(req, out_dir=stage)
        listings = []
        if "ethics" in req.documents:
            from alsreport.documents.listing_pages import write_listing_files

            listings = write_listing_files(ctx, stage)
        if "manuscript" in req.documents:
            listings.extend(_write_data_s1(ctx, stage))
        tasks = [replace(t, pdf_variant=_pdf_variant(t.name, pdf_standard, ctx.config))
                 for t in _tasks(in_stage, fingerprint, use_cache)]
        workers = worker_count(jobs, len(tasks), req.engine)
        if workers > 1:
            say(f"documents: {', '.join(req.documents)} in {workers} processes")
        helper = (svg_helper_for(ctx, list(req.documents), req.formats, workers, stage)
                  if req.engine == "embedded" else None)
        ctx.share_svgs(helper)  # the figures' SVG drawn meanwhile by a third process (documents.figure_prefetch)
        try:
            _collect(in_stage, tasks, render_all(tasks, workers, say), summary)
        finally:
            if helper is not None:
                ctx.share_svgs(None)
                helper.close()
        summary.outputs.extend(listings)
        sources = _sources(req.out_dir, earlier, summary.outputs, fingerprint, summary.warnings)
        if use_cache:
            fp.write_manifest(stage, key, summary.outputs, summary.warnings, sources)
    summary.outputs = [req.out_dir / p.name for p in summary.outputs]


def main(argv: Sequence[str] | None = None) -> int:
    """Kept for ``_quarto.yml`` files written before :mod:`alsreport.documents.quarto_hooks` existed."""
    from alsreport.documents.quarto_hooks import main as hooks_main

    args = list(argv) if argv is not None else None
    if args is None:
        import sys

        args = sys.argv[1:]
    if args == ["pre-render"]:
        return 0  # results files are `alsreport analyze`'s job
    return hooks_main(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
