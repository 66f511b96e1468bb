"""The real-Quarto path: ``quarto render`` makes the HTML, the same WeasyPrint step the PDF.

Used when ``quarto`` is on ``PATH`` (``alsreport render --engine quarto|auto``),
so both engines produce their PDFs the same way. Quarto runs the Python cells
with this interpreter (``QUARTO_PYTHON``, set in the subprocess's environment
only) through Jupyter: the ``[quarto]`` extra installs ``ipykernel``,
``nbclient``, ``nbformat``, ``jupyter-core`` and ``papermill`` (which Quarto
needs for parameters).

Quarto writes a project document into ``<output-dir>/<its folder>/``
(``report/manuscript.qmd`` → ``_output/report/manuscript.html``); this module
renders into a scratch folder and moves the page to ``output_dir/<stem>.html``,
where the embedded engine writes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

try:
    import fcntl
except ImportError:   # Windows: no lock
    fcntl = None  # type: ignore[assignment]

import yaml

from alsreport.render.docx_finish import finish_docx
from alsreport.render.file_links import link_file_names, link_files
from alsreport.render.metadata import split_front_matter
from alsreport.render.caption_refs import quarto_caption_refs
from alsreport.render.toc_order import contents_after_main, contents_in_body
from alsreport.render.unbroken import unbroken_markup
from alsreport.render.zoom_labels import named_zoom_links
from alsreport.render.cache import stable_json
from alsreport.render.errors import RenderError
from alsreport.render.pipeline import DEFAULT_FORMATS, FORMATS, RenderResult, default_template

__all__ = ["finished_quarto_page", "quarto_available", "quarto_command", "render_with_quarto"]


def quarto_available() -> bool:
    """Whether a ``quarto`` executable is on ``PATH``."""
    return shutil.which("quarto") is not None


def quarto_command(qmd: Path, project_dir: Path, output_dir: Path, params_file: Path | None, to: str = "html",
                   reference_doc: Path | None = None) -> list[str]:
    """The ``quarto render`` command line for one document of the project (paths absolute).

    ``reference_doc``: the Word styles (``--reference-doc``, passed on to pandoc), for ``to="docx"``.
    """
    quarto = shutil.which("quarto")
    if quarto is None:
        raise RenderError("quarto is not on PATH; install Quarto (https://quarto.org) or use the embedded engine")
    args = [quarto, "render", str(qmd), "--to", to, "--output-dir", str(output_dir)]
    if params_file is not None:
        args += ["--execute-params", str(params_file)]
    if reference_doc is not None:
        args += ["--reference-doc", str(reference_doc)]
    return args


def _params_file(params: Mapping[str, Any] | None, folder: Path, where: str) -> Path | None:
    if not params:
        return None
    if stable_json(dict(params)) is None:
        raise RenderError(f"{where}: Quarto takes only plain parameters (text, numbers, lists, mappings)")
    path = folder / "params.yml"
    path.write_text(yaml.safe_dump(dict(params)), encoding="utf-8")
    return path


def _run_quarto(args: list[str], project_dir: Path, env: Mapping[str, str] | None, timeout: float | None,
                where: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QUARTO_PYTHON": sys.executable, **(env or {})}
    proc = subprocess.run(args, cwd=project_dir, env=full_env, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if proc.returncode != 0:
        raise RenderError(f"{where}: quarto render failed (exit {proc.returncode}):\n{proc.stderr.strip()[-4000:]}")
    return proc


def _written(scratch: Path, qmd: Path, project_dir: Path, suffix: str) -> Path:
    """Where Quarto put the output: ``<scratch>/<folder of qmd in the project>/<stem><suffix>``."""
    try:
        rel = qmd.parent.relative_to(project_dir)
    except ValueError:
        rel = Path()
    for candidate in (scratch / rel / f"{qmd.stem}{suffix}", scratch / f"{qmd.stem}{suffix}"):
        if candidate.is_file():
            return candidate
    raise RenderError(f"{qmd.name}: quarto render finished but wrote no {qmd.stem}{suffix} under {scratch}")


def render_with_quarto(
    qmd: Path,
    *,
    project_dir: Path,
    output_dir: Path,
    to: Sequence[str] = DEFAULT_FORMATS,
    params: Mapping[str, Any] | None = None,
    print_css: Sequence[Path] | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    pdf_variant: str | None = None,
    reference_doc: Path | None = None,
) -> RenderResult:
    """Render ``qmd`` with ``quarto render --to html`` into ``output_dir/<stem>.html``, then the PDF.

    ``docx`` in ``to``: a second ``quarto render --to docx`` (Quarto's own Word writer, with
    ``reference_doc``'s styles) into ``output_dir/<stem>.docx``.

    ``params`` must be plain values (Quarto receives them as an execute-params
    file; the document's cell tagged ``parameters`` receives them). ``env`` is
    added to Quarto's environment (this process's environment is not changed). ``pdf_variant``
    (e.g. ``pdf/a-3u``) and tagging are those of the embedded engine's PDF step.
    """
    wanted = [f for f in FORMATS if f in set(to)]
    if not wanted or set(to) - set(FORMATS):
        raise RenderError(f"cannot render to {', '.join(to)}; choose from {', '.join(FORMATS)}")
    qmd, project_dir, output_dir = Path(qmd).resolve(), Path(project_dir).resolve(), Path(output_dir).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    result = RenderResult(document=qmd, engine="quarto", cache="off")
    started = time.perf_counter()
    run = _QuartoRun(qmd, project_dir, params, env, timeout)
    if "docx" in wanted:
        result.outputs["docx"] = output_dir / f"{qmd.stem}.docx"
        result.warnings += run.render("docx", result.outputs["docx"], reference_doc=reference_doc)
        finish_docx(result.outputs["docx"])
    if {"html", "pdf"} & set(wanted):
        _html_and_pdf(run, output_dir, wanted, print_css, pdf_variant, result)
    result.timings["quarto"] = time.perf_counter() - started - result.timings.get("pdf", 0.0)
    result.timings["total"] = time.perf_counter() - started
    return result


@contextlib.contextmanager
def _one_render_of(qmd: Path) -> Iterator[None]:
    """Waits while another process renders ``qmd`` with Quarto: Quarto writes a document's page beside it in the
    project (``report/manuscript.html``) before moving it to the output folder, so two renders of one document at
    once (two studies rendered side by side, or two test workers) took each other's page ("No such file or
    directory … rename report/manuscript.html"). A lock file per document in the temporary folder; no lock where the
    system has no ``fcntl``."""
    if fcntl is None:
        yield
        return
    key = hashlib.sha256(str(qmd).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"alsreport-quarto-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@dataclass(frozen=True)
class _QuartoRun:
    """One document's ``quarto render`` calls, each into a scratch folder, moved to where alsreport writes."""

    qmd: Path
    project_dir: Path
    params: Mapping[str, Any] | None
    env: Mapping[str, str] | None
    timeout: float | None

    def render(self, to: str, dest: Path, *, reference_doc: Path | None = None) -> list[str]:
        """``quarto render --to <to>``; the output moved to ``dest``; Quarto's warnings."""
        qmd = self.qmd
        with tempfile.TemporaryDirectory(prefix="alsreport-quarto-") as tmp:
            scratch = Path(tmp) / "out"
            args = quarto_command(qmd, self.project_dir, scratch, _params_file(self.params, Path(tmp), qmd.name),
                                  to=to, reference_doc=reference_doc)
            with _one_render_of(qmd):
                proc = _run_quarto(args, self.project_dir, self.env, self.timeout, qmd.name)
            shutil.move(str(_written(scratch, qmd, self.project_dir, dest.suffix)), dest)
        return [f"{qmd.name}: quarto: {line.strip()}" for line in proc.stderr.splitlines()
                if line.strip().startswith(("WARN", "WARNING"))]


def finished_quarto_page(page: str) -> str:
    """Quarto's HTML page as the embedded engine writes its own: no joiner in a copied range or name (nowrap spans,
    render/unbroken.py) and the title before the table of contents in the DOM (render/toc_order.py). Both
    ``alsreport render`` and the project's post-render hook (documents/quarto_hooks.py) apply it. Each table box names
    its caption by the id Quarto gave it (render/caption_refs.py); each figure's zoom links are named after it
    (render/zoom_labels.py); the manuscript's contents are listed after its abstract on a phone, as the embedded page
    lists them (render/toc_order.py)."""
    return named_zoom_links(quarto_caption_refs(contents_in_body(contents_after_main(unbroken_markup(page)))))


def _html_and_pdf(run: _QuartoRun, output_dir: Path, wanted: list[str], print_css: Sequence[Path] | None,
                  pdf_variant: str | None, result: RenderResult) -> None:
    qmd, project_dir = run.qmd, run.project_dir
    html_path = output_dir / f"{qmd.stem}.html"
    result.warnings += run.render("html", html_path)
    page = finished_quarto_page(html_path.read_text(encoding="utf-8"))
    # the mentions of the files beside the page link to them, as the embedded engine's (render/file_links.py)
    names = link_file_names(split_front_matter(qmd.read_text(encoding="utf-8"), qmd)[0])
    html_path.write_text(link_files(page, names, output_dir), encoding="utf-8")
    if "html" in wanted:
        result.outputs["html"] = html_path
    t = time.perf_counter()
    if "pdf" in wanted:
        result.warnings += quarto_html_to_pdf(html_path, output_dir / f"{qmd.stem}.pdf", qmd, project_dir,
                                              print_css or (), pdf_variant=pdf_variant)
        result.outputs["pdf"] = output_dir / f"{qmd.stem}.pdf"
        if "html" not in wanted:
            html_path.unlink(missing_ok=True)
    result.timings["pdf"] = time.perf_counter() - t


def quarto_html_to_pdf(html_path: Path, pdf_path: Path, qmd: Path, project_dir: Path,
                       print_css: Sequence[Path], *, pdf_variant: str | None = None) -> list[str]:
    """The PDF of the page Quarto wrote for ``qmd``: without Bootstrap's chrome, printed with ``print_css``."""
    from alsreport.render.metadata import html_options, load_project_config, merge_configs, prepare_config
    from alsreport.render.pdf import html_to_pdf
    from alsreport.render.quarto_page import printable_quarto_html, template_base_css
    from alsreport.render.source import parse_qmd

    doc = parse_qmd(qmd, project_dir=project_dir)
    merged = merge_configs(load_project_config(project_dir), prepare_config(doc.front_matter, qmd.parent))
    css = [Path(c) for c in html_options(merged, qmd).css if "://" not in c]
    template = default_template(project_dir)
    html = printable_quarto_html(Path(html_path).read_text(encoding="utf-8"), base_css=template_base_css(template),
                                 stylesheets=css)
    prints = [Path(p) for p in print_css]
    return html_to_pdf(html, Path(pdf_path), base_dir=Path(html_path).parent,
                       allowed_dirs=[template.parent, *(p.parent for p in [*prints, *css])], stylesheets=prints,
                       pdf_variant=pdf_variant, where=Path(pdf_path).name)
