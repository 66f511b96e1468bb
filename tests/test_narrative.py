"""The generated sentences: wording follows the results (significant or not), numbers as the tables print them."""

from __future__ import annotations

import dataclasses
import math

import pytest

from alsreport.present import format as fmt
from alsreport.present import prose as nar
from alsreport.results.model import Results

from analysis_helpers import example_results


def _with_comparisons(results: Results, change) -> Results:
    """``results`` with each comparison passed through ``change(c) -> c``."""
    return dataclasses.replace(results, comparisons=tuple(change(c) for c in results.comparisons))


def _final_wilcoxon(results: Results, c) -> bool:
    return c.test == "wilcoxon" and c.contrast == results.config.final_contrast


@pytest.fixture(scope="module")
def res() -> Results:
    return example_results()


@pytest.fixture(scope="module")
def none_significant(res) -> Results:
    return _with_comparisons(res, lambda c: dataclasses.replace(c, pvalue=max(c.pvalue, 0.2),
                                                                p_holm=max(c.p_holm, 0.6), p_bh=max(c.p_bh, 0.6)))


@pytest.fixture(scope="module")
def two_significant(res) -> Results:
    def change(c):
        if _final_wilcoxon(res, c) and c.analyte == "IL-6" and c.compartment == "serum":
            return dataclasses.replace(c, pvalue=0.004, p_holm=0.02, estimate=abs(c.estimate) + 1.0)
        return c
    return _with_comparisons(res, change)


@pytest.fixture(scope="module")
def nominal(res) -> Results:
    def change(c):
        if _final_wilcoxon(res, c) and c.analyte == "CRP":
            return dataclasses.replace(c, pvalue=0.03, p_holm=0.2)
        return c
    return _with_comparisons(res, change)


# Formatting ---------------------------------------------------------------------

@pytest.mark.parametrize("p, text", [(0.00116, "0.001"), (0.0004, "<0.001"), (0.9996, ">0.999"), (0.05, "0.050"),
                                     (math.nan, "—"), (None, "—")])
def test_p_values_as_in_the_tables(p, text):
    assert fmt.p_value(p) == text


def test_p_phrase_uses_no_break_spaces():
    assert fmt.p_phrase(0.0011) == "p\u00a0=\u00a00.001"
    assert fmt.p_phrase(0.0001) == "p\u00a0<\u00a00.001"
    assert fmt.p_phrase(math.nan) == "p not computed"


def test_numbers_use_great_tables_formatting():
    assert fmt.number(-1.91, 2) == "\u22121.91"
    assert fmt.number(1234.5, 1) == "1234.5"  # no thousands separator, as in the tables
    assert fmt.number(math.nan) == "—"
    assert fmt.percent(93.3333) == "93.3%"


@pytest.mark.parametrize("raw", ["<script>alert(1)</script>", "@tbl-x", "*bold* _x_", "{{< meta title >}}",
                                 "[link](http://example.org)", "a\nb"])
def test_md_escape_makes_markup_literal(raw):
    import pypandoc

    html = pypandoc.convert_text(nar.md_escape(raw), "html", format="markdown", extra_args=["--wrap=none"])
    assert "<script>" not in html and "<em>" not in html and "<a " not in html and "<strong>" not in html
    text = pypandoc.convert_text(nar.md_escape(raw), "plain", format="markdown", extra_args=["--wrap=none"])
    assert "{{<" not in text and ">}}" not in text  # no shortcode starts or ends, not even for Quarto's metadata
    assert text.strip().replace("\u2060", "") == " ".join(raw.split())  # the same text, word joiners aside


def test_md_escape_keeps_no_break_spaces():
    # format puts them where a line must not break; md_escape's white-space rule took them for spaces (session 30:
    # §3.1's "n = 2" printed with breaking spaces although format wrote no-break ones)
    assert nar.md_escape(" ALSFRS-R below 24,\n n\u00a0=\u00a02\t(1\u202f%) ") == \
        "ALSFRS\\-R below 24, n\u00a0\\=\u00a02 \\(1\u202f%\\)"


