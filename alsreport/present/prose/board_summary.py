"""The safety report's summary bullets on what a board discusses beyond the event counts (reader 11a, item 4): the
warnings of the automated data checks (:mod:`~alsreport.present.prose.data_checks`), protocol deviations, the related
events (ranked as in the manuscript), events not resolved at the data cut-off, the missing narratives of deaths and
serious events (:mod:`~alsreport.present.prose.case_narratives`), laboratory values of CTCAE grade 2 or higher after
baseline, and whether expectedness (SUSARs) was assessed.

Every item comes from the results (``results.dsmb``, ``results.safety``) or study.yml; nothing is typed for a study.
A fact the study files do not give says so ("not recorded").
"""

from __future__ import annotations

from collections import Counter

from alsreport.analysis.lab_worst import worse_than_baseline
from alsreport.present.harms_facts import harms_facts, missing_harms_facts
from alsreport.present.ethics_cover import reviewers
from alsreport.present.format import number, percent, series_decimals, unit_in_text, visit_label
from alsreport.present.prose.case_narratives import narratives_item
from alsreport.present.prose.data_checks import data_checks_item
from alsreport.present.prose.laboratory_harms import severe_values_recorded_clause
from alsreport.present.prose.lookups import overview
from alsreport.present.prose.markdown import md_escape
from alsreport.present.related_ranking import named_related, serious_note
from alsreport.present.cutoff import as_of_words
from alsreport.present.prose.safety import since_previous_clause
from alsreport.present.prose.safety_report import laboratory_table_keys
from alsreport.present.prose.words import join_words, plural, term_in_text
from alsreport.results.model import Results

__all__ = ["UNRESOLVED_OUTCOMES", "board_summary", "deviation_item", "related_item", "unresolved_item",
           "laboratory_item", "stopping_rules_item", "harms_methods_item", "expectedness_item"]

#: Outcomes of an event that has not ended (data-format.md: recovered, recovering, not recovered, recovered with
#: sequelae, fatal, unknown); an event without an outcome is counted as not resolved too.
UNRESOLVED_OUTCOMES = ("recovering", "not recovered", "unknown")
#: How many unresolved events and laboratory values the summary names before "and n more"
MOST = 3
NOT_RECORDED = "not recorded"   # the reader's words, not the tool's ("study files")


def deviation_item(results: Results) -> str:
    """``- Protocol deviations: 5 in 4 participants (4 missing samples and 1 partial dose; @tbl-deviations)``;
    ``- Protocol deviations: 2 missing samples in 2 participants (@tbl-deviations)`` when all are of one kind
    (session 26 reader: "2 (Table 2): 2 missing samples"). The participants are counted, as one failed lumbar
    puncture is two deviations of one participant, a missing CSF sample and a partial dose (session 30 DSMB reader:
    "5" read as five participants)."""
    deviations = results.dsmb.deviations
    kinds = Counter(d.kind for d in deviations)
    if not kinds:
        return "- Protocol deviations: none"
    who = f"in {plural(len({d.participant_id for d in deviations}), 'participant')}"
    parts = md_escape(join_words([plural(n, k) for k, n in kinds.most_common()]))
    if len(kinds) == 1:
        return f"- Protocol deviations: {parts} {who} (@tbl-deviations)"
    return f"- Protocol deviations: {sum(kinds.values())} {who} ({parts}; @tbl-deviations)"


