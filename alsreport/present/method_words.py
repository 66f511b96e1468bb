"""A test's name as prose and table notes write it, from R's ``method`` string.

``results.json`` keeps R's ``method`` as R prints it (``Wilcoxon signed rank exact test``) so that it can
be compared with R; a document writes the name as R's documentation and journals do: "exact Wilcoxon
signed-rank test" (the qualifier first, the compound adjective hyphenated).
"""

from __future__ import annotations

import re

from alsreport.study.config import StudyConfig

__all__ = ["method_words", "omnibus_shown", "NO_OMNIBUS"]

_COMPOUNDS = ((re.compile(r"\bsigned rank\b"), "signed-rank"), (re.compile(r"\brank sum\b"), "rank-sum"))
_TRAILING_QUALIFIER = re.compile(r"^(?P<name>.+?) (?P<q>exact|asymptotic) test\b(?P<rest>.*)$")


def omnibus_shown(config: StudyConfig) -> bool:
    """The documents present the Friedman test across visits: more than two visits. With two, it reduces to a sign
    test of the one comparison and adds nothing to the Wilcoxon test (outside tester, session 33); the results
    compute it either way (R's friedman.test, as before)."""
    return len(config.visits) > 2


#: The Methods' one sentence on the omnibus test left out (:func:`omnibus_shown`).
NO_OMNIBUS = "With two visits, no omnibus test across visits is needed; the Wilcoxon test is the comparison."


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
