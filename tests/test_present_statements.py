"""alsreport.present.statements: the Declarations' statements from study.yml, or placeholders for the authors."""

from __future__ import annotations

from analysis_helpers import example_study

from alsreport.present.statements import protocol_statement


def test_without_a_protocol_the_configuration_records_the_settings_and_prespecification_is_the_authors() -> None:
    """Reader 11b's item 8: "The analysis plan … is the study configuration identified by its SHA-256 hash" read as
    a claim of prespecification, which a hash taken at render time cannot show."""
    config = example_study().config
    config = config.model_copy(update={"reporting": config.reporting.model_copy(update={"protocol": None})})
    text = protocol_statement(config)
    assert text.startswith("**Protocol and analysis plan.** The analysis settings (primary endpoint, tests, "
                           "significance and confidence levels, values below the limit of detection and adjustment for "
                           "multiple testing) are listed in the Provenance section with the SHA-256 hashes of the input "
                           "files that record them; the hashes identify the settings this report used, not when they "
                           "were fixed.")
    assert text.endswith("*To be added by the authors:* where the study protocol and statistical analysis plan can "
                         "be accessed and whether they prespecified this analysis, or that none is available.")
    assert "configuration" not in text   # the tool's word (session 30 reviewer)



def test_the_settings_it_names_are_the_provenance_tables_rows() -> None:
    """Session 34 reviewer: the statement said the visits and biomarkers were listed in the Provenance section, whose
    analysis options give neither. Each setting it names is a row of that table."""
    from analysis_helpers import example_results

    from alsreport.present.provenance_options import option_rows

    results = example_results()
    labels = [what for what, _ in option_rows(results.config, results.provenance.options, several=True)]
    assert labels == ["Values below the limit of detection (LOD)", "Confidence level", "Significance level",
                      "Primary endpoint", "Test of the change from baseline", "Multiple testing (secondary endpoints)"]
    text = protocol_statement(results.config.model_copy(update={"reporting": results.config.reporting.model_copy(
        update={"protocol": None})}))
    named = text[text.index("(") + 1:text.index(")")]
    assert named == ("primary endpoint, tests, significance and confidence levels, values below the limit of "
                     "detection and adjustment for multiple testing")
    assert "visits" not in named and "biomarkers" not in named
