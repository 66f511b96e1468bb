"""Ids of an inline SVG made unique in its page (issue #10, semantics).

matplotlib names every SVG element after its artist (``figure_1``, ``patch_1``, ``axes_1``) and its markers after a
hash of their path, so eight inline figures in one HTML page repeated 134 ids: invalid HTML, and a ``<use>`` or an
``aria-labelledby`` could resolve to another figure's element. :func:`scoped_svg_ids` prefixes each id the SVG
defines, and every reference to it (``url(#…)``, ``href="#…"``, ``xlink:href="#…"``), with the figure's own label;
an id the figure gives several elements (a ``gid`` shared by a series' line and markers) is numbered after its first
(``-2``, ``-3``), and references keep pointing to the first, as a browser resolves them.
"""

from __future__ import annotations

import re

__all__ = ["scoped_svg_ids"]

_ID = re.compile(r'\bid="([^"]+)"')


def scoped_svg_ids(svg: str, scope: str) -> str:
    """``svg`` with every id it defines, and every reference to one, prefixed ``{scope}-``."""
    ids = set(_ID.findall(svg))
    if not ids:
        return svg
    names = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    ref = re.compile(rf'(url\(#|href="#)({names})(?=["\)])')
    seen: dict[str, int] = {}

    def _define(m: re.Match[str]) -> str:
        n = seen[m.group(1)] = seen.get(m.group(1), 0) + 1
        return f'id="{scope}-{m.group(1)}{"" if n == 1 else f"-{n}"}"'

    svg = _ID.sub(_define, svg)
    return ref.sub(lambda m: f"{m.group(1)}{scope}-{m.group(2)}", svg)
