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


def test_a_study_without_any_forest_plot_never_mentions_one(iv_one_analyte_results) -> None:
    # session 34 reviewer: the one-series study read "Serum neurofilament light chain has no forest plot, as it is the
    # only neurofilament marker in serum", a note to the authors in a manuscript with no forest plot at all
    from alsreport.present.figures.forest_shown import forest_keys_shown, forest_left_out

    r = iv_one_analyte_results
    alone = forest_left_out(r)
    assert [s.analyte for s in alone] == ["NfL"] and forest_keys_shown(r) == []
    assert no_forest_sentence(r, alone, "@tbl-neurofilament") == ""
