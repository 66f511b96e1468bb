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
    assert text.startswith("**Protocol and analysis plan.** The analysis settings (visits, biomarkers, primary "
                           "endpoint, tests and adjustment for multiple testing) are listed in the Provenance section "
                           "with the SHA-256 hashes of the input files that record them; the hashes identify the "
                           "settings this report used, not when they were fixed.")
    assert text.endswith("*To be added by the authors:* where the study protocol and statistical analysis plan can "
                         "be accessed and whether they prespecified this analysis, or that none is available.")
    assert "configuration" not in text   # the tool's word (session 30 reviewer)

