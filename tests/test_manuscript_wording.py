"""The manuscript's sentences on studies unlike the example (issue #10, "Wording", "Primary endpoint",
"Text and figure contradict the exposure table", "Missing data unreported", "Selective reporting").

Each constructed study (tests/manuscript_studies.py) is analysed by the real pipeline; the sentences
are read from :class:`alsreport.present.prose.ReportText`.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from alsreport import analyze, load_study
from alsreport.present.prose import ReportText
from alsreport.present.prose.first_use import ABSTRACT_TEXTS, BODY_TEXTS
from alsreport.present.prose.delivery import missed_route_doses

from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Series, Variant, write_variant

VARIANTS = {
    "one_analyte": Variant(series=(Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)),)),
    "one_infusion": Variant(infusions=1),
    "two_visits": Variant(visits=((0, "M0"), (3, "M3")), infusions=1),
    "six_visits": Variant(visits=SIX_VISITS, events=GRADES_1_TO_5, missed_visit=("P03", "M2")),
    "iv_only": Variant(routes=("IV",)),
    "it_only": Variant(routes=("IT",), missed_dose=("P05", 3, "IT", "Lumbar puncture unsuccessful")),
    "null_primary": Variant(series=(
        Series("TNF-alpha", "CSF", label="TNF-α", effect=(0.0,)), Series("IL-6", "CSF", effect=(0.4,)),
        Series("CRP", "serum", family="biochemical", unit="mg/L", base=3.0, effect=(-0.4,)))),
    "significant_primary": Variant(),
    "primary_holm": Variant(primary_adjust="holm_family"),
    "single_test": Variant(visits=((0, "M0"), (3, "M3")), infusions=1,
                           series=(Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,)),)),
    "no_primary": Variant(primary=None),
}


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, ReportText]:
    root = tmp_path_factory.mktemp("variants")
    return {name: ReportText(analyze(load_study(write_variant(root / name, v)))) for name, v in VARIANTS.items()}


ALL = ("abstract_background", "abstract_methods", "abstract_results", "abstract_conclusions", "design",
       "intervention", "outcomes", "statistical_methods", "participant_flow", "exposure", "biomarker_results",
       "sensitivity", "safety", "serious_events", "serious_events_summary", "discussion", "limitations")
#: The texts the manuscript prints (``serious_events``, with participant codes, is the ethics report's).
MANUSCRIPT = tuple(k for k in ALL if k != "serious_events")


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_no_wording_defects_in_any_study(texts, name):
    t = texts[name]
    for key in ALL:
        s = getattr(t, key)
        assert not re.search(r"\ball 1\b|\b1 infusions\b|\b1 series were\b|each of the 1\b", s), (key, s)
        # words4 item 4: counts of one (and two visits) read as words, nouns and verbs agree
        assert not re.search(r"\b1 of 1 tests\b|\ball 2 visits\b|\bIn all, 1\b|\bOf these, 1\b|\b[Tt]he 1 [a-z]"
                             r"|\b1 [a-z]+ (series|comparisons|tests|participants|samples|events)\b", s), (key, s)
        assert "Baseline is the baseline" not in s and "month 3" not in s.replace("Month 3", "")
        assert not re.search(r"(^|[.!?] )[a-z]", s), (key, s)            # every sentence starts with a capital
        assert not re.search(r"(^|[.!?] )\d", s), (key, s)              # ... and not with a numeral
        assert not re.search(r"\((Died|Withdrew|Lost)\b", s), (key, s)  # a reason inside a sentence
        assert "half_lod" not in s and "study.yml" not in s and "TNF-alpha" not in s, (key, s)
        assert not re.search(r"\bM\d+-M\d+\b", s), (key, s)
        read = re.sub(r"\]\(#[^)]*\)(\{[^}]*\})?", "]", s)    # a link's target is not read ([Table S2](#…): reader 9)
        assert not re.search(r"\([^()]*\(", read), (key, s)              # no bracket inside a bracket


def test_iv_only_and_it_only_schedules_name_their_route(texts):
    assert "(IV and IT)" not in texts["iv_only"].intervention
    assert "infusion 1 at Month 0 (IV)" in texts["iv_only"].intervention
    assert "infusion 3 at Month 2 (IT)" in texts["it_only"].intervention
    assert "All planned doses of every infusion were given (IV, 12 participants)." in texts["iv_only"].participant_flow


def test_missed_dose_is_counted_at_route_level_with_its_reason(texts):
    t = texts["it_only"]
    assert "Infusion 3 was given IT to 11 of 12 (1 lumbar puncture unsuccessful)." in t.participant_flow
    assert "All 12" not in t.participant_flow


@pytest.mark.parametrize("name", ["it_only", "iv_only", "significant_primary"])
def test_doses_by_route_are_said_once_in_the_flow_not_again_under_exposure(texts, name):
    # §3.1 gives the doses by route with the reasons for missed doses; §3.5 (exposure) says only what
    # §3.1 does not (infusions per participant) and refers to it (report/manuscript.qmd; issue #10)
    t = texts[name]
    assert "planned doses" in t.participant_flow or "was given" in t.participant_flow
    assert "All planned doses" not in t.exposure and "was given" not in t.exposure, t.exposure
    assert t.exposure.startswith(("Every participant received", "Of the "))


def test_the_exposure_section_gives_reasons_only_for_doses_that_were_missed(texts):
    """Reader's item 5: "with the reasons for any missed dose" when none was missed."""
    # the doses not given and their reasons said, not only where they are (session 31 reviewer)
    assert texts["six_visits"].doses_reference == "No dose was missed by either route, as stated in"
    assert texts["iv_only"].doses_reference == "No dose was missed, as stated in"
    assert texts["it_only"].doses_reference == ("One intrathecal dose was not given (lumbar puncture unsuccessful), "
                                                "as stated in")
    # "by route" only where there are routes to tell apart (session 33 DSMB reader, an IV-only study)
    assert texts["six_visits"].doses_table == "the doses by route are in"
    assert texts["iv_only"].doses_table == texts["it_only"].doses_table == "the doses are in"


