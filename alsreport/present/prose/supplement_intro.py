"""The supplement's opening sentence: every supplementary table by its number, from the one place that numbers
them (:mod:`alsreport.present.supplement_numbers`), the CONSORT checklist included (reader 9: the sentence named
Tables S1 and S2 but not S3, the checklist)."""

from __future__ import annotations

from alsreport.present.prose.markdown import md_escape
from alsreport.present.supplement_numbers import (
    CHECKLIST,
    DATA_S1,
    DATA_S1_DICTIONARY_FILE,
    EVENTS,
    LAB_GRADE_SHIFTS,
    listing_scope,
    supplement_refs,
)
from alsreport.results.model import Results

__all__ = ["supplement_intro"]


#: What the listing of adverse events holds, by :func:`~alsreport.present.supplement_numbers.listing_scope`.
_EVENTS = {"all": "lists every adverse event with its participant, grade, seriousness, relatedness, infusion, day "
                  "of onset and outcome",
           "serious": "lists every serious adverse event with its participant, grade, relatedness, infusion, day of "
                      "onset and outcome (the study's events are too many to list them all)",
           "serious_summary": "counts the serious adverse events by system organ class (too many to list)"}


def _what(key: str, baseline: str, results: Results) -> str:
    """What a supplementary table gives, after its number."""
    if key == EVENTS:
        return _EVENTS[listing_scope(results)]
    return {
        "supplementary_s1": f"gives the change from {baseline} to every later visit for every series, with the "
                            "number of participants at each visit",
        "supplementary_ttest": "the paired t-test at every later visit, a sensitivity analysis",
        "supplementary_s2_ratios": "the ratios of geometric means on the log scale beside the Wilcoxon signed-rank "
                                   "results",
        LAB_GRADE_SHIFTS: "crosses each participant's baseline CTCAE grade of every graded laboratory value with "
                          "their worst grade after baseline",
        CHECKLIST: "maps the items of the CONSORT 2025 checklist to the sections of this manuscript",
    }[key]


def supplement_intro(results: Results) -> str:
    """``Table S1 gives the change from Month 0 to every later visit …; Table S2 the paired t-test at every later
    visit, a sensitivity analysis; and Table S3 maps the items of the CONSORT 2025 checklist …`` (markdown, each
    number a link to its table)."""
    baseline = md_escape(results.config.baseline.label)
    parts = [f"{ref} {_what(key, baseline, results)}" for key, ref in supplement_refs(results).items()]
    tables = parts[0] + "." if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1] + "."
    # the codes are the dictionary's to explain: quoted here ("M3-M0", "wilcoxon") they were internal names in the
    # text (session 26 readers, all three); reader 12b's item 12 (codes unexplained) is met by the dictionary
    return (f"{tables} {md_escape(DATA_S1)}, a data file that accompanies this manuscript, gives every comparison "
            "with its unadjusted, Holm-adjusted and Benjamini–Hochberg-adjusted p-value, one row per test. Its data "
            f"dictionary, {md_escape(DATA_S1_DICTIONARY_FILE)}, describes each column and the codes the file uses for "
            "the analytes, the visits compared and the tests.")
