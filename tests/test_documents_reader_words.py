"""The rendered documents of the example and of a 6-visit study with grade 1-5 events read as a reviewer
expects (issue #10, the second outside reader's items): no configuration file named, no participant code in
the manuscript's text, no bracket inside a bracket, headings in the design's words.

Both studies are rendered once (HTML, manuscript and ethics report, embedded engine); the text is read
from the HTML.
"""

from __future__ import annotations

import re

import pytest

from alsreport.study.example import example_study_path
from manuscript_studies import GRADES_1_TO_5, SIX_VISITS, Variant, write_variant
from reports_helpers import html_text

SIX = Variant(visits=SIX_VISITS, events=GRADES_1_TO_5, missed_visit=("P03", "M2"))


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, dict[str, str]]:
    from alsreport.documents.reports import render_reports

    root = tmp_path_factory.mktemp("reader")
    studies = {"example": example_study_path(), "six_visits": write_variant(root / "six", SIX)}
    out: dict[str, dict[str, str]] = {}
    for name, study in studies.items():
        folder = root / f"out-{name}"
        render_reports(study, reports=["manuscript", "ethics"], formats=["html"], engine="embedded", out_dir=folder)
        out[name] = {doc: html_text((folder / f"{doc}.html").read_text(encoding="utf-8"))
                     for doc in ("manuscript", "ethics")}
    return out


def _without_provenance_hashes(text: str) -> str:
    """The provenance appendix lists each input file with its SHA-256 (a file listing, not prose)."""
    return re.sub(r"study\.yml [0-9a-f]{64}", "", text)


@pytest.mark.parametrize("study", ["example", "six_visits"])
@pytest.mark.parametrize("doc", ["manuscript", "ethics"])
def test_no_document_names_the_configuration_file(docs, study, doc):
    text = _without_provenance_hashes(docs[study][doc])
    assert "study.yml" not in text, text[max(0, text.find("study.yml") - 200):text.find("study.yml") + 100]


@pytest.mark.parametrize("study", ["example", "six_visits"])
def test_the_safety_report_speaks_of_the_data_not_of_study_files(docs, study):
    """Issue #10 (ethics report): "Not recorded in the study files" (six times in §2.2), "no target recorded in the
    study files", "as of the last data in the study files", "Narratives …: not in the study files": the committee
    has the report, not the tool's folder. A missing fact reads "not recorded"; deaths are counted plainly."""
    text = docs[study]["ethics"]
    assert "study files" not in text, re.search(".{120}study files.{60}", text)
    if study == "example":
        assert "No deaths were reported." in text and "0 deaths" not in text
    else:   # P05's respiratory failure, grade 5, unrelated
        assert "There was 1 death (not related; Table 9)." in text.replace("( ", "(").replace(" )", ")")


@pytest.mark.parametrize("study", ["example", "six_visits"])
def test_the_manuscript_names_no_participant_and_nests_no_brackets_in_its_text(docs, study):
    text = docs[study]["manuscript"]
    results = text[text.index("Participant flow"):text.index("Discussion")]
    assert not re.search(r"\bP\d{2}\b", results), re.search(r".{80}\bP\d{2}\b.{40}", results)
    assert "signed rank" not in text and "(a death ends participation))" not in text
    assert "with the reasons for any missed dose" not in text


@pytest.mark.parametrize("study", ["example", "six_visits"])
def test_the_manuscript_speaks_of_the_study_not_of_the_tools_study_files(docs, study):
    """Reader 13b item 5: §2.6 "No laboratory reference ranges are recorded in the study files", §3.1 and checklist
    item 23a "(the data hold no enrolment or consent dates)", Table S3's note "had not resolved by the last data in
    the study files" and the checklist's "to be added by the authors: not recorded in the study files" (20 times):
    a submitted manuscript has no study files (nor has the safety report: test_the_safety_report_speaks_of_the_data_not_of_study_files)."""
    text = docs[study]["manuscript"]
    for phrase in ("study files", "the data hold", "study configuration"):   # session 30 reviewer: the last
        assert phrase not in text, re.search(f".{{120}}{phrase}.{{60}}", text)
    # the authors are asked for what the data lack, not told it does not exist (session 30 reviewer: "the dates of the
    # first and last inclusion (inclusion dates were not recorded)")
    assert re.search(r"To be added by the authors: the dates of the first and last (enrolment|inclusion), which are "
                     r"not among the data analysed\.", text)
    assert "(inclusion dates were not recorded)" not in text and "(enrolment dates were not recorded)" not in text
    if study == "six_visits":   # every event resolved: Table S3's note does not explain unresolved outcomes (session 32
        # reviewer); without a data cut-off the words are "by the end of follow-up" (tests/test_present_cutoff.py)
        assert "had not resolved" not in text
    checklist = text[text.index("Where addressed"):]
    assert checklist.count("to be added by the authors") >= 10