def test_join_and_plural():
    assert nar.join_words(["a"]) == "a"
    assert nar.join_words(["a", "b"]) == "a and b"
    assert nar.join_words(["a", "b", "c"], "or") == "a, b, or c"
    assert nar.plural(1, "event") == "1 event" and nar.plural(2, "event") == "2 events"


# Which biomarkers changed -----------------------------------------------------------

def test_example_primary_decrease_with_medians_estimate_and_p(res):
    c = res.primary
    text = nar.biomarker_results(res)
    # issue #10: the primary endpoint comes first and is judged on its unadjusted p (analysis.primary.adjust)
    assert text.startswith("For the primary endpoint, CSF TNF\\-α decreased from a median of")
    d = nar.primary_change(res).decimals
    base = next(x for x in res.descriptives if x.analyte == c.analyte and x.compartment == c.compartment
                and x.visit == res.config.baseline.code)
    assert fmt.number(base.median, d) in text
    assert fmt.number(c.estimate, d) in text
    assert f"{fmt.number(c.ci.low, d)} to {fmt.number(c.ci.high, d)}" in text
    primary = text[:text.index(").") + 2]
    assert fmt.p_phrase(c.pvalue) in primary and "Holm" not in primary
    n_other = sum(1 for x in res.comparisons if _final_wilcoxon(res, x) and math.isfinite(x.pvalue)) - 1
    assert f"No secondary endpoint changed significantly at Month 3 (Holm-adjusted p\u00a0≥\u00a00.05 for all " \
           f"{n_other} secondary series)" in text   # not the primary's (session 27 reader: "all 30" beside "31")
    # the significant changes at the earlier visits are reported (comparisons.csv: Holm p 0.048 and 0.00073: with
    # P09's Month 2 CSF not obtained, all 14 pairs of CSF TNF-α fell, exact p = 2 / 2^14)
    assert ("Before Month 3, CSF glucose decreased at Month 1 (Holm-adjusted p\u00a0=\u00a00.048) and CSF TNF\\-α "
            "decreased at Month 2 (Holm-adjusted p\u00a0<\u00a00.001); no other series changed significantly after "
            "Holm adjustment at an earlier visit (Month 1 and Month 2).") in text
    assert text.count("Month 1") == 2    # each earlier visit named once in the claim, once in the negative clause
    # the primary endpoint is not reported twice
    assert text.count("For the primary endpoint") == 1 and text.count("Month 0 to 7.3") == 1


def test_none_significant_says_so_and_still_reports_the_primary(none_significant):
    text = nar.biomarker_results(none_significant)
    assert text.startswith("For the primary endpoint, CSF TNF\\-α did not change significantly")
    assert "No secondary endpoint changed significantly at Month 3" in text
    assert "No other" not in text and "decreased" not in text
    # the earlier visits: secondary, so exploratory (outside reader, session 24)
    assert "In exploratory comparisons, no series changed significantly from Month 0 to any earlier visit (Month 1 or "\
           "Month 2;" in text
    # a null primary leads the conclusions and the discussion
    assert nar.abstract_conclusions(none_significant).startswith(
        "The primary endpoint, CSF TNF\\-α, did not change significantly from Month 0 to Month 3.")
    assert "the primary endpoint, CSF TNF\\-α, did not change significantly" in nar.discussion(none_significant)


