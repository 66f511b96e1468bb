"""The sentence before the other series' trajectory figures: at most MAX_CHANGED are drawn, and the sentence says
which and where the others are (session 33 tester: "… are shown in Figures 3 to 8" while 11 series had changed)."""

from __future__ import annotations

import alsreport
from alsreport.present.figures import MAX_CHANGED, changed_series
from alsreport.present.prose.changed_words import changed_figures_sentence
from manuscript_studies import Series, Variant, write_variant


def _results(folder, effects, n):
    series = tuple(Series(f"A{i}", "CSF", effect=(e,)) for i, e in enumerate(effects))
    return alsreport.analyze(alsreport.load_study(write_variant(folder, Variant(n=n, series=series,
                                                                                primary=("A0", "CSF")))))


def test_the_figures_left_out_are_named_with_their_table(tmp_path):
    # eight others fall, the larger the effect the smaller the p: A3 to A8 drawn, A1 and A2 not
    r = _results(tmp_path / "s", [-0.01 * (i + 1) for i in range(9)], 40)
    assert MAX_CHANGED == 6
    assert [s.analyte for s in changed_series(r)] == ["A3", "A4", "A5", "A6", "A7", "A8"]
    assert changed_figures_sentence(r, "Figures 3 to 8") == (
        "Of the eight other series that changed significantly at any visit, the six with the smallest Holm-adjusted "
        "p-values have their trajectories shown in Figures 3 to 8; the changes of the other two (CSF A1 and CSF A2) "
        "at each visit are given in [Table S1](#tbl-table-s1){.quarto-xref}.")


def test_equal_p_values_across_the_cut_are_said(tmp_path):
    r = _results(tmp_path / "s", [-0.3] * 9, 12)   # every series falls in every participant: equal exact p-values
    assert [s.analyte for s in changed_series(r)] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert ("the six with the smallest Holm-adjusted p-values (of equal ones, the first in the tables' order) have "
            "their trajectories shown in Figures 3 to 8; the changes of the other two (CSF A7 and CSF A8)"
            in changed_figures_sentence(r, "Figures 3 to 8"))


def test_all_drawn_keeps_the_short_sentence(tmp_path):
    r = _results(tmp_path / "s", [-0.3, -0.3, 0.0], 12)
    assert changed_figures_sentence(r, "@fig-changed-1") == (
        "Trajectories of the other series that changed significantly at any visit are shown in @fig-changed-1.")
    assert changed_figures_sentence(_results(tmp_path / "n", [-0.3, 0.0], 12), "x") == ""
