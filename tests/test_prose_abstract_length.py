"""The structured abstract's length (issue #10, "Wording"): journals cap abstracts at 250–300 words.

Counted as a word processor counts the submitted manuscript: the four paragraphs' words (Background, Methods,
Results, Conclusions; not their headings, nor the Registration and Abbreviations lines), markdown escapes and a
link's target not read, words separated by spaces, so a no-break space binds what it joins (``p = 0.002``,
``9.1 pg/mL``, ``95% CI``), as in Word. Before: the example's abstract had 350 words so counted (362 split at every
space, no-break ones too) and a six-visit study's 409 (425); now 283 (295) and 338 (354). The Background named the
biomarkers and compartments the Methods name, the Methods and Results both gave the number included, the Results
said "for the primary endpoint" twice, listed the earlier visits twice, pointed to the supplement, and stated the
harms the Conclusions' harms sentence states again.
"""

from __future__ import annotations

import re

import pytest

from alsreport import analyze, load_study
from alsreport.present.prose import ReportText
from alsreport.present.prose.first_use import ABSTRACT_TEXTS

from analysis_helpers import example_results
from manuscript_studies import write_variant
from test_manuscript_layout import WIDE


def abstract_words(text: str) -> int:
    """Words of a generated abstract paragraph as a word processor counts them (see the module's docstring)."""
    read = re.sub(r"\]\(#[^)]*\)(\{[^}]*\})?", "]", text)          # [Table S1](#tbl-…){…}: the link's text only
    read = re.sub(r"\\(.)", r"\1", read).replace("**", "").replace("*", "")
    return len(read.split(" ")) if read.strip() else 0


@pytest.fixture(scope="module")
def abstracts(tmp_path_factory) -> dict[str, ReportText]:
    wide = tmp_path_factory.mktemp("abstract-length") / "six-visits"
    return {"example": ReportText(example_results()),
            "six visits": ReportText(analyze(load_study(write_variant(wide, WIDE))))}


def test_the_word_count_reads_as_a_word_processor() -> None:
    assert abstract_words("CSF TNF\\-α decreased (p\u00a0=\u00a00.001).") == 4
    assert abstract_words("listed in Supplementary [Table S1](#tbl-table-s1){.quarto-xref}.") == 5
    assert abstract_words("") == 0


@pytest.mark.parametrize(("name", "cap"), [("example", 300), ("six visits", 350)])
def test_the_abstract_is_within_a_journals_limit(abstracts, name: str, cap: int) -> None:
    t = abstracts[name]
    counts = {k: abstract_words(getattr(t, k)) for k in ABSTRACT_TEXTS}
    # measured: example 27 + 107 + 117 + 49 = 300 (session 30: the harms stated in the Results, "All 15 included
    # participants were analysed", "treatment-related events"); six visits 27 + 116 + 130 + 65 = 338 (session 26)
    assert sum(counts.values()) <= cap, counts


@pytest.mark.parametrize("name", ["example", "six visits"])
def test_the_shorter_abstract_keeps_the_primary_result_the_scope_and_the_harms(abstracts, name: str) -> None:
    t = abstracts[name]
    final = "Month 3" if name == "example" else "Month 12"
    # the primary endpoint's result first, with its number analysed, in the Results and the Conclusions
    assert re.match(r"(All 15 included participants were|Of 12 enrolled participants, 11 were) analysed for the "
                    r"primary endpoint( \(1 died before Month 12\))?; CSF TNF\\-α decreased from a median of ",
                    t.abstract_results)
    assert t.abstract_conclusions.startswith(f"The primary endpoint, CSF TNF\\-α, decreased from Month 0 to {final}.")
    # each claim scoped to the visit it was tested at
    assert f"No secondary endpoint changed significantly at {final} (Holm-adjusted p\u00a0≥\u00a00.05 for all " \
        in t.abstract_results
    assert f"In exploratory comparisons before {final}, " in t.abstract_results   # secondary: exploratory
    assert "no other series changed significantly at an earlier visit." in t.abstract_results
    # the harms: any and related events in the Results, then the serious ones; one sentence with "and", not two
    # clauses spliced with a comma (session 25 reader)
    assert re.search(r"Adverse events occurred in \d+ of 1[25] participants \([\d.]+%; \d+ events\) and "
                     r"treatment-related events in \d+ \(", t.abstract_results)
    harms = ("With 15 participants, serious harms cannot be excluded." if name == "example" else
             "Serious adverse events, to be weighed against any benefit, occurred in three participants: aseptic "
             "meningitis (grade 3, probably related), pulmonary embolism (grade 4, unlikely to be related), and fatal "
             "respiratory failure (grade 5, unrelated).")
    assert t.abstract_conclusions.endswith(harms)


