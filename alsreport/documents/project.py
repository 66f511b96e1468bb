"""Where a render's documents and stylesheets are: the study's own project, else the bundled one."""

from __future__ import annotations

from pathlib import Path

from alsreport.errors import AlsreportError

__all__ = ["print_stylesheets", "resolve_project"]


def resolve_project(study_path: Path, trust_templates: bool | None = None) -> Path:
    """The study folder when it carries ``_quarto.yml`` and ``report/`` and is trusted; else the bundled project.

    See :mod:`alsreport.documents.trust` (``trust_templates``: the ``--trust-templates`` flag).
    """
    from alsreport.documents.resources import project_dir
    from alsreport.documents.trust import choose_templates

    return choose_templates(Path(study_path), project_dir().resolve(), trust_templates).project


def print_stylesheets(qmd: Path, project: Path | None = None) -> list[Path]:
    """The print stylesheets a document names (``alsreport: print-css:``, relative to the document).

    Default: ``<project>/templates/print.css``.
    """
    from alsreport.render.metadata import split_front_matter

    qmd = Path(qmd).resolve()
    front, _, _ = split_front_matter(qmd.read_text(encoding="utf-8"), qmd)
    meta = front.get("alsreport") or {}
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
