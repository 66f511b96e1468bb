"""The manuscript's front matter and statements from study.yml (issue #10, "Missing statements",
"CONSORT checklist appendix", "the study title is a <p>", "the PDF title is 'Manuscript draft'").

The example is rendered once for the module (HTML and PDF); constructed studies without a
``reporting:`` section check what is printed when a statement is missing.
"""

from __future__ import annotations

import re

import pytest
import yaml
from pydantic import ValidationError

from alsreport.documents.front_matter import Bibliography, bibliography_for, byline_html, metadata_block
from alsreport.present import statements
from alsreport.present.prose import md_escape
from alsreport.study.config import StudyConfig
from alsreport.study.example import example_study_path
from alsreport.study.loading import load_study

from manuscript_render import render_manuscript, section_text
from reports_helpers import html_text, without_nobr

BASE = {"title": "T", "visits": [{"code": "M0", "label": "Month 0", "month": 0},
                                 {"code": "M1", "label": "Month 1", "month": 1}],
        "analytes": [{"name": "CRP", "family": "biochemical"}]}


def config(**reporting) -> StudyConfig:
    return StudyConfig.model_validate({**BASE, "reporting": reporting})


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = render_manuscript(example_study_path(), tmp_path_factory.mktemp("ms"))
    return (out / "manuscript.html").read_text(encoding="utf-8"), out / "manuscript.pdf"


# study.yml ---------------------------------------------------------------------------
def test_reporting_section_is_validated_with_messages_that_say_what_is_allowed():
    with pytest.raises(ValidationError, match="0000-0002-1825-0097"):
        config(authors=[{"name": "A", "orcid": "12345"}])
    with pytest.raises(ValidationError, match="unknown affiliation.*allowed: lab"):
        config(affiliations=[{"id": "lab", "name": "Lab"}], authors=[{"name": "A", "affiliations": ["unit"]}])
    with pytest.raises(ValidationError, match="CONSORT"):
        config(reporting_guideline="PRISMA")
    ok = config(authors=[{"name": "A", "orcid": "https://orcid.org/0000-0002-1825-0097"}])
    assert ok.reporting.authors[0].orcid == "0000-0002-1825-0097"


def test_design_wording_follows_design_or_timing():
    retro = StudyConfig.model_validate({**BASE, "design": "Retrospective, open-label, single-arm study"})
    assert retro.retrospective
    assert "retrospectively" in statements.design_timing_sentence(retro)
    assert "prospectively" in statements.design_timing_sentence(config())
    assert config(timing="retrospective").retrospective


# statements --------------------------------------------------------------------------
def test_missing_statements_are_flagged_for_the_authors_not_left_out():
    cfg = config()
    for fn in (statements.ethics_statement, statements.funding_statement, statements.conflicts_statement,
               statements.data_availability_statement, statements.protocol_changes_statement,
               statements.concomitant_care_statement, statements.patient_involvement_statement):
        assert statements.TO_ADD in fn(cfg), fn.__name__
    # the design and the analysis, not "the protocol", which a study may not have published (session 28 HTML reader)
    assert statements.protocol_changes_statement(cfg).endswith(
        "any changes to the design or the planned analysis after the study began, with reasons (or that there were "
        "none).")
    # absent is not "not registered" (reader 6's item 1): the authors add the registry or why there is none
    assert statements.registration_statement(cfg) == (
        "**Registration.** *To be added by the authors:* registry, number and date, or why the study was not "
        "registered.")


def test_the_abstract_registration_ends_with_a_full_stop():
    """Reader's item 14: 'Registration. Not registered (synthetic example)' had none (§5 had one)."""
    cfg = StudyConfig.model_validate({**BASE, "registration": "Not registered (synthetic example)"})
    stop = md_escape("Not registered (synthetic example).")       # markdown: the study's words are escaped
    assert statements.registration_short(cfg) == stop == "Not registered \\(synthetic example\\)\\."
    assert statements.Statements(cfg).registration_short == stop
    assert statements.registration_short(config()) == (
        "*To be added by the authors:* registry, number and date, or why the study was not registered.")
    explicit = StudyConfig.model_validate({**BASE, "registration": "not registered"})
    assert statements.registration_short(explicit) == md_escape("Not registered.")
    assert statements.registration_statement(explicit) == "**Registration.** " + md_escape("Not registered.")


