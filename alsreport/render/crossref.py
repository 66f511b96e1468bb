"""Cross-references: numbered table/figure captions, section numbers and ``@tbl-x`` links.

Numbering follows Quarto: tables and figures are numbered separately in
document order; with ``number-sections`` headings are numbered from the
document's top heading level (a document of ``##`` headings starts at 1).
An unresolved ``@tbl-x`` becomes a bold ``?@tbl-x`` and a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from alsreport.render.pandoc_ast import (
    attr,
    attr_classes,
    attr_id,
    attr_kv,
    raw_block,
    space,
    span,
    str_,
    text_inlines,
    walk,
)

__all__ = ["CROSSREF_KINDS", "CrossrefOptions", "FloatBuilder", "UNSUPPORTED_PREFIXES", "apply_crossrefs"]

CROSSREF_KINDS = ("fig", "tbl", "sec")
UNSUPPORTED_PREFIXES = ("eq", "lst", "thm", "lem", "cor", "prp", "cnj", "def", "exm", "exr", "sol", "rem",
                        "nte", "wrn", "imp", "tip", "cau", "apx")
NBSP = "\u00a0"


@dataclass(frozen=True)
class CrossrefOptions:
    """Numbering options (``number-sections``, ``number-depth`` and ``crossref:`` titles/prefixes)."""

    number_sections: bool = False
    number_depth: int = 6
    titles: dict[str, str] = field(default_factory=lambda: {"fig": "Figure", "tbl": "Table"})
    prefixes: dict[str, str] = field(default_factory=lambda: {"fig": "Figure", "tbl": "Table", "sec": "Section"})
    title_delim: str = ":"

    @classmethod
    def from_metadata(cls, fmt: dict[str, Any]) -> "CrossrefOptions":
        cr = fmt.get("crossref") if isinstance(fmt.get("crossref"), dict) else {}
        titles = {k: str(cr.get(f"{k}-title", v)) for k, v in {"fig": "Figure", "tbl": "Table"}.items()}
        prefixes = {k: str(cr.get(f"{k}-prefix", v)) for k, v in {"fig": "Figure", "tbl": "Table", "sec": "Section"}.items()}
        return cls(
            number_sections=bool(fmt.get("number-sections", False)),
            number_depth=int(fmt.get("number-depth", 6)),
            titles=titles,
            prefixes=prefixes,
            title_delim=str(cr.get("title-delim", ":")),
        )


@dataclass
class _Target:
    kind: str
    number: str | None
    title: list[dict[str, Any]]


def _caption_inlines(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    inlines: list[dict[str, Any]] = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            if inlines:
                inlines.append(space())
            inlines.extend(block["c"])
    return inlines


def _float(kind: str, ident: str, number: int, caption: list[dict[str, Any]], content: list[dict[str, Any]],
           opts: CrossrefOptions, extra_classes: list[str] | None = None) -> dict[str, Any]:
    """Quarto's float markup: div.quarto-float > figure > figcaption + content."""
    title = [str_(f"{opts.titles[kind]}{NBSP}{number}{opts.title_delim}"), space(), *caption]
    cap_id = f"{ident}-caption"
    where = "top" if kind == "tbl" else "bottom"
    cap = [
        raw_block(f'<figcaption class="quarto-float-caption-{where} quarto-float-caption quarto-float-{kind}" id="{cap_id}">'),
        {"t": "Plain", "c": title},
        raw_block("</figcaption>"),
    ]
    body = [raw_block(f'<div aria-describedby="{cap_id}">'), *content, raw_block("</div>")]
    inner = [raw_block(f'<figure class="quarto-float quarto-float-{kind} figure">'),
             *(cap + body if kind == "tbl" else body + cap), raw_block("</figure>")]
    classes = ["quarto-float", "quarto-figure", "quarto-figure-center", "anchored"]
    classes += [c for c in extra_classes or () if c not in classes]
    return {"t": "Div", "c": [attr(ident, classes), inner]}


def _is_xref(cit: dict[str, Any]) -> bool:
    """Whether a pandoc citation is a cross-reference (``@fig-…``) rather than a bibliographic one."""
    label = cit["citationId"]
    lookup = label[0].lower() + label[1:]
    prefix = lookup.split("-", 1)[0] if "-" in lookup else ""
    return prefix in CROSSREF_KINDS or prefix in UNSUPPORTED_PREFIXES


