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
and ``report/`` (``alsreport init DIR --with-templates``) and the user trusts them
(:mod:`alsreport.documents.trust`), else from the bundled project (:func:`alsreport.documents.resources.project_dir`).

Caching: an unchanged second render (same study files, documents, templates,
alsreport code and library versions) only checks hashes and returns the
existing files. Partial changes reuse what they can (the render engine's own
cache, keyed on the same inputs, skips execution when only a stylesheet
changed, for example).

``python -m alsreport.documents.reports pre-render|post-render`` are the Quarto project
steps of ``_quarto.yml`` (results files before, PDFs after a ``quarto render``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from alsreport.errors import AlsreportError

__all__ = [
    "REPORTS",
    "FORMATS",
    "ENGINES",
    "RenderSummary",
    "render_reports",
    "resolve_project",
    "print_stylesheets",
    "postrender_pdfs",
    "main",
]

REPORTS = ("manuscript", "ethics")
FORMATS = ("html", "pdf")
ENGINES = ("auto", "embedded", "quarto")

#: Environment variable that tells the Quarto pre/post-render steps to do nothing
#: (``render_reports`` makes the results and PDFs itself when it drives Quarto).
ENV_SKIP_HOOKS = "ALSREPORT_SKIP_HOOKS"

_MANIFEST = "reports.json"
_CACHE_DIR = ".alsreport-cache"


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


# Where things are ------------------------------------------------------------------

def resolve_project(study_path: Path, trust_templates: bool | None = None) -> Path:
    """The study folder when it carries ``_quarto.yml`` and ``report/`` and is trusted; else the bundled project.

    See :mod:`alsreport.documents.trust`.
    """
    from alsreport.documents.resources import project_dir
    from alsreport.documents.trust import choose_templates

    return choose_templates(Path(study_path), project_dir().resolve(), trust_templates).project


def _front_matter(qmd: Path) -> dict[str, Any]:
    import yaml

    text = qmd.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end < 0:
        return {}
    try:
        data = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def print_stylesheets(qmd: Path, project: Path | None = None) -> list[Path]:
    """The print stylesheets a document names (``alsreport: print-css:``, relative to the document).

    Default: ``<project>/templates/print.css``.
    """
    qmd = Path(qmd).resolve()
    meta = _front_matter(qmd).get("alsreport") or {}
    names = meta.get("print-css") if isinstance(meta, dict) else None
    if names:
        names = [names] if isinstance(names, str) else list(names)
        paths = [(qmd.parent / str(n)).resolve() for n in names]
    else:
        paths = [((project or qmd.parent.parent) / "templates" / "print.css").resolve()]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise AlsreportError(f"{qmd.name}: print stylesheet {missing[0]} does not exist "
                             "(check alsreport: print-css: in its front matter)")
    return paths


# Hashing ---------------------------------------------------------------------------

def _hash_file(h: "hashlib._Hash", path: Path, name: str) -> None:
    h.update(name.encode() + b"\0")
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    h.update(b"\0")


def _folder_files(folder: Path, *, skip_dirs: Sequence[str] = ()) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith((".", "__")) or part in skip_dirs for part in rel.parts):
            continue
        if p.is_file():
            out.append(p)
    return out


def _study_key(study: Path) -> str:
    """SHA-256 of the study folder's data files (names and bytes)."""
    h = hashlib.sha256()
    for p in sorted(p for p in Path(study).iterdir() if p.is_file() and not p.name.startswith(".")):
        _hash_file(h, p, p.name)
    return h.hexdigest()


def _code_key() -> str:
    """alsreport's version and the bytes of its Python sources (a code change invalidates renders)."""
    from alsreport import __version__

    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).resolve().parent
    for p in sorted(pkg.rglob("*.py")):
        _hash_file(h, p, str(p.relative_to(pkg)))
    return h.hexdigest()


def _versions() -> str:
    from importlib import metadata

    out = []
    for dist in ("great-tables", "matplotlib", "weasyprint", "pypandoc-binary", "pandas", "numpy", "scipy"):
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=?")
    return ",".join(out)


def _project_key(project: Path) -> str:
    h = hashlib.sha256()
    for name in ("_quarto.yml",):
        if (project / name).is_file():
            _hash_file(h, project / name, name)
    for folder in ("report", "templates"):
        if (project / folder).is_dir():
            for p in _folder_files(project / folder):
                _hash_file(h, p, str(p.relative_to(project)))
    return h.hexdigest()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# The manifest of a complete render ---------------------------------------------------