def test_a_study_without_authors_has_a_placeholder_byline_and_no_pdf_author():
    """Reader's item 12: no author block at all, nothing saying the authors must add one."""
    cfg = config()
    assert not cfg.investigators
    assert byline_html(cfg) == ('<p class="alsr-byline alsr-authors-missing"><em>To be added by the authors:</em> '
                                "the authors and their affiliations.</p>")
    assert "author-meta" not in metadata_block(cfg, Bibliography(None), example_study_path())
    named = StudyConfig.model_validate({**BASE, "investigators": ["Dr X"], "site": "Unit Y"})
    assert byline_html(named) == '<p class="alsr-byline">Dr X — Unit Y</p>'


def test_orcids_follow_the_affiliations_not_the_names():
    """Reader 6's item 18: 'A. Example1,2* ORCID 0000-0002-1825-0097, B. Example' (inline between names)."""
    cfg = config(affiliations=[{"id": "lab", "name": "Lab"}],
                 authors=[{"name": "A", "affiliations": ["lab"], "orcid": "0000-0002-1825-0097"},
                          {"name": "B", "affiliations": ["lab"]}])
    lines = byline_html(cfg).splitlines()
    assert lines[0] == ('<p class="alsr-byline alsr-authors"><span class="alsr-author">A<sup>1</sup></span>, '
                        '<span class="alsr-author">B<sup>1</sup></span></p>')
    assert lines[1:3] == ['<ol class="alsr-affiliations">', '<li value="1">Lab</li>']
    assert lines[4] == ('<p class="alsr-orcids">ORCID: A <a class="alsr-orcid" href="https://orcid.org/'
                         '0000-0002-1825-0097" aria-label="ORCID 0000-0002-1825-0097">0000-0002-1825-0097</a></p>')


def test_ethics_statement_names_committee_approval_and_consent_or_waiver():
    waived = StudyConfig.model_validate({**BASE, "design": "Retrospective cohort", "reporting": {
        "ethics": {"committee": "the Ethics Board of X", "approval": "EB-12", "consent": "waived"}}})
    text = statements.ethics_statement(waived)
    assert "approved by the Ethics Board of X under approval number EB\\-12." in text
    assert "The committee waived the requirement for informed consent for this retrospective analysis. *To be " \
           "added by the authors:* the grounds for the waiver." in text
    assert "routine care" not in text and "routine care" not in statements.design_timing_sentence(waived)
    noted = StudyConfig.model_validate({**BASE, "design": "Retrospective cohort", "reporting": {
        "ethics": {"committee": "C", "consent": "waived", "consent_note": "The patients had died or could not be "
                   "reached"}}})
    assert "for this retrospective analysis. The patients had died or could not be reached\\." in \
        statements.ethics_statement(noted)
    written = config(ethics={"committee": "C", "consent": "written"})
    assert "All participants gave written informed consent." in statements.ethics_statement(written)


def test_metadata_block_sets_title_authors_and_bibliography():
    study = load_study(example_study_path())
    bib = bibliography_for(study.path, study.config)
    block = metadata_block(study.config, bib, study.path)
    # study text is escaped for pandoc's markdown reading of metadata (docs/security.md)
    # ... and names the design (CONSORT 2025 item 1a; the ': ' makes YAML quote it)
    assert ("title: 'Repeated autologous BM\\-MSC transplantation in ALS — immunological and biochemical "
            "biomarkers\\: a retrospective, open\\-label, single\\-arm study'") in block
    assert "- A\\. Example \\(synthetic\\)" in block and "references.bib" in block and "vancouver.csl" in block
    assert bib.resolve("als-review") == ["brown2017als", "hardiman2017als"]
    assert bib.cite("msc-trials") == " [@oh2015msc; @petrou2016msc]"
    # the randomised trials too (session 28 reader: "mostly uncontrolled" left out the controlled phase 2 and 3 trials)
    assert bib.cite("msc-rcts") == " [@oh2018msc; @cudkowicz2022msc]"
    assert Bibliography(None).cite("als-review") == ""   # an empty bibliography cites nothing
    assert bib.files == (bib.path,) and bib.defaults is None  # the example covers every topic itself


