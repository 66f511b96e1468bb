"""Citations: the ``bibliography:`` and ``csl:`` metadata → pandoc's ``--citeproc`` arguments.

Quarto hands a document's ``bibliography`` and ``csl`` to pandoc's citeproc;
the embedded engine does the same. Pandoc runs in its sandbox, which reads only
files named on the command line, so the files named in the metadata are
resolved here (relative paths from the document's folder) and passed as
``--bibliography``/``--csl``. A missing file is an error that names it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alsreport.render.errors import RenderError
from alsreport.render.pandoc_ast import stringify

__all__ = ["citeproc_args"]


def _paths(value: Any) -> list[str]:
    if value is None:
        return []
    if value.get("t") == "MetaList":
        return [stringify(v).strip() for v in value["c"]]
    return [stringify(value).strip()]


def citeproc_args(meta: dict[str, Any], base: Path, where: str) -> list[str]:
    """``--citeproc --bibliography=… --csl=…`` for the document's metadata; [] without a bibliography."""
    bibs = [p for p in _paths(meta.get("bibliography")) if p]
    if not bibs:
        return []
    args = ["--citeproc"]
    named = [("bibliography", p) for p in bibs] + [("csl", p) for p in _paths(meta.get("csl")) if p]
    for option, text in named:
        path = Path(text) if Path(text).is_absolute() else Path(base) / text
        if not path.is_file():
            raise RenderError(f"{where}: the {option} file {path} does not exist (check {option}: in the document)")
        args.append(f"--{option}={path}")
    return args
