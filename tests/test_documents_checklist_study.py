"""The checklist of one study (alsreport.documents.checklist_study) and the title that names the design
(alsreport.present.title): issue #10, "CONSORT checklist"."""

from __future__ import annotations

from dataclasses import replace

from analysis_helpers import example_results

from alsreport.documents.checklist import CONSORT_2025, checklist_markdown
from alsreport.documents.checklist_study import REPORTING_KEYS, study_checklist
from alsreport.present.prose import ReportText
from alsreport.present.title import manuscript_title


def _status(items) -> dict[str, str]:
    return {i.item: i.status for i in items}


def test_items_the_study_files_cannot_answer_are_left_to_the_authors() -> None:
    res = example_results()
    status = _status(study_checklist(res))
    # items 13, 14, 15 (reader 11a item 2): no cell manufacturing, assays or harms grading/coding in the files
    assert {k for k, v in status.items() if v == "authors"} == {"8", "10", "12a", "12b", "13", "14", "15", "16a",
                                                              "16b", "23a", "24b"}
    assert {k for k, v in status.items() if v == "not applicable"} == {"17a", "17b", "18", "19", "20a", "20b"}
    md = checklist_markdown(study_checklist(res))
    assert "| 24b | Intervention and comparator delivery | Concomitant care | @sec-exposure — *to be added by " \
           "the authors* |" in md
    assert "study.yml" not in md   # the document never names the configuration file (reader's item 8)
    assert ReportText(res).recruitment.startswith("The reporting period was")
    assert "Participants were included" not in ReportText(res).recruitment
    # item 23a points at §3.1 "to be added by the authors": §3.1 says so itself (reader 6's item 7)
    assert ("*To be added by the authors:* the dates of the first and last inclusion, which are not among the data "
            "analysed. Follow-up ended") in ReportText(res).recruitment


def test_an_item_the_section_answers_in_part_names_the_part_left_to_the_authors() -> None:
    """Outside reader (session 24): item 14 read "Section 2.5 — to be added by the authors" although §2.5 defines the
    endpoints, their metric and time points; only the assays and sample handling are missing. The example's study.yml
    gives none of the harms methods' five parts (safety: ctcae_version, meddra_version, ...)."""
    notes = {i.item: i.note for i in study_checklist(example_results())}
    assert notes["13"] == "to be added by the authors: the preparation of the cells"
    assert notes["14"].endswith("; to be added by the authors: the assays and the handling of the samples")
    assert notes["15"] == ("to be added by the authors: the grading scale, the coding dictionary, how harms were "
                           "collected, the surveillance period, and who judged relatedness")
    safety = example_results().config.safety.model_copy(update={"ctcae_version": "5.0", "meddra_version": "26.0"})
    res = example_results()
    graded = replace(res, config=res.config.model_copy(update={"safety": safety}))
    assert {i.item: i.note for i in study_checklist(graded)}["15"] == (
        "to be added by the authors: how harms were collected, the surveillance period, and who judged relatedness")
    assert notes["24b"] == "to be added by the authors"    # the whole item: concomitant care