def test_the_earlier_visits_are_listed_once_with_each_p_value(abstracts) -> None:
    ex, six = abstracts["example"].abstract_results, abstracts["six visits"].abstract_results
    # the earlier visits are secondary endpoints: exploratory, as the Methods define them (outside reader, session 24)
    assert ("In exploratory comparisons before Month 3, CSF glucose decreased at Month 1 (Holm-adjusted "
            "p\u00a0=\u00a00.048) and CSF TNF\\-α at "
            "Month 2 (Holm-adjusted p\u00a0<\u00a00.001); no other series changed significantly at an earlier visit."
            ) in ex
    assert ("In exploratory comparisons before Month 12, CSF TNF\\-α decreased at Months 1, 2, 3, and 6 (Holm-adjusted p\u00a0<\u00a00.001, "
            "p\u00a0=\u00a00.002, p\u00a0=\u00a00.002, and p\u00a0=\u00a00.002)") in six
    for text in (ex, six):
        assert "Supplementary" not in text and "For the primary endpoint" not in text


def test_the_results_state_every_harm_deaths_too(abstracts) -> None:
    """No serious event (the example): the Results say that none was serious or of grade 3 or higher and that nobody
    died, the Conclusions what that allows (session 30 reviewer: the harms were a result stated in the Conclusions).
    Serious events (six visits): the Results count them and the deaths with their percentages; the Conclusions name
    each to weigh it (session 34 reviewer: the Results said nothing of the death, left to the Conclusions)."""
    ex, six = abstracts["example"], abstracts["six visits"]
    assert ex.abstract_results.endswith(
        "(73.3%; 12 events). No serious adverse event, event of grade 3 or higher, or death occurred.")
    assert six.abstract_results.endswith("Three participants (25.0%) had a serious adverse event, each of grade 3 or "
                                         "higher, and no other event reached grade 3. One of them died.")
    # the body's safety sentence keeps every category
    assert "No serious adverse event, event of grade 3 or higher, or death occurred." in ex.safety
    assert "One of them died (8.3% of all participants)." in six.safety


def test_many_changed_series_are_summarised(tmp_path) -> None:
    """Eight secondary series fall at every visit (the larger the effect, the smaller the p): the abstract names the
    three with the smallest adjusted p-values at each place and counts the rest (session 33 tester: a 2,000-
    participant study's abstract ran to 640 words, listing every series that changed at each visit). Measured
    27 + 104 + 138 + 65 = 334 words; 480 before (the changes at the final visit and before it one by one)."""
    from manuscript_studies import Series, Variant

    series = tuple(Series(f"A{i}", "CSF", effect=(-0.01 * (i + 1),)) for i in range(9))
    t = ReportText(analyze(load_study(write_variant(tmp_path / "many", Variant(n=40, series=series,
                                                                               primary=("A0", "CSF"))))))
    counts = {k: abstract_words(getattr(t, k)) for k in ABSTRACT_TEXTS}
    assert sum(counts.values()) <= 350, counts
    assert ("Among the secondary endpoints (exploratory), eight series decreased significantly at Month 3 "
            "(Holm-adjusted p\u00a0=\u00a00.042 or less): CSF A8, CSF A7, CSF A6, and five other series. In exploratory "
            "comparisons before Month 3, eight series decreased significantly at Month 1 or Month 2 (Holm-adjusted "
            "p\u00a0=\u00a00.037 or less): CSF A7, CSF A8, CSF A6, and five other series; no other series changed "
            "significantly at an earlier visit.") in t.abstract_results
    assert ("Among the exploratory secondary endpoints, CSF A8, CSF A7, CSF A6, and five other series decreased; "
            in t.abstract_conclusions)


def test_the_discussion_names_three_earlier_changes_and_counts_the_rest(tmp_path) -> None:
    """The Discussion's earlier changes as the abstract's: three named, the rest counted (session 33 tester: all 12
    named again after the Results had listed them)."""
    from manuscript_studies import Series, Variant

    series = tuple(Series(f"A{i}", "CSF", effect=(-0.01 * (i + 1),)) for i in range(9))
    t = ReportText(analyze(load_study(write_variant(tmp_path / "many", Variant(n=40, series=series,
                                                                               primary=("A0", "CSF"))))))
    assert ("At earlier visits, 16 secondary comparisons were significant after Holm adjustment (CSF A7 at Month 1 and "
            "Month 2, CSF A8 at Month 1 and Month 2, CSF A6 at Month 1 and Month 2, and five other series); they are "
            "exploratory.") in t.discussion
