"""Rendering Quarto documents: the embedded engine and the real-Quarto path.

The embedded engine renders the supported Quarto subset (see
``docs/embedded-engine.md``) in-process: IPython runs the Python cells,
pandoc (from the ``pypandoc-binary`` wheel) makes the HTML, WeasyPrint the PDF.

Stages, usable on their own::

    doc = parse_qmd(path, project_dir=root)
    executed = execute_cells(doc, params={"study": study})
    markdown, warnings = to_markdown(executed, metadata, options)
    html, warnings = pandoc_to_html(markdown, document=path, options=options, ...)
    warnings = html_to_pdf(html, pdf_path, base_dir=out, allowed_dirs=[...])

or all at once, cached: ``render_document(path, project_dir=root, output_dir=out)``.
Submodules are imported on first use, so ``import alsreport.render`` is light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "CellExecutionError",
    "QmdSyntaxError",
    "RenderError",
    "RenderResult",
    "SubsetProblem",
    "check_quarto_subset",
    "execute_cells",
    "html_to_pdf",
    "pandoc_to_html",
    "parse_qmd",
    "quarto_available",
    "render_document",
    "render_with_quarto",
    "to_markdown",
]

_LAZY = {
    "CellExecutionError": "errors",
    "QmdSyntaxError": "errors",
    "RenderError": "errors",
    "RenderResult": "pipeline",
    "SubsetProblem": "checker",
    "check_quarto_subset": "checker",
    "execute_cells": "execute",
    "html_to_pdf": "pdf",
    "pandoc_to_html": "html",
    "parse_qmd": "source",
    "quarto_available": "quarto",
    "render_document": "pipeline",
    "render_with_quarto": "quarto",
    "to_markdown": "markdown",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