def test_the_six_visit_study_says_every_dose_was_given(docs):
    text = docs["six_visits"]["manuscript"]
    # the section counts participants, the table doses (session 30 DSMB reader: "the doses given by route are in
    # Section 3.1 and Table 5", where the section has no doses)
    # (html_text puts a space after each link's text)
    assert re.search(r"No dose was missed by either route, as stated in Section 3\.1 ?; the doses by route are in "
                     r"Table 5 ?\.", text)
    assert "Single arm" not in text  # issue #10: the arm box says "Intervention (n = …)"
    # the abstract lists only what its paragraphs use; the body's Abbreviations section what the body uses
    assert "Abbreviations. ALS, amyotrophic lateral sclerosis; CI, confidence interval; CSF" in text
    assert "Abbreviations ALS, amyotrophic lateral sclerosis; ALSFRS-R, revised ALS Functional Rating Scale" in text
    assert "CRP, C-reactive protein" in text[text.index("Abbreviations ALS, "):]


def test_a_retrospective_ethics_report_says_inclusion(docs):
    """Reader's item 7: the ethics report's headings follow `design:` as the manuscript does."""
    example, six = docs["example"]["ethics"], docs["six_visits"]["ethics"]
    assert "Inclusion and disposition" in example and "Inclusion against target" in example
    assert "Enrolment and disposition" not in example and "Enrolment against target" not in example
    assert "Enrolment and disposition" in six and "Enrolment against target" in six
    assert "Every adverse event of every included participant" in example
    # the cover names the committee the manuscript's ethics statement names (it said "Not recorded")
    assert "Ethics approval The Research Ethics Committee of Example University (synthetic), EX-REC-2023-001" in example
    # the deviation listing: visit labels and compartments in words, not the data's codes (one missing sample
    # per participant, compartment and visit since d0871f8, so no analyte is named there)
    assert "Missing sample Month 2 No serum sample recorded" in example and "TNF-alpha" not in example


def test_the_recommendation_boxes_follow_the_design(docs):
    """Words4 item 3: a retrospective review enrols nobody, so its boxes offer no "Suspend enrolment"."""
    example, six = docs["example"]["ethics"], docs["six_visits"]["ethics"]
    assert "Suspend enrolment" not in example and "Stop the study" not in example
    # the example's follow-up ended at its cut-off: nothing to continue (session 26 example reader)
    assert example.count("Accept the safety findings as reported") == 2   # the investigators' box and the board's
    assert "the review" not in example   # a board continues or stops the study, not "the review" (reader 12a)
    # the six-visit study is prospective but its follow-up is over too (session 30 DSMB reader: "Suspend enrolment")
    assert "Suspend enrolment" not in six and "Stop the study" not in six
    assert six.count("Accept the safety findings as reported") == 2
    # the investigators weigh benefit against risk in their box (session 30 DSMB reader: no placeholder for it)
    assert example.count("Benefit–risk assessment, reasons and changes:") == 1
    assert "action items for the next report" not in example + six


def test_the_safety_report_writes_serious_event_terms_in_lower_case_in_its_text(docs):
    """Words4 item 2: "… were reported: Aseptic meningitis …" mid-sentence; the manuscript's rule (lower case in
    running text, the tables keep the MedDRA term as written)."""
    six = docs["six_visits"]["ethics"]
    assert "3 serious adverse events were reported: aseptic meningitis (participant P03, grade 3" in six
    assert "; pulmonary embolism (participant P04" in six and "; respiratory failure (participant P05" in six
    assert "reported: Aseptic meningitis" not in six and "Aseptic meningitis" in six  # the listing keeps it


def test_every_listed_reference_is_cited_in_a_sentence_that_uses_it(docs):
    """Words4 item 5: the example's [5] (the earlier report of the design) was cited only as "is available";
    now the Introduction and the Discussion say what it found, and every entry of the .bib is listed and cited."""
    import re as _re

    from alsreport.study.example import example_study_path

    text = docs["example"]["manuscript"]
    body, refs = text[:text.index("References 1.")], text[text.index("References 1."):]
    listed = [int(n) for n in _re.findall(r"(?:^|\s)(\d{1,2})\.\s+[A-Z][a-z]+", refs.split("Supplementary")[0])]
    bib = (example_study_path() / "references.bib").read_text(encoding="utf-8")
    assert listed == list(range(1, bib.count("\n@") + 1))   # every entry listed, in order of citation
    after = refs.split("Supplementary", 1)[1]   # the checklist appendix cites the reporting guidelines
    cited = {int(n) for group in _re.findall(r"\[\s*(\d[\d,–\s]*)\]", body + after)
             for n in _re.findall(r"\d+", group)}
    assert set(listed) <= cited
    # (in words: the Introduction comes before the first generated text, which defines CSF and TNF-α)
    prior = ("found that cerebrospinal fluid (CSF) tumour necrosis factor α (TNF-α) decreased from Month 0 to Month 3 "
             "(p < 0.01) and no other immunological or biochemical biomarker changed significantly during follow-up "
             "[")   # the preprint named no visit for its "no other change" (session 35 reviewer)
    assert f"An earlier report of these participants {prior}" in body   # the Introduction (prior_report.participants)
    assert body.count("p < 0.01") == 2                          # the Introduction and the Discussion's comparison
    # reader 8's item 8: the Discussion compares them, not "to be added by the authors: whether they agree"
    discussion = "As in the earlier report ["
    methods = body.index("Each biomarker was analysed separately in each compartment")
    assert body.index("An earlier report") < methods < body.index(discussion)
    assert "design is available" not in body and "whether they agree" not in body