def test_two_significant_are_both_reported_and_no_other_only_for_the_rest(res, two_significant):
    text = nar.biomarker_results(two_significant)
    assert "CSF TNF\\-α decreased" in text and "serum IL\\-6 increased" in text
    assert "Among the secondary endpoints (exploratory) at Month 3, serum IL\\-6 increased" in text
    n_other = sum(1 for x in res.comparisons if _final_wilcoxon(res, x) and math.isfinite(x.pvalue)) - 2
    assert f"No other secondary endpoint changed significantly at Month 3 (Holm-adjusted p\u00a0≥\u00a00.05 for " \
           f"the other {n_other} series)" in text
    conclusions = nar.abstract_conclusions(two_significant)
    assert conclusions.startswith("The primary endpoint, CSF TNF\\-α, decreased from Month 0 to Month 3. "
                                  "Among the exploratory secondary endpoints, serum IL\\-6 increased")


def test_the_discussion_names_the_earlier_visits_findings(res):
    """Reader 10b: "four secondary comparisons were significant after Holm adjustment (see Results)" named none of
    them; the example's two (comparisons.csv: CSF glucose M1 Holm p 0.048, CSF TNF-α M2 0.00073) are named."""
    assert ("At earlier visits, two secondary comparisons were significant after Holm adjustment (CSF glucose at "
            "Month 1 and CSF TNF\\-α at Month 2); they are exploratory, and CSF glucose did not differ significantly "
            "from Month 0 at Month 3.") in nar.discussion(res)

def test_nominal_only_is_named_and_no_blanket_claim(nominal):
    text = nar.biomarker_results(nominal)
    assert "after Holm adjustment" in text
    assert "serum C\\-reactive protein" in text and "nominally significant only" in text
    assert "Holm-adjusted p\u00a0≥" not in text


def test_abstract_does_not_claim_more_than_the_data(res):
    abstract = nar.abstract_results(res) + " " + nar.abstract_conclusions(res)
    assert "TNF" in abstract
    # the example has no serious event and none of grade 3 or higher: said once, by the Results (session 30 reviewer)
    assert abstract.count("No serious adverse event, event of grade 3 or higher, or death occurred.") == 1
    assert "cure" not in abstract.lower() and "efficacy" not in abstract.lower()


# Safety ----------------------------------------------------------------------------

def test_safety_sentence_counts_come_from_the_overview(res):
    ov = {e.category: e for e in res.safety.overview}
    text = nar.safety_sentence(res)
    assert f"{ov['any'].n_participants} of {res.safety.n_enrolled} participants" in text
    assert f"{ov['any'].n_events} events" in text
    assert fmt.percent(ov["related"].percent) in text
    assert "No serious adverse event, event of grade 3 or higher, or death occurred." in text


def test_serious_events_are_listed_with_relatedness(res):
    ev = res.safety.events[0]
    sae = dataclasses.replace(ev, serious=True, term="Pneumonia <b>", relatedness="possible", related=True,
                              grade=3, outcome="recovered")
    safety = dataclasses.replace(res.safety, serious_events=(sae,),
                                 overview=tuple(dataclasses.replace(e, n_events=1, n_participants=1,
                                                                    percent=100 / 15)
                                                if e.category in ("serious", "serious related") else e
                                                for e in res.safety.overview))
    r = dataclasses.replace(res, safety=safety)
    text = nar.serious_events_sentence(r)
    # a MedDRA term in running text is lower case, as in the manuscript (issue #10, words4 item 2)
    assert text.startswith("One serious adverse event was reported: pneumonia \\<b\\>")
    # its relatedness is named with it, and not said again after it (session 30 reviewer)
    assert "\\<b\\> (participant P01, grade 3, possibly related, recovered; " in text and "judged" not in text
    assert "One participant (" in nar.safety_sentence(r) and ") had a serious adverse event." in nar.safety_sentence(r)
    # words4 item 4 (a count of one in words); reader 12b item 1 (its relatedness in the abstract)
    assert ("A serious adverse event, to be weighed against any benefit, occurred in one participant: pneumonia "
            "\\<b\\> (grade 3, possibly related).") in nar.abstract_conclusions(r)
    assert ("- Serious adverse events possibly, probably or definitely related: 1 participant (6.7%), 1 event"
            in nar.safety_key_facts(r))


