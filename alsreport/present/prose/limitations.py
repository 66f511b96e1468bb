"""The Limitations paragraph: design, sample, follow-up, who a death or discontinuation left out, how many tests and
what their adjustment controls."""

from __future__ import annotations

import math

from alsreport.present.format import count
from alsreport.present.method_words import omnibus_shown
from alsreport.present.population import enrolled_word
from alsreport.present.prose.multiplicity import limitation_clause
from alsreport.present.prose.lookups import several_comparisons, tested
from alsreport.present.prose.sample_size import small_sample
from alsreport.present.prose.safety import attribution_scope
from alsreport.present.prose.survivorship import survivorship_limitation
from alsreport.present.prose.words import counted, join_words, plural
from alsreport.present.supplement_numbers import supplement_refs
from alsreport.results.model import Results

__all__ = ["limitations"]

#: A follow-up up to this many months after baseline is named a limitation ("a short follow-up").
SHORT_FOLLOW_UP_MONTHS = 6


def _design(results: Results) -> str:
    """``The study has no control group, a small sample (15 participants) and a short follow-up of 3 months.``
    (the follow-up only when it is short); a sample of :data:`LARGE_SAMPLE` or more is not called small (session 33
    tester: "a small sample (2000 participants)"): ``The study has no control group and a short follow-up of 6
    months. With 2,000 participants, small changes reach statistical significance, so the size of each change
    matters more than its p-value.``"""
    cfg = results.config
    months = cfg.visits[-1].month - cfg.baseline.month
    follow_up = f"a short follow-up of {months:g} {'month' if months == 1 else 'months'}"
    short = months <= SHORT_FOLLOW_UP_MONTHS
    if small_sample(results):
        sample = f"a small sample ({plural(results.flow.enrolled, 'participant')})"
        if not short:
            return f"The study has no control group and {sample}."
        return f"The study has no control group, {sample} and {follow_up}."
    design = f"The study has no control group{f' and {follow_up}' if short else ''}."
    return (f"{design} With {count(results.flow.enrolled)} participants, small changes reach statistical "
            "significance, so the size of each change matters more than its p-value.")


def _generalisability(results: Results) -> str:
    """`` Participants came from one centre and were selected by its inclusion criteria (6 of the 21 people assessed
    were not included), so the results may not apply to people with ALS in general.`` (CONSORT 2025 item 30; session
    26 reader: the checklist claimed generalisability and the Limitations never spoke of it). The setting and the
    selection limit it, the count of those not included only shows the selection (session 30 DSMB reader: "not
    everyone assessed was enrolled (1 of 13 was not), so the results may not apply…" did not follow)."""
    f = results.flow
    one_centre = bool(results.config.site)
    if f.excluded and f.assessed:
        # the count after the words, never a numeral first; "(6 of 21)" after "included" read as the number included
        # (session 28 HTML reader)
        word = enrolled_word(results.config)
        selected = (f"were selected by {'its' if one_centre else 'the'} inclusion criteria ({f.excluded} of the "
                    f"{plural(f.assessed, 'person', 'people')} assessed {'was' if f.excluded == 1 else 'were'} not "
                    f"{word})")
        first = f"Participants came from one centre and {selected}" if one_centre else f"Participants {selected}"
    elif one_centre:
        first = "Participants came from one centre"
    else:
        return " Whether the participants represent people with ALS in general is not known."
    return f" {first}, so the results may not apply to people with ALS in general."


#: The other tests of the results in words (plural), in the order they are named.
_OTHER_TESTS = {"paired_t": ("paired t-test", "paired t-tests"), "friedman": ("Friedman test", "Friedman tests"),
                "paired_t_log": ("paired t-test on the log scale", "paired t-tests on the log scale"),
                "mixed_model": ("mixed model", "mixed models")}


