"""Quarto's float captions named by the table boxes that refer to them (issue #10, session 25 HTML reader).

A table's scrolling box is a region named by its caption, ``aria-labelledby="tbl-ae-caption"``
(:func:`alsreport.documents.table_region.scroll_region`): the id the embedded engine gives the caption of float
``tbl-ae`` (render/crossref.py). Quarto suffixes its caption ids with a UUID (``tbl-ae-caption-0ceaefa1-…``), so in
its page each reference is pointed at the caption that exists; a reference already resolved is left alone, so the
step may run twice (``alsreport render`` and the project's post-render hook).
"""

from __future__ import annotations

import re

__all__ = ["quarto_caption_refs"]

_CAPTION_ID = re.compile(r'\bid="([\w-]+?-caption)-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}"')
_REF = re.compile(r'\baria-labelledby="([\w-]+-caption)"')


def quarto_caption_refs(page: str) -> str:
    """``page`` with each ``aria-labelledby="<float>-caption"`` that names no element pointed at Quarto's caption of
    that float (``<float>-caption-<uuid>``)."""
    captions = {m.group(1): m.group(0)[4:-1] for m in _CAPTION_ID.finditer(page)}
    if not captions:
        return page
    ids = set(re.findall(r'\bid="([^"]+)"', page))

    def resolved(ref: re.Match[str]) -> str:
        base = ref.group(1)
        if base in ids or base not in captions:
            return ref.group(0)
        return f'aria-labelledby="{captions[base]}"'

    return _REF.sub(resolved, page)
