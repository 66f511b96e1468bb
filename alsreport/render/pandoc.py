"""Running pandoc (from the ``pypandoc-binary`` wheel, never a system pandoc) in its sandbox.

Markdown is parsed to pandoc's JSON AST, transformed in Python (callouts,
cross-references, embedded images), then written as standalone HTML with the
project's template. ``--sandbox`` keeps pandoc from reading anything but the
files named on its command line, and nothing it emits refers to the network
(no MathJax: math is rendered as plain HTML).
"""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path
from typing import Any

from alsreport.render.errors import RenderError

__all__ = ["PANDOC_READER", "ast_to_html", "markdown_to_ast", "pandoc_path", "pandoc_version", "run_pandoc"]

#: Pandoc's markdown as Quarto uses it (fenced divs, attributes, raw blocks, citations are on by default).
PANDOC_READER = "markdown"


@functools.lru_cache(maxsize=1)
def pandoc_path() -> str:
    """The pandoc binary shipped in the ``pypandoc-binary`` wheel."""
    try:
        import pypandoc
    except ImportError as exc:  # pragma: no cover - dependency
        raise RenderError("pandoc is missing: install the pypandoc-binary package") from exc
    files = Path(pypandoc.__file__).parent / "files"
    path = next((p for p in (files / "pandoc", files / "pandoc.exe") if p.is_file()), None)
    if path is None:
        raise RenderError(
            f"the pandoc binary of the pypandoc-binary wheel is missing (looked in {files}); "
            "reinstall pypandoc-binary (a system pandoc is never used)"
        )
    return str(path)


@functools.lru_cache(maxsize=1)
def pandoc_version() -> str:
    """``pandoc --version``'s first line, e.g. ``pandoc 3.9``."""
    return run_pandoc(["--version"]).splitlines()[0].strip()


def run_pandoc(args: list[str], stdin: str | None = None, *, what: str = "pandoc") -> str:
    """Run pandoc with ``args`` (stdin text in, stdout text out); errors name ``what``."""
    proc = subprocess.run(
        [pandoc_path(), *args], input=stdin, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    if proc.returncode != 0:
        raise RenderError(f"{what}: pandoc failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def markdown_to_ast(markdown: str, *, what: str) -> dict[str, Any]:
    """Pandoc's JSON AST of ``markdown``."""
    out = run_pandoc(["--sandbox", "-f", PANDOC_READER, "-t", "json"], markdown, what=what)
    return json.loads(out)


def ast_to_html(
    ast: dict[str, Any], *, template: Path, toc: bool, toc_depth: int, what: str,
    extra_args: list[str] | None = None,
) -> str:
    """Standalone HTML5 from a JSON AST with ``template``; sections wrapped in ``<section>``.

    ``extra_args`` (e.g. ``--citeproc --bibliography=…``) are added to pandoc's command line.
    """
    args = [
        "--sandbox", "-f", "json", "-t", "html5", "--standalone", f"--template={template}",
        "--section-divs", "--wrap=none",
    ]
    if toc:
        args += ["--toc", f"--toc-depth={toc_depth}"]
    args += list(extra_args or ())
    return run_pandoc(args, json.dumps(ast), what=what)