def test_the_exposure_sentence_names_the_route_dose_the_exposure_table_shows_missing():
    """Reader 7: §3.5 said "Every participant received all 3 planned infusions (an infusion counts when given by at
    least one route)" above the exposure table's "IT 14/15"; the sentence now names the dose not given."""
    from analysis_helpers import example_results

    t = ReportText(example_results())
    assert t.exposure == "Every participant received all three planned infusions by at least one route."
    # the dose and its reason follow (P09's Month 2 lumbar puncture, infusions.csv; session 31 reviewer: "The reason a
    # planned dose was not given is in Section 3.1")
    assert t.doses_reference == ("One intrathecal dose was not given (lumbar puncture unsuccessful), as stated in")


def test_the_route_rule_is_stated_only_when_a_route_was_missed(texts):
    """Reader 9: the six-visit §3.5 kept "(an infusion counts when given by at least one route)" although every dose
    was given by every planned route."""
    six = texts["six_visits"]
    assert not missed_route_doses(six.results)
    assert "route" not in six.exposure and six.exposure.startswith(("Every participant received", "Of the "))


def test_a_death_is_named_in_the_conclusions_and_the_discussion(texts):
    # six_visits: P05's respiratory failure (grade 5, unrelated) was fatal (issue #10, CONSORT Harms 2022)
    death = "One participant died of respiratory failure (grade 5), judged unrelated to the intervention."
    t = texts["six_visits"]
    assert death in t.discussion
    # the abstract names it among the serious events, each with its relatedness (reader 12b item 1), not twice
    assert "and fatal respiratory failure (grade 5, unrelated)." in t.abstract_conclusions
    assert "died" not in t.abstract_conclusions
    for name in ("significant_primary", "one_infusion"):  # nobody died: no death sentence
        assert "died" not in texts[name].abstract_conclusions and "died" not in texts[name].discussion


def test_one_infusion_one_analyte_two_visits(texts):
    # IV and IT are first used here in the body (the intervention text does not define them): words4 item 1
    assert "Schedule: one infusion at Month 0 (intravenous [IV] and intrathecal [IT])." in texts["one_infusion"].intervention
    assert "Every participant received the planned infusion" in texts["one_infusion"].exposure
    two = texts["two_visits"]
    assert "earlier visit" not in two.biomarker_results
    assert "from Month 0 to Month 3 of every series" in two.outcomes
    one = texts["one_analyte"]
    assert "No secondary endpoint changed significantly at Month 3" not in one.biomarker_results  # none tested
    assert "CSF TNF\\-α decreased at Month 1 (Holm-adjusted p\u00a0<\u00a00.001) and Month 2" in one.biomarker_results


def test_six_visits_missing_sample_and_long_follow_up(texts):
    t = texts["six_visits"]
    # P03 missed Month 2; P05 died after infusion 3 (Month 2), so has no sample later (issue #10)
    # two samples missed while in the study; the six after P05's death are not missing samples (not deviations)
    # but counted once apart (issue #10, words4 item 8)
    # one participant missed both compartments: said once (session 25 reader read "CSF (1 participant) and serum
    # (1 participant)" as two people)
    # one visit: "this visit"; who left, apart from P03 (session 26 six-visit reader)
    assert ("Samples were missing at Month 2 for CSF and serum (1 participant, the same in both; no reason recorded); the "
            "comparisons involving this visit include fewer participants (the tables give the number of participants at "
            "each visit). A further 6 scheduled samples (CSF 3, "
            "serum 3) were not collected because one participant had died.") in t.participant_flow
    assert "In all, 8 samples were missing" not in t.participant_flow
    # P05 had every infusion, then died: not "discontinued after infusion 3" (session 26 six-visit reader), of the
    # fatal event the harms report (grade 5 respiratory failure; session 32 reviewer: "(died)" did not say of what)
    assert ("One participant did not complete follow-up after the last infusion (died: respiratory failure, a fatal "
            "adverse event).") in t.participant_flow
    assert "Month 12 vs Month 0); 1 was not (died before Month 12)." in t.participant_flow
    assert "follow-up" not in t.limitations   # 12 months is not a short follow-up: no limitation (issue #10)
    assert "a short follow-up of 3 months" in texts["significant_primary"].limitations
    assert "Before Month 12, " in t.biomarker_results
    assert "at an earlier visit (Month 1, Month 2, Month 3, and Month 6)." in t.biomarker_results