def _where_shown(results: Results) -> dict[str, str]:
    """`` (@tbl-sensitivity and Table S2)``: where each counted test is shown, so every test reported is
    visible (reader 8: two thirds of the paired t-tests were only in the CSV export)."""
    numbers = supplement_refs(results)   # links, as @tbl-sensitivity (reader 9)
    ttest = f" and {numbers['supplementary_ttest']}" if "supplementary_ttest" in numbers else ""
    ratios = f" ({numbers['supplementary_s2_ratios']})" if "supplementary_s2_ratios" in numbers else ""
    return {"paired_t": f" (@tbl-sensitivity{ttest})", "friedman": " (@tbl-sensitivity)",
            "paired_t_log": ratios, "mixed_model": ratios}


def _other_counts(results: Results) -> dict[str, int]:
    """How many of each other test have a p-value, by test (the Friedman test only where the documents present it,
    :func:`~alsreport.present.method_words.omnibus_shown`)."""
    shown = [t for t in _OTHER_TESTS if t != "friedman" or omnibus_shown(results.config)]
    return {t: sum(1 for c in results.comparisons if c.test == t and math.isfinite(c.pvalue)) for t in shown}


def _other_tests(results: Results, count=plural) -> str:
    """``, besides 93 paired t-tests and 31 Friedman tests as sensitivity and supportive analyses`` (every test family
    counted, reader 6's item 18), or ``""``; ``count`` writes each count (numerals, or words as the sentence's other
    counts)."""
    where = _where_shown(results)
    counts = {t: n for t, n in _other_counts(results).items() if n}
    words = [count(n, *_OTHER_TESTS[t]) + where[t] for t, n in counts.items()]
    # "supportive" is the Friedman test's role; without it the others are sensitivity analyses only
    role = ("sensitivity and supportive analyses" if "friedman" in counts else
            "a sensitivity analysis" if sum(counts.values()) == 1 else "sensitivity analyses")
    return f", besides {join_words(words)} as {role}" if words else ""


def _tests(results: Results) -> str:
    """``In all, 93 Wilcoxon comparisons with baseline were made (31 biomarker series at each of 3 later
    visits), besides 93 paired t-tests and 31 Friedman tests as sensitivity and supportive analyses``."""
    n_series = len(tested(results))
    contrasts = {c.contrast for c in results.comparisons if c.test == "wilcoxon" and math.isfinite(c.pvalue)}
    n_tests = sum(1 for c in results.comparisons if c.test == "wilcoxon" and math.isfinite(c.pvalue))
    # the sentence's counts all in words when all are below 10, else all numerals (session 27 reader: "five biomarker
    # series at each of five later visits), besides 25 paired t-tests … and 5 Friedman tests")
    if len(contrasts) <= 1:
        count = counted if max([n_series, *_other_counts(results).values()]) < 10 else plural
        return (f"In all, {count(n_series, 'biomarker series', 'biomarker series')} "
                f"{'was' if n_series == 1 else 'were'} compared{_other_tests(results, count)}")
    each = (f"{plural(n_series, 'biomarker series', 'biomarker series')} at each of {len(contrasts)} later visits"
            if n_series > 1 else "one at each later visit")
    return f"In all, {n_tests} Wilcoxon comparisons with baseline were made ({each}){_other_tests(results)}"


def limitations(results: Results) -> str:
    retrospective = ""
    if results.config.retrospective:
        # a primary endpoint named after the data were collected may have been chosen for its result (session 25
        # reader: the example's primary is the earlier report's finding)
        retrospective = (" The analysis was defined retrospectively, after the data had been collected"
                         + (", so the choice of the primary endpoint may have been informed by the data."
                            if results.config.analysis.primary is not None else "."))
    survivors = survivorship_limitation(results)   # a death or discontinuation left someone out (reader 11b)
    # one comparison with baseline (the primary): no count of tests or multiplicity to speak of (session 34
    # reviewer: the Holm adjustment's reach and "isolated findings" in a study of one series)
    multiplicity = (f" {_tests(results)}; {limitation_clause(results)}, so isolated findings should be read as "
                    "hypotheses." if several_comparisons(results) else "")
    return (f"{_design(results)}{_generalisability(results)}{retrospective}{' ' + survivors if survivors else ''}"
            f"{multiplicity}{' ' + attribution if (attribution := attribution_scope(results)) else ''} Biomarker "
            "changes are surrogate measures and do not show clinical benefit.")