def test_the_word_files_metadata_names_the_authors_the_html_only_in_its_meta_tags():
    """Reader 12a's item 10: pandoc's docx writer fills the Word file's creator from ``author`` only, and the
    metadata set only ``author-meta`` (the HTML's and the PDF's): the Word file had no author."""
    study = load_study(example_study_path())
    bib = Bibliography(None)
    word = yaml.safe_load(metadata_block(study.config, bib, study.path, "docx").strip().strip("-"))
    names = ["A\\. Example \\(synthetic\\)", "B\\. Example \\(synthetic\\)"]
    assert word["author-meta"] == names
    # in Word's title block each name carries its affiliation numbers (and * if corresponding) as a raw superscript
    # run, left out of the creator (pandoc's plain text of author; test_docx_front_matter.py)
    sup = '`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{}</w:t></w:r>`{{=openxml}}'
    assert word["author"] == [names[0] + sup.format("1,2*"), names[1] + sup.format("2")]
    page = yaml.safe_load(metadata_block(study.config, bib, study.path).strip().strip("-"))
    assert page["author-meta"] == names and "author" not in page   # the HTML's byline shows them once


def test_a_study_without_references_cites_the_default_references(tmp_path):
    """Reader 6's item 3: without references.bib, "no treatment halts it" and the CONSORT statements were
    uncited and there was no References section; alsreport's default references fill every topic the
    study's own file lacks, and never replace its entries."""
    cfg = config()
    bib = bibliography_for(tmp_path, cfg)
    assert bib.path is None and bib.defaults is not None and bib.files == (bib.defaults,)
    assert bib.cite("consort") == " [@alsreport-hopewell2025]"
    assert bib.cite("consort-harms") == " [@alsreport-junqueira2023]"
    assert bib.resolve("als-review", "msc-trials") == ["alsreport-brown2017", "alsreport-hardiman2017",
                                                       "alsreport-oh2015", "alsreport-petrou2016"]
    assert bib.cite("msc-rcts") == " [@alsreport-oh2018; @alsreport-cudkowicz2022]"
    assert bib.cite("prior-report") == ""                 # no default for the study's own earlier report
    block = metadata_block(cfg, bib, tmp_path)
    assert "default_references.bib" in block and "vancouver.csl" in block
    (tmp_path / "references.bib").write_text(
        "@article{mine, author = {A, B}, title = {T}, journal = {J}, year = {2020}, keywords = {als-review}}\n",
        encoding="utf-8")
    mixed = bibliography_for(tmp_path, cfg)
    assert mixed.cite("als-review") == " [@mine]"         # the study's own entry replaces the defaults
    assert mixed.cite("consort") == " [@alsreport-hopewell2025]"
    assert len(mixed.files) == 2


# the rendered example ----------------------------------------------------------------
def test_study_title_is_the_h1_and_the_pdf_title_and_authors(example):
    import pypdf

    html, pdf = example
    h1 = re.findall(r"<h1\b[^>]*>(.*?)</h1>", without_nobr(html), re.S)
    assert len(h1) == 1 and "Repeated autologous BM-MSC transplantation in ALS" in h1[0]
    assert re.search(r'<h2[^>]*>.*?Introduction</h2>', html, re.S)
    meta = pypdf.PdfReader(str(pdf)).metadata
    assert meta.title.startswith("Repeated autologous BM-MSC transplantation in ALS")
    assert meta.author == "A. Example (synthetic), B. Example (synthetic)"


def test_byline_affiliations_orcid_and_statements_are_printed(example):
    html, _ = example
    text = html_text(html)
    # the ORCID under the affiliations, not between the authors' names (reader 6's item 18)
    assert "A. Example (synthetic) 1,2* , B. Example" in text or "A. Example (synthetic) 1,2*, B. Example" in text
    assert "ORCID: A. Example (synthetic) 0000-0002-1825-0097" in text
    assert "Stem Cell Unit, Example University Hospital" in text
    ethics = section_text(html, "sec-ethics")
    # the committee's own brackets are not followed by a second pair (reader's read-through)
    assert ("approved by the Research Ethics Committee of Example University (synthetic) under approval number "
            "EX-REC-2023-001.") in ethics
    assert "waived the requirement for informed consent" in ethics
    # the waiver covers the retrospective analysis; the experimental treatment itself had its own consent (session 25
    # reader: "did patients consent to the treatment?"), from study.yml's consent_note
    assert ("Every participant had given written informed consent to the treatment, its bone-marrow harvest and its "
            "intrathecal injections before it was given (synthetic example).") in ethics
    decl = section_text(html, "sec-open-science")
    for lead in ("Registration.", "Data availability.", "Funding.", "Competing interests.",
                 "Patient and public involvement."):
        assert lead in decl
    # the abstract gives its funding source too (CONSORT for Abstracts; session 26 example reader)
    assert ("Funding. Example University (synthetic) funded the study and had no role in the analysis or the decision "
            "to publish.") in section_text(html, "sec-abstract")