# Methods -------------------------------------------------------------------------------

def test_statistical_methods_follow_the_options(res):
    text = nar.statistical_methods(res)
    assert "paired Wilcoxon signed-rank test" in text and "fewer than 50 pairs" in text
    assert "continuity correction" in text and "Hodges–Lehmann" in text
    assert "Holm" in text and "Benjamini–Hochberg" in text and "Friedman" in text and "paired t-test" in text
    assert "replaced by half the LOD" in text and "95% confidence interval" in text
    assert "below 0.05" in text
    # the harms tables' intervals are named (session 30 reviewer)
    assert ("Adverse events are summarised as counts of participants and events, without tests; the percentage of "
            "participants with an event has an exact (Clopper–Pearson) 95% confidence interval.") in text
    assert f"alsreport {nar.md_escape(res.provenance.alsreport_version)}" in text
    assert nar.md_escape(res.provenance.dependencies["scipy"]) in text
    other = dataclasses.replace(res, config=res.config.model_copy(update={
        "analysis": res.config.analysis.model_copy(update={"below_lod": "exclude", "conf_level": 0.9,
                                                           "alpha": 0.01})}))
    text = nar.statistical_methods(other)
    assert "excluded from the analysis" in text and "90% confidence interval" in text and "below 0.01" in text


def test_participant_flow_reports_the_consort_counts(res):
    f = res.flow
    text = nar.participant_flow(res)
    # the example is retrospective: nobody was "enrolled"
    assert f"Of {f.assessed} people assessed for eligibility, {f.enrolled} were included and {f.excluded} were not. " in text
    assert "No participant discontinued." in text
    assert "enrolled" not in text
    # each count before its reason (issue #10, session 25 reader); the reasons that differ only in their bracketed
    # detail counted together, most first (session 25 reader); after a colon, so that the detail's brackets are round
    # and ALSFRS-R is defined at its first use (session 28 reader)
    # those not eligible apart from the eligible (session 32 reviewer)
    assert ("were not. Of these 6, 4 were not eligible: 3 did not meet inclusion criteria \\(ALSFRS\\-R below 24, "
            "n\u00a0\\=\u00a02\\; forced vital capacity below 50%, n\u00a0\\=\u00a01\\) and 1 was not included "
            "because of contraindication to lumbar puncture; 2 were eligible but not included (declined the treatment). ") in text


def test_report_text_bundle_is_lazy_and_complete(res):
    t = nar.ReportText(res)
    assert t.software == nar.software_sentence(res)
    # the abstract's texts spell out each abbreviation at its first use in the abstract (words4 item 1): the
    # results' "95% CI" was first used there, CSF in the methods (the background names no compartment)
    assert t.abstract_results == nar.abstract_results(res).replace("CI", "confidence interval [CI]", 1)
    assert "CSF" not in t.abstract_background and "in cerebrospinal fluid (CSF)," in t.abstract_methods
    with pytest.raises(AttributeError):
        t.no_such_text  # noqa: B018


def test_outcomes_list_every_series_by_family_and_compartment(res):
    text = nar.outcomes_text(res)
    for (family, compartment) in dict.fromkeys((s.family, s.compartment) for s in res.series):
        # family names are written as the study spells them, in the middle of a sentence
        assert f"{family} markers in {compartment}:" in text
    for s in res.series:   # named in a sentence: 'albumin', 'total protein', 'TNF-α' (series_title)
        assert nar.md_escape(fmt.series_title("", s.label or s.analyte)) in text
    assert nar.md_escape("primary endpoint was the change in CSF TNF-α from Month 0 to Month 3") in text


