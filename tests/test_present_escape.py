"""Data text in great-tables labels stays text (issue 14: script injection through a visit label)."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pandas as pd
from great_tables import GT
from hypothesis import example, given, settings
from hypothesis import strategies as st

from alsreport.present.escape import escape_html_text, literal

_HOSTILE = st.text(alphabet=st.sampled_from(list("{}<>&\"'`$\\%#_^~[]()!@=+-*|:;/ ax1\u00a0é")), max_size=40)


class _Headers(HTMLParser):
    """Tags and the text of every <th>/<span> inside the column headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.texts: list[str] = []
        self._in = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        if tag == "th":
            self._in += 1
            self.texts.append("")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "th":
            self._in -= 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in:
            self.texts[-1] += data


def _headers(gt: GT) -> _Headers:
    p = _Headers()
    p.feed(gt.as_raw_html())
    return p


@settings(max_examples=60, deadline=None)
@given(_HOSTILE)
@example("Month 1 {{x}}<img src=x onerror=alert(1)><link rel=stylesheet href=http://127.0.0.1:9/x.css>")
@example('<a rel="attachment" href="secret.txt">s</a> {{m^2}}')
def test_label_is_literal_in_html(text: str) -> None:
    gt = GT(pd.DataFrame({"a": [1], "b": [2]})).cols_label(a=literal(text)).tab_spanner(
        label=literal(text + "!"), columns=["a", "b"])
    p = _headers(gt)
    assert not {"img", "link", "a", "script"} & set(p.tags)
    texts = [t.strip() for t in p.texts]
    assert text.strip() in texts  # the column label, verbatim
    assert (text + "!").strip() in texts  # the spanner


def test_plain_string_label_was_the_hole() -> None:
    # Why literal() exists: great-tables reads {{...}} as units and then leaves the label unescaped.
    gt = GT(pd.DataFrame({"a": [1]})).cols_label(a="M1 {{x}}<img src=x onerror=alert(1)>")
    assert "img" in _headers(gt).tags
    gt = GT(pd.DataFrame({"a": [1]})).cols_label(a=literal("M1 {{x}}<img src=x onerror=alert(1)>"))
    assert "img" not in _headers(gt).tags


def test_label_is_literal_in_latex() -> None:
    gt = GT(pd.DataFrame({"a": [1]})).cols_label(a=literal(r"M1 {{x}} <b>$\textbf{y}$ 50% & _"))
    tex = gt.as_latex()
    assert r"M1 \{\{x\}\} \textless{}b\textgreater{}\$\textbackslash{}textbf\{y\}\$ 50\% \& \_" in tex


def test_escape_html_text_round_trips() -> None:
    s = "{{a}} <b> & \"q\" 'r'"
    out = escape_html_text(s)
    assert not set("{}<>\"'") & set(out.replace("&#123;", "").replace("&#125;", "").replace("&lt;", "")
                                    .replace("&gt;", "").replace("&quot;", "").replace("&#x27;", ""))
    assert html.unescape(out) == s
