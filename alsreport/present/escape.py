"""Text shown literally in great-tables: THE one way table labels, headers and notes get their text.

great-tables reads ``{{…}}`` in a *string* given to ``cols_label`` or
``tab_spanner`` as its units syntax, and then emits the whole label without
HTML escaping: a visit label such as ``Month 1 {{x}}<img onerror=…>`` would
become live markup. So no table calls those great-tables methods itself: the
wrappers here (:func:`cols_label`, :func:`tab_spanner`, :func:`tab_stubhead`,
:func:`tab_header`, :func:`tab_source_note`, :func:`tab_footnote`) take plain
strings and pass each through :func:`literal`: the text is HTML-escaped and its
braces are written as character references, so great-tables' ``html()`` label
neither finds units syntax nor markup. LaTeX output of such a label is the
original text, LaTeX-escaped by great-tables (``html()`` labels are unescaped and
escaped again for LaTeX). ``tests/test_present_escape.py`` checks (by reading the
source) that no other module calls those methods.
"""

from __future__ import annotations

import html
from typing import Any

from great_tables import GT
from great_tables import html as gt_html

__all__ = ["literal", "escape_html_text", "cols_label", "tab_spanner", "tab_stubhead", "tab_header",
           "tab_source_note", "tab_footnote", "LABEL_METHODS"]

#: The great-tables methods that take label text: called only from this module.
LABEL_METHODS = ("cols_label", "tab_spanner", "tab_stubhead", "tab_header", "tab_source_note", "tab_footnote")

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def escape_html_text(text: str) -> str:
    """``text`` as HTML character data: ``& < > " '`` and ``{ }`` as references."""
    return html.escape(str(text), quote=True).translate(_BRACES)


def literal(text: str):  # type: ignore[no-untyped-def]
    """A great-tables label that shows ``text`` exactly as written, in HTML and LaTeX."""
    if not isinstance(text, str):
        raise TypeError(f"table text must be a plain string, not {type(text).__name__}")
    return gt_html(escape_html_text(text))


def cols_label(gt: GT, **labels: str) -> GT:
    """``gt.cols_label`` with every label literal."""
    return gt.cols_label(**{column: literal(text) for column, text in labels.items()})


def tab_spanner(gt: GT, label: str, columns: Any, **kwargs: Any) -> GT:
    """``gt.tab_spanner`` with a literal label (give ``id=``: the id is never derived from the text)."""
    return gt.tab_spanner(label=literal(label), columns=columns, **kwargs)


def tab_stubhead(gt: GT, label: str) -> GT:
    return gt.tab_stubhead(label=literal(label))


def tab_header(gt: GT, title: str, subtitle: str | None = None) -> GT:
    return gt.tab_header(title=literal(title), subtitle=None if subtitle is None else literal(subtitle))


def tab_source_note(gt: GT, text: str) -> GT:
    return gt.tab_source_note(literal(text))


def tab_footnote(gt: GT, text: str, **kwargs: Any) -> GT:
    """``gt.tab_footnote`` with literal text (``locations``, ``placement`` passed on)."""
    return gt.tab_footnote(literal(text), **kwargs)
