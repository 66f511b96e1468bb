"""The ``pandoc_to_html`` stage: executed markdown → one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from alsreport.render.toc_order import contents_in_body
from alsreport.render.unbroken import unbroken_markup
from alsreport.render.zoom_labels import named_zoom_links
from alsreport.render.callouts import transform_callouts
from alsreport.render.citations import citeproc_args
from alsreport.render.crossref import CrossrefOptions, apply_crossrefs
from alsreport.render.embed import css_with_data_uris, embed_images, external_references
from alsreport.render.errors import RenderError
from alsreport.render.metadata import HtmlOptions
from alsreport.render.pandoc import ast_to_html, markdown_to_ast

__all__ = ["inline_css", "pandoc_to_html"]


def inline_css(css_files: Sequence[Path], roots: list[Path], where: str) -> tuple[str, list[str]]:
    """The CSS files' contents (with local ``url()``s as data URIs) in ``<style>`` elements."""
    warnings: list[str] = []
    styles: list[str] = []
    for path in css_files:
        path = Path(path)
        if not path.is_file():
            raise RenderError(f"{where}: stylesheet {path} does not exist (check css: in _quarto.yml or the front matter)")
        css, w = css_with_data_uris(path.read_text(encoding="utf-8"), path, [*roots, path.parent], where)
        warnings.extend(w)
        css = css.replace("</style", "<\\/style")
        styles.append(f"<style>\n/* {path.name} */\n{css}\n</style>")
    return "\n".join(styles), warnings


def _meta_string(text: str) -> dict[str, Any]:
    return {"t": "MetaString", "c": text}


def pandoc_to_html(
    markdown: str,
    *,
    document: Path,
    options: HtmlOptions,
    crossref: CrossrefOptions,
    template: Path,
    css_files: Sequence[Path] = (),
    roots: Sequence[Path] = (),
    generator: str = "alsreport",
    locate: Callable[[str], str] = lambda label: "",
) -> tuple[str, list[str]]:
    """Convert executed markdown to standalone HTML; return (html, warnings).

    Callouts, numbered captions, section numbers and cross-reference links are
    made on pandoc's AST; local images and CSS are inlined, so the file needs
    nothing else. References that would leave the file are reported.
    """
    where = Path(document).name
    roots = [Path(r) for r in roots]
    ast = markdown_to_ast(markdown, what=where)
    blocks = ast["blocks"]
    transform_callouts(blocks)
    warnings = apply_crossrefs(blocks, crossref, where=where, locate=locate)
    warnings += embed_images(blocks, Path(document).parent, roots, where)
    css_html, css_warnings = inline_css(css_files, roots, where)
    warnings += css_warnings
    meta = ast.setdefault("meta", {})
    meta["alsr-css"] = {"t": "MetaBlocks", "c": [{"t": "RawBlock", "c": ["html", css_html]}]}
    meta["alsr-generator"] = _meta_string(generator)
    meta["alsr-fallback-title"] = _meta_string(Path(document).stem)
    if options.title is None and "pagetitle" not in meta:   # a pagetitle the document gives is kept
        meta["pagetitle"] = _meta_string(Path(document).stem)
    cite = citeproc_args(meta, Path(document).parent, where)
    html = ast_to_html(ast, template=template, toc=options.toc, toc_depth=options.toc_depth, what=where,
                       extra_args=cite)
    for ref in dict.fromkeys(external_references(html)):
        if not any(ref in w for w in warnings):
            warnings.append(f"{where}: the HTML refers to {ref}, which is not embedded")
    # no joiner in a copied range or name (render/unbroken.py); each figure's zoom links named after it; the contents
    # copied after the abstract, where a narrow screen shows them, so that they are read and tabbed there too
    # (render/toc_order.py; session 32 HTML reader: placed there by CSS order, they were read last)
    return named_zoom_links(contents_in_body(unbroken_markup(html))), warnings
