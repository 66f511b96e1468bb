"""Text from the data shown literally in great-tables labels.

great-tables reads ``{{…}}`` in a *string* given to ``cols_label`` or
``tab_spanner`` as its units syntax, and then emits the whole label without
HTML escaping: a visit label such as ``Month 1 {{x}}<img onerror=…>`` would
become live markup. Every label that carries text from the study (visit
labels, grade levels, …) goes through :func:`literal` instead: the text is
HTML-escaped, and its braces are written as character references, so
great-tables' ``html()`` label neither finds units syntax nor markup. LaTeX
output of such a label is the original text, LaTeX-escaped by great-tables
(``html()`` labels are unescaped and escaped again for LaTeX).
"""

from __future__ import annotations

import html

from great_tables import html as gt_html

__all__ = ["literal", "escape_html_text"]

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def escape_html_text(text: str) -> str:
    """``text`` as HTML character data: ``& < > " '`` and ``{ }`` as references."""
    return html.escape(str(text), quote=True).translate(_BRACES)


def literal(text: str):  # type: ignore[no-untyped-def]
    """A great-tables label that shows ``text`` exactly as written, in HTML and LaTeX."""
    return gt_html(escape_html_text(text))
