"""Assembling the executed document into one pandoc-markdown text (the ``to_markdown`` stage)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import yaml

from alsreport.render import clock
from alsreport.render.execute import ExecutedCell, ExecutedDocument, ExecutedMarkdown
from alsreport.render.metadata import HtmlOptions
from alsreport.render.outputs import code_block, output_markdown
from alsreport.render.shortcodes import expand_shortcodes

__all__ = ["cell_markdown", "pandoc_front_matter", "to_markdown"]


def pandoc_front_matter(options: HtmlOptions) -> dict[str, Any]:
    """The metadata pandoc's template sees: title block and PDF metadata only."""
    meta: dict[str, Any] = {"lang": options.lang, "toc-title": options.toc_title}
    if options.title is not None:
        meta["title"] = options.title
    if options.subtitle is not None:
        meta["subtitle"] = options.subtitle
    if options.pagetitle is not None:
        meta["pagetitle"] = options.pagetitle
    if options.body_classes is not None:
        meta["body-classes"] = options.body_classes
    if options.authors:
        meta["author"] = list(options.authors)
    if options.date is not None:
        meta["date"] = options.date
    if options.description is not None:
        meta["description"] = options.description
    if options.keywords:
        meta["keywords"] = list(options.keywords)
    created = None
    if options.date:
        try:
            created = _dt.date.fromisoformat(options.date[:10]).isoformat()
        except ValueError:
            created = None
    meta["dcterms-created"] = created or clock.today().isoformat()
    return meta


def cell_markdown(executed: ExecutedCell, meta: dict[str, Any], where: str) -> tuple[str, list[str]]:
    """A cell as Quarto lays it out: ``.cell`` div with code (if echoed) and outputs."""
    s = executed.settings
    warnings: list[str] = []
    if not s.include:
        return "", warnings
    parts: list[str] = []
    if s.echo:
        code = executed.cell.code
        if s.echo == "fenced":
            opts = "".join(f"#| {line}\n" for line in yaml.safe_dump(executed.cell.options, sort_keys=False).splitlines()) \
                if executed.cell.options else ""
            code = f"```{{python}}\n{opts}{code.rstrip()}\n```"
            parts.append(code_block(code, ".markdown .cell-code"))
        else:
            parts.append(code_block(code, ".python .cell-code"))
    outputs: list[str] = []
    if s.output is not False:
        asis = s.output == "asis"
        for out in executed.outputs:
            text = output_markdown(out, asis=asis)
            if asis:
                text, w = expand_shortcodes(text, meta, where)
                warnings.extend(w)
            outputs.append(text)
    kind = s.float_kind
    if kind:
        caption = s.tbl_cap if kind == "tbl" else s.fig_cap
        body = "\n".join(outputs)
        outputs = [f"::: {{#{s.label} .alsr-float alsr-kind=\"{kind}\"}}\n{body}\n::: {{.alsr-caption}}\n{caption}\n:::\n:::\n"]
    parts.extend(outputs)
    if not any(p.strip() for p in parts):
        return "", warnings
    if s.output == "asis" and not s.echo and not kind:
        return "\n".join(parts), warnings
    ident = f"#{s.label} " if s.label and not kind else ""
    return f"::: {{{ident}.cell}}\n" + "\n".join(parts) + "\n:::\n", warnings


def to_markdown(executed: ExecutedDocument, meta: dict[str, Any], options: HtmlOptions) -> tuple[str, list[str]]:
    """The whole document as pandoc markdown: front matter, text with shortcodes expanded, cells."""
    warnings: list[str] = []
    where = executed.doc.path.name
    front = pandoc_front_matter(options)
    for key in ("title", "subtitle", "description"):  # Quarto expands shortcodes in these too
        if isinstance(front.get(key), str):
            front[key], w = expand_shortcodes(front[key], meta, where)
            warnings.extend(w)
    pieces = ["---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n"]
    for chunk in executed.chunks:
        if isinstance(chunk, ExecutedMarkdown):
            text, w = expand_shortcodes(chunk.text, meta, where)
            warnings.extend(w)
            pieces.append(text)
        else:
            text, w = cell_markdown(chunk, meta, where)
            warnings.extend(w)
            if text:
                pieces.append("\n" + text + "\n")
    return "".join(pieces), warnings
