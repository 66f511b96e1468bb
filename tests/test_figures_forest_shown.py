"""Which forest plots the manuscript draws (issue #10, reader 7: the six-visit study's Figure 4 was a forest plot of
one row, "Immunological markers, serum: IL-10")."""

from __future__ import annotations

from alsreport.present.figures import forest_panels
from alsreport.present.figures.forest_shown import forest_keys_shown, forest_left_out

from tables_fixtures import HandSeries, hand_results

VISITS = (("M0", "Month 0", 0), ("M3", "Month 3", 3))


def _series(analyte: str, family: str, compartment: str) -> HandSeries:
    return HandSeries(analyte, analyte, family, compartment, "pg/mL", (10.0, 9.0))


def test_a_family_with_one_marker_in_a_compartment_gets_no_forest_plot():
    res = hand_results([_series("TNF", "immunological", "CSF"), _series("IL-6", "immunological", "CSF"),
                        _series("IL-10", "immunological", "serum"), _series("CRP", "biochemical", "serum"),
                        _series("Ferritin", "biochemical", "serum")], visits=VISITS)
    assert len(forest_panels(res)) == 3          # the exported figures keep every panel
    assert forest_keys_shown(res) == ["figure3_forest_immunological_csf", "figure3_forest_biochemical_serum"]
    assert [(s.compartment, s.analyte) for s in forest_left_out(res)] == [("serum", "IL-10")]


def test_a_study_of_one_marker_has_no_forest_plot_and_says_where_its_change_is():
    res = hand_results([_series("NfL", "immunological", "plasma")], visits=VISITS)
    assert forest_keys_shown(res) == [] and [s.analyte for s in forest_left_out(res)] == ["NfL"]