def test_a_study_that_gives_every_statement_and_dates_reports_every_item() -> None:
    res = example_results()
    reporting = res.config.reporting.model_copy(update={k: "Stated in study.yml." for k in REPORTING_KEYS.values()})
    safety = res.config.safety.model_copy(update={
        "ctcae_version": "5.0", "meddra_version": "26.1", "harms_collection": "open question at every visit",
        "surveillance_window": "28 days after each infusion", "relatedness_assessor": "the treating neurologist"})
    config = res.config.model_copy(update={"reporting": reporting, "safety": safety})
    enrolment = replace(res.dsmb.enrolment, first_date="2023-03-03", last_date="2024-05-14")
    res = replace(res, config=config, dsmb=replace(res.dsmb, enrolment=enrolment))
    items = study_checklist(res)
    assert {i.status for i in items} == {"reported", "not applicable"}
    assert [i.anchor for i in items] == [i.anchor for i in CONSORT_2025]
    # items 13-15 (reader 11a item 2): the Methods print what study.yml gives, and no placeholder
    text = ReportText(res)
    assert text.intervention_detail == "Cell product and administration: Stated in study\\.yml\\."
    assert text.measurement_detail == "Measurement: Stated in study\\.yml\\."
    # CTCAE is spelt out at its first use, in the sentence before (harms_methods)
    assert text.harms_collection == (
        "Events were graded with the CTCAE version 5\\.0. Terms "
        "were coded with MedDRA version 26\\.1. Collection: open question at every visit\\. Surveillance window: "
        "28 days after each infusion\\. Relatedness was judged by the treating neurologist\\.")
    # items 16a, 16b (reader 12b item 4): the sample size and interim analyses as study.yml gives them
    assert text.sample_size.startswith("Sample size: Stated in study\\.yml\\. All 15 included participants")
    assert text.interim_analyses == "Interim analyses and stopping guidelines: Stated in study\\.yml\\."
    # item 23a: the Results state the dates of the first and last inclusion, from the data
    assert "Participants were included from 3 March 2023 to 14 May 2024. " in ReportText(res).recruitment


def test_the_title_names_the_design_once() -> None:
    cfg = example_results().config
    assert manuscript_title(cfg) == (
        "Repeated autologous BM-MSC transplantation in ALS — immunological and biochemical biomarkers: "
        "a retrospective, open-label, single-arm study")
    named = cfg.model_copy(update={"title": "MSC in ALS: a single-arm study"})
    assert manuscript_title(named) == "MSC in ALS: a single-arm study"
    assert manuscript_title(cfg.model_copy(update={"design": None})) == cfg.title
    open_label = cfg.model_copy(update={"design": "Open-label study"})
    assert manuscript_title(open_label).endswith(": an open-label study")
    # a title with a colon of its own: the design after an em dash, never a second colon (reader's item 11)
    colon = cfg.model_copy(update={"title": "Cell therapy in ALS: a constructed test study",
                                   "design": "Prospective, open-label, single arm study"})
    assert manuscript_title(colon.model_copy(update={"title": "Cell therapy in ALS: first results"})) == (
        "Cell therapy in ALS: first results — a prospective, open-label, single arm study")
    # a title that ends in "study" (or "trial") does not say it twice (reader 6's item 14)
    assert manuscript_title(colon) == ("Cell therapy in ALS: a constructed test study (prospective, "
                                       "open-label, single arm)")
    trial = cfg.model_copy(update={"title": "The MSC-ALS trial", "design": "Open-label trial"})
    assert manuscript_title(trial) == "The MSC-ALS trial (open-label)"


def test_the_setting_is_left_to_the_authors_without_a_site() -> None:
    """Reader's item 9: item 11 pointed at §2.3, which named no setting."""
    res = example_results()
    assert _status(study_checklist(res))["11"] == "reported" and res.config.site
    no_site = replace(res, config=res.config.model_copy(update={"site": None}))
    item = {i.item: i for i in study_checklist(no_site)}["11"]
    assert (item.status, item.note) == ("authors", "to be added by the authors")
    setting = ReportText(no_site).setting
    assert setting.startswith("*To be added by the authors:* the setting and location")
    assert "assessed for eligibility" in setting                     # the item's evidence stays


def test_registration_is_left_to_the_authors_when_study_yml_is_silent() -> None:
    """Reader 6's item 1: a study without ``registration:`` was declared "Not registered" (abstract, §5,
    checklist item 2); only the study's own words may say so."""
    res = example_results()
    assert _status(study_checklist(res))["2"] == "reported" and res.config.registration
    silent = replace(res, config=res.config.model_copy(update={"registration": None}))
    item = {i.item: i for i in study_checklist(silent)}["2"]
    assert (item.status, item.note) == ("authors", "to be added by the authors")


