"""alsreport/present/prose/forest_words.py: the markers without a forest plot, and where their change is."""

from __future__ import annotations

from analysis_helpers import example_results

from alsreport.present.prose.forest_words import no_forest_sentence


def test_one_marker_or_several_and_none():
    res = example_results()
    il10 = next(s for s in res.series if s.compartment == "serum" and s.analyte == "IL-10")
    tnf = next(s for s in res.series if s.compartment == "CSF" and s.analyte == "TNF-alpha")
    assert no_forest_sentence(res, [il10], "@tbl-immunological") == (
        "Serum IL\\-10 has no forest plot, as it is the only immunological marker in serum; its change is given in "
        "@tbl-immunological.")
    assert no_forest_sentence(res, [tnf, il10], "@tbl-immunological") == (
        "CSF TNF\\-α and serum IL\\-10 have no forest plot, each being the only marker of its family in its "
        "compartment; their changes are given in @tbl-immunological.")
    assert no_forest_sentence(res, [], "@tbl-immunological") == ""
