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


def test_two_visits_present_no_omnibus_test(iv_one_analyte_results, example_analysis) -> None:
    # outside tester (session 33): "the Friedman test across both visits" as a supportive test; with two related
    # samples it is a sign test, nothing beside the Wilcoxon test. The results still hold it (R's friedman.test).
    import re
    from html import unescape

    from alsreport.present.method_words import omnibus_shown
    from alsreport.present.prose.methods import sensitivity_text
    from alsreport.present.provenance_options import option_rows
    from alsreport.present.tables import sensitivity_table

    r = iv_one_analyte_results
    assert [c.test for c in r.comparisons].count("friedman") == 1
    assert not omnibus_shown(r.config) and omnibus_shown(example_analysis.config)
    html = sensitivity_table(r).gt.as_raw_html()
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S))))
    assert "Friedman" not in text and "Kendall" not in text
    assert text.strip().startswith("Sensitivity analysis Paired t-test (Month 6 vs Month 0)")
    assert "Friedman" not in sensitivity_text(r)
    options = dict(option_rows(r.config, r.config.analysis.model_dump(mode="json"), several=False))
    assert options["Test of the change from baseline"].endswith(
        "paired t-test as a sensitivity analysis; no omnibus test across visits (two visits)")
    assert "Friedman test" in _text_of(sensitivity_table(example_analysis).gt.as_raw_html())


def _text_of(html: str) -> str:
    import re
    return re.sub(r"<[^>]+>", " ", html)
