"""One infusion, two visits, one analyte (``manuscript_studies.iv_one_analyte``): sentences that counted doses,
analyses or endpoints in the plural, or named the one endpoint twice (session 35 reviewer)."""

from __future__ import annotations

from alsreport.present.prose.delivery import delivery_sentence
from alsreport.present.prose.methods import additional_analyses_words, objectives


def test_one_planned_infusion_given_to_everyone_is_one_sentence(iv_one_analyte_results):
    # was "All planned doses of the infusion were given (IV, 12 participants)."
    assert delivery_sentence(iv_one_analyte_results) == "The planned infusion was given IV to all 12 participants."


def test_the_objective_names_the_one_endpoint_once(iv_one_analyte_results):
    assert objectives(iv_one_analyte_results) == (
        "The objectives were to describe the change in neurofilament light chain in serum from Month 0 to Month 6 "
        "(the primary endpoint), and to describe the safety of the intervention (harms).")


def test_the_t_test_alone_is_one_additional_analysis(iv_one_analyte_results):
    words = additional_analyses_words(iv_one_analyte_results)
    assert "this additional analysis was" in words and "these" not in words


def test_the_t_test_and_friedman_test_are_two(example_analysis):
    words = additional_analyses_words(example_analysis)
    assert "these additional analyses were chosen after the data had been collected (post hoc)." in words


def test_relatedness_is_said_to_cover_the_procedures(iv_one_analyte_results, example_analysis):
    """Session 35 DSMB reader: "related to the intervention" read as the cells' toxicity, while half of the example's
    related events were lumbar-puncture headaches and bone-marrow aspiration pain; the data do not separate them.
    A limitation of the harms data, said in the Limitations."""
    from alsreport.present.prose.limitations import limitations
    from alsreport.present.prose.safety import attribution_scope

    assert attribution_scope(example_analysis) == (
        "Relatedness was recorded to the intervention as a whole, so harms of the product cannot be told from those "
        "of the procedures of giving it (such as the lumbar puncture of intrathecal doses).")
    assert "lumbar puncture" not in attribution_scope(iv_one_analyte_results)   # IV only
    assert attribution_scope(example_analysis) in limitations(example_analysis)


def test_recorded_attribution_needs_no_attribution_limitation(tmp_path):
    """The events' attribution column (cell product, procedure, other) separates what the sentence says the data do
    not: with it recorded, the Limitations say nothing of it (the harms study records it)."""
    import alsreport
    from alsreport.present.prose.limitations import limitations
    from alsreport.present.prose.safety import attribution_scope
    from safety_fixtures import write_harms_study

    harms = alsreport.analyze(alsreport.load_study(write_harms_study(tmp_path / "harms")))
    assert any(e.attribution for e in harms.safety.events)
    assert attribution_scope(harms) == "" and "Relatedness was recorded" not in limitations(harms)
    assert "  " not in limitations(harms)


def test_the_one_infusion_is_not_numbered(iv_one_analyte_results, example_analysis):
    """Session 36 reviewer: "Received infusion 1 (IV) at Month 0" and "onset 2 days after infusion 1" in a study of
    one infusion; the text, the flow diagram and the tables say "the infusion" and "Infusion (Month 0)"."""
    import re

    from alsreport.present.figures import consort_content
    from alsreport.present.prose.safety import disposition_list, onset_words, serious_events_sentence
    from alsreport.present.prose.visit_schema import visit_schema
    from alsreport.present.tables.exposure import exposure_table

    res = iv_one_analyte_results
    box = next(b for b in consort_content(res).boxes() if b.name == "infusion1")
    assert box.lines[0].text.replace("\u00a0", " ") == "Received the infusion (IV) at Month 0 (n = 12)"
    assert "- Received the infusion (Month 0): 12" in disposition_list(res)
    assert "onset 2 days after the infusion)" in serious_events_sentence(res)
    assert visit_schema(res)[0].startswith("Month 0 (baseline): the infusion (IV)")
    text = re.sub(r"<[^>]+>", " ", exposure_table(res).gt.as_raw_html()).replace("\u00a0", " ")
    assert "Infusion (Month 0)" in text and "Infusion 1" not in text
    # three infusions keep their numbers
    death = example_analysis.safety.events[0]
    assert onset_words(death, 3).endswith(f"infusion {death.infusion_no}")
    assert "- Received infusion 3 (Month 2): 15" in disposition_list(example_analysis)


def test_nothing_counts_several_infusions_in_a_schedule_of_one(iv_one_analyte_results, example_analysis):
    """Session 36 second reader: "relative to the first infusion", "at least one infusion", "Infusions given by
    route and dose" in the IV-only study of one infusion."""
    from alsreport.present.prose.methods_detail import intervention_detail
    from alsreport.present.prose.safety import safety_key_facts
    from alsreport.present.tables.exposure import exposure_table

    res = iv_one_analyte_results
    assert "relative to the infusion)" in intervention_detail(res)
    assert "relative to the first infusion)" in intervention_detail(example_analysis)
    assert "- Participants exposed (received the infusion): 12\n" in safety_key_facts(res)
    assert "- Participants exposed (at least one infusion): 15\n" in safety_key_facts(example_analysis)
    assert exposure_table(res).text.subtitle.startswith("The infusion given by route and dose")
