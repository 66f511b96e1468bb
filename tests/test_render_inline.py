"""Inline expressions follow Quarto's rule (alsreport.render.inline), checked against Quarto 1.11.0.

Expected strings: ``quarto render t.qmd --to html`` (Quarto 1.11.0, ipykernel) on the same
document, paragraphs of ``<main>`` as Quarto wrote them.
"""

from __future__ import annotations

import re
from pathlib import Path

from alsreport.documents.markup import Markdown, MarkdownProse
from alsreport.render import render_document
from alsreport.render.inline import escape_plain_text, inline_markdown

DOC = '''---
title: "Inline"
---

```{python}
from IPython.display import HTML, Markdown
class R:
    def _repr_markdown_(self): return "_via repr_"
    def __str__(self): return "STR"
s = "open-label *x* (y) a_b"
punct = "a, b + c - d. e! f\\\\g 'q' and \\"dq\\""
u = "9.1\\xa0pg/mL"
```

S: `{python} s`

P: `{python} punct`

U: `{python} u`

N: `{python} 3.14159`

E: [`{python} ""`]

M: `{python} Markdown("**bold** and *it*")`

M0: `{python} Markdown("")`

R: `{python} R()`

H: `{python} HTML("<b>h</b>")`

None: `{python} None`

L: `{python} [1, 'a']`
'''

# Quarto 1.11.0: quarto render t.qmd --to html, the <p> elements of <main>
QUARTO = [
    "S: open-label *x* (y) a_b",
    "P: a, b + c - d. e! f\\\\\\\\g \\\\\u2018q\\\\\u2019 and \u201cdq\u201d",
    "U: 9.1\\\\xa0pg/mL",
    "N: 3.14159",
    "E: [<code>{python} \"\"</code>]",
    "M: <strong>bold</strong> and <em>it</em>",
    "M0: <code>{python} Markdown(\"\")</code>",
    "R: <em>via repr</em>",
    "H: <b>h</b>",
    "None: None",
    "L: [1, \u2018a\u2019]",
]


def test_plain_text_is_escaped_like_quarto() -> None:
    # Quarto's asEscapedMarkdown: quotes dropped, backslashes doubled, punctuation (',' included) escaped
    assert escape_plain_text("'a-b, c'") == "a\\-b\\, c"
    assert escape_plain_text('"it\'s (1)"') == "it's \\(1\\)"
    assert escape_plain_text("3.5") == "3.5"  # not a quoted string: kept as it is
    assert escape_plain_text("''") == ""


def test_mime_preference() -> None:
    assert inline_markdown({"text/plain": "'x'", "text/markdown": "*x*"}) == "*x*"
    assert inline_markdown({"text/plain": "h", "text/html": "<b>h</b>"}) == "`<b>h</b>`{=html}"
    assert inline_markdown({"text/plain": "''"}) == ""
    assert inline_markdown({}) == ""


def test_markdown_values_are_strings_that_display_as_markdown() -> None:
    m = Markdown("**x**")
    assert m == "**x**" and f"<{m}>" == "<**x**>" and m._repr_markdown_() == "**x**"

    class Text:
        sentence = "a *b*"
        number = 3

    prose = MarkdownProse(Text())
    assert isinstance(prose.sentence, Markdown) and prose.number == 3


def test_embedded_engine_matches_quarto(tmp_path: Path) -> None:
    qmd = tmp_path / "t.qmd"
    qmd.write_text(DOC, encoding="utf-8")
    result = render_document(qmd, project_dir=tmp_path, output_dir=tmp_path / "out", to=["html"], use_cache=False)
    html = result.outputs["html"].read_text(encoding="utf-8")
    paragraphs = re.findall(r"<p>(.*?)</p>", html[html.find("<main"):], re.S)
    assert paragraphs == QUARTO

