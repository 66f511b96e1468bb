"""The real-Quarto path: ``quarto render`` makes the HTML, the same WeasyPrint step the PDF.

Used when ``quarto`` is on ``PATH`` (``alsreport render --engine quarto|auto``),
so both engines produce their PDFs the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

import yaml

from alsreport.render.cache import stable_json
from alsreport.render.errors import RenderError
from alsreport.render.pipeline import FORMATS, RenderResult, default_template

__all__ = ["quarto_available", "render_with_quarto"]


def quarto_available() -> bool:
    """Whether a ``quarto`` executable is on ``PATH``."""
    return shutil.which("quarto") is not None


def render_with_quarto(
    qmd: Path,
    *,
    project_dir: Path,
    output_dir: Path,
    to: Sequence[str] = FORMATS,
    params: dict[str, Any] | None = None,
    print_css: Sequence[Path] | None = None,
    pdf_variant: str | None = None,
    timeout: float | None = None,
) -> RenderResult:
    """Render ``qmd`` with ``quarto render --to html`` into ``output_dir``, then the PDF with WeasyPrint.

    ``params`` must be plain values (Quarto receives them as an execute-params
    file). Quarto runs the cells with this Python (``QUARTO_PYTHON``).
    """
    quarto = shutil.which("quarto")
    if quarto is None:
        raise RenderError("quarto is not on PATH; install Quarto or use the embedded engine")
    wanted = [f for f in FORMATS if f in set(to)]
    if not wanted or set(to) - set(FORMATS):
        raise RenderError(f"cannot render to {', '.join(to)}; choose from html, pdf")
    qmd, project_dir, output_dir = Path(qmd).resolve(), Path(project_dir).resolve(), Path(output_dir).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    result = RenderResult(document=qmd, engine="quarto", cache="off")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="alsreport-quarto-") as tmp:
        args = [quarto, "render", str(qmd), "--to", "html", "--output-dir", str(output_dir),
                "-M", "embed-resources:true"]
        if params:
            if stable_json(params) is None:
                raise RenderError(f"{qmd.name}: Quarto takes only plain parameters (text, numbers, lists, mappings)")
            params_file = Path(tmp) / "params.yml"
            params_file.write_text(yaml.safe_dump(params), encoding="utf-8")
            args += ["--execute-params", str(params_file)]
        env = {**os.environ, "QUARTO_PYTHON": sys.executable}
        t = time.perf_counter()
        proc = subprocess.run(args, cwd=project_dir, env=env, capture_output=True, text=True, timeout=timeout,
                              check=False)
        result.timings["quarto"] = time.perf_counter() - t
    if proc.returncode != 0:
        raise RenderError(f"{qmd.name}: quarto render failed (exit {proc.returncode}):\n{proc.stderr.strip()[-4000:]}")
    result.warnings += [f"{qmd.name}: quarto: {line.strip()}" for line in proc.stderr.splitlines()
                        if line.strip().startswith(("WARN", "WARNING"))]
    html_path = output_dir / f"{qmd.stem}.html"
    if not html_path.is_file():
        raise RenderError(f"{qmd.name}: quarto render finished but {html_path} was not written")
    if "html" in wanted:
        result.outputs["html"] = html_path
    t = time.perf_counter()
    if "pdf" in wanted:
        from alsreport.render.pdf import html_to_pdf

        prints = [Path(p) for p in (print_css or ())]
        template_dir = default_template(project_dir).parent
        result.warnings += html_to_pdf(
            html_path.read_text(encoding="utf-8"), output_dir / f"{qmd.stem}.pdf", base_dir=output_dir,
            allowed_dirs=[template_dir, *(p.parent for p in prints)], stylesheets=prints, pdf_variant=pdf_variant,
        )
        result.outputs["pdf"] = output_dir / f"{qmd.stem}.pdf"
        if "html" not in wanted:
            html_path.unlink(missing_ok=True)
    result.timings["pdf"] = time.perf_counter() - t
    result.timings["total"] = time.perf_counter() - started
    return result
