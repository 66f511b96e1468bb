"""A test's name in prose and notes (alsreport.present.method_words): issue #10, reader's item 4."""

from __future__ import annotations

import pytest

from alsreport.present.method_words import method_words
from alsreport.stats.wilcoxon import METHOD_APPROX, METHOD_EXACT


@pytest.mark.parametrize(("r_method", "words"), [
    # R 4.2: wilcox.test(x, y, paired = TRUE)$method
    (METHOD_EXACT, "exact Wilcoxon signed-rank test"),
    (METHOD_APPROX, "Wilcoxon signed-rank test with continuity correction"),
    ("Wilcoxon signed rank test", "Wilcoxon signed-rank test"),
    ("Wilcoxon rank sum exact test", "exact Wilcoxon rank-sum test"),
    ("Friedman rank sum test", "Friedman rank-sum test"),
    ("Paired t-test", "Paired t-test"),
    ("Exact binomial test", "Exact binomial test"),
])
def test_method_words(r_method, words):
    assert method_words(r_method) == words


def test_r_method_strings_are_kept_as_r_prints_them():
    # results.json copies R's method string: compared with R by `alsreport verify`
    assert METHOD_EXACT == "Wilcoxon signed rank exact test"
