"""The manuscript's sentence on missing samples and the completeness section's samples after a discontinuation."""

from __future__ import annotations

from alsreport.present.prose.data_completeness import data_completeness_text
from alsreport.present.prose.missing_samples import missing_samples_sentence


def test_one_compartment_names_it_in_the_noun(iv_one_analyte_results) -> None:
    # the participant with the fatal event has no Month 6 serum sample; the outside tester's study read
    # "1 scheduled sample (serum 1) was not collected because 1 participant had left the study"
    assert missing_samples_sentence(iv_one_analyte_results) == (
        "No sample was missing at any visit while the participants were in the study. One scheduled serum sample "
        "was not collected because one participant had died.")
    assert ("The one serum sample scheduled after a participant had died is not counted as missing"
            in data_completeness_text(iv_one_analyte_results))


def test_several_compartments_keep_their_counts(tmp_path) -> None:
    import alsreport
    from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant

    study = write_variant(tmp_path / "s", Variant(visits=SIX_VISITS, events=GRADES_1_TO_5))
    results = alsreport.analyze(alsreport.load_study(study))
    # the reason first: no numeral starts the sentence (session 33 tester); its participants in words (session 34)
    assert ("No sample was missing at any visit while the participants were in the study. Because one participant had "
            "died, 6 scheduled samples (CSF 3, serum 3) were not collected.") == missing_samples_sentence(results)
    assert "had died (6: CSF 3, serum 3) are not counted" in data_completeness_text(results)
