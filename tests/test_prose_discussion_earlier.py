"""The Discussion's earlier-visit findings say which did not last to the final visit (session 34 reviewer: "CSF
glucose decreased at Month 1" in the abstract, Results and Discussion, while its Month 2 and Month 3 changes were
+0.5 and +1.0 mg/dL and its Friedman test was not significant)."""

from __future__ import annotations

from alsreport.present.prose.text import TEXTS


def test_an_earlier_change_that_went_away_is_said_to_have(example_analysis) -> None:
    r = example_analysis
    glucose = next(c for c in r.comparisons if c.test == "wilcoxon" and c.analyte == "glucose"
                   and c.compartment == "CSF" and c.contrast == r.config.final_contrast)
    assert glucose.pvalue > 0.05   # its change to Month 3 is not significant even unadjusted
    assert ("(CSF glucose at Month 1 and CSF TNF\\-α at Month 2); they are exploratory, and CSF glucose did not differ "
            "significantly from Month 0 at Month 3.") in TEXTS["discussion"](r)


def test_earlier_changes_of_a_series_that_lasted_say_nothing_more(tmp_path) -> None:
    # the six-visit study's CSF TNF-α (the primary endpoint's analyte) falls at every visit
    import alsreport
    from manuscript_studies import write_variant
    from test_manuscript_layout import WIDE

    r = alsreport.analyze(alsreport.load_study(write_variant(tmp_path / "six", WIDE)))
    text = TEXTS["discussion"](r)
    assert "(CSF TNF\\-α at Month 1, Month 2, Month 3, and Month 6); they are exploratory. " in text
    assert "did not differ significantly" not in text