_FloatParts = tuple[str, str, list[dict[str, Any]], list[dict[str, Any]], list[str]]


def _div_float_parts(node: dict[str, Any]) -> _FloatParts | None:
    """A ``::: {#fig-x}`` div (caption: last paragraph or ``fig-cap=``) or a cell's float."""
    a, content = node["c"]
    ident = attr_id(a)
    kind = attr_kv(a).get("alsr-kind") if "alsr-float" in attr_classes(a) else None
    extra = [c for c in attr_classes(a) if c != "alsr-float"]
    cap_attr = attr_kv(a).get(f"{ident[:3]}-cap") if ident[:4] in ("fig-", "tbl-") else None
    if kind is None and cap_attr is not None:  # ::: {#fig-x fig-cap="…"}
        return ident[:3], ident, [{"t": "Plain", "c": text_inlines(cap_attr)}], content, extra
    if kind is None and ident[:4] in ("fig-", "tbl-") and len(content) >= 2 and content[-1]["t"] == "Para":
        return ident[:3], ident, [content[-1]], content[:-1], extra
    if kind not in ("fig", "tbl"):
        return None
    captions = [b for b in content if b["t"] == "Div" and "alsr-caption" in attr_classes(b["c"][0])]
    rest = [b for b in content if not any(b is c for c in captions)]
    return kind, ident, (captions[-1]["c"][1] if captions else []), rest, extra


def _float_parts(node: dict[str, Any]) -> _FloatParts | None:
    """(kind, label, caption blocks, content, extra classes) when ``node`` is a numbered float."""
    t = node["t"]
    if t == "Div":
        return _div_float_parts(node)
    if t == "Figure":
        a, caption, content = node["c"]
        ident = attr_id(a)
        return (ident[:3], ident, caption[1], content, []) if ident[:4] in ("fig-", "tbl-") else None
    if t == "Table" and attr_id(node["c"][0]).startswith("tbl-"):
        # a pipe table with ``: Caption {#tbl-x}``: Quarto makes it a numbered float
        a, caption = node["c"][0], node["c"][1]
        table = {"t": "Table", "c": [attr("", attr_classes(a)), [None, []], *node["c"][2:]]}
        return "tbl", attr_id(a), caption[1], [table], []
    return None


@dataclass
class _Refs:
    """Targets found so far and warnings for one document."""

    where: str
    locate: Callable[[str], str]
    warnings: list[str] = field(default_factory=list)
    targets: dict[str, _Target] = field(default_factory=dict)

    def register(self, label: str, target: _Target) -> None:
        if label in self.targets:
            self.warnings.append(f"{self.where}: label {label} is used twice{self.locate(label)}; "
                                 "references go to the first")
        else:
            self.targets[label] = target


#: builds a numbered float: (kind, label, number, caption inlines, content, options, extra classes) → block
FloatBuilder = Callable[[str, str, int, list[dict[str, Any]], list[dict[str, Any]], CrossrefOptions, list[str]],
                        dict[str, Any]]


def _number_floats(blocks: list[dict[str, Any]], opts: CrossrefOptions, refs: _Refs,
                   build: FloatBuilder = _float) -> None:
    """Number tables and figures (separately, in document order) and wrap them in float markup."""
    counters = {"fig": 0, "tbl": 0}

    def floats(node: dict[str, Any]) -> list[dict[str, Any]] | None:
        parts = _float_parts(node)
        if parts is None:
            return None
        kind, ident, caption_blocks, content, extra = parts
        counters[kind] += 1
        caption = _caption_inlines(caption_blocks)
        refs.register(ident, _Target(kind, str(counters[kind]), caption))
        return [build(kind, ident, counters[kind], caption, content, opts, extra)]

    walk(blocks, floats)


def _number_header(header: dict[str, Any], depth: int, levels: list[int]) -> str:
    """Number ``header`` at ``depth`` below the top level (updating ``levels``); return the number."""
    level, a, inlines = header["c"]
    levels[depth] += 1
    for i in range(depth + 1, len(levels)):
        levels[i] = 0
    number = ".".join(str(n) for n in levels[: depth + 1])
    a[2].append(["data-number", number])
    header["c"][2] = [span([str_(number)], attr(classes=["header-section-number"])), space(), *inlines]
    return number


