"""The CONSORT 2025 checklist as data, mapped to the sections of the generated manuscript.

CONSORT 2025 (Hopewell et al., BMJ 2025;388:e081123, doi:10.1136/bmj-2024-081123)
has 30 items, several with parts (1a/1b, 5a/5b, …). It was written for randomised
trials; for a single-arm study the items on randomisation, allocation
concealment and blinding do not apply and are marked so. Item descriptions here
are short paraphrases; see the statement for the exact wording.

Each applicable item names the manuscript section (``#sec-…`` anchor of
``report/manuscript.qmd``) where it is addressed, or says that the authors must
add the information (the data files do not hold it, e.g. conflicts of interest).
``tests/test_reports.py`` checks that every anchor exists in the manuscript.

The PDF prints a page number after each reference (``manuscript-print.css``: ``target-counter`` of the link's
target). The page must be that of the text that answers the item, not of its section's heading (reader 11b's
item 3: item 7 pointed to p. 1, where the Introduction starts, while its objectives sentence is on p. 2): an item
whose answer is not at the start of its section names it with ``at``, the id of a mark placed before that text in
``report/manuscript.qmd``; the link still reads "Section 1", and an empty link to the mark carries the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from alsreport.render.continued import GROUP_MARK

__all__ = ["ChecklistItem", "CONSORT_2025", "SINGLE_ARM_NA", "checklist_markdown", "anchors"]

Status = Literal["reported", "authors", "not applicable"]

#: Why randomisation and blinding items do not apply.
SINGLE_ARM_NA = "Not applicable (single-arm)"


@dataclass(frozen=True)
class ChecklistItem:
    item: str
    """CONSORT 2025 item number, e.g. ``1a``, ``21c``; ``H`` marks a CONSORT Harms 2022 elaboration."""
    section: str
    """Checklist section: Title and abstract, Open science, Introduction, Methods, Results, Discussion."""
    topic: str
    description: str
    """Short paraphrase of the item."""
    status: Status
    """``reported``: the generated manuscript addresses it at ``anchor``; ``authors``: the authors must
    add it (``anchor`` is where the manuscript asks for it); ``not applicable``: the design makes it irrelevant."""
    anchor: str | None = None
    """``sec-…`` id of the manuscript section."""
    note: str = ""
    evidence: tuple[str, ...] = ()
    """Words the section at ``anchor`` contains where it answers the item (checked by the tests)."""
    at: str | None = None
    """Id of the mark before the text that answers the item, when that text is not at the start of the section, or
    of the figure or table that answers it (the flow diagram, Table 1: they float to a later page than the section's
    sentence that cites them, session 25 readers): the PDF's page number is that element's page."""
    also: tuple[str, ...] = ()
    """Further tables that answer the item after the float ``at``: a float's id (``tbl-biochemical``) or a markdown
    link to a supplementary table (``[Table S1](#tbl-table-s1)``), each cited with its page (session 27 readers:
    item 26 named Table 2 only, the estimates being in Table 3 and Table S1 too; item 27 the overview only); or a
    section with the mark of the sentence that answers (``sec-statistics#chk-additional``: "Section 2.8" with the
    page of that sentence)."""

    @property
    def applicable(self) -> bool:
        return self.status != "not applicable"


def _na(item: str, topic: str, description: str, why: str = "no randomisation") -> ChecklistItem:
    return ChecklistItem(item, "Methods", topic, description, "not applicable", None, f"{SINGLE_ARM_NA}: {why}")


CONSORT_2025: tuple[ChecklistItem, ...] = (
    ChecklistItem("1a", "Title and abstract", "Title and structured abstract",
                  "Identification of the design in the title and abstract", "reported", "sec-abstract",
                  "the title and the abstract's Methods name the design", ("single-arm",)),
    ChecklistItem("1b", "Title and abstract", "Title and structured abstract",
                  "Structured summary of design, methods, results and conclusions", "reported", "sec-abstract",
                  evidence=("Methods.", "Results.", "Conclusions.")),
    ChecklistItem("2", "Open science", "Trial registration",
                  "Registry, registration number and date", "reported", "sec-open-science",
                  evidence=("Registration.",)),
    ChecklistItem("3", "Open science", "Protocol and statistical analysis plan",
                  "Where the protocol and statistical analysis plan can be accessed", "reported",
                  "sec-open-science", evidence=("Protocol and analysis plan.",), at="chk-protocol"),
    ChecklistItem("4", "Open science", "Data sharing",
                  "Access to de-identified participant data, data dictionary and code", "reported",
                  "sec-open-science", evidence=("Data availability.",), at="chk-data"),
    ChecklistItem("5a", "Open science", "Funding and conflicts of interest",
                  "Funding and other support, and the role of funders", "reported", "sec-open-science",
                  evidence=("Funding.",), at="chk-funding"),
    ChecklistItem("5b", "Open science", "Funding and conflicts of interest",
                  "Conflicts of interest of the authors", "reported", "sec-open-science",
                  evidence=("Competing interests.",), at="chk-conflicts"),
    ChecklistItem("6", "Introduction", "Background and rationale",
                  "Scientific background and rationale", "reported", "sec-introduction",
                  evidence=("no biomarker",), at="chk-rationale"),   # the rationale may follow a page turn
    ChecklistItem("7", "Introduction", "Objectives",
                  "Specific objectives for benefits and harms", "reported", "sec-introduction",
                  evidence=("objectives", "safety"), at="chk-objectives"),
    ChecklistItem("8", "Methods", "Patient and public involvement",
                  "Patient or public involvement in design, conduct and reporting", "reported", "sec-open-science",
                  evidence=("Patient and public involvement.",), at="chk-involvement"),
    ChecklistItem("9", "Methods", "Trial design",
                  "Type of study, allocation ratio and framework", "reported", "sec-design",
                  "single arm, no allocation, exploratory", ("single-arm", "exploratory")),
    ChecklistItem("10", "Methods", "Changes to trial protocol",
                  "Important changes after the study began, with reasons", "reported", "sec-design",
                  evidence=("after the study began",)),
    ChecklistItem("11", "Methods", "Trial setting", "Settings and locations", "reported", "sec-participants",
                  evidence=("assessed for eligibility",)),
    ChecklistItem("12a", "Methods", "Eligibility criteria", "Eligibility criteria for participants", "reported",
                  "sec-participants", evidence=("criteria",)),
    ChecklistItem("12b", "Methods", "Eligibility criteria",
                  "Eligibility criteria for sites and for those delivering the intervention", "reported",
                  "sec-intervention", evidence=("gave the intervention",), at="chk-delivery"),
    ChecklistItem("13", "Methods", "Intervention and comparator",
                  "Intervention (and comparator) in enough detail to allow replication", "reported",
                  "sec-intervention", "no comparator: single arm", ("infusion",)),
    ChecklistItem("14", "Methods", "Outcomes",
                  "Prespecified outcomes: measurement, metric, aggregation and time point", "reported",
                  "sec-outcomes", evidence=("primary endpoint", "Secondary endpoints")),
    ChecklistItem("15", "Methods", "Harms (CONSORT Harms 2022)",
                  "How harms were defined, graded, attributed and collected", "reported", "sec-harms-methods",
                  evidence=("grade", "relatedness")),
    ChecklistItem("16a", "Methods", "Sample size", "How the sample size was determined", "reported",
                  "sec-sample-size", evidence=("ample size",)),
    ChecklistItem("16b", "Methods", "Sample size", "Interim analyses and stopping guidelines", "reported",
                  "sec-sample-size", evidence=("nterim analyses",), at="chk-interim"),
    _na("17a", "Sequence generation", "Who generated the random allocation sequence and how"),
    _na("17b", "Sequence generation", "Type of randomisation and any restriction"),
    _na("18", "Allocation concealment mechanism", "How the allocation sequence was concealed",
        "no allocation sequence"),
    _na("19", "Implementation", "Access to the allocation sequence of those who enrolled and assigned",
        "no allocation sequence"),
    _na("20a", "Blinding", "Who was blinded after assignment", "open label, one arm"),
    _na("20b", "Blinding", "How blinding was achieved; similarity of interventions", "open label, one arm"),
    ChecklistItem("21a", "Methods", "Statistical methods",
                  "Methods for primary and secondary outcomes, including harms", "reported", "sec-statistics",
                  "paired before–after comparisons instead of between-group comparisons",
                  ("Wilcoxon", "Adverse events")),
    ChecklistItem("21b", "Methods", "Statistical methods", "Who is included in each analysis", "reported",
                  "sec-statistics", "complete pairs of each comparison", ("complete pairs",)),
    ChecklistItem("21c", "Methods", "Statistical methods", "How missing data were handled", "reported",
                  "sec-statistics", evidence=("missing",), at="chk-missing"),   # prose.methods.MISSING_DATA_MARK
    ChecklistItem("21d", "Methods", "Statistical methods",
                  "Additional analyses, prespecified or post hoc", "reported", "sec-statistics",
                  evidence=("sensitivity", "post hoc"), at="chk-additional"),   # prose.methods.ADDITIONAL_ANALYSES_MARK
    ChecklistItem("22a", "Results", "Participant flow, including flow diagram",
                  "Numbers assessed, treated and analysed for the primary outcome", "reported", "sec-flow",
                  "included instead of randomly assigned", ("analysed",), at="fig-consort"),   # and the diagram
    ChecklistItem("22b", "Results", "Participant flow, including flow diagram",
                  "Losses and exclusions after enrolment, with reasons (Harms: withdrawals due to harms)",
                  "reported", "sec-flow", evidence=("Figure",), at="fig-consort"),   # the diagram's own page
    ChecklistItem("23a", "Results", "Recruitment", "Dates of recruitment and follow-up", "reported", "sec-flow",
                  evidence=("cut-off",), at="chk-recruitment"),
    ChecklistItem("23b", "Results", "Recruitment", "Why the study ended or was stopped", "reported", "sec-flow",
                  evidence=("ended",), at="chk-recruitment"),
    ChecklistItem("24a", "Results", "Intervention and comparator delivery",
                  "Intervention as actually delivered (adherence, fidelity)", "reported", "sec-exposure",
                  evidence=("infusion",), at="tbl-exposure"),   # and its table (session 27 readers)
    ChecklistItem("24b", "Results", "Intervention and comparator delivery", "Concomitant care", "reported",
                  "sec-exposure", evidence=("oncomitant care",)),
    ChecklistItem("25", "Results", "Baseline data", "Baseline demographic and clinical characteristics",
                  "reported", "sec-baseline", evidence=("Table",), at="tbl-baseline"),
    ChecklistItem("26", "Results", "Numbers analysed, outcomes and estimation",
                  "Numbers analysed, results and effect estimates with precision", "reported", "sec-biomarkers",
                  evidence=("CI",)),
    ChecklistItem("27", "Results", "Harms (CONSORT Harms 2022)",
                  "All harms: participants and events by term, grade, seriousness and relatedness", "reported",
                  "sec-safety", evidence=("adverse event", "serious"), at="tbl-ae-overview"),   # and its table
    ChecklistItem("28", "Results", "Ancillary analyses", "Other analyses, prespecified or post hoc", "reported",
                  "sec-sensitivity", evidence=("t-test",), at="tbl-sensitivity",   # and its table (session 27)
                  also=("sec-statistics#chk-additional",)),   # whether prespecified or post hoc: §2.8 says, at its mark
    ChecklistItem("29", "Discussion", "Interpretation",
                  "Interpretation consistent with the results, balancing benefits and harms", "reported",
                  "sec-discussion", evidence=("adverse",)),
    ChecklistItem("30", "Discussion", "Limitations",
                  "Limitations: bias, imprecision, generalisability, multiplicity", "reported", "sec-limitations",
                  evidence=("control group", "in general")),
)


#: The attributes of the empty link that carries an answer's PDF page (``manuscript-print.css``: target-counter)
_PAGE_AT = '.alsr-page-at aria-hidden="true" tabindex="-1"'


def anchors() -> set[str]:
    """Every section anchor and every mark (``at``) the checklist points to."""
    return {i.anchor for i in CONSORT_2025 if i.anchor} | {i.at for i in CONSORT_2025 if i.at}


def checklist_markdown(items: tuple[ChecklistItem, ...] = CONSORT_2025, *,
                       unnumbered: dict[str, str] | None = None) -> str:
    """A pandoc pipe table: item, topic, description, where it is addressed.

    Numbered sections are cited as ``@sec-…`` cross-references ("Section 2.3");
    ``unnumbered`` maps the anchors of unnumbered sections (e.g. the abstract)
    to the link text to use instead.
    """
    unnumbered = unnumbered or {}

    def ref(anchor: str | None, at: str | None = None, also: tuple[str, ...] = ()) -> str:
        link = (f"[{unnumbered[anchor]}](#{anchor}){{.alsr-page-ref}}" if anchor in unnumbered else f"@{anchor}")
        if at is None:
            return link
        if at.startswith(("tbl-", "fig-")):
            # a float answers it: the section and the float, each with its own page ("Section 3.2, p. 4; Table 1,
            # p. 6"): the float's page alone read as the section's (session 26 readers: "Section 3.2, p. 6" for a
            # section starting on p. 4)
            return f"{link}; @{at}" + "".join(f"; {x}" if x.startswith("[") else f"; {ref(*x.split('#'))}"
                                              if "#" in x else f"; @{x}" for x in also)
        # the section's link without its page, then an empty link to the answer's mark that carries it (PDF only);
        # in the HTML it has no text: hidden from screen readers and no keyboard stop (issue #10, HTML reader)
        return f"[{link}]{{.alsr-page-elsewhere}}[](#{at}){{{_PAGE_AT}}}"

    # pandoc sizes the columns by the separator's dashes: a narrow "Item" column ("12b"), the section names in the
    # wider "Topic" column, so that "Where addressed" does not wrap to 3-4 lines (issue #10)
    # "(PDF page)" is the PDF's alone (manuscript-print.css adds it with the page numbers): the HTML has no pages
    rows = ["| Item | Topic | Checklist item (paraphrased) | Where addressed |",
            "|:-|:-----|:-----------|:----------|"]
    current = None
    for i in items:
        if i.section != current:
            # marked as a block's heading: a PDF page that starts inside the block names it ("Table S5 (continued) —
            # Methods", render.continued), as great-tables' group headings (readers 13a item 8, 13b item 6)
            rows.append(f"| | [**{i.section}**]{{.{GROUP_MARK}}} | | |")
            current = i.section
        if i.status == "not applicable":
            where = f"*{i.note}*"
        elif i.status == "authors":
            where = f"{ref(i.anchor, i.at, i.also)} — *{i.note or 'to be added by the authors'}*"
        else:
            where = ref(i.anchor, i.at, i.also) + (f" — {i.note}" if i.note else "")
        rows.append(f"| {i.item} | {i.topic} | {i.description} | {where} |")
    return "\n".join(rows) + "\n"
