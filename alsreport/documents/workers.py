"""Rendering the documents of one ``alsreport render``: one task per document, in forked workers.

The analysis, tables and figures are built once before the tasks run; forked
workers inherit them (no second analysis). Errors travel back as text so that
they cross a process boundary whatever their type.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from alsreport.errors import AlsreportError

__all__ = ["BACKGROUND_NICE", "DocumentTask", "background_worker", "render_all", "worker_count"]

#: How much lower the forked document workers' CPU priority is than the calling process's (``nice``
#: steps). The caller renders the first document itself (the manuscript, the longest: its execution,
#: then its PDF, is the whole command's critical path); while three processes want the two cores (the
#: manuscript, the figure helper of :mod:`~alsreport.documents.figure_prefetch`, the ethics report),
#: the others yield to it instead of taking a third of its core. A worker still runs at full speed on
#: a core nobody else wants; no output depends on the order in which the processes run.
BACKGROUND_NICE = 5


@dataclass(frozen=True)
class DocumentTask:
    """One document to render: which engine, where from, where to, with which parameters."""

    engine: str
    name: str
    qmd: Path
    project: Path
    out_dir: Path
    formats: tuple[str, ...]
    print_css: tuple[Path, ...]
    inputs_fingerprint: str
    use_cache: bool
    params: dict[str, Any] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    """Added to the environment of the ``quarto`` subprocess (never to this process's)."""
    pdf_variant: str | None = None
    """WeasyPrint's PDF variant (e.g. ``pdf/a-3u``), under both engines; every PDF is tagged."""
    reference_doc: Path | None = None
    """The Word styles (``templates/reference.docx``) when ``docx`` is among the formats."""
    cache_dir: Path | None = None
    """The embedded engine's cache folder (None: ``<out>/.alsreport-cache``); one per task of a document."""


def render_task(t: DocumentTask) -> tuple[str, Any]:
    """Render one document: ("ok", RenderResult), ("error", message), ("oserror", (errno, text, file)) or
    ("crash", traceback)."""
    try:
        if t.engine == "quarto":
            from alsreport.render import render_with_quarto

            return "ok", render_with_quarto(t.qmd, project_dir=t.project, output_dir=t.out_dir, to=list(t.formats),
                                            params=t.params, print_css=list(t.print_css), env=t.env,
                                            pdf_variant=t.pdf_variant, reference_doc=t.reference_doc)
        from alsreport.render import render_document

        return "ok", render_document(t.qmd, project_dir=t.project, output_dir=t.out_dir, to=list(t.formats),
                                     params=t.params, print_css=list(t.print_css),
                                     inputs_fingerprint=t.inputs_fingerprint, use_cache=t.use_cache,
                                     pdf_variant=t.pdf_variant, reference_doc=t.reference_doc,
                                     cache_dir=t.cache_dir)
    except AlsreportError as exc:
        return "error", str(exc)
    except OSError as exc:  # a full disk, a permission: the caller describes it in one line
        return "oserror", (exc.errno, exc.strerror, exc.filename)
    except Exception:  # a bug: keep the traceback
        import traceback

        return "crash", traceback.format_exc()


def worker_count(jobs: int | None, n_documents: int, engine: str) -> int:
    """Processes for the documents: one per document up to the CPUs, when forking is safe."""
    import threading

    if n_documents < 2 or engine != "embedded" or jobs == 1:
        return 1
    if sys.platform == "win32" or not hasattr(os, "fork") or threading.active_count() > 1:
        return 1  # fork is only safe in a single-threaded process
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(n_documents, cpus, jobs or n_documents))


def background_worker(parent: int) -> None:
    """Initializer of the forked document workers: die with ``parent`` (:func:`alsreport.forked.die_with`),
    and run at a lower CPU priority (:data:`BACKGROUND_NICE`) so that the document the parent renders
    meanwhile goes first."""
    from alsreport.forked import die_with

    die_with(parent)
    if hasattr(os, "nice"):
        try:
            os.nice(BACKGROUND_NICE)
        except OSError:  # not allowed here: the worker simply keeps the parent's priority
            pass


def _import_weasyprint_once(tasks: list[DocumentTask]) -> None:
    """Import here, before forking, what the workers' embedded engine imports anyway: WeasyPrint when they make
    HTML (measuring each table) or PDF, the cell runner (IPython) and pyplot (each document's shell turns on
    inline figures) whenever they execute a document; once for all documents instead of once per worker (about
    0.7 CPU s each for WeasyPrint). The first document, rendered here, imports them anyway; only the other
    workers' time is saved."""
    if any(t.engine == "embedded" and {"html", "pdf"} & set(t.formats) for t in tasks[1:]):
        import weasyprint  # noqa: F401
    if any(t.engine == "embedded" for t in tasks[1:]):
        import matplotlib.pyplot  # noqa: F401

        import alsreport.render.execute  # noqa: F401


def render_all(tasks: list[DocumentTask], workers: int, say: Callable[[str], None]) -> dict[str, Any]:
    """Each task's RenderResult by document name; raises the first failure as an error for people."""
    outcome: dict[str, tuple[str, Any]] = {}
    if workers > 1:
        import multiprocessing

        _import_weasyprint_once(tasks)

        with multiprocessing.get_context("fork").Pool(workers - 1, initializer=background_worker,
                                                     initargs=(os.getpid(),)) as pool:
            pending = [(t.name, pool.apply_async(render_task, (t,))) for t in tasks[1:]]
            outcome[tasks[0].name] = render_task(tasks[0])
            for name, job in pending:
                outcome[name] = job.get()
    else:
        for t in tasks:
            say(f"{t.name}: rendering with the {t.engine} engine")
            outcome[t.name] = render_task(t)
    results = {}
    for t in tasks:
        status, value = outcome[t.name]
        if status == "error":
            from alsreport.render import RenderError

            raise RenderError(value)
        if status == "oserror":
            raise OSError(*value)
        if status == "crash":
            raise RuntimeError(f"rendering {t.name} failed:\n{value}")
        results[t.name] = value
    return results
