"""present.population: when a participant stopped, and whether only the follow-up was left to stop."""
from types import SimpleNamespace

import pytest

from alsreport.present.population import after_last_infusion, left_word, stopped_when


@pytest.mark.parametrize(("after", "n", "expected"), [
    (0, 3, "before the first infusion"),
    (1, 3, "after infusion 1"),
    (2, 3, "after infusion 2"),
    (3, 3, "after the last infusion"),
    (1, 1, "after the infusion"),   # one-infusion schedule (session 34 reviewer)
    (0, 1, "before the infusion"),
])
def test_stopped_when(after, n, expected):
    assert stopped_when(after, n) == expected


@pytest.mark.parametrize(("after", "n", "expected"), [
    (3, 3, True), (2, 3, False), (0, 3, False), (1, 1, True), (0, 0, False),
])
def test_after_last_infusion(after, n, expected):
    # the text, the flow diagram and the safety report's disposition list choose "did not complete follow-up"
    # over "discontinued" from this one answer (session 26 review: they compared stopped_when's text)
    assert after_last_infusion(after, n) is expected


@pytest.mark.parametrize(("who", "expected"), [
    (["P05"], "died"), (["P05", "P07"], "died"), (["P05", "P02"], "left the study"), (["P02"], "left the study"),
    ([], "left the study"),
])
def test_left_word_says_died_only_when_everyone_it_names_died(who, expected):
    # session 27 six-visit reader: the tables' notes said "discontinued" for the participant the text says died
    flow = SimpleNamespace(died=("P05", "P07"))
    assert left_word(flow, iter(who)) == expected


def test_the_primary_series_reads_as_every_series_in_text(iv_one_analyte_results) -> None:
    # the flow's "serum Neurofilament light chain" (§3.1, the safety report) beside "serum neurofilament light chain"
    # in the rest of the text (outside tester, session 33)
    from alsreport.present.population import primary_series_words
    assert iv_one_analyte_results.flow.analysed_series == "serum Neurofilament light chain"   # results unchanged
    assert primary_series_words(iv_one_analyte_results.flow) == "serum neurofilament light chain"
