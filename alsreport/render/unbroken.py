"""Runs that must not break across lines, as markup instead of invisible characters (readers 11a and 11b).

The formatting module joins a range's en dash and a name's hyphen to what follows with U+2060 WORD JOINER
(``47.0–\u206055.5``, ``IL-\u20606``: :data:`alsreport.present.format.RANGE_DASH`, ``NAME_HYPHEN``) and a table header
may offer a break with U+200B (``Given/\u200bplanned``). Left in the page, those characters travel with every copy:
a range pasted into R or Excel does not parse, "IL-6" does not match. So the HTML writers (the embedded engine's,
and Quarto's page after it is written) turn them into markup, and the Word writers drop them (:mod:`alsreport.render.docx_finish`):

* a run of text that holds a joiner becomes ``<span class="alsr-nobr">47.0–55.5</span>`` (``white-space: nowrap``
  in templates/screen.css, read by the browsers and by WeasyPrint, so the PDF keeps the range whole too);
* U+200B becomes ``<wbr>`` (a break opportunity that is no character);
* attribute values, the ``<head>`` and inline SVG keep the text without either character;
* an abbreviation with a hyphen and a short suffix in running text (``ALSFRS-R``, ``SHA-256``, ``TNF-α``: capitals, a
  hyphen, one capital, digits or one Greek letter; not in code) becomes a nowrap span as well: the prose does not join them, since its definitions at first use find
  them as written, and WeasyPrint broke "(ALSFRS-" / "R below 24" (session 30 ethics reader);
* so do the statistical terms with a one-letter prefix, ``p-value(s)`` and ``t-test(s)`` (session 31 reviewer: "p-" /
  "value" in the abstract, "t-" / "tests" in the Methods);
* and, with ordinary spaces as a study's own text writes them, a power of ten or a multiple of a limit (``1 × 10⁶``,
  ``1.5 × baseline``, ``2 × ULN``) and an R argument (``paired = TRUE``, ``conf.level = 0.95``) (session 32 reviewer:
  "1 ×" / "10⁶" in the intervention text of study.yml, "paired =" / "TRUE" in a table's note).
"""

from __future__ import annotations

import re

from alsreport.render.superscripts import HTML_TOKEN, TAG_NAME

__all__ = ["NOBR_CLASS", "INVISIBLE", "unbroken_markup", "without_invisible"]

#: The class of a run that must not break (templates/screen.css: white-space: nowrap)
NOBR_CLASS = "alsr-nobr"
#: The characters taken out: WORD JOINER and ZERO WIDTH SPACE
INVISIBLE = "\u2060\u200b"
_STRIP = str.maketrans("", "", INVISIBLE)
#: A run of text between spaces (ASCII white space: a no-break space stays inside the run) with a joiner in it
_JOINED = re.compile("[^ \t\r\n]*\u2060[^ \t\r\n]*")
#: An abbreviation ending in a hyphen and a one-letter, numeric or Greek suffix: two or more capitals or digits (a
#: capital first), a hyphen, then one capital, digits or one Greek letter, not inside a longer hyphenated run
#: ("ALSFRS-R", "SHA-256", "TNF-α"; not "BM-MSC", "TNF-alpha", "Non-HDL" or "X-ray", which may break as words do)
_ABBREVIATION = re.compile(r"(?<![\w\-\u2060])(?:[A-Z][A-Z0-9]+-(?:[A-Z]|[0-9]+|[\u03b1-\u03c9])"
                           r"|[pt]-(?:values?|tests?)"
                           r"|[0-9]+(?:\.[0-9]+)?[ \u00a0]×[ \u00a0](?:10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+|baseline|ULN|LLN)"
                           r"|[a-z][a-z.]*[ \u00a0]=[ \u00a0](?:TRUE|FALSE|[0-9]+(?:\.[0-9]+)?))(?![\w\-\u2060])")
#: Elements whose text is code: kept as written, with no span
_CODE = {"code", "pre", "kbd", "samp"}
#: Elements whose text is not drawn in the page's flow (or must stay as written)
_PLAIN = {"head", "title", "style", "script", "textarea", "svg", "math"}


def without_invisible(text: str) -> str:
    """``text`` without U+2060 and U+200B."""
    return text.translate(_STRIP)


def _text(text: str, *, code: bool = False) -> str:
    if not code:
        text = _ABBREVIATION.sub(lambda m: f'<span class="{NOBR_CLASS}">{m.group(0)}</span>', text)
    text = _JOINED.sub(lambda m: f'<span class="{NOBR_CLASS}">{without_invisible(m.group(0))}</span>', text)
    return text.replace("\u200b", "<wbr>")


def unbroken_markup(page: str) -> str:
    """``page`` with its joined runs and hyphenated abbreviations as nowrap spans and its zero-width spaces as
    ``<wbr>`` (module doc)."""
    if "\u2060" not in page and "\u200b" not in page and not _ABBREVIATION.search(page):
        return page
    out: list[str] = []
    stack: list[str] = []    # open elements whose text is left plain
    code = 0                 # depth of open code elements
    for tok in HTML_TOKEN.findall(page):
        if tok.startswith("<") and len(tok) > 1:
            if tok[1] != "!":
                name = TAG_NAME.match(tok)
                tag = name.group(1).lower() if name else ""
                if tag in _CODE and not tok.endswith("/>"):
                    code = max(0, code - 1) if tok.startswith("</") else code + 1
                if tag in _PLAIN and not tok.endswith("/>"):
                    if not tok.startswith("</"):
                        stack.append(tag)
                    elif tag in stack:
                        while stack and stack.pop() != tag:
                            pass
            out.append(without_invisible(tok))
        elif stack:
            out.append(tok if stack[-1] in ("style", "script") else without_invisible(tok))
        else:
            out.append(_text(tok, code=code > 0))
    return "".join(out)