def _number_sections(blocks: list[dict[str, Any]], opts: CrossrefOptions, refs: _Refs) -> None:
    """Number headings (with ``number-sections``) and register ``#sec-`` labels."""
    headers: list[dict[str, Any]] = []
    walk(blocks, lambda n: headers.append(n) if n["t"] == "Header" else None)
    numbered = [h for h in headers if "unnumbered" not in attr_classes(h["c"][1])]
    numbered_ids = {id(h) for h in numbered}
    top = min((h["c"][0] for h in numbered), default=1)
    levels = [0] * 7
    for header in headers:
        level, a, inlines = header["c"]
        ident = attr_id(a)
        number = None
        if opts.number_sections and id(header) in numbered_ids and level - top < opts.number_depth:
            number = _number_header(header, level - top, levels)
        if ident.startswith("sec-"):
            refs.register(ident, _Target("sec", number, list(inlines)))


def _xref_text(cit: dict[str, Any], label: str, target: _Target, opts: CrossrefOptions,
               refs: _Refs) -> list[dict[str, Any]]:
    """The link text for a resolved reference: ``Table 2``, ``2`` (``-@``) or an unnumbered title."""
    if target.number is None:
        if target.kind == "sec":
            refs.warnings.append(f"{refs.where}: @{label}{refs.locate(label)} points to an unnumbered section; "
                                 "the link shows its title (set number-sections: true for numbers)")
        return [*target.title]
    if cit["citationMode"]["t"] == "SuppressAuthor":
        return [str_(target.number)]
    return [str_(f"{opts.prefixes[target.kind]}{NBSP}{target.number}")]


def _xref_inline(cit: dict[str, Any], opts: CrossrefOptions, refs: _Refs) -> dict[str, Any]:
    """A link to the target of ``cit``, or a bold ``?@label`` (and a warning) when unresolved."""
    label = cit["citationId"]
    lookup = label[0].lower() + label[1:]
    prefix = lookup.split("-", 1)[0] if "-" in lookup else ""
    target = refs.targets.get(lookup)
    if target is None:
        why = ("this kind of cross-reference is not supported by the embedded engine"
               if prefix in UNSUPPORTED_PREFIXES else "no table, figure or section has that label")
        refs.warnings.append(f"{refs.where}: unresolved cross-reference @{label}{refs.locate(label)} ({why}); "
                             f"rendered as ?@{label}")
        return {"t": "Strong", "c": [str_(f"?@{label}")]}
    text = _xref_text(cit, label, target, opts, refs)
    return {"t": "Link", "c": [attr(classes=["quarto-xref"]), text, [f"#{lookup}", ""]]}


def _resolve_cite(citations: list[dict[str, Any]], opts: CrossrefOptions, refs: _Refs) -> list[dict[str, Any]]:
    """Inlines replacing a ``Cite`` of cross-references (citations mixed in are kept as text, with a warning)."""
    out: list[dict[str, Any]] = []
    for i, cit in enumerate(citations):
        label = cit["citationId"]
        if not _is_xref(cit):
            refs.warnings.append(f"{refs.where}: citation @{label}{refs.locate(label)} is mixed with "
                                 "cross-references in one bracket; write it in its own brackets")
            out.append(str_(f"@{label}"))
            continue
        if i:
            out.append(str_(","))
            out.append(space())
        if cit["citationPrefix"]:
            out.extend([*cit["citationPrefix"], space()])
        out.append(_xref_inline(cit, opts, refs))
        if cit["citationSuffix"]:
            out.extend(cit["citationSuffix"])
    return out


def apply_crossrefs(
    blocks: list[dict[str, Any]],
    opts: CrossrefOptions,
    *,
    where: str,
    locate: Callable[[str], str] = lambda label: "",
    build: FloatBuilder | None = None,
) -> list[str]:
    """Number floats and sections in ``blocks`` (in place) and resolve references; return warnings.

    ``build`` makes each numbered float (default: Quarto's HTML float markup; the Word
    writer passes its own, :mod:`alsreport.render.docx`).
    """
    refs = _Refs(where, locate)
    _number_floats(blocks, opts, refs, build or _float)
    _number_sections(blocks, opts, refs)

    def resolve(node: dict[str, Any]) -> list[dict[str, Any]] | None:
        if node["t"] != "Cite":
            return None
        citations, _original = node["c"]
        if not any(_is_xref(c) for c in citations):
            return None  # bibliographic citations: left for citeproc (--citeproc when there is a bibliography)
        return _resolve_cite(citations, opts, refs)

    walk(blocks, resolve)
    return refs.warnings