def related_item(results: Results) -> str:
    """The related events by term, in the ranking the manuscript uses too
    (:func:`~alsreport.present.related_ranking.named_related`): ``- Related adverse events (@tbl-related): 12 events
    in 11 participants, most frequent first: post lumbar puncture headache in 4 participants (26.7%); …``; with one
    participant per term, ``5 events in 5 participants, no term in more than one participant: fever; …`` (nothing is
    "most frequent", reader 12b item 3); with one event, ``1 event in 1 participant: fever``; past five terms, ``…; and 3 other terms (@tbl-related)``."""
    names = named_related(results)
    named, rest, ones = names.named, names.rest, names.single
    related = overview(results).get("related")
    if not named or related is None:
        return "- Related adverse events: none"
    items = []
    for t in named:
        serious = serious_note(t)
        name = md_escape(term_in_text(t.term))
        if ones:
            items.append(f"{name} ({serious})" if serious else name)
        else:
            items.append(f"{name} in {plural(t.n_participants, 'participant')} ({percent(t.percent)}"
                         f"{'; ' + serious if serious else ''})")
    if rest:
        items.append(f"and {plural(rest, 'other term')} (@tbl-related)")
    counts = f"{plural(related.n_events, 'event')} in {plural(related.n_participants, 'participant')}"
    # since the previous report, as the key facts give it for any and serious events (session 35 DSMB reader #10)
    if since := since_previous_clause(results, "related"):
        counts += f" ({since})"
    # one event is its term: nothing to rank and no term to repeat (DSMB reader, the IV-only study: "1 event
    # in 1 participant, no term in more than one participant")
    how = "" if related.n_events == 1 else ", no term in more than one participant" if ones else ", most frequent first"
    where = "" if rest else " (@tbl-related)"
    return f"- Related adverse events{where}: {counts}{how}: {'; '.join(items)}"


def unresolved_item(results: Results) -> str:
    """Events whose outcome is not resolved (recovering, not recovered, unknown or not given), named one by one."""
    events = [e for e in results.safety.events if e.outcome is None or e.outcome in UNRESOLVED_OUTCOMES]
    label = f"- Adverse events not resolved {as_of_words(results)}"
    if not events:
        return f"{label}: none"
    # "1 event (P15, muscle cramps, grade 1, recovering; Table 6)": one bracket, no colon after a colon (session 29
    # reader: "…(31 January 2024): 1 (Table 6): P15, muscle cramps (grade 1, recovering)")
    named = [f"{md_escape(e.participant_id)}, {md_escape(term_in_text(e.term))}, grade {e.grade}, "
             f"{md_escape(e.outcome or 'outcome not recorded')}" for e in events[:MOST]]
    more = [f"and {len(events) - MOST} more"] if len(events) > MOST else []
    return f"{label}: {plural(len(events), 'event')} ({'; '.join([*named, *more, '@tbl-all-events'])})"


def laboratory_item(results: Results) -> str:
    """Values of CTCAE grade 2 or higher after baseline, by participant (the graded out-of-range values)."""
    label = "- Laboratory values of CTCAE grade 2 or higher after baseline"
    table = "@tbl-out-of-range" if "out_of_range" in laboratory_table_keys(results) else "@tbl-grade-shifts"
    if results.dsmb is None or not results.dsmb.grade_counts:
        # a study without safety laboratory tests is a gap the board asks about, not a technicality (session 31 DSMB
        # reader: "no analyte has CTCAE laboratory criteria", in a study with a pulmonary embolism and a death)
        return (f"{label}: not assessed, as the data hold no safety laboratory test with CTCAE criteria (such as "
                "blood counts, liver or kidney function); to be explained by the investigators")
    baseline = results.config.baseline.code
    values = [g for g in results.dsmb.graded_values if g.grade >= 2 and g.visit != baseline]
    if not values:
        return f"{label}: none" + _worse_grade_1(results)
    decimals = series_decimals(results)
    named = [f"{md_escape(g.participant_id)}, {md_escape(term_in_text(g.ctcae_term))} grade {g.grade} "
             f"({md_escape(term_in_text(_label(results, g.analyte)))} "
             f"{number(g.value, decimals.get((g.compartment, g.analyte), 2))} {md_escape(unit_in_text(g.unit))} at "
             f"{md_escape(visit_label(results.config, g.visit))})".replace(" )", ")") for g in values[:MOST]]
    more = f"; and {len(values) - MOST} more" if len(values) > MOST else ""
    who = plural(len({g.participant_id for g in values}), "participant")
    # whether each was recorded as an adverse event (reader 12a item 5)
    recorded = severe_values_recorded_clause(results)
    return f"{label}: {who} ({table}): {'; '.join(named)}{more}" + (f"; {recorded}" if recorded else "")