def test_item_22a_says_enrolled_or_included_as_the_manuscript_does() -> None:
    """Reader's item 9: a prospective study's note said 'included instead of randomly assigned'."""
    res = example_results()
    assert {i.item: i for i in study_checklist(res)}["22a"].note == "included instead of randomly assigned"
    timing = res.config.reporting.model_copy(update={"timing": "prospective"})
    prospective = replace(res, config=res.config.model_copy(update={"reporting": timing}))
    assert not prospective.config.retrospective
    assert {i.item: i for i in study_checklist(prospective)}["22a"].note == "enrolled instead of randomly assigned"


def test_item_23a_without_dates_is_worded_for_the_design() -> None:
    """Reader's item 6: a retrospective study whose consent was waived has no "enrolment or consent dates"
    to lack; its inclusion dates are not among the data analysed."""
    res = example_results()
    assert res.config.retrospective and res.config.reporting.ethics.consent == "waived"
    note = {i.item: i.note for i in study_checklist(res)}["23a"]
    assert note == "to be added by the authors: inclusion dates are not among the data analysed"
    ethics = res.config.reporting.ethics.model_copy(update={"consent": "written"})
    prospective = res.config.model_copy(update={
        "design": "Prospective, open-label, single-arm study",
        "reporting": res.config.reporting.model_copy(update={"ethics": ethics, "timing": None})})
    note = {i.item: i.note for i in study_checklist(replace(res, config=prospective))}["23a"]
    assert note == "to be added by the authors: enrolment and consent dates are not among the data analysed"


def test_sample_size_and_interim_analyses_are_asked_of_the_authors_and_flagged() -> None:
    """Reader 12b item 4: §2.7 said "No sample-size calculation is recorded in the study files … The report analyses
    all data …" (the tool's words, answering neither item) while the checklist marked 16a and 16b answered."""
    res = example_results()
    text = ReportText(res)
    assert text.sample_size.startswith("*To be added by the authors:* how the sample size was determined (or that it "
                                       "was not formally calculated, and why this number). All 15 included")
    assert text.sample_size.endswith("The analysis uses all data available at the data cut-off (31 January 2024).")
    assert "study files" not in text.sample_size and "The report" not in text.sample_size
    assert text.interim_analyses == ("*To be added by the authors:* whether interim analyses or stopping guidelines "
                                     "were planned.")
    md = checklist_markdown(study_checklist(res))
    assert ("| 16a | Sample size | How the sample size was determined | @sec-sample-size — *to be added by the "
            "authors* |") in md
    assert ("| 16b | Sample size | Interim analyses and stopping guidelines | [@sec-sample-size]{.alsr-page-elsewhere}"
            '[](#chk-interim){.alsr-page-at aria-hidden="true" tabindex="-1"} — *to be added by the authors* |') in md


def test_the_delivery_placeholder_has_its_own_page_mark() -> None:
    """Reader 12a item 3: item 12b gave the page where §2.4 starts, not that of its placeholder ("who gave the
    intervention …") further down the section."""
    md = checklist_markdown(study_checklist(example_results()))
    mark = '[](#chk-delivery){.alsr-page-at aria-hidden="true" tabindex="-1"}'   # no keyboard stop in the HTML
    assert "| 12b |" in md and mark in md.split("| 12b |")[1].split("\n")[0]