def _manifest_path(out_dir: Path) -> Path:
    return out_dir / _CACHE_DIR / _MANIFEST


def _manifest_hit(out_dir: Path, key: str) -> list[Path] | None:
    path = _manifest_path(out_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("key") != key:
        return None
    outputs = []
    for name, digest in data.get("outputs", []):
        p = out_dir / name
        if not p.is_file() or _sha256(p) != digest:
            return None
        outputs.append(p)
    return outputs or None


def _write_manifest(out_dir: Path, key: str, outputs: list[Path], warnings: list[str]) -> None:
    from alsreport.render.atomic import atomic_write_text

    data = {"key": key, "outputs": [[p.name, _sha256(p)] for p in outputs], "warnings": warnings}
    path = _manifest_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(data, indent=1, sort_keys=True))


@contextmanager
def _environ(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# The pipeline ------------------------------------------------------------------------

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


def render_reports(
    study_path: str | os.PathLike[str],
    *,
    reports: Sequence[str] = REPORTS,
    formats: Sequence[str] = FORMATS,
    engine: str = "auto",
    out_dir: str | os.PathLike[str] = "_output",
    progress: Callable[[str], None] | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    trust_templates: bool | None = None,
) -> RenderSummary:
    """Render ``reports`` of the study in ``study_path`` to ``formats`` in ``out_dir``, holding its lock.

    A second run on the same ``out_dir`` meanwhile raises
    :class:`~alsreport.documents.outputs.OutputBusy`; temp files of killed runs are removed first.
    The reports are a consistent set: if the render fails (or was killed), the
    previous ``<report>.<format>`` files are put back.
    See :func:`_render_reports` for the rest.
    """
    from alsreport.documents.outputs import keep_previous_on_failure, output_lock

    out = Path(out_dir).expanduser().resolve()
    names = [f"{r}.{f}" for r in reports for f in formats]
    with output_lock(out), keep_previous_on_failure(out, names):
        return _render_reports(study_path, reports=reports, formats=formats, engine=engine, out_dir=out_dir,
                               progress=progress, use_cache=use_cache, jobs=jobs, trust_templates=trust_templates)


def _render_reports(
    study_path: str | os.PathLike[str],
    *,
    reports: Sequence[str] = REPORTS,
    formats: Sequence[str] = FORMATS,
    engine: str = "auto",
    out_dir: str | os.PathLike[str] = "_output",
    progress: Callable[[str], None] | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    trust_templates: bool | None = None,
) -> RenderSummary:
    """Render ``reports`` of the study in ``study_path`` to ``formats`` in ``out_dir``.

    Raises :class:`~alsreport.errors.StudyInvalid` (every problem of the data at
    once) or another :class:`~alsreport.errors.AlsreportError` (a failed step,
    with a message naming the document, cell and line).

    ``jobs``: processes for the documents (default: one per document, up to the
    CPUs; documents render in forked workers that share the analysis).
    ``trust_templates``: use the study folder's own ``_quarto.yml``/``report/``/``templates/``
    (:mod:`alsreport.documents.trust`; default: only if its study.yml says so). The
    per-stage ``timings`` add up the work of all documents; ``total`` is the
    elapsed time.
    """
    started = time.perf_counter()
    say = progress or (lambda message: None)
    study_path = Path(study_path).expanduser().resolve()
    out_dir = Path(out_dir).expanduser().resolve()
    reports = list(dict.fromkeys(reports))
    formats = [f for f in FORMATS if f in set(formats)]
    bad = [r for r in reports if r not in REPORTS]
    if bad or not reports:
        raise AlsreportError(f"unknown report {', '.join(bad) or '(none)'}; choose from {', '.join(REPORTS)}")
    if not formats:
        raise AlsreportError(f"no output format; choose from {', '.join(FORMATS)}")
    if not study_path.is_dir():
        raise AlsreportError(f"{study_path} is not a folder; give the study folder (with study.yml)")
    from alsreport.documents.resources import project_dir
    from alsreport.documents.trust import choose_templates

    choice = choose_templates(study_path, project_dir().resolve(), trust_templates)
    project = choice.project
    if choice.notice:
        say(choice.notice)
    documents = {name: project / "report" / f"{name}.qmd" for name in reports}
    for name, qmd in documents.items():
        if not qmd.is_file():
            raise AlsreportError(f"the report document {qmd} is missing; restore it or render another report")
    chosen = _choose_engine(engine)
    summary = RenderSummary(engine=chosen)
    timings = summary.timings

    # 0. Nothing changed? -------------------------------------------------------
    t = time.perf_counter()
    study_key = _study_key(study_path)
    code_key = _code_key()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    inputs_fingerprint = hashlib.sha256(
        f"{study_key}|{code_key}|{_versions()}|{epoch}".encode()).hexdigest()
    key = hashlib.sha256(json.dumps([inputs_fingerprint, _project_key(project), str(study_path), chosen,
                                     reports, formats]).encode()).hexdigest()
    timings["check cache"] = time.perf_counter() - t
    if use_cache:
        hit = _manifest_hit(out_dir, key)
        if hit is not None:
            say(f"inputs unchanged: reusing {', '.join(p.name for p in hit)}")
            summary.outputs, summary.cache = hit, "hit"
            try:
                summary.warnings = json.loads(_manifest_path(out_dir).read_text(encoding="utf-8")).get("warnings", [])
            except (OSError, ValueError):
                pass
            timings["total"] = time.perf_counter() - started
            return summary

    # 1. Validate and load -------------------------------------------------------
    say(f"validate and load {study_path}")
    t = time.perf_counter()
    from alsreport.study.loading import load_study

    study = load_study(study_path)
    summary.warnings.extend(f"{study_path.name}: {w}" for w in study.warnings)
    timings["validate & load"] = time.perf_counter() - t

    # 2. Analyze -------------------------------------------------------------------
    say("analyze: paired tests, estimates, adjustments, summaries")
    t = time.perf_counter()
    from alsreport.analysis.run import analyze

    results = analyze(study)
    summary.warnings.extend(results.warnings)
    timings["analyze"] = time.perf_counter() - t

    # 3-6. Documents -----------------------------------------------------------------
    from alsreport.documents.context import ENV_STUDY, use_results

    ctx = use_results(study, results)

    # 3. Tables and figures (built once, before the documents run, shared by both) -----
    say("tables and figures: great-tables objects, CONSORT flow, trajectories, forest plots")
    ctx.tables
    ctx.figures
    timings["tables & figures"] = ctx.timings.get("tables", 0.0) + ctx.timings.get("figures", 0.0)

    # 4-6. Documents: execute → HTML → PDF ------------------------------------------------
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs_ = _jobs(jobs, len(documents), chosen)
    what = " and ".join({"html": "HTML (pandoc)", "pdf": "PDF (WeasyPrint)"}[f] for f in formats)
    tasks = [_Task(chosen, name, qmd, project, out_dir, tuple(formats), tuple(print_stylesheets(qmd, project)),
                   inputs_fingerprint, use_cache) for name, qmd in documents.items()]
    results_by_name: dict[str, Any] = {}
    with _environ(**{ENV_STUDY: str(study_path), ENV_SKIP_HOOKS: "1"}):
        if jobs_ > 1:
            # The other documents render in forked workers, which inherit the analysis,
            # tables and figures built above (no second analysis); the first one renders here.
            import multiprocessing

            say(f"documents: {', '.join(documents)} in {jobs_} processes, each: execute, then {what}")
            from alsreport.documents.outputs import die_with_parent

            with multiprocessing.get_context("fork").Pool(jobs_ - 1, initializer=die_with_parent) as pool:
                pending = [(t.name, pool.apply_async(_render_task, (t,))) for t in tasks[1:]]
                results_by_name[tasks[0].name] = _render_task(tasks[0])
                for name, job in pending:
                    results_by_name[name] = job.get()
        else:
            for t in tasks:
                say(f"{t.name}: execute the document, then {what}")
                results_by_name[t.name] = _render_task(t)
    exec_s = html_s = pdf_s = 0.0
    caches: list[str] = []
    for t in tasks:
        status, res = results_by_name[t.name]
        if status == "error":
            from alsreport.render import RenderError

            raise RenderError(res)
        if status == "crash":
            raise RuntimeError(f"rendering {t.name} failed:\n{res}")
        exec_s += res.timings.get("quarto" if chosen == "quarto" else "execute", 0.0)
        html_s += res.timings.get("pandoc", 0.0)
        pdf_s += res.timings.get("pdf", 0.0)
        caches.append(res.cache)
        summary.warnings.extend(res.warnings)
        summary.outputs.extend(res.paths)
    timings["execute documents"] = exec_s
    if chosen == "embedded":
        timings["HTML (pandoc)"] = html_s
    if "pdf" in formats:
        timings["PDF (WeasyPrint)"] = pdf_s
    summary.cache = "partial" if any(c in ("hit", "partial") for c in caches) else "miss"
    summary.warnings = list(dict.fromkeys(summary.warnings))
    if use_cache:
        _write_manifest(out_dir, key, summary.outputs, summary.warnings)
    timings["total"] = time.perf_counter() - started
    return summary


@dataclass(frozen=True)
class _Task:
    engine: str
    name: str
    qmd: Path
    project: Path
    out_dir: Path
    formats: tuple[str, ...]
    print_css: tuple[Path, ...]
    inputs_fingerprint: str
    use_cache: bool


def _render_task(t: _Task) -> tuple[str, Any]:
    """Render one document; ("ok", RenderResult), ("error", message) or ("crash", traceback).

    Errors travel as text so that they cross a process boundary whatever their type.
    """
    try:
        if t.engine == "quarto":
            from alsreport.render import render_with_quarto

            return "ok", render_with_quarto(t.qmd, project_dir=t.project, output_dir=t.out_dir, to=list(t.formats),
                                            print_css=list(t.print_css))
        from alsreport.render import render_document

        return "ok", render_document(t.qmd, project_dir=t.project, output_dir=t.out_dir, to=list(t.formats),
                                     print_css=list(t.print_css), inputs_fingerprint=t.inputs_fingerprint,
                                     use_cache=t.use_cache)
    except AlsreportError as exc:
        return "error", str(exc)
    except Exception:  # a bug: keep the traceback
        import traceback

        return "crash", traceback.format_exc()


def _jobs(jobs: int | None, n_documents: int, engine: str) -> int:
    """Processes for the documents: one per document up to the CPUs, when forking is safe."""
    import threading

    if n_documents < 2 or engine != "embedded" or jobs == 1:
        return 1
    if sys.platform == "win32" or not hasattr(os, "fork") or threading.active_count() > 1:
        return 1  # fork is only safe in a single-threaded process
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(n_documents, cpus, jobs or n_documents))