def _citations_joined(text: str) -> str:
    """``[ 1 , 2 ]`` (links as separate tags) → ``[1,2]``."""
    return re.sub(r"\[\s*([\d\s,–]+?)\s*\]", lambda m: "[" + re.sub(r"\s", "", m.group(1)) + "]", text)


def test_introduction_and_discussion_are_cited_from_the_study_bibliography(example):
    html, _ = example
    intro = _citations_joined(section_text(html, "sec-introduction"))
    assert "no treatment halts it [1,2]" in intro
    # the randomised trials too (session 28 reader: "mostly uncontrolled" left out the controlled phase 2 and 3 trials)
    assert "mostly in small uncontrolled studies [3,4] and in a few randomised trials [5,6] ." in intro
    assert "[7]" in intro                                        # the preprint this example reproduces
    # no "either" without its referent (session 29 reader: "so they cannot settle the question either")
    assert ("were mostly small and uncontrolled [3,4] , and the few randomised trials gave mixed results [5,6] ; "
            "whether the cells slow the disease remains open, and an uncontrolled study such as this one cannot answer "
            "it.") in _citations_joined(section_text(html, "sec-discussion"))
    assert "Cudkowicz ME, Lindborg SR" in section_text(html, "sec-references")
    refs = section_text(html, "sec-references")
    assert "Brown RH, Al-Chalabi A. Amyotrophic lateral sclerosis. N Engl J Med. 2017;377(2):162–72." in refs
    assert "Alkhazaali Z, Sahab-Negah S" in refs
    # reader 11a item 11: the preprint carries the identifier of the reference file (Europe PMC PPR829012)
    assert "Preprints.org. 2024. Available from: https://europepmc.org/article/PPR/PPR829012" in refs
    assert "@" not in intro


def test_every_checklist_item_points_at_a_section_that_answers_it(example):
    from analysis_helpers import example_results

    from alsreport.documents.checklist_study import HARMS_ITEM, REPORTING_KEYS, study_checklist

    html, _ = example
    items = study_checklist(example_results())
    for item in items:
        if item.anchor is None:
            continue
        text = section_text(html, item.anchor)
        assert item.evidence, item.item
        for words in item.evidence:
            assert words in text, f"item {item.item}: {words!r} not in section {item.anchor}"
    # issue #10: an item whose section holds a placeholder is marked so, not "reported": the example's
    # study.yml gives no eligibility criteria, delivery, protocol changes, concomitant care or patient
    # involvement, and its data no dates of inclusion (item 23a)
    authors = {i.item for i in items if i.status == "authors"}
    assert authors == {"8", "10", "12a", "12b", "13", "14", "15", "16a", "16b", "23a", "24b"}
    for i in items:
        if (i.item in REPORTING_KEYS or i.item == HARMS_ITEM) and i.status == "authors":
            assert "To be added by the authors" in section_text(html, i.anchor), i.item
    # reader 11a item 2: the sections of items 13, 14 and 15 name exactly what the authors must add
    assert ("how the bone marrow was harvested (and when, relative to the first infusion), how the cells were "
            "isolated and expanded (passages, viability and release criteria), and how each dose was prepared and "
            "infused.") in section_text(html, "sec-intervention")
    assert ("the assays (with their kits) and the laboratory that measured the biomarkers, how the samples were "
            "taken, processed and stored, and whether CSF was taken before the intrathecal injection at the same "
            "lumbar puncture.") in section_text(html, "sec-outcomes")
    assert ("To be added by the authors: the grading scale of the adverse events and its version, the coding "
            "dictionary and its "
            "version, how harms were collected, over which period after an infusion, and who judged "
            "relatedness.") in section_text(html, "sec-harms-methods")
    table = html_text(html)[html_text(html).index("Where addressed"):]
    assert not table.startswith("Where addressed (PDF page)")  # the HTML shows no page numbers (readers 10a, 10b)
    assert "to be added by the authors" in table and "study files" not in table   # reader 13b item 5
    # reader's item 8: no file name in the text (the Provenance appendix lists the input files and their hashes)
    assert "study.yml" not in re.sub(r"study\.yml [0-9a-f]{64}", "", html_text(html))
    assert "inclusion dates are not among the data analysed" in table and "(consent was waived)" not in table  # reader 7's item 8
    # item 1a: the title names the design
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert "a retrospective, open-label, single-arm study" in title