def test_items_26_and_27_name_the_first_results_and_harms_tables() -> None:
    """Session 26 readers: items 26 and 27 pointed to the text only, the estimates and the harms being in tables.
    Item 26 names the first biomarker table the study prints (table 2 shows the first family, table 3 the others)."""
    res = example_results()
    items = {i.item: i for i in study_checklist(res)}
    assert (items["26"].at, items["27"].at) == ("tbl-immunological", "tbl-ae-overview")
    biochemical = replace(res, series=tuple(s for s in res.series if s.family != "immunological"))
    assert {i.item: i for i in study_checklist(biochemical)}["26"].at == "tbl-biochemical"
    md = checklist_markdown(study_checklist(res))
    # and the other biomarker table, the harms tables and the supplementary tables with every visit and every event
    # (session 27 readers: item 26 named Table 2 only, item 27 the overview only)
    assert ("| @sec-biomarkers; @tbl-immunological; @tbl-biochemical; [Table S1](#tbl-table-s1){.quarto-xref} |"
            in md)
    assert ("| @sec-safety; @tbl-ae-overview; @tbl-ae; [Table S3](#tbl-table-s3){.quarto-xref}; "
            "[Table S4](#tbl-table-s4){.quarto-xref} |") in md   # the laboratory harms' grade shifts too
    # the flow diagram, the exposure table, the sensitivity table and the t-test at every visit (session 27 readers)
    assert "| @sec-flow; @fig-consort — included instead of randomly assigned |" in md
    assert "| @sec-exposure; @tbl-exposure |" in md
    # whether the additional analyses were prespecified: §2.8 (session 32 reviewer)
    assert ("| @sec-sensitivity; @tbl-sensitivity; [Table S2](#tbl-table-s2){.quarto-xref}; "
            "[@sec-statistics]{.alsr-page-elsewhere}[](#chk-additional){.alsr-page-at" in md)
    no_events = replace(res, safety=replace(res.safety, events=()))
    # no listing of events: Table S3 is then the grade shifts (supplement_numbers)
    assert {i.item: i for i in study_checklist(no_events)}["27"].also == (
        "tbl-ae", "[Table S3](#tbl-table-s3){.quarto-xref}")


def test_item_21d_says_whether_the_additional_analyses_were_prespecified() -> None:
    """Session 32 reviewer: items 21d and 28 ask whether the additional analyses were prespecified or post hoc, and
    §2.8 never said. A retrospective study's are post hoc; a prospective study's authors say, or are asked."""
    from alsreport.present.prose.methods import additional_analyses_words, statistical_methods

    res = example_results()     # retrospective
    # at its mark, whose page the checklist gives (session 32 reader: "Section 2.8, p. 3" for a sentence on p. 4)
    assert additional_analyses_words(res) == (" []{#chk-additional}Like the rest of this retrospective analysis, these "
                                              "additional analyses were chosen after the data had been collected (post "
                                              "hoc).")
    assert additional_analyses_words(res) in statistical_methods(res)
    assert {i.item: i for i in study_checklist(res)}["21d"].status == "reported"
    prospective = replace(res, config=res.config.model_copy(update={"design": "Prospective, open-label study"}))
    assert not prospective.config.retrospective
    assert additional_analyses_words(prospective) == (" []{#chk-additional}*To be added by the authors:* whether these "
                                                      "additional analyses were planned before the data were seen or "
                                                      "chosen post hoc.")
    item = {i.item: i for i in study_checklist(prospective)}["21d"]
    assert (item.status, item.note) == ("authors", "to be added by the authors: whether planned in advance or post hoc")
    stated = replace(prospective, config=prospective.config.model_copy(update={
        "reporting": prospective.config.reporting.model_copy(update={
            "additional_analyses": "Both were prespecified in the statistical analysis plan"})}))
    assert additional_analyses_words(stated) == (" []{#chk-additional}Both were prespecified in the statistical analysis "
                                                 "plan\\.")   # escaped
    assert {i.item: i for i in study_checklist(stated)}["21d"].status == "reported"


def test_item_14_of_a_retrospective_study_says_its_outcomes_were_not_prespecified() -> None:
    """Session 35 reviewer: "Prespecified outcomes … Section 2.5" in a retrospective analysis whose endpoints were
    chosen after the data were collected."""
    res = example_results()
    assert res.config.retrospective
    assert {i.item: i for i in study_checklist(res)}["14"].note == (
        "defined after the data were collected (retrospective analysis); to be added by the authors: the assays and "
        "the handling of the samples")
    timing = res.config.reporting.model_copy(update={"timing": "prospective"})
    prospective = replace(res, config=res.config.model_copy(update={"reporting": timing}))
    assert {i.item: i for i in study_checklist(prospective)}["14"].note == (
        "to be added by the authors: the assays and the handling of the samples")