# Quarto project steps --------------------------------------------------------------

def postrender_pdfs(project: Path, output_files: Sequence[Path]) -> list[Path]:
    """PDFs of the HTML files Quarto wrote (``QUARTO_PROJECT_OUTPUT_FILES``), next to them."""
    from alsreport.render import html_to_pdf

    project = Path(project).resolve()
    written = []
    for f in output_files:
        html_path = (project / f).resolve() if not Path(f).is_absolute() else Path(f)
        if html_path.suffix.lower() != ".html" or not html_path.is_file():
            continue
        qmd = project / "report" / f"{html_path.stem}.qmd"
        if not qmd.is_file():
            continue
        css = print_stylesheets(qmd, project)
        pdf = html_path.with_suffix(".pdf")
        for w in html_to_pdf(html_path.read_text(encoding="utf-8"), pdf, base_dir=html_path.parent,
                             allowed_dirs=[project / "templates", *(c.parent for c in css)], stylesheets=css):
            print(f"alsreport: {w}", file=sys.stderr)
        written.append(pdf)
    return written


def _prerender() -> list[Path]:
    from alsreport.analysis.run import analyze
    from alsreport.study.loading import load_study
    from alsreport.results.writer import write_results
    from alsreport.documents.context import study_path_from_env

    out = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR") or "_output") / "results"
    return write_results(analyze(load_study(study_path_from_env())), out)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m alsreport.documents.reports pre-render|post-render`` (the steps in ``_quarto.yml``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] not in ("pre-render", "post-render"):
        print("usage: python -m alsreport.documents.reports pre-render|post-render", file=sys.stderr)
        return 2
    if os.environ.get(ENV_SKIP_HOOKS):
        return 0
    try:
        if args[0] == "pre-render":
            paths = _prerender()
        else:
            files = [Path(f) for f in os.environ.get("QUARTO_PROJECT_OUTPUT_FILES", "").splitlines() if f.strip()]
            paths = postrender_pdfs(Path.cwd(), files)
    except AlsreportError as exc:
        print(f"alsreport: {exc}", file=sys.stderr)
        return 1
    for p in paths:
        print(f"alsreport: wrote {p}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
