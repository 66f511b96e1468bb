"""The safety report's text, rendered (issue #10, wording; the example's report rendered once, HTML, embedded).

It says each thing once: its Summary listed the counts of all, related and serious events and deaths, and a
paragraph above the list said the same counts, word for word Section 5's lead (outside reader of the six-visit
study, session 24). A table's note that names another table links to it, as the text's cross-references do."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

import pytest

from alsreport.study.example import example_study_path
from reports_helpers import without_nobr


@pytest.fixture(scope="module")
def ethics(tmp_path_factory) -> str:
    from alsreport.documents.reports import render_reports

    out = tmp_path_factory.mktemp("ethics-repetition")
    render_reports(example_study_path(), reports=["ethics"], formats=["html"], engine="embedded", out_dir=out)
    return (out / "ethics.html").read_text(encoding="utf-8")


def _paragraphs(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", p))).strip()
            for p in re.findall(r"(?s)<p[^>]*>(.*?)</p>", without_nobr(html))]


def test_no_paragraph_of_text_is_printed_twice(ethics):
    # the two recommendation boxes (the investigators' and the board's) offer the same choices, by design
    repeated = {p: n for p, n in Counter(_paragraphs(ethics)).items()
                if n > 1 and len(p) > 60 and not p.startswith("\u25a1")}
    assert repeated == {}


def test_the_summary_gives_the_counts_once_in_its_list(ethics):
    summary = ethics[ethics.index('id="sec-summary"'):ethics.index('id="sec-overview"')]
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", summary)))
    # the example (comparisons of adverse_events.csv): 15 events in 14 of 15 participants, 12 related in 11
    assert text.count("14 of 15") + text.count("14 participants") == 1
    assert "At least one adverse event was recorded" not in text


def test_the_note_that_points_to_the_listing_links_to_it(ethics):
    """Outside reader of the HTML (session 24): Table 5's note named "(Table 6)" as plain text (a table's notes are
    inside great-tables' HTML, where pandoc resolves no @tbl- reference)."""
    assert ('Every event is listed individually in the listing of all adverse events (<a href="#tbl-all-events">'
            'Table 6</a>).') in ethics
    assert ethics.count('id="tbl-all-events"') == 1


def _section(html: str, start: str, end: str) -> str:
    html = without_nobr(html)
    part = html[html.index(">", html.index(f'id="{start}"')) + 1:html.index(f'id="{end}"')]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>|<[^>]*$", " ", part))).strip()


def test_the_deaths_are_counted_in_their_own_subsection_only(ethics):
    """Outside reader (issue #10, session 25): 5.5 Serious adverse events said "No serious adverse event was reported.
    No deaths were reported." and 5.6 Deaths, next, said "No deaths were reported." again."""
    assert "No deaths were reported." not in _section(ethics, "sec-ae-serious", "sec-deaths")
    assert _section(ethics, "sec-deaths", "sec-laboratory").count("No deaths were reported.") == 1
    assert "No serious adverse event was reported." in _section(ethics, "sec-ae-serious", "sec-deaths")


def test_the_people_not_included_are_not_called_screen_failures(ethics):
    """Outside reader (issue #10, session 25): "3.2 Screen failures" listed "Declined the treatment: 2", people who
    were eligible (participants.csv eligible=yes); the subsection is named for what it lists, in the study's word
    (the example is retrospective: it included people)."""
    assert "Screen failure" not in ethics
    part = _section(ethics, "sec-not-enrolled", "sec-baseline")
    # grouped as the flow diagram and the manuscript group them, larger counts first (session 26 example reader),
    # under those not eligible and the eligible (session 32 reviewer: the contraindication is eligible = no)
    assert part.startswith("3.2 Not included Not eligible: 4 Did not meet inclusion criteria: 3 (ALSFRS-R below 24: "
                           "2; forced vital capacity below 50%: 1) Contraindication to lumbar puncture: 1 "
                           "Eligible, not included: 2 Declined the treatment: 2")


