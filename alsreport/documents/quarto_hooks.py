"""The Quarto project step of ``_quarto.yml``: PDFs after a ``quarto render`` by hand.

``post-render: python -m alsreport.documents.quarto_hooks post-render`` prints
each HTML page Quarto wrote (``QUARTO_PROJECT_OUTPUT_FILES``) to a PDF next to
it, with the print stylesheets its document names, as ``alsreport render
--engine quarto`` does. ``alsreport render`` makes the PDFs itself and tells
the step to do nothing (``ALSREPORT_SKIP_HOOKS=1`` in Quarto's environment
only).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from alsreport.errors import AlsreportError

__all__ = ["ENV_SKIP_HOOKS", "main", "postrender_pdfs"]

#: Set in the ``quarto`` subprocess's environment by ``alsreport render`` (which makes the PDFs itself).
ENV_SKIP_HOOKS = "ALSREPORT_SKIP_HOOKS"


def _default_variant(report: str) -> str | None:
    """The PDF variant ``alsreport render`` gives ``report`` by default (the ethics report: PDF/A).

    The study's own ``safety.pdf_standard`` is not known here (Quarto passes ``-P study:`` to the
    documents only); ``alsreport render`` applies it.
    """
    if report != "ethics":
        return None
    from alsreport.study.config_safety import SafetyConfig

    chosen = SafetyConfig().pdf_standard
    return None if chosen == "none" else chosen


def postrender_pdfs(project: Path, output_files: Sequence[Path]) -> list[Path]:
    """PDFs of the HTML pages Quarto wrote for ``report/<name>.qmd``, next to them."""
    from alsreport.documents.project import print_stylesheets
    from alsreport.render.quarto import finished_quarto_page, quarto_html_to_pdf

    project = Path(project).resolve()
    written = []
    for f in output_files:
        html_path = Path(f) if Path(f).is_absolute() else (project / f).resolve()
        qmd = project / "report" / f"{html_path.stem}.qmd"
        if html_path.suffix.lower() != ".html" or not html_path.is_file() or not qmd.is_file():
            continue
        # as alsreport render's pages: no joiner in a copied range or name, the title before the table of contents
        html_path.write_text(finished_quarto_page(html_path.read_text(encoding="utf-8")), encoding="utf-8")
        pdf = html_path.with_suffix(".pdf")
        for w in quarto_html_to_pdf(html_path, pdf, qmd, project, print_stylesheets(qmd, project),
                                    pdf_variant=_default_variant(qmd.stem)):
            print(f"alsreport: {w}", file=sys.stderr)
        written.append(pdf)
    return written


def main(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> int:
    """``python -m alsreport.documents.quarto_hooks post-render`` (run by Quarto from the project folder)."""
    env = os.environ if environ is None else environ
    args = list(sys.argv[1:] if argv is None else argv)
    if args != ["post-render"]:
        print("usage: python -m alsreport.documents.quarto_hooks post-render", file=sys.stderr)
        return 2
    if env.get(ENV_SKIP_HOOKS):
        return 0
    files = [Path(f) for f in env.get("QUARTO_PROJECT_OUTPUT_FILES", "").splitlines() if f.strip()]
    try:
        paths = postrender_pdfs(Path.cwd(), files)
    except AlsreportError as exc:
        print(f"alsreport: {exc}", file=sys.stderr)
        return 1
    for p in paths:
        print(f"alsreport: wrote {p}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