def test_disposition_names_who_resumed_after_a_missed_infusion(res):
    stages = list(res.flow.infusions)
    stages[2] = dataclasses.replace(stages[2], resumed=("P04",))
    changed = dataclasses.replace(res, flow=dataclasses.replace(res.flow, infusions=tuple(stages)))
    lines = nar.disposition_list(changed).splitlines()
    third = next(line for line in lines if line.startswith("- Received infusion 3"))
    assert third.startswith(f"- Received infusion 3 (Month 2): {stages[2].n_received} (")
    assert third.endswith("; including P04, who had missed an earlier infusion)")
    assert "missed" not in nar.disposition_list(res)


def test_the_disposition_list_says_what_the_flow_diagram_says_per_route_and_compartment(res):
    """Reader 13a item 4: the text version of Figure 1 said "Received infusion 3 (Month 2): 15" where the diagram
    says "IV 15, IT 14" with the reason, and left out the per-compartment analysis boxes (blood analysed 14)."""
    lines = nar.disposition_list(res).splitlines()
    # each count before its reason (session 27); the samples missing at the other visits too (session 27 readers)
    lines = [line.replace("\u00a0", " ") for line in lines]
    assert "- Received infusion 3 (Month 2): 15 (IV 15, IT 14; IT dose not given: 1 lumbar puncture unsuccessful)" \
        in lines
    assert "- Received infusion 1 (Month 0): 15 (IV 15, IT 15)" in lines
    analysed = lines[lines.index("- Completed follow-up: 15") + 1:]
    # each group a sentence of its own (session 28 six-visit reader: "11 (excluded: 1 died …; sample missing at
    # another visit: 1 …)" read as two exclusions)
    assert analysed == ["- CSF analysed (samples at Month 0 and Month 3): 15. Sample missing at another visit: 1 "
                        "missing at Month 1 with no reason recorded; 1 lumbar puncture unsuccessful at Month 2.",
                        "- Serum analysed (samples at Month 0 and Month 3): 15. Sample missing at another visit: 1 "
                        "missing at Month 2 with no reason recorded.",
                        "- Blood analysed (samples at Month 0 and Month 3): 14 of the 15 included. Not analysed: 1 "
                        "missing at Month 3 with no reason recorded.",
                        # the harms' population too, not blood's 14 (session 31 DSMB reader)
                        "- Analysed for the primary endpoint (CSF TNF\\-α): 15; for safety (every included "
                        "participant): 15"]


def test_the_retrospective_example_includes_people_in_the_safety_lists(res):
    """Issue #10, "Wording": a retrospective study included people from records; nobody was enrolled."""
    f = res.flow
    lines = nar.disposition_list(res).splitlines()
    assert lines[:3] == [f"- Assessed for eligibility: {f.assessed}", f"- Not included: {f.excluded}",
                         f"- Included: {f.enrolled}"]
    prospective = dataclasses.replace(res, config=res.config.model_copy(update={"design": "Open-label study"}))
    assert nar.disposition_list(prospective).splitlines()[2] == f"- Enrolled: {f.enrolled}"


def test_medians_of_different_participants_say_how_many_each_is_of(tmp_path):
    """Session 27 six-visit reader: "decreased from a median of 19.8 pg/mL at Month 0 to 13.0 pg/mL at Month 12", the
    first of 12 participants, the second of 11 (one died), beside an estimate from 11 pairs. When the two visits'
    participants differ, the sentence says so; when they are the same (the example's primary), nothing is added."""
    from alsreport import analyze, load_study
    from alsreport.present.prose import ReportText
    from manuscript_studies import write_variant
    from test_manuscript_layout import WIDE

    six = ReportText(analyze(load_study(write_variant(tmp_path / "six", WIDE))))
    text = six.biomarker_results.replace("\u00a0", " ")
    assert ("CSF TNF\\-α decreased from a median of 19.8 pg/\u2060mL at Month 0 to 13.0 pg/\u2060mL at Month 12 (medians "
            "of 12 and 11 participants; Hodges–Lehmann estimate of the change −6.7 pg/\u2060mL") in text
    assert "medians of 12 and 11 participants" in six.abstract_results
    assert "medians of" not in ReportText(example_results()).biomarker_results