def test_the_contents_list_the_flow_diagram_as_they_list_the_tables(ethics):
    """Session 25 example reader: the contents listed every table and no figure (Figure 1, the flow diagram)."""
    nav = ethics[ethics.index('class="alsr-contents"'):ethics.index("</nav>", ethics.index('class="alsr-contents"'))]
    assert nav.index("List of tables") < nav.index("List of figures")
    assert ('<ol class="alsr-list-of-figures"><li><a href="#fig-consort">Flow of participants through the study</a>'
            "</li></ol>") in nav
    assert ethics.count('id="fig-consort"') == 1


def test_a_missing_protocol_schema_is_said_and_drawn_from_the_visits(ethics):
    """Session 25 example reader: "2.1 Protocol synopsis and schema" printed a synopsis and no schema, silently.
    Session 29 ethics reader: "Schema. Not recorded." although the data hold the visits, infusions and samples."""
    section = ethics[ethics.index('id="sec-synopsis"'):ethics.index('id="sec-harms-methods"')]
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", section)))
    assert "Schema. The protocol’s schema is not recorded; the study’s visits, from its data:" in text
    # the example's visits (study.yml), infusions (infusions.csv: 3, IV and IT) and compartments (measurements.csv),
    # a sentence each in one paragraph (a list pushed the flow diagram a page on)
    assert ("from its data: Month 0 (baseline): infusion 1 (IV and IT); CSF, serum, and blood samples. Month 1: "
            "infusion 2 (IV and IT); CSF, serum, and blood samples. Month 2: infusion 3 (IV and IT); CSF, serum, and "
            "blood samples. Month 3: CSF, serum, and blood samples.") in text


def test_every_listed_table_is_cited_where_the_text_introduces_it(ethics):
    """Issue #10, HTML reader: Tables 1, 4, 5, 8 and 9 were cited only by the list of tables (the manuscript cites
    every table). Each of the example's 14 tables is cited after the front matter, by its number (report/ethics.qmd
    introduce); the same numbers in real Quarto's page (checked by hand, session a11y)."""
    nav_end = ethics.index("</nav>", ethics.index('class="alsr-contents"'))
    listed = re.findall(r'<li><a href="#(tbl-[\w-]+)">', ethics[:nav_end])
    assert len(listed) == 14
    body = ethics[nav_end:]
    cited = {m.group(1): m.group(2) for m in re.finditer(r'<a href="#(tbl-[\w-]+)"[^>]*>Table\u00a0(\d+)</a>', body)}
    assert [cited.get(ref) for ref in listed] == [str(n) for n in range(1, 15)]
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).replace("\u00a0", " ").replace(" ,", ",")
    for sentence in ("Table 1 describes the included participants at baseline.",
                     "Table 4 counts the participants with each kind of adverse event, with 95% confidence intervals, "
                     "and the events, also by worst grade, strongest relatedness and infusion.",
                     "Table 5 gives the participants and events by system organ class, term and grade.",
                     # empty listings said to be empty (session 26 reader: "lists each" above an empty table)
                     "No serious adverse event was reported. Table 8, the listing of serious adverse events, has no "
                     "entry.",
                     "No deaths were reported. Table 9, the listing of events of grade 5 or with a fatal outcome, has "
                     "no entry."):
        assert sentence in text, sentence


def test_missing_harms_methods_are_asked_of_the_investigators_in_one_sentence(ethics):
    """Session 29 ethics reader: six bullets of "Not recorded." under "How harms were collected" (the first repeating
    the heading) asked nobody for them; the example's study.yml gives none, so one sentence asks for all."""
    section = ethics[ethics.index('id="sec-harms-methods"'):ethics.index('id="sec-previous"')]
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", section)))
    assert ("To be added by the investigators: how harms were collected, the surveillance window, who judged "
            "relatedness, the grading scale, the coding dictionary, and whether expectedness was assessed and SUSARs "
            "reported.") in text.replace(" :", ":")
    assert "Not recorded" not in text and "<li>" not in section


