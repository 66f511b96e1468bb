"""Making the HTML self-contained: local images and CSS ``url()``s become data URIs.

Only files inside the allowed folders are read; remote URLs are never fetched
(they are reported, and left for the reader's browser).
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from alsreport.render.css_urls import decode_ident_escapes, rewrite_css_urls
from alsreport.render.pandoc_ast import walk

__all__ = ["css_with_data_uris", "data_uri", "embed_images", "external_references", "is_inside"]

_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def is_inside(path: Path, roots: list[Path]) -> bool:
    """Whether ``path`` (resolved) is one of ``roots`` or inside one."""
    path = path.resolve()
    return any(path == r.resolve() or r.resolve() in path.parents for r in roots)


def data_uri(path: Path) -> str:
    """``path``'s bytes as a base64 ``data:`` URI."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix.lower() == ".svg":
        mime = "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _local(ref: str, base: Path, roots: list[Path]) -> tuple[Path | None, str | None]:
    """The file a reference points to, or why it is not embedded."""
    if ref.startswith("data:") or ref.startswith("#") or not ref:
        return None, None
    if _REMOTE.match(ref) or (_SCHEME.match(ref) and not ref.lower().startswith("file:")):
        return None, "remote, not fetched"
    if ref.lower().startswith("file:"):
        target = Path(unquote(urlparse(ref).path))
    else:
        target = base / unquote(ref.split("#", 1)[0].split("?", 1)[0])
    if not is_inside(target, roots):
        return None, "outside the project folder, not read"
    if not target.is_file():
        return None, "no such file"
    return target, None


def embed_images(blocks: list[dict[str, Any]], base: Path, roots: list[Path], where: str) -> list[str]:
    """Replace local image sources in ``blocks`` by data URIs (in place); return warnings."""
    warnings: list[str] = []

    def fix(node: dict[str, Any]) -> None:
        if node["t"] != "Image":
            return None
        target = node["c"][2]
        path, problem = _local(target[0], base, roots)
        if path is not None:
            target[0] = data_uri(path)
        elif problem:
            warnings.append(f"{where}: image {target[0]} is {problem}; the HTML is not self-contained")
        return None

    walk(blocks, fix)
    return warnings


def css_with_data_uris(css: str, css_path: Path, roots: list[Path], where: str) -> tuple[str, list[str]]:
    """CSS text with local references inlined as data URIs and every other reference removed (and reported).

    Every form of :mod:`alsreport.render.css_urls` counts: ``url()``, ``image-set()``,
    ``-webkit-image-set()``, ``@import`` and escaped spellings such as ``u\\72l()``.
    """
    warnings: list[str] = []

    def fix(ref: str) -> str:
        if ref.startswith(("data:", "#")) or not ref:
            return ref
        path, problem = _local(ref, css_path.parent, roots)
        if path is not None:
            return data_uri(path)
        warnings.append(f"{where}: {css_path.name} refers to {ref}, which is {problem or 'not a file'}; "
                        "removed from the HTML")
        return "data:,"  # the HTML reaches nothing outside the run

    def drop_import(m: re.Match[str]) -> str:
        warnings.append(f"{where}: {css_path.name}: {m.group(0).strip()} is not followed; inline the rules instead")
        return "/* @import removed */"

    out = re.sub(r"@import\s+[^;]+;", drop_import, decode_ident_escapes(css), flags=re.I)
    return rewrite_css_urls(out, fix), warnings


_ATTR_REF = re.compile(r"""\b(?:src|href|poster|data)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def external_references(html: str) -> list[str]:
    """Resource references in ``html`` that are not data URIs, fragments or hyperlinks.

    ``<a href>`` links are allowed (they are links, not resources).
    """
    refs: list[str] = []
    for match in re.finditer(r"<(\w+)\b[^>]*>", html):
        tag = match.group(1).lower()
        for attr_match in _ATTR_REF.finditer(match.group(0)):
            ref = attr_match.group(2).strip()
            if tag == "a" or not ref or ref.startswith(("data:", "#")):
                continue
            refs.append(ref)
    for match in _CSS_URL.finditer(html):
        ref = match.group(2).strip()
        if not ref.startswith(("data:", "#")):
            refs.append(ref)
    return refs
