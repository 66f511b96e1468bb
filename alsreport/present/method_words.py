"""A test's name as prose and table notes write it, from R's ``method`` string.

``results.json`` keeps R's ``method`` as R prints it (``Wilcoxon signed rank exact test``) so that it can
be compared with R; a document writes the name as R's documentation and journals do: "exact Wilcoxon
signed-rank test" (the qualifier first, the compound adjective hyphenated).
"""

from __future__ import annotations

import re

__all__ = ["method_words"]

_COMPOUNDS = ((re.compile(r"\bsigned rank\b"), "signed-rank"), (re.compile(r"\brank sum\b"), "rank-sum"))
_TRAILING_QUALIFIER = re.compile(r"^(?P<name>.+?) (?P<q>exact|asymptotic) test\b(?P<rest>.*)$")


def method_words(method: str) -> str:
    """``Wilcoxon signed rank exact test`` → ``exact Wilcoxon signed-rank test``; ``Wilcoxon signed rank
    test with continuity correction`` → ``Wilcoxon signed-rank test with continuity correction``; other
    names with their compounds hyphenated ("Friedman rank-sum test"), otherwise as given."""
    text = " ".join(str(method).split())
    for pattern, words in _COMPOUNDS:
        text = pattern.sub(words, text)
    m = _TRAILING_QUALIFIER.match(text)
    if m:
        text = f"{m['q']} {m['name']} test{m['rest']}"
    return text