@pytest.fixture(scope="module")
def six_ethics(tmp_path_factory) -> str:
    """The six-visit study's safety report (prospective, grades 1–5, no synopsis or description in its study.yml)."""
    from alsreport.documents.reports import render_reports
    from manuscript_studies import write_variant
    from test_manuscript_layout import WIDE

    root = tmp_path_factory.mktemp("six-ethics")
    study = write_variant(root / "six", WIDE)
    render_reports(study, reports=["ethics"], formats=["html"], engine="embedded", out_dir=root / "out")
    return (root / "out" / "ethics.html").read_text(encoding="utf-8")


def test_the_serious_events_are_named_once_the_summary_and_section_5_5_pointing_to_it(six_ethics):
    """Session 30 DSMB reader: the six-visit report's paragraph naming its 3 serious events was printed in the
    Summary and again, word for word, in Section 5.5."""
    html = six_ethics
    repeated = {p: n for p, n in Counter(_paragraphs(html)).items()
                if n > 1 and len(p) > 60 and not p.startswith("\u25a1")}
    assert repeated == {}
    summary = _section(html, "sec-summary", "sec-overview")
    assert "In all, 3 serious adverse events were reported: aseptic meningitis (participant P03, grade 3" in summary
    serious = _section(html, "sec-ae-serious", "sec-deaths")
    assert serious.replace("( Section 1 )", "(Section 1)").startswith(   # a link's tags left spaces
        "5.5 Serious adverse events Each serious adverse event is named in the Summary (Section 1), with its grade, "
        "relatedness, outcome and onset.")
    assert "Table 8 lists each serious adverse event with its grade, relatedness and outcome." in serious


def test_without_a_synopsis_design_and_intervention_come_first_with_the_dose_and_the_synopsis_is_asked_for(six_ethics):
    """Session 30 DSMB reader (six-visit study, whose study.yml has no synopsis or description): §2.1 read "Not
    recorded." above a design text, and its intervention line gave no dose."""
    section = _section(six_ethics, "sec-synopsis", "sec-harms-methods")
    # the six-visit study's study.yml: intervention "Autologous mesenchymal stem cells.", dose_cells_per_kg 1e6;
    # its infusions.csv: three infusions (Months 0, 1, 2), 0.5 × 10⁶ cells/kg by each route
    assert section.startswith(
        "2.1 Protocol synopsis and schema Design. Prospective, open-label, single-arm study. Intervention. Autologous "
        "mesenchymal stem cells. The intervention was given as three infusions, at Months 0, 1, and 2, each "
        "intravenously (IV) and intrathecally (IT), 1 × 10⁶ cells/kg body weight per infusion, split 0.5 × 10⁶ "
        "cells/kg IV and 0.5 × 10⁶ cells/kg IT. To be added by the investigators: the protocol synopsis. Schema.")
    assert "Not recorded" not in section


def test_an_intervention_text_that_names_its_infusions_gets_no_second_schedule(ethics):
    section = _section(ethics, "sec-synopsis", "sec-harms-methods")
    assert section.endswith("Intervention. Three monthly infusions of autologous bone-marrow-derived mesenchymal "
                            "stem cells, 1 × 10⁶ cells/kg body weight per infusion, given in equal parts intravenously "
                            "(IV) and intrathecally (IT) on the same day.")
    assert "The intervention was given as" not in section


def test_the_abbreviations_follow_the_contents_outside_the_navigation(ethics):
    """Session 35 HTML reader: the list of abbreviations sat inside the contents' <nav>, announced as navigation."""
    start = ethics.index('<div class="alsr-contents"><nav aria-label="Contents">')
    nav_end = ethics.index("</nav>", start)
    assert "List of tables" in ethics[start:nav_end]
    assert nav_end < ethics.index('<dl class="alsr-abbreviations">') < ethics.index("</div>", nav_end)