def test_checklist_gives_pdf_page_numbers(example):
    from reports_helpers import pdf_text

    _, pdf = example
    text = pdf_text(pdf)
    table = text[text.index("Where addressed (PDF page)"):]
    assert re.search(r"Abstract, p\.\s1\b", table)
    pages = [int(p) for p in re.findall(r"Section [\d.]+, p\.\s(\d+)", table)]
    assert len(pages) >= 30 and all(1 <= p < 30 for p in pages)
    # the statistical methods are on the page the checklist says
    import pypdf

    # items 22b and 25: the section's page and the float's, each its own (session 26 readers)
    flow = re.search(r"Section\s+3\.1,\s+p\.\s+(\d+);\s+Figure\s+1,\s+p\.\s+(\d+)", table)
    baseline = re.search(r"Section\s+3\.2,\s+p\.\s+(\d+);\s+Table\s+1,\s+p\.\s+(\d+)", table)
    assert flow and baseline, table
    reader = pypdf.PdfReader(str(pdf))

    def on(page: str, pattern: str) -> bool:
        return re.search(pattern, reader.pages[int(page) - 1].extract_text()) is not None

    assert on(flow.group(1), r"Participant\s+flow") and on(flow.group(2), r"Figure\s+1\.\s")
    assert on(baseline.group(1), r"Baseline\s+characteristics") and on(baseline.group(2), r"Table\s+1\.\s")
    # items 26 and 27: the results and harms sections and their first tables (session 26 readers)
    results = re.search(r"Section\s+3\.3,\s+p\.\s+(\d+);\s+Table\s+2,\s+p\.\s+(\d+)", table)
    harms = re.search(r"Section\s+3\.6,\s+p\.\s+(\d+);\s+Table\s+6,\s+p\.\s+(\d+)", table)
    assert results and harms, table
    assert on(results.group(2), r"Table\s+2\.\s") and on(harms.group(2), r"Table\s+6\.\s")
    # item 21d: the page of the sentence that says the additional analyses were post hoc, not the section's first
    # (session 32 reader: "Section 2.8, p. 3" for a sentence on p. 4)
    additional = re.search(r"Additional\s+analyses,\s+prespecified\s+or\s+post\s+hoc\s+Section\s+2\.8,\s+p\.\s+(\d+)",
                           table)
    assert additional and on(additional.group(1), r"these\s+additional\s+analyses\s+were\s+chosen"), table[:3000]
    stat_page = int(re.search(r"Section 2\.8, p\.\s(\d+)", table).group(1))
    page_text = pypdf.PdfReader(str(pdf)).pages[stat_page - 1].extract_text()
    assert "Statistical analysis" in page_text


def test_no_serious_event_is_said_once_and_figures_are_referred_to_as_a_range(example):
    html, _ = example
    safety = section_text(html, "sec-safety")
    assert safety.count("No serious adverse event") == 1
    biomarkers = section_text(html, "sec-biomarkers")
    assert re.search(r"Figures \d+ to \d+", biomarkers) and not re.search(r"Figure \d+, Figure \d+", biomarkers)
    assert "Table S1" in biomarkers and "Table S1" in section_text(html, "sec-supplement")


