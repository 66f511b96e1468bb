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


def test_every_wrapper_shows_the_text_literally() -> None:
    from alsreport.present import escape as gtext

    text = "M1 {{x}}<img src=x onerror=alert(1)>"
    gt = GT(pd.DataFrame({"a": [1], "b": [2]}), rowname_col="b")
    gt = gtext.tab_header(gt, title=text + " T", subtitle=text + " S")
    gt = gtext.cols_label(gt, a=text + " C")
    gt = gtext.tab_spanner(gt, text + " P", columns=["a"], id="p")
    gt = gtext.tab_stubhead(gt, text + " H")
    gt = gtext.tab_source_note(gt, text + " N")
    gt = gtext.tab_footnote(gt, text + " F")
    page = gt.as_raw_html()
    p = _Headers()
    p.feed(page)
    assert "img" not in p.tags
    for suffix in "TSCPHNF":
        assert html.escape(f"{text} {suffix}", quote=False) in page.replace("&#123;", "{").replace("&#125;", "}")


def test_no_module_calls_the_great_tables_label_methods_itself() -> None:
    """Every cols_label/tab_spanner/tab_stubhead/tab_header/tab_source_note/tab_footnote call goes through
    alsreport.present.escape, so no label text from the data reaches great-tables unescaped."""
    import ast
    from pathlib import Path

    import alsreport
    from alsreport.present.escape import LABEL_METHODS

    package = Path(alsreport.__file__).parent
    helper = package / "present" / "escape.py"
    calls = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in LABEL_METHODS and path != helper):
                owner = node.func.value
                if not (isinstance(owner, ast.Name) and owner.id == "gtext"):
                    calls.append(f"{path.relative_to(package)}:{node.lineno} .{node.func.attr}(")
    assert calls == [], "call alsreport.present.escape's wrappers instead"