def _worse_grade_1(results: Results) -> str:
    """``; 6 participants had values worse than at baseline, all of grade 1 (@tbl-grade-shifts)`` after "none": the
    grade 1 changes the laboratory section reports (session 29 reader: "none" hid them); "" without any."""
    people = {w.participant_id for w in worse_than_baseline(results)}
    if not people:
        return ""
    ref = " (@tbl-grade-shifts)" if "lab_grade_shifts" in laboratory_table_keys(results) else ""
    had = "had values" if len(people) > 1 else "had a value"
    return f"; {plural(len(people), 'participant')} {had} worse than at baseline, all of grade 1{ref}"


def _label(results: Results, analyte: str) -> str:
    try:
        return results.config.analyte(analyte).display
    except KeyError:
        return analyte


def harms_methods_item(results: Results) -> str:
    """``- Harms methods to be added by the investigators: how harms were collected, the surveillance window, …
    (@sec-harms-methods)``; nothing when study.yml gives them all (session 29 ethics reader: a board cannot weigh a
    93% event rate without the collection window and the grading scale, and the summary did not say they were
    missing)."""
    missing = missing_harms_facts(results.config)
    if not missing:
        return ""
    if len(missing) == len(harms_facts(results.config)) - 1:   # all but expectedness, which has its own bullet
        return "- How harms were collected, graded and coded: to be added by the investigators (@sec-harms-methods)"
    return f"- Harms methods to be added by the investigators: {join_words(missing)} (@sec-harms-methods)"


def expectedness_item(results: Results) -> str:
    """Whether expectedness was assessed and SUSARs reported: study.yml's ``safety.expectedness``, else not recorded."""
    text = results.config.safety.expectedness
    if text:
        return f"- Expectedness and SUSARs: {md_escape(text)}"
    # a serious related event not assessed for expectedness may be a SUSAR due for expedited reporting: an open
    # action, not only a gap (session 28 readers)
    related = [e for e in results.safety.serious_events if e.related]
    if not related:
        return f"- Expectedness and SUSARs: {NOT_RECORDED}"
    n = len(related)
    return (f"- Expectedness and SUSARs: {NOT_RECORDED}; the investigators are to assess whether "
            f"{'the serious related event was' if n == 1 else f'the {n} serious related events were'} expected and, if "
            f"not, whether {'it was' if n == 1 else 'they were'} reported to the authority as "
            f"{'a SUSAR' if n == 1 else 'SUSARs'}")


def stopping_rules_item(results: Results) -> str:
    """``- Stopping rules: 4 recorded, with the counts for the board's assessment (@sec-stopping)`` (session 36 DSMB
    reader: the Summary, read first, never mentioned the rules, though rules2's "serious adverse events in more than
    25% of participants" stood at 25.0%); "" without rules, which §2.4 says in its first words (a bullet saying so
    moved the example's recommendation box to the next page: tests/test_table_orientation.py)."""
    rules = results.config.safety.stopping_rules
    if not rules:
        return ""
    return (f"- Stopping rules: {len(rules)} recorded, with the counts for {reviewers(results.config)}'s assessment "
            "(@sec-stopping)")


def board_summary(results: Results) -> str:
    """The bullets as a markdown list (after the key facts of :func:`~alsreport.present.prose.safety.safety_key_facts`)."""
    # the data checks first: their warnings may touch every count after them (session 35 DSMB reader: the IV-only
    # study's one related event was doubtful by a warning only §7 gave); the item only with warnings
    items = [data_checks_item(results), deviation_item(results), related_item(results), unresolved_item(results),
             narratives_item(results), laboratory_item(results), stopping_rules_item(results),
             harms_methods_item(results), expectedness_item(results)]
    return "\n".join(i for i in items if i) + "\n"   # the narratives' item only with deaths or serious events
