"""The words of a study of one series given one infusion (session 34 reviewer, on the IV-only study of serum NfL):
the marker named, not its family ("The neurofilament biomarker was measured in serum"), and one infusion not
spoken of as one of several ("per infusion", "after the last infusion")."""

from __future__ import annotations

from alsreport.present.population import stopped_when
from alsreport.present.prose.lookups import markers_named
from alsreport.present.prose.text import TEXTS


def test_the_one_marker_is_named_not_its_family(iv_one_analyte_results) -> None:
    r = iv_one_analyte_results
    assert markers_named(r) == "neurofilament light chain"
    assert "In serum, neurofilament light chain was measured at Months 0 and 6." in TEXTS["abstract_methods"](r)
    assert TEXTS["objectives"](r).startswith("The objectives were to describe the change in neurofilament light chain "
                                             "in serum from Month 0 to Month 6")
    for name in ("abstract_methods", "objectives"):
        assert "biomarker" not in TEXTS[name](r)


def test_several_markers_are_named_by_their_families(example_analysis) -> None:
    assert markers_named(example_analysis) == "immunological, biochemical, and haematological biomarkers"
    assert "Immunological, biochemical, and haematological biomarkers were measured in CSF, serum" in \
        TEXTS["abstract_methods"](example_analysis)


def test_one_infusion_is_the_infusion(iv_one_analyte_results) -> None:
    r = iv_one_analyte_results
    assert "cells/kg body weight. In serum" in TEXTS["abstract_methods"](r)
    assert "per infusion" not in TEXTS["abstract_methods"](r)
    assert "One participant did not complete follow-up after the infusion (died: respiratory failure" in \
        TEXTS["participant_flow"](r)
    assert (stopped_when(0, 1), stopped_when(1, 1)) == ("before the infusion", "after the infusion")
    assert (stopped_when(0, 3), stopped_when(2, 3), stopped_when(3, 3)) == (
        "before the first infusion", "after infusion 2", "after the last infusion")


def test_one_comparison_with_baseline_has_no_multiplicity_words(iv_one_analyte_results, example_analysis) -> None:
    # session 34 reviewer: "all other comparisons are secondary and exploratory" (there were none) and the Holm
    # adjustment's reach, "so isolated findings should be read as hypotheses", in a study of one series
    r = iv_one_analyte_results
    methods, limits = TEXTS["statistical_methods"](r), TEXTS["limitations"](r)
    assert ("The primary endpoint was the change in serum neurofilament light chain (Month 6 vs Month 0), judged on "
            "its unadjusted p-value; it is the only comparison with baseline.") in methods
    assert "secondary" not in methods
    assert "Holm" not in limits and "isolated findings" not in limits and "In all," not in limits
    assert limits.endswith("(survivorship bias). Relatedness was recorded to the intervention as a whole, so harms "
                           "of the product cannot be told from those of the procedures of giving it. Biomarker changes "
                           "are surrogate measures and do not show clinical benefit.")
    # several comparisons keep them
    assert "all other comparisons are secondary and exploratory" in TEXTS["statistical_methods"](example_analysis)
    assert "so isolated findings should be read as hypotheses." in TEXTS["limitations"](example_analysis)
