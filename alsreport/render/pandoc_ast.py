"""Small helpers for pandoc's JSON AST (pandoc-types 1.23): builders, walking, stringifying."""

from __future__ import annotations

from typing import Any, Callable

__all__ = [
    "Attr",
    "attr",
    "attr_classes",
    "attr_id",
    "attr_kv",
    "raw_block",
    "raw_inline",
    "space",
    "span",
    "str_",
    "stringify",
    "text_inlines",
    "walk",
]

Node = dict[str, Any]
Attr = list[Any]  # [id, [classes], [[key, value], ...]]


def attr(ident: str = "", classes: list[str] | None = None, kv: list[list[str]] | None = None) -> Attr:
    return [ident, list(classes or []), [list(p) for p in (kv or [])]]


def attr_id(a: Attr) -> str:
    return a[0]


def attr_classes(a: Attr) -> list[str]:
    return a[1]


def attr_kv(a: Attr) -> dict[str, str]:
    return {k: v for k, v in a[2]}


def raw_block(html: str) -> Node:
    return {"t": "RawBlock", "c": ["html", html]}


def raw_inline(html: str) -> Node:
    return {"t": "RawInline", "c": ["html", html]}


def str_(text: str) -> Node:
    return {"t": "Str", "c": text}


def space() -> Node:
    return {"t": "Space"}


def span(inlines: list[Node], a: Attr | None = None) -> Node:
    return {"t": "Span", "c": [a or attr(), inlines]}


def text_inlines(text: str) -> list[Node]:
    """Plain text as Str/Space inlines."""
    out: list[Node] = []
    for i, word in enumerate(text.split(" ")):
        if i:
            out.append(space())
        if word:
            out.append(str_(word))
    return out


def walk(value: Any, fn: Callable[[Node], list[Node] | None]) -> Any:
    """Apply ``fn`` to every element node, bottom-up, in place.

    ``fn`` returns ``None`` to keep the node or a list of nodes to splice in
    its place (``[]`` removes it).
    """
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            walk(item, fn)
            if isinstance(item, dict) and "t" in item:
                replacement = fn(item)
                if replacement is None:
                    out.append(item)
                else:
                    out.extend(replacement)
            else:
                out.append(item)
        value[:] = out
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "t":
                walk(item, fn)
    return value


def stringify(value: Any) -> str:
    """The plain text of inlines/blocks (as ``pandoc.utils.stringify``)."""
    if isinstance(value, list):
        return "".join(stringify(v) for v in value)
    if not isinstance(value, dict):
        return ""
    t, c = value.get("t"), value.get("c")
    if t == "Str":
        return c
    if t in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if t == "Code":
        return c[1]
    if t in ("RawInline", "RawBlock", "Note"):
        return ""
    if t in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Plain", "Para"):
        return stringify(c)
    if t in ("Span", "Link", "Image", "Quoted", "Cite"):
        inner = c[1]
        text = stringify(inner)
        if t == "Quoted":
            return f"“{text}”" if c[0]["t"] == "DoubleQuote" else f"‘{text}’"
        return text
    if t == "Header":
        return stringify(c[2])
    if isinstance(c, list):
        return stringify(c)
    return ""
