"""Study text as literal pandoc/Quarto markdown."""

from __future__ import annotations

import re

__all__ = ["md_escape"]

#: ASCII punctuation pandoc reads as markup (``all_symbols_escapable``); quotes stay smart.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@&:;=])")


def md_escape(text: object) -> str:
    """``text`` as literal markdown: markup characters backslash-escaped, line breaks as spaces.

    ``<script>alert(1)</script>`` renders as that text, ``@tbl-x`` is not a
    reference, ``*x*`` is not emphasis, ``{{< meta >}}`` is not a shortcode.
    """
    s = re.sub(r"\s+", " ", str(text)).strip()
    return _MD_SPECIAL.sub(r"\\\1", s)
