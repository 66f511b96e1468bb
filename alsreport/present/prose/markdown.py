"""Study text as literal pandoc/Quarto markdown."""

from __future__ import annotations

import re

__all__ = ["md_escape"]

#: ASCII punctuation pandoc reads as markup (``all_symbols_escapable``); quotes stay smart.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@&:;=])")


#: Between ``{{`` and ``<`` and between ``>`` and ``}}``: U+2060 WORD JOINER (invisible, no line break).
#: Quarto expands shortcodes in
#: metadata (the title, authors) after pandoc has read it, so a backslash-escaped ``\{\{\<`` is a shortcode
#: there again: ``{{< env HOME >}}`` in a study title printed an environment variable, ``{{< meta title >}}``
#: made Quarto's filters recurse until they failed, and a lone ``>}}`` there stops Quarto with an error.
#: With the joiners no shortcode starts or ends, in either engine.
_SHORTCODE_MARKS = re.compile(r"(?<=\{\{)(?=<)|(?<=>)(?=\}\})")
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")   # any run of white space but the no-break ones


def md_escape(text: object) -> str:
    """``text`` as literal markdown: markup characters backslash-escaped, line breaks as spaces; no-break
    spaces (U+00A0, U+202F) stay, as :mod:`alsreport.present.format` put them where a line must not break.

    ``<script>alert(1)</script>`` renders as that text, ``@tbl-x`` is not a
    reference, ``*x*`` is not emphasis, ``{{< meta >}}`` is not a shortcode (invisible word
    joiners separate ``{{`` from ``<`` and ``>`` from ``}}``: Quarto reads shortcodes in metadata even
    when escaped).
    """
    s = _BREAKING_SPACE.sub(" ", str(text)).strip(" ")
    s = _SHORTCODE_MARKS.sub("\u2060", s)
    return _MD_SPECIAL.sub(r"\\\1", s)