def test_no_second_pair_of_brackets_after_a_name_that_has_its_own(docs):
    """The example's committee and author are "… (synthetic)": no "(synthetic) (…)" follows."""
    text = docs["example"]["manuscript"]
    assert "Corresponding author: A. Example (synthetic), a.example@example.org" in text
    assert "Example University (synthetic) under approval number EX-REC-2023-001" in text
    assert "(synthetic) (" not in text


def test_the_safety_report_asks_for_a_narrative_of_the_death_and_each_serious_event(docs):
    """Reader 12b item 2: the death and the serious events were one-line listings, with no narrative asked for."""
    six = docs["six_visits"]["ethics"].replace("( ", "(").replace(" )", ")")   # the text of a link has spaces round it
    assert six.count("To be added by the investigators: a narrative of each death and serious adverse event "
                     "(seriousness criterion, course, treatment, action taken with the intervention, doses given after "
                     "the event and whether it recurred, outcome, autopsy if any, basis of the causality assessment, "
                     "date reported to the committee).") == 1
    assert "The narrative of each death is asked for with those of the serious adverse events (Section 5.5)." in six
    assert "Narratives of the 3 serious adverse events (1 fatal): not recorded; to be added by the " \
           "investigators (Section 5.5)" in six


def test_the_safety_report_dates_its_data_by_the_study_files_not_by_the_render(docs):
    """Reader 12b item 5: "as of the analysis date (2 December 2026)" and captions "Data as of 2 December 2026
    (analysis date; no data cut-off recorded)", the day of the render, without a cut-off in study.yml."""
    six = docs["six_visits"]["ethics"]
    assert "analysis date" not in six
    assert "Adverse events not resolved as of the last data recorded (data cut-off to be added): none" in six
    assert ("As of the last data recorded (data cut-off to be added): Related adverse events of grade 3 "
            "or higher") in six
    captions = re.findall(r"Table \d+\. [^.]*\.[^.]*?\. (Data [^.]*\.)", six)
    assert captions and all(c.startswith("Data cut-off to be added; report generated ") for c in captions)
    example = docs["example"]["ethics"]   # a cut-off in study.yml: the captions give it
    assert "Data as of 31 January 2024." in example and "analysis date" not in example


def test_the_harms_section_says_how_the_events_ended(docs):
    """CONSORT Harms 2022 (session 30 reviewer: P15's unresolved muscle cramps were only in Table S3)."""
    text = docs["example"]["manuscript"]
    harms = text[text.index("Adverse events are summarised in"):]
    assert harms.index("had resolved and 1 had not: muscle cramps (grade 1, recovering).") < harms.index(
        "laboratory values graded")


def test_reference_list_keeps_proper_names_and_guideline_names(docs):
    """Session 35 reviewer: "Chio A" (Adriano Chiò) and "CONSORT harms 2022": citeproc sentence-cases a title's words
    unless the .bib protects them, and a plain "Chio" loses its accent. Both bibliographies: the example's own and
    the default one (the six-visit study has no references.bib)."""
    for study in ("example", "six_visits"):
        refs = docs[study]["manuscript"].split("References 1.", 1)[1]
        assert "Al-Chalabi A, Chiò A, Corr EM" in refs and "Chio A" not in refs
        assert "CONSORT Harms 2022 statement" in refs and "CONSORT harms" not in refs


def test_the_methods_name_the_reporting_guideline_and_cite_it_before_the_appendix(docs):
    """Session 36 reviewer: the Methods never named the guideline; CONSORT 2025 and CONSORT Harms 2022 were first
    cited in the checklist appendix, after the reference list, so their numbers broke the text's order."""
    for study in ("example", "six_visits"):
        # citations as printed: "[8]", "[1,2]" (the page text has a space where each link's tags were)
        text = re.sub(r"\[\s*([\d,–\s]+?)\s*\]\s*(?=[,.;\s])", lambda m: "[" + re.sub(r"\s+", "", m.group(1)) + "]",
                      docs[study]["manuscript"])
        said = re.search(r"This report follows CONSORT 2025 \[(\d+)\] and CONSORT Harms 2022 \[(\d+)\], adapted to a "
                         r"single-arm study\.", text)
        assert said, study
        design = text.index("2.1 Study design")
        assert design < said.start() < text.index("2.2 Ethics and consent")
        first, second = int(said.group(1)), int(said.group(2))
        # numbered in the text's order: every earlier citation has a smaller number
        earlier = [int(n) for n in re.findall(r"\[(\d+)(?:[,–]\d+)*\]", text[:said.start()])]
        assert earlier and second == first + 1 and all(n < first for n in earlier), (earlier, first)