def test_the_supplementary_tables_are_linked_as_table_4_is(example):
    """Reader 9: "Table S2" and "Supplementary Table S1" were plain text while "Table 4" was a link; every link to
    a supplementary table (S1, S2 and the checklist, S3) finds its target in the page."""
    html, _ = example
    links = dict(re.findall(r'<a href="#(tbl-table-s\d|consort-checklist)" class="quarto-xref">([^<]+)</a>', html))
    # reader 11a item 3: the CTCAE shift table, Table S4, cited from §3.6, is linked too; the checklist is S5
    assert links == {"tbl-table-s1": "Table S1", "tbl-table-s2": "Table S2", "tbl-table-s3": "Table S3",
                     "tbl-table-s4": "Table S4", "consort-checklist": "Table S5"}
    # numbered in the order of their first citation in the text, before the supplement (session 27 HTML reader:
    # Table S4 was first cited in the Methods, before Tables S1-S3)
    body = html[:html.index('id="sec-supplement"')]
    cited = list(dict.fromkeys(re.findall(r'<a href="#tbl-table-s(\d)" class="quarto-xref">', body)))
    assert cited == ["1", "2", "3", "4"], cited
    safety = section_text(html, "sec-safety")
    # no value reached grade 2 since the example's haemoglobin varies as blood does (reader 12a item 4: P12's 9.3 g/dL)
    assert "All were grade 1." in safety
    # CTCAE's terms as Table S4 prints them, labelled so (session 27 readers: "anaemia" beside the table's "Anemia")
    assert "by CTCAE term:" in safety and "anemia (1)" in safety and "anaemia" not in safety
    assert "None of these laboratory abnormalities was recorded as an adverse event." in safety
    # reader 11a item 9: the data file the notes name is listed in the supplement and in the data availability
    supplement = section_text(html, "sec-supplement")
    assert "Supplementary Data S1 (comparisons.csv), a data file that accompanies this manuscript" in supplement
    assert ("The results of every comparison are in Supplementary Data S1 (comparisons.csv), which accompanies "
            "this manuscript.") in section_text(html, "sec-open-science")
    assert "CSV/XLSX export" not in html and "exported data" not in html
    assert all(f'id="{target}"' in html for target in links)
    sensitivity = html[html.index('id="sec-sensitivity"'):html.index('id="sec-exposure"')]
    assert '<a href="#tbl-table-s2" class="quarto-xref">Table S2</a>' in sensitivity


def test_pdf_text_layer_has_plain_hyphens_and_two_typefaces(example):
    import pypdf

    from reports_helpers import embedded_fonts

    _, pdf = example
    raw = "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(pdf)).pages)
    assert "\u2010" not in raw                     # hyphenation writes "-", text search finds the words
    families = {re.sub(r"-(Bold|Oblique|Italic|BoldOblique|BoldItalic)$", "",
                       re.sub(r"^[A-Z]{6}\+", "", f.lstrip("/"))) for f in embedded_fonts(pdf)}
    # one serif (text) and one sans (headings, tables, figures): Liberation, with DejaVu only where a glyph is
    # missing from it; no third typeface (the monospace of the file hashes is gone)
    assert not any("Mono" in f for f in families), families
    assert families <= {"Liberation-Serif", "Liberation-Sans", "DejaVu-Serif", "DejaVu-Sans"}, families


def test_html_has_a_print_stylesheet_and_a_narrow_screen_layout(example):
    html, _ = example
    assert re.search(r"@media print \{\s*@page \{ size: A4;", html)
    assert "@media screen and (max-width: 40rem)" in html


def test_the_declarations_give_the_authors_contributions():
    """Session 27 and 28 readers: the Declarations had no author-contributions statement, which journals require."""
    study = load_study(example_study_path())
    assert statements.contributions_statement(study.config) == "**Author contributions.** " + md_escape(
        "A. Example designed the study, analysed the data and wrote the manuscript; B. Example collected the data and "
        "revised the manuscript (synthetic example).")
    assert statements.contributions_statement(config()) == (
        f"**Author contributions.** {statements.TO_ADD} what each author contributed (for example, as CRediT roles).")


def test_data_availability_names_the_analysis_code_unless_the_study_does():
    """CONSORT 2025 item 4 asks for data, dictionary and code; session 32 reviewer: the example's statement, from its
    study.yml, named no code, while a study without one was told the code is alsreport."""
    code = "The analysis code is alsreport (open source), which recomputes every number of this report"
    assert code in statements.data_availability_statement(config(data_availability="Data on request"))
    assert code in statements.data_availability_statement(config())
    own = statements.data_availability_statement(config(data_availability="Data and code are on Zenodo"))
    assert code not in own and own.startswith("**Data availability.** Data and code are on Zenodo")


def test_the_code_statement_says_where_it_is_deposited():
    """CONSORT 2025 item 4 (session 34 reviewer): "alsreport (open source)" named no repository or DOI. The study's
    code_availability says where; without it, the authors are asked."""
    asked = statements.data_availability_statement(config(data_availability="Data on request"))
    assert (f"this report from the input files. {statements.TO_ADD} where the code and the study folder it ran on are "
            "deposited (repository URL or DOI).") in asked
    given = statements.data_availability_statement(config(data_availability="Data on request",
                                                          code_availability="Deposited on Zenodo"))
    assert "this report from the input files. Deposited on Zenodo\\. The results" in given
    assert statements.TO_ADD not in given