def test_the_manuscript_counts_serious_events_and_names_no_participant(texts):
    """Reader's item 2: a manuscript does not name participants in its text (the safety report's listing does)."""
    t = texts["six_visits"]
    # issue #10: the safety sentence before it counts them (a sentence, reader 8: "Three participants (25.0%)
    # had a serious adverse event"); the summary does not count them again, and names the terms in lower case
    assert "Three participants (25.0%) had a serious adverse event, each of grade 3 or higher" in t.safety
    assert t.serious_events_summary == (
        "The serious adverse events were aseptic meningitis (grade 3, probably related, recovered; onset 3 days after "
        "infusion 1); pulmonary embolism (grade 4, unlikely to be related, recovered; onset 4 days after infusion 1); "
        "respiratory failure (grade 5, unrelated, fatal; onset 5 days after infusion 3).")   # each with its
    # relatedness, not counted again after them ("Of these, one was judged … related": session 30 reviewer)
    assert "participant P03" in t.serious_events   # the ethics report's sentence keeps the codes
    for name in VARIANTS:
        for key in MANUSCRIPT:
            assert not re.search(r"\bP\d{2}\b", getattr(texts[name], key)), (name, key)


def test_null_primary_with_positive_secondaries_is_not_spun(texts):
    t = texts["null_primary"]
    assert t.abstract_conclusions.startswith(
        "The primary endpoint, CSF TNF\\-α, did not change significantly from Month 0 to Month 3. "
        "Among the exploratory secondary endpoints, CSF IL\\-6 and serum CRP changed")
    assert t.discussion.startswith("In this prospective, open\\-label, single\\-arm study, the primary endpoint, "
                                   "CSF TNF\\-α, did not change significantly")
    assert t.biomarker_results.startswith("For the primary endpoint, CSF TNF\\-α did not change significantly")
    assert "Serum CRP decreased from a median" in t.biomarker_results   # a sentence starts with a capital


def test_significant_primary_is_judged_unadjusted_by_default_and_holm_on_request(texts):
    t = texts["significant_primary"]
    assert "judged on its unadjusted p-value" in t.statistical_methods
    primary = t.biomarker_results.split(").")[0]
    assert "Holm" not in primary and "decreased" in primary
    assert t.abstract_conclusions.startswith("The primary endpoint, CSF TNF\\-α, decreased from Month 0 to Month 3.")
    holm = texts["primary_holm"]
    assert "judged on its Holm-adjusted p-value within its family" in holm.statistical_methods
    assert "Holm-adjusted p" in holm.biomarker_results.split(").")[0]


def test_a_borderline_primary_is_significant_unadjusted_although_holm_is_not(texts):
    """Issue #10: p = 0.011 (Holm p above 0.05) was written 'did not change significantly'."""
    from alsreport.present.prose import biomarker_results

    res = texts["significant_primary"].results
    prim = res.primary
    tweaked = dataclasses.replace(res, comparisons=tuple(
        dataclasses.replace(c, pvalue=0.011, p_holm=0.066) if c is prim else c for c in res.comparisons))
    text = biomarker_results(tweaked)
    assert text.startswith("For the primary endpoint, CSF TNF\\-α decreased") and "p\u00a0=\u00a00.011" in text


def test_consort_diagram_counts_doses_by_route_with_reasons():
    """Issue #10: the diagram said 'Received infusion 3 (IV + IT) (n = 15)' while IT was given to 14."""
    from alsreport.present.figures.consort import consort_content

    from analysis_helpers import example_results

    boxes = {}
    for _, el in consort_content(example_results()).elements:
        spec = el if hasattr(el, "lines") else getattr(el, "side", None)
        if spec is not None:
            boxes[spec.name] = [line.text.replace("\u00a0", " ") for line in spec.lines]
    assert boxes["infusion3"] == ["Received infusion 3 at Month 2 (n = 15)", "IV 15, IT 14"]
    assert boxes["lost3"] == ["IT dose of infusion 3 not given (n = 1)", "Lumbar puncture unsuccessful (n = 1)"]
    assert boxes["enrolled"] == ["Included (n = 15)"]          # retrospective: nobody was enrolled
    assert not any("Allocated" in line for lines in boxes.values() for line in lines)


