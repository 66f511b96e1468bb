"""The ``pandoc_to_docx`` stage: executed markdown → a Word document (pandoc's docx writer).

As Quarto does for ``--to docx``:

- numbered floats: a table float becomes a pandoc table with its numbered caption
  (Word's "Table Caption" style, above it), a figure float a pandoc figure
  (image and "Image Caption" below); ``@tbl-x`` reads "Table 1";
- raw HTML tables (which pandoc's docx writer would drop) are read by pandoc's
  HTML reader into real Word tables; other raw HTML is dropped;
- callouts become their title in bold followed by their body;
- ``fig-alt`` becomes the image's alternative text.

Styles come from the reference document (``reference-doc``). Pandoc runs in its
sandbox: images must be data URIs or files named on the command line.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any, Callable, Sequence

from alsreport.render.callouts import CALLOUT_TYPES
from alsreport.render.citations import citeproc_args
from alsreport.render.crossref import NBSP, CrossrefOptions, apply_crossrefs
from alsreport.render.errors import RenderError
from alsreport.render.pandoc import markdown_to_ast, pandoc_path, run_pandoc
from alsreport.render.pandoc_ast import attr, attr_classes, attr_id, attr_kv, space, str_, text_inlines, walk

__all__ = ["pandoc_to_docx"]

Node = dict[str, Any]
_TABLE = re.compile(r"<table\b", re.I)


def _caption(kind: str, number: int, caption: list[Node], opts: CrossrefOptions) -> list[Node]:
    return [str_(f"{opts.titles[kind]}{NBSP}{number}{opts.title_delim}"), space(), *caption]


def _docx_float(kind: str, ident: str, number: int, caption: list[Node], content: list[Node],
                opts: CrossrefOptions, extra: list[str]) -> Node:
    """A table with its caption, or a figure: what pandoc's docx writer numbers and styles itself."""
    title = _caption(kind, number, caption, opts)
    tables = [b for b in content if b["t"] == "Table"]
    if kind == "tbl" and len(tables) == 1 and content[0] is tables[0]:
        table = tables[0]
        table["c"][0] = attr(ident, attr_classes(table["c"][0]))
        table["c"][1] = [None, [{"t": "Plain", "c": title}]]
        return {"t": "Div", "c": [attr(), content]}
    if kind == "fig":
        return {"t": "Figure", "c": [attr(ident), [None, [{"t": "Plain", "c": title}]], content]}
    style = "Table Caption" if kind == "tbl" else "Image Caption"
    head = {"t": "Div", "c": [attr(ident, kv=[["custom-style", style]]), [{"t": "Para", "c": title}]]}
    return {"t": "Div", "c": [attr(), [head, *content]]}


def _callout(node: Node) -> list[Node] | None:
    if node["t"] != "Div":
        return None
    a, blocks = node["c"]
    kind = next((c[len("callout-"):] for c in attr_classes(a) if c[len("callout-"):] in CALLOUT_TYPES
                 and c.startswith("callout-")), None)
    if kind is None:
        return None
    blocks = list(blocks)
    title = attr_kv(a).get("title")
    inlines = text_inlines(title) if title else (blocks.pop(0)["c"][2] if blocks and blocks[0]["t"] == "Header"
                                                 else text_inlines(kind.capitalize()))
    return [{"t": "Div", "c": [attr(attr_id(a)), [{"t": "Para", "c": [{"t": "Strong", "c": inlines}]}, *blocks]]}]


def _html_tables(blocks: list[Node], where: str) -> None:
    """Raw HTML blocks holding a ``<table>`` → the blocks pandoc's HTML reader makes of them (in place)."""
    def convert(node: Node) -> list[Node] | None:
        if node["t"] != "RawBlock" or node["c"][0] != "html" or not _TABLE.search(node["c"][1]):
            return None
        parsed = json.loads(run_pandoc(["--sandbox", "-f", "html", "-t", "json"], node["c"][1],
                                       what=f"{where}: an HTML table"))
        return parsed["blocks"]

    walk(blocks, convert)


def _alt_text(node: Node) -> list[Node] | None:
    if node["t"] != "Image":
        return None
    a, alt, target = node["c"]
    text = attr_kv(a).get("fig-alt")
    if text and not alt:
        node["c"] = [a, text_inlines(text), target]
    return None


def pandoc_to_docx(
    markdown: str,
    docx_path: Path,
    *,
    document: Path,
    crossref: CrossrefOptions,
    reference_doc: Path | None = None,
    locate: Callable[[str], str] = lambda label: "",
    extra_args: Sequence[str] = (),
) -> list[str]:
    """Write ``docx_path`` from executed markdown; return warnings."""
    where = Path(document).name
    ast = markdown_to_ast(markdown, what=where)
    blocks = ast["blocks"]
    walk(blocks, _callout)
    _html_tables(blocks, where)
    warnings = apply_crossrefs(blocks, crossref, where=where, locate=locate, build=_docx_float)
    walk(blocks, _alt_text)
    args = ["--sandbox", "-f", "json", "-t", "docx", "-o", str(docx_path)]
    if reference_doc is not None:
        if not Path(reference_doc).is_file():
            raise RenderError(f"{where}: the reference document {reference_doc} does not exist "
                              "(check reference-doc: in _quarto.yml or the front matter)")
        args.append(f"--reference-doc={reference_doc}")
    args += citeproc_args(ast.get("meta", {}), Path(document).parent, where) + list(extra_args)
    proc = subprocess.run([pandoc_path(), *args], input=json.dumps(ast), capture_output=True, text=True,
                          encoding="utf-8", check=False)
    if proc.returncode != 0:
        raise RenderError(f"{where}: pandoc (docx) failed (exit {proc.returncode}): {proc.stderr.strip()}")
    warnings += [f"{where}: pandoc: {line.strip()}" for line in proc.stderr.splitlines() if line.strip()]
    return warnings