def test_baseline_label_and_analyte_descriptions(tmp_path):
    v = Variant(visits=((0, "BL"), (3, "M3")), infusions=1,
                series=(Series("TNF-alpha", "CSF", label="TNF-α", effect=(-0.3,),
                               description="Measured by ELISA in duplicate"),))
    folder = write_variant(tmp_path / "s", v)
    import yaml

    cfg = yaml.safe_load((folder / "study.yml").read_text(encoding="utf-8"))
    cfg["visits"][0]["label"] = "Baseline"
    (folder / "study.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    t = ReportText(analyze(load_study(folder)))
    assert "Baseline is the baseline" not in t.design and "the first visit is the baseline" in t.design
    assert "Notes on the biomarkers: TNF\\-α: Measured by ELISA in duplicate." in t.outcomes


UNADJUSTED = ("was judged on its unadjusted p-value; the secondary endpoints were exploratory, with Holm "
              "adjustment ")


@pytest.mark.parametrize("name", ["one_analyte", "one_infusion", "two_visits", "six_visits", "iv_only", "it_only",
                                  "null_primary", "significant_primary"])
def test_abstract_says_the_primary_is_unadjusted_and_the_secondaries_exploratory(texts, name):
    """Issue #10: the abstract's Holm sentence covered every endpoint although the primary is judged unadjusted."""
    t = texts[name]
    later = "Month 3" if name != "six_visits" else "Month 12"
    # adjusted at each visit apart where there are several (session 33 reviewer: the abstract overstated the control)
    per_visit = ("within each biomarker family and compartment." if name == "two_visits" else
                 "per biomarker family, compartment and visit.")
    # one analyte: spelt out where it is first named, "In CSF, tumour necrosis factor α (TNF-α) was measured"
    tnf = "TNF\\-α" if name == "one_analyte" else "tumour necrosis factor α (TNF\\-α)"
    assert (f"The primary endpoint, change in CSF {tnf} to {later}, "
            f"{UNADJUSTED}{per_visit}") in t.abstract_methods
    assert "with Holm adjustment within each biomarker family and compartment" not in t.abstract_methods.split(
        "The primary endpoint")[0]                                   # not said of every change before the primary
    assert "judged on its unadjusted p-value" in t.statistical_methods   # Methods and abstract agree


def test_abstract_follows_the_primary_adjustment_chosen_in_study_yml(texts):
    holm = texts["primary_holm"].abstract_methods
    assert ("was judged on its Holm-adjusted p-value within its biomarker family and compartment; the secondary "
            "endpoints were exploratory") in holm and "unadjusted" not in holm


def test_abstract_without_secondary_endpoints_or_without_a_primary(texts):
    single = texts["single_test"]
    assert "In cerebrospinal fluid (CSF), tumour necrosis factor α (TNF\\-α) was measured at Months 0 and 3." in \
        single.abstract_methods
    assert single.abstract_methods.endswith("The primary endpoint, change in CSF TNF\\-α to Month 3, was judged on its "
                                            "unadjusted p-value.")
    assert "secondary" not in single.abstract_methods
    assert "For the secondary endpoints" not in single.statistical_methods   # there are none
    assert texts["no_primary"].abstract_methods.endswith(
        "All endpoints were exploratory, with Holm adjustment per biomarker family, compartment and visit.")


@pytest.mark.parametrize("period, words", [
    ("Month 0 to Month 3", "The reporting period was Month 0 to Month 3"),      # the example: was "month 0 to Month 3"
    ("January 2024 to March 2025", "The reporting period was January 2024 to March 2025"),
    ("From May 2023 to June 2024", "The reporting period was from May 2023 to June 2024"),
    ("ALS clinic year 2023", "The reporting period was ALS clinic year 2023"),
])
def test_reporting_period_keeps_the_capitals_of_visit_labels_and_months(period, words):
    from analysis_helpers import example_results

    from alsreport.present.prose.methods import recruitment_text

    res = example_results()
    res = dataclasses.replace(res, config=res.config.model_copy(update={"reporting_period": period}))
    assert recruitment_text(res).startswith(words + ", with a data cut-off on ")


def test_supplementary_table_names_the_interval_once():
    from analysis_helpers import example_results

    from alsreport.present.tables.registry import build_tables

    html = build_tables(example_results())["supplementary_s1"].gt.as_raw_html()
    assert "Change, HL (95%\u00a0CI)" in html and "CI CI" not in html.replace("\u00a0", " ")


def test_methods_say_the_primary_test_is_counted_in_the_secondary_adjustment(texts):
    from analysis_helpers import example_results

    from alsreport.present.prose import statistical_methods

    clause = "The primary endpoint's test is counted in the adjustment of the secondary endpoints"
    # the example's CSF immunological family at Month 3 holds 6 tests, the primary's among them (Table 2's note)
    res = example_results()
    prim = res.primary
    family = [c for c in res.comparisons if (c.family, c.compartment, c.contrast, c.test)
              == (prim.family, prim.compartment, prim.contrast, prim.test)]
    assert len(family) == 6
    assert clause in statistical_methods(res).replace("\u2019", "'")
    for name in ("single_test", "primary_holm", "no_primary", "one_analyte"):  # no family to share, or judged adjusted
        assert clause not in texts[name].statistical_methods.replace("\u2019", "'"), name
    assert clause in texts["null_primary"].statistical_methods.replace("\u2019", "'")


def test_intervention_is_what_participants_received(texts):
    """Reader's item 10: 'The study enrolled 12 participants with ALS. Autologous mesenchymal stem cells.'"""
    t = texts["six_visits"]
    assert "with ALS. Participants received autologous mesenchymal stem cells\\. " in t.abstract_methods
    # reader 7's item 7: the dose the abstract states is in the Methods too
    assert t.intervention.startswith("Participants received autologous mesenchymal stem cells\\. Schedule:")
    assert t.intervention.endswith("The planned dose was 1\u00a0×\u00a010⁶ cells/kg body weight per infusion, split 0.5\u00a0×\u00a010⁶ "
                                   "cells/kg IV and 0.5\u00a0×\u00a010⁶ cells/kg IT.")   # after the schedule that defines IV and IT (reader 12b)
    assert "Autologous" not in t.abstract_methods + t.intervention


def test_a_prospective_title_ending_in_study_gets_the_design_in_brackets(texts):
    """Reader's item 11: 'Cell therapy in ALS: a constructed test study: a prospective, …'; reader 6's item 14:
    '… test study — a prospective, open-label, single-arm study' said "study" twice."""
    from alsreport.present.title import manuscript_title

    title = manuscript_title(texts["six_visits"].results.config)
    assert title == "Cell therapy in ALS: a constructed test study (prospective, open-label, single-arm)"


def test_a_prospective_study_says_enrolled_and_names_no_file(texts):
    t = texts["six_visits"]
    assert re.search(r"\(\d+ assessed, 12 enrolled\); the reasons for not enrolling", t.setting), t.setting
    assert "All 12 enrolled participants contribute to each analysis" in t.sample_size
    for key in (*ALL, "setting", "sample_size"):
        assert "study.yml" not in getattr(t, key), key


def test_a_reason_with_brackets_is_not_nested_in_the_sentence_brackets():
    """Reader's read-through: "(…; did not meet inclusion criteria (ALSFRS-R below 24), 2; …)"."""
    from analysis_helpers import example_results

    flow = ReportText(example_results()).participant_flow
    # the count before its reason (issue #10, session 25 reader: "(did not meet inclusion criteria, 1)")
    # one reason with two details is counted once (session 25 example reader)
    # after a colon, so that the detail's brackets are round and ALSFRS-R is defined at its first use, here
    # (session 28 reader: §3.1 used it before §3.2 defined it)
    # the count after each detail, as the flow diagram counts (session 28 reader: "2 revised ALS Functional Rating
    # Scale [ALSFRS-R] below 24" read as two revised scales)
    assert ("15 were included and 6 were not. Of these 6, 4 were not eligible: 3 did not meet inclusion criteria "
            "\\(revised ALS Functional Rating Scale [ALSFRS\\-R] below 24, n\u00a0\\=\u00a02\\; forced vital capacity "
            "below 50%, n\u00a0\\=\u00a01\\) and 1 was not included because of") in flow
    assert "median ALSFRS-R score" in ReportText(example_results()).baseline   # defined once
    assert not re.search(r"\([^()]*\(", flow), flow


def test_the_retrospective_example_includes_and_does_not_enrol():
    """Reader's item 7: §2.3 '(21 assessed, 15 enrolled); the reasons for not enrolling' and §2.7 'all 15
    enrolled participants' in a retrospective study whose flow and tables say 'included'; the example's
    two eligible patients who were not included declined the treatment (consent to the review was waived)."""
    from analysis_helpers import example_results

    res = example_results()
    t = ReportText(res)
    assert ("(21 assessed, 15 included); the reasons why the others were not included are given with the participant "
            "flow.") in t.setting
    assert t.setting.startswith("The study was conducted at") and "The records of people with ALS" in t.setting
    assert "All 15 included participants contribute to each analysis for which they have data" in t.sample_size
    for key in ("setting", "sample_size", "participant_flow", "abstract_methods", "recruitment"):
        assert "enrol" not in getattr(t, key), key
    assert "Declined the treatment" in {r.reason for r in res.flow.excluded_reasons}
    assert "participate" not in " ".join(r.reason for r in res.flow.excluded_reasons)


def test_series_are_named_in_lower_case_mid_sentence():
    """Reader's item 14: §2.5 listed 'Albumin, Total protein, and Glucose … White blood cells'."""
    from analysis_helpers import example_results

    outcomes = ReportText(example_results()).outcomes
    assert "albumin" in outcomes and "total protein" in outcomes and "white blood cells" in outcomes
    assert not re.search(r", (Albumin|Total protein|Glucose|Creatinine|White blood cells)\b", outcomes)
    assert "C\\-reactive protein" in outcomes             # not a capitalised ordinary word: kept


def test_the_laboratory_listing_is_offered_on_request_and_only_when_there_are_reference_ranges(texts):
    """Issue #10: Methods §2.6 promised a shift table and a listing the manuscript does not have, and the
    six-visit study has no reference ranges at all."""
    from analysis_helpers import example_results

    six = texts["six_visits"].harms_methods
    assert "No laboratory reference ranges were available" in six and "listing of every value" not in six
    example = ReportText(example_results()).harms_methods
    assert "Laboratory safety is described by" not in example
    assert "safety report" not in example  # reader 12a item 2: a confidential document, no part of a submission
    assert ("A listing of every laboratory value outside the laboratory's reference range is available from the "
            "authors on request.") in example


def test_a_retrospective_analysis_claims_no_prespecification(texts):
    """Issue #10: "the single prespecified primary test" in a retrospective study."""
    from analysis_helpers import example_results

    t = ReportText(example_results())
    assert "judged on its unadjusted p-value; all other comparisons" in t.statistical_methods
    assert "prespecified primary" not in t.statistical_methods
    # session 25 reader: a primary endpoint chosen after the data were collected may have been chosen for its result
    assert ("The analysis was defined retrospectively, after the data had been collected, so the choice of the "
            "primary endpoint may have been informed by the data.") in t.limitations
    # ... and the abstract says so beside its finding (session 26 example reader)
    assert ("Without a control group, and with endpoints chosen after the data were collected, a change cannot be "
            "attributed to the treatment; it needs confirmation in a prospective controlled trial.") in \
        t.abstract_conclusions
    prospective = texts["significant_primary"]
    # prospective, but no protocol or registration recorded: not called prespecified (session 27 six-visit reader)
    assert "judged on its unadjusted p-value; all other" in prospective.statistical_methods
    assert "retrospectively" not in prospective.limitations
    assert ("Without a control group, a change cannot be attributed to the treatment; it needs confirmation in a "
            "controlled trial.") in prospective.abstract_conclusions
    # exploratory apart from the primary endpoint, not "the analysis is exploratory" beside a prespecified test
    for text in (t, prospective):
        assert ("Each participant's later visits were compared with the baseline visit (paired comparisons); apart "
                "from the primary endpoint, these comparisons are exploratory.") in text.design
        assert "the analysis is exploratory" not in text.design


def test_a_single_test_is_described_as_one(texts):
    """Words4 item 4: "here 1 of 1 tests were exact", "the Friedman test across all 2 visits" and, with no
    secondary endpoint at all, "No secondary endpoint changed significantly" in the Discussion."""
    t = texts["single_test"]
    assert "(here the test was exact)." in t.statistical_methods and "1 of 1" not in t.statistical_methods
    # two visits: no Friedman test, said once (outside tester, session 33: with two related samples it is a sign test)
    assert "Friedman" not in t.statistical_methods
    # one comparison: one t-test, no adjustment to state (session 34 reviewer)
    assert ("The paired t-test was used as a sensitivity analysis of the comparison. With two visits, no omnibus test "
            "across visits is needed; the Wilcoxon test is the comparison.") in t.statistical_methods
    assert "No secondary endpoint" not in t.discussion
    # one comparison with baseline: no count of tests and no multiplicity caveat (session 34 reviewer)
    assert "In all," not in t.limitations and "isolated findings" not in t.limitations
    assert "At earlier visits, four secondary comparisons were significant" in texts["six_visits"].discussion
    assert "to be weighed against any benefit, occurred in three participants:" in texts["six_visits"].abstract_conclusions


def test_limitations_count_the_tests_and_say_what_holm_does_not_control(texts):
    """Issue #10: "In all, 31 biomarker series were compared" when 93 tests were made, Holm within each visit."""
    from analysis_helpers import example_results

    t = ReportText(example_results())
    # every test family is counted (reader 6's item 18: "93 tests were made" counted only the Wilcoxon tests)
    assert ("In all, 93 Wilcoxon comparisons with baseline were made (31 biomarker series at each of 3 later "
            "visits), besides 93 paired t-tests (@tbl-sensitivity and [Table S2](#tbl-table-s2){.quarto-xref}) and 31 Friedman tests "
            "(@tbl-sensitivity) as sensitivity and supportive analyses; the Holm adjustment "
            "controls the family-wise error within each biomarker family and compartment at each visit, not "
            "across families, compartments or visits, so") in t.limitations
    # CONSORT 2025 item 30, generalisability (session 26 reader: the checklist claimed it, the text never said it)
    # the setting and the selection limit it (session 30 DSMB reader: "not everyone assessed was enrolled (1 of 13
    # was not), so …" did not follow)
    assert ("Participants came from one centre and were selected by its inclusion criteria (6 of the 21 people "
            "assessed were not included), so the results may not apply to people with ALS in general.") in t.limitations
    single = texts["single_test"].limitations
    # one comparison with baseline: nothing to count (session 34 reviewer; before, "In all, one biomarker series was
    # compared, besides one paired t-test …; the Holm adjustment controls …")
    assert "In all," not in single and "Holm" not in single and "Friedman" not in single
    # one sentence, numerals or words throughout (session 27 reader: "five biomarker series at each of five later
    # visits), besides 25 paired t-tests … and 5 Friedman tests")
    assert ("In all, 15 Wilcoxon comparisons with baseline were made (3 biomarker series at each of 5 later visits), "
            "besides 15 paired t-tests (") in texts["six_visits"].limitations
    assert "were made (one at each later visit), besides 3 paired t-tests (" in texts["one_analyte"].limitations


def test_the_abstract_gives_the_number_schedule_and_route_of_the_infusions(texts):
    """Issue #10: the six-visit abstract said only "Participants received autologous mesenchymal stem cells."."""
    from analysis_helpers import example_results

    # the visits as "Months 0, 1, and 2" (the abstract's length, issue #10)
    assert ("Participants received autologous mesenchymal stem cells\\. The intervention was given as three infusions, "
            "at Months 0, 1, and 2, each intravenously (IV) and intrathecally (IT), 1\u00a0×\u00a010⁶ cells/kg "
            "body weight per infusion, split 0.5\u00a0×\u00a010⁶ cells/kg IV and 0.5\u00a0×\u00a010⁶ cells/kg IT.") in texts["six_visits"].abstract_methods
    # one route: no split (reader 12b item 9)
    assert "each intrathecally (IT), 1\u00a0×\u00a010⁶ cells/kg body weight per infusion." in texts["it_only"].abstract_methods
    assert "given as one infusion at Month 0, intravenously (IV) and intrathecally (IT)" in \
        texts["one_infusion"].abstract_methods
    assert "at Months 0, 1, and 2, each intrathecally (IT)," in texts["it_only"].abstract_methods
    # the example's own intervention text names the three monthly infusions already: not said twice
    assert "The intervention was given as" not in ReportText(example_results()).abstract_methods


def _entries(listing: str) -> list[str]:
    return [e.split(",")[0] for e in listing.rstrip(".").split("; ")] if listing else []


def _uses(text: str, abbreviation: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(abbreviation)}(?![a-zA-Z])", text.replace("\\", "")) is not None


def test_the_manuscript_lists_every_abbreviation_it_uses(texts):
    """Issue #10: CSF, IQR, HL, CRP … were used in the abstract and text without being spelled out. Reader 7: the
    abstract's list was the whole paper's (ALSFRS-R, HL, IQR, LOD, SD, SOC, which the abstract never uses): the
    abstract lists what its four paragraphs use, the body's list (back matter) what the body's text uses."""
    t = texts["six_visits"]
    abstract = " ".join(getattr(t, k) for k in ABSTRACT_TEXTS)
    body = " ".join(getattr(t, k) for k in BODY_TEXTS)
    for listing, text in ((t.abbreviations, abstract), (t.body_abbreviations, body)):
        keys = _entries(listing)
        assert keys == sorted(keys, key=str.lower) and listing.endswith(".")
        # ALS: the Introduction's; SHA-256 and UTC: the Provenance appendix's
        assert all(_uses(text, k) for k in keys if k not in ("ALS", "SHA-256", "UTC")), (keys, listing)
    for entry in ("CI, confidence interval", "CRP, C-reactive protein", "CSF, cerebrospinal fluid",
                  "IL, interleukin", "IT, intrathecal", "IV, intravenous", "TNF, tumour necrosis factor"):
        assert entry in t.body_abbreviations, (entry, t.body_abbreviations)
    assert "ALS, amyotrophic lateral sclerosis" in t.body_abbreviations
    # used only in tables, whose notes spell them out: in neither list
    assert "HL," not in t.abbreviations + t.body_abbreviations and "SOC," not in t.body_abbreviations
    assert "GMR" not in t.body_abbreviations       # no ratio sensitivity analysis: no GMR
    only_tnf = texts["one_analyte"]
    assert "CRP" not in only_tnf.body_abbreviations and "IL," not in only_tnf.body_abbreviations


def test_the_example_abstract_lists_only_what_it_uses():
    """Reader 7's example: the abstract's list named ALSFRS-R, HL, IQR, LOD, SD and SOC."""
    from analysis_helpers import example_results

    t = ReportText(example_results())
    keys = _entries(t.abbreviations)
    assert not {"ALSFRS-R", "HL", "IQR", "LOD", "SD", "SOC"} & set(keys), keys
    assert {"CSF", "TNF"} <= set(keys)
    # the title's and running head's abbreviation is in the body's list (session 25 reader: "BM-MSC in ALS")
    assert "BM-MSC, bone-marrow mesenchymal stem cell" in t.body_abbreviations
    assert "BM-MSC" not in t.abbreviations             # the abstract's list: its four paragraphs only
    # the Provenance appendix's, which the back matter's list named not (session 28 reader); not the abstract's
    assert "SHA-256, Secure Hash Algorithm, 256-bit" in t.body_abbreviations
    assert "UTC, Coordinated Universal Time" in t.body_abbreviations and "UTC" not in t.abbreviations


def test_biomarker_and_sensitivity_table_notes_spell_out_analyte_abbreviations(texts):
    """Issue #10: the six-visit Tables 3 and 4 used CRP without explaining it."""
    from alsreport.present.tables import biomarker_table, sensitivity_table

    res = texts["six_visits"].results
    biochemical = " ".join(biomarker_table(res, families=("biochemical",)).notes)
    assert "CRP, C-reactive protein" in biochemical and "TNF" not in biochemical
    immunological = " ".join(biomarker_table(res, families=("immunological",)).notes)
    assert "IL, interleukin" in immunological and "TNF, tumour necrosis factor" in immunological
    assert "CRP, C-reactive protein" in " ".join(sensitivity_table(res).notes)


def test_the_abstract_says_no_serious_event_once():
    """Issue #10 and reader 7: "No serious adverse event …" in the abstract's Results and again in its Conclusions."""
    from analysis_helpers import example_results

    t = ReportText(example_results())
    # said once, by the Results, which state the harms; the Conclusions say what "none" allows in 15 participants
    # (session 30 reviewer: "Every adverse event was of grade 1 or 2 and none was serious" was a result stated in the
    # Conclusions only)
    assert t.abstract_results.endswith(
        "Adverse events occurred in 14 of 15 participants (93.3%; 15 events) and treatment-related events in 11 "
        "(73.3%; 12 events). No serious adverse event, event of grade 3 or higher, or death occurred.")
    assert t.abstract_conclusions.endswith("it needs confirmation in a prospective controlled trial. "
                                           "With 15 participants, serious harms cannot be excluded.")
    assert t.abstract_conclusions.count("serious") == 1 and "grade" not in t.abstract_conclusions


def test_the_abstract_gives_the_number_analysed_with_the_reasons(texts):
    """Reader 12b item 11: "Of 12 enrolled participants, 11 were analysed for the primary endpoint." gave no reason;
    the reasons are the flow's, as in Section 3.1 ("Not analysed: died before Month 12 (1).")."""
    from alsreport.present.prose.abstract import not_analysed_words
    from alsreport.results.model import ReasonCount

    t = texts["six_visits"]
    # the primary endpoint's result follows in the same sentence (not "For the primary endpoint, …" again)
    assert t.abstract_results.startswith(
        "Of 12 enrolled participants, 11 were analysed for the primary endpoint (1 died before Month 12); CSF TNF\\-α "
        "decreased from a median of")
    assert "Month 12 vs Month 0); 1 was not (died before Month 12)." in t.participant_flow
    # everyone analysed: "All 12 …", not "Of 12 enrolled participants, 12 were analysed" (session 30)
    assert texts["significant_primary"].abstract_results.startswith(
        "All 12 enrolled participants were analysed for the primary endpoint; CSF TNF\\-α decreased")
    assert "For the primary endpoint" not in texts["significant_primary"].abstract_results
    assert texts["no_primary"].abstract_results.startswith(
        "All 12 enrolled participants were analysed for the primary endpoint. ")
    assert not_analysed_words([ReasonCount("no CSF sample at Month 3", 2),
                               ReasonCount("TNF-α below the limit of detection at Month 3 (excluded)", 1)]) == \
        "2 had no CSF sample at Month 3; 1 had TNF\\-α below the limit of detection at Month 3"
    assert not_analysed_words([ReasonCount(f"reason {k}", 1) for k in range(4)]) == "4 not analysed, for 4 reasons"


def test_the_reporting_period_and_cut_off_are_said_once_in_a_sentence():
    """Session 30 reviewer: §2.1's fragments "Reporting period: Month 0 to Month 3. Data cut-off: 31 January 2024."
    said again in §3.1's sentence."""
    from analysis_helpers import example_results

    t = ReportText(example_results())
    assert "eporting period" not in t.design and "cut-off" not in t.design
    assert "The reporting period was Month 0 to Month 3, with a data cut-off on 31 January 2024." in t.recruitment
