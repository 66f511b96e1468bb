"""Safety sentences and the ethics report's bullet lists (key facts, people not enrolled, disposition)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from alsreport.present.missing_elsewhere import excluded_after_follow_up, missing_elsewhere, reasons_said
from alsreport.present.population import (after_last_infusion, enrolled_word, left_without_fatal_event,
                                          infusion_words, primary_series_words, related_events_of_leavers,
                                          stopped_when)
from alsreport.present.reason_groups import by_eligibility, eligibility_heading, group_reasons
from alsreport.present.format import compartment_name, contrast_visits, count, format_date, percent, visit_label
from alsreport.present.prose.listed_where import manuscript_listed_where, safety_report_listed_where
from alsreport.present.prose.lookups import overview, overview_since_last
from alsreport.present.prose.deaths import deaths_tally
from alsreport.present.prose.delivery import partly_missed, route_counts
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import all_of, cap, counted_opening, inner_brackets, join_words, lower_first, number_word, plural, term_in_text
from alsreport.present.supplement_numbers import EVENTS, listing_scope, supplement_numbers, supplement_refs
from alsreport.results.model import AdverseEvent, EventCount, ReasonCount, Results

__all__ = [
    "safety_sentence",
    "serious_events_sentence",
    "serious_events_summary",
    "onset_words",
    "relatedness_words",
    "attribution_scope",
    "supplement_listing_note",
    "screen_failures",
    "disposition_list",
    "safety_key_facts",
    "since_previous_clause",
]


def safety_sentence(results: Results, *, brief: bool = False) -> str:
    """Participants with any, related, serious, severe and fatal adverse events (counts from the results).
    ``brief`` (the abstract): any and related events in one sentence, "related" without its three grades of
    relatedness (the Methods define it) -- the same counts in fewer words."""
    ov = overview(results)
    out = _any_and_related_sentences(results, brief=brief)
    none: list[str] = []
    overlap = _serious_overlap(results)
    for key, words in (("serious", "serious adverse event"), ("grade>=3", "event of grade 3 or higher"),
                       ("death", "death")):
        e = ov.get(key)
        if e is None:
            continue
        if e.n_participants == 0:
            none.append(words)
        elif key == "serious" and overlap and ov.get("grade>=3") is not None:
            out.append(_had_both(e, ov["grade>=3"], same_events=overlap == "events"))
        elif key == "death" and (of_them := _deaths_of_the_serious(results, "" if brief else percent(e.percent))):
            out.append(of_them)
        elif not (key == "grade>=3" and overlap):
            out.append(_had(key, e.n_participants, e.n_events, percent(e.percent)))
    if none:
        out.append(cap(f"no {join_words(none, 'or')} occurred."))
    if not brief:
        out.append(_left_without_harm_recorded(results))
    return " ".join(x for x in out if x)


def _any_and_related_sentences(results: Results, *, brief: bool) -> list[str]:
    """The participants with any and with related adverse events (``brief``: one sentence)."""
    ov = overview(results)
    n = results.safety.n_enrolled
    any_ = ov.get("any")
    if any_ is None or any_.n_participants == 0:
        who = (f"the {enrolled_word(results.config)} participant" if n == 1
               else f"the {count(n)} {enrolled_word(results.config)} participants")
        return [f"No adverse event was recorded in {who}."]
    if brief:
        return [_any_and_related(any_, ov.get("related"), n)]
    out = [f"At least one adverse event was recorded in {count(any_.n_participants)} of {count(n)} participants "
           f"({percent(any_.percent)}; {plural(any_.n_events, 'event')})."]
    rel = ov.get("related")
    if rel is not None:
        if rel.n_participants:
            out.append(f"Events judged possibly, probably or definitely related to the intervention "
                       f"occurred in {plural(rel.n_participants, 'participant')} ({percent(rel.percent)}; "
                       f"{plural(rel.n_events, 'event')}).")
        else:
            out.append("No event was judged related to the intervention.")
    return out


def _deaths_of_the_serious(results: Results, pct: str) -> str:
    """``That participant died.``, ``One of them died (8.3% of all participants).``: the deaths after the sentence
    on the serious events, when everyone who died had one (session 36 reviewer: "One participant (8.3%) had a serious
    adverse event of grade 3 or higher … One participant (8.3%) died." read as two participants, the same one); ""
    otherwise. ``pct`` "" (the abstract, at its word limit): no percentage."""
    serious = {e.participant_id for e in results.safety.events if e.serious}
    dead = {e.participant_id for e in results.safety.deaths}
    if not dead or not dead <= serious:
        return ""
    if len(serious) == 1:
        return "That participant died."
    if dead == serious:
        return "Both died." if len(dead) == 2 else "All of them died."
    # the percentage of all participants, said so: "(8.3%)" after "Of them" read as one of the three (session 36
    # second reader)
    k = len(dead)
    who = f"{cap(number_word(k))} of them" if k < 10 else f"Of them, {count(k)}"
    return f"{who} died ({pct} of all participants)." if pct else f"{who} died."   # the abstract: no percentage


def _left_without_harm_recorded(results: Results) -> str:
    """``Two participants left the study (withdrew consent); whether an adverse event led them to leave is not
    recorded.``: CONSORT Harms' withdrawals due to harms where the data cannot say (no action taken recorded; those
    who left had no fatal event); "" otherwise (session 34 reviewer: P05 withdrew after a probably related headache,
    and the harms said nothing of it)."""
    if results.safety.action_recorded:
        return ""
    n, why = left_without_fatal_event(results)
    if not n:
        return ""
    reasons = "; ".join(_reasons_in_text(why))
    who = counted_opening(n, "participant")
    return (f"{who} left the study ({reasons}); whether an adverse event led "
            f"{'them' if n != 1 else 'the participant'} to leave is not recorded.")


def _reasons_in_text(why: Sequence[str]) -> list[str]:
    """The reasons for leaving as the data give them, in a bracket within a sentence ("withdrew consent")."""
    return [md_escape(inner_brackets(lower_first(r))) for r in why]


def _any_and_related(any_, rel, n: int) -> str:
    """``Adverse events occurred in 14 of 15 participants (93.3%; 15 events) and treatment-related events in 11
    (73.3%; 12 events).`` (a comma there spliced two clauses: session 25 reader; "treatment-related", the abstract's
    usual word, where "events judged related to the intervention" took four words more of an abstract at its limit)"""
    text = (f"Adverse events occurred in {count(any_.n_participants)} of {count(n)} participants ({percent(any_.percent)}; "
            f"{plural(any_.n_events, 'event')})")
    if rel is None:
        return text + "."
    if not rel.n_participants:
        return text + "; none was judged related to the intervention."
    return (text + f" and treatment-related events in {count(rel.n_participants)} "
            f"({percent(rel.percent)}; {plural(rel.n_events, 'event')}).")


def _had(key: str, people: int, events: int, pct: str) -> str:
    """``Three participants (25.0%) had a serious adverse event.``, ``One participant (8.3%) died.``: a sentence,
    not a pasted list ("Deaths: 1 event in 1 participant (8.3%)", reader 8); the events only when they differ."""
    if number_word(people)[:1].isdigit():   # a numeral, not a word
        # no numeral starts the sentence (session 33 tester: "360 participants (18.0%) had a serious adverse event")
        more = f"; {plural(events, 'event')}" if events != people else ""
        what = {"death": "Deaths", "serious": "Serious adverse events"}.get(key, "Events of grade 3 or higher")
        return f"{what} occurred in {plural(people, 'participant')} ({pct}{more})."
    who = f"{cap(number_word(people))} participant{'s' if people != 1 else ''} ({pct})"
    more = f" ({plural(events, 'event')})" if events != people else ""
    if key == "death":
        return f"{who} died{more}."
    what = "a serious adverse event" if key == "serious" else "an event of grade 3 or higher"
    return f"{who} had {what}{more}."


def _serious_overlap(results: Results) -> str:
    """``"events"`` when the serious events are exactly the events of grade 3 or higher, ``"participants"`` when
    only the participants who had them are the same, else ``""`` (reader 9: "Three participants (25.0%) had a
    serious adverse event. Three participants (25.0%) had an event of grade 3 or higher." named the same three)."""
    evs = results.safety.events
    serious = {i for i, e in enumerate(evs) if e.serious}
    severe = {i for i, e in enumerate(evs) if e.grade >= 3}
    if not serious:
        return ""
    if serious == severe:
        return "events"
    same = {evs[i].participant_id for i in serious} == {evs[i].participant_id for i in severe}
    return "participants" if same else ""


def _had_both(serious: EventCount, severe: EventCount, *, same_events: bool) -> str:
    """The serious and the grade ≥3 events of the same participants, said once: ``Three participants (25.0%) had a
    serious adverse event, each of grade 3 or higher, and no other event reached grade 3.`` (the same events) or
    ``… had a serious adverse event and an event of grade 3 or higher (5 events).`` (the same participants)."""
    people = serious.n_participants
    if number_word(people)[:1].isdigit():   # a numeral, not a word
        # no numeral starts the sentence (session 33 tester)
        events = f"; {plural(serious.n_events, 'event')}" if serious.n_events != people else ""
        who = f"in {plural(people, 'participant')} ({percent(serious.percent)}{events})"
        if same_events:
            return (f"Serious adverse events occurred {who}, all of grade 3 or higher, and no other event reached "
                    "grade 3.")
        return (f"Serious adverse events ({count(serious.n_events)}) and events of grade 3 or higher "
                f"({count(severe.n_events)}) occurred in the same {plural(people, 'participant')} "
                f"({percent(serious.percent)}).")
    who = f"{cap(number_word(people))} participant{'s' if people != 1 else ''} ({percent(serious.percent)})"
    more = f" ({plural(serious.n_events, 'event')})" if serious.n_events != people else ""
    if same_events:
        each = ", each of grade 3 or higher," if serious.n_events > 1 else " of grade 3 or higher,"
        return f"{who} had a serious adverse event{more}{each} and no other event reached grade 3."
    more3 = f" ({plural(severe.n_events, 'event')})" if severe.n_events != people else ""
    return f"{who} had a serious adverse event{more} and an event of grade 3 or higher{more3}."


#: Up to this many serious events are named one by one in the text; more are counted by term (the listing
#: names each: with thousands of participants the sentence filled 20 pages).
SERIOUS_NAMED_MAX = 20


def _serious_by_term(evs: Sequence[AdverseEvent], where: str) -> str:
    terms = Counter(e.term for e in evs)
    people = len({e.participant_id for e in evs})
    items = "; ".join(f"{md_escape(term_in_text(t))} ({n})" for t, n in terms.most_common())
    # "In all," so that the sentence does not start with a numeral (more than SERIOUS_NAMED_MAX events: session 27)
    return (f"In all, {plural(len(evs), 'serious adverse event')} were reported in {plural(people, 'participant')} "
            f"({where}); by term: {items}.")


def relatedness_words(r: str) -> str:
    """``unrelated``, ``probably related``: the relatedness as a word of the event's bracket."""
    words = {"possible": "possibly related", "probable": "probably related", "definite": "definitely related",
             "unlikely": "unlikely to be related"}
    return words.get(r.lower(), md_escape(r))


#: What made a serious event serious (the data's ``seriousness``, ICH E2A), as the running text says it after the grade.
_SERIOUSNESS_WORDS = {"death": "resulting in death", "life-threatening": "life-threatening",
                      "hospitalisation": "requiring hospitalisation", "disability": "resulting in disability",
                      "congenital anomaly": "a congenital anomaly", "important medical event": "an important medical event"}


def seriousness_words(e: AdverseEvent) -> str:
    """``requiring hospitalisation``: the event's seriousness criterion in words; "" when not recorded, or when it is
    death and the outcome (fatal) says so already."""
    if not e.seriousness or (e.seriousness == "death" and e.outcome == "fatal"):
        return ""
    return _SERIOUSNESS_WORDS.get(e.seriousness, md_escape(e.seriousness))


def onset_words(e: AdverseEvent, n_infusions: int) -> str:
    """``onset 5 days after infusion 3`` (``on the day of infusion 1``; ``onset 40 days after enrolment`` when not
    linked to an infusion; ``onset not recorded``): the event's timing as the data record it (``onset_day``: days
    after the linked infusion, else after enrolment), CONSORT Harms 2022 (reader 11b's item 2)."""
    day, infusion = e.onset_day, e.infusion_no
    if infusion is None:
        # onset_day counts from enrolment when the event follows no infusion (the data contract); the words say so, as
        # "study day 0" read as the day of infusion 1 (reader 12a item 4: the marrow is harvested at enrolment)
        if day is None:
            return "onset not recorded"
        return "onset on the day of enrolment" if day == 0 else f"onset {plural(day, 'day')} after enrolment"
    which = infusion_words(infusion, n_infusions)   # "the infusion" of a one-infusion schedule
    if day is None:
        return f"after {which}, day of onset not recorded"
    if day == 0:
        return f"onset on the day of {which}"
    return f"onset {plural(day, 'day')} after {which}"


def listing_clause(results: Results) -> str:
    """``; each event is listed in [Table S3](#tbl-table-s3)``: where §3.6's sentence sends the reader for the events one by
    one (the serious ones, or their count by system organ class, past ``safety.listing_max_rows``); "" without
    events. Cited in the text, before the laboratory harms cite the grade shifts, so that the supplementary tables
    are numbered in the order of their first citation (session 27 HTML reader: Table S4 before Table S3)."""
    ref = supplement_refs(results).get(EVENTS)
    if ref is None:
        return ""
    # a sentence of its own after a semicolon: "… in Table 7 and each event in Table S3" had no verb for its second
    # half (session 29 six-visit reader)
    return {"all": f"; each event is listed in {ref}", "serious": f"; each serious event is listed in {ref}",
            "serious_summary": f"; the serious events are counted by system organ class in {ref}"
            }[listing_scope(results)]


def supplement_listing_note(results: Results, link: Callable[[str], str] = str) -> str:
    """The note of the manuscript's table of adverse events by system organ class: where each event is listed, its
    own supplementary listing (reader 11b's item 2: it named the safety report's, a confidential document).
    ``link`` writes the listing's number ("Table S3") as the document links it (the note is the table's HTML, where no
    cross-reference is resolved: documents.context.ReportContext.note_link)."""
    number = supplement_numbers(results).get(EVENTS)
    if number is None:
        return ""
    ref = link(number)
    return {"all": f"Every event is listed individually in {ref}.",
            "serious": f"The serious events are listed individually in {ref}.",
            "serious_summary": f"The serious events are counted by system organ class in {ref}."
            }[listing_scope(results)]


def _unserious_deaths(results: Results) -> str:
    """The deaths not reported as serious events, each with its onset ("" when every death was serious)."""
    evs = [e for e in results.safety.deaths if not e.serious]
    if not evs or len(evs) > SERIOUS_NAMED_MAX:
        return ""
    items = "; ".join(f"{md_escape(term_in_text(e.term))} (grade {e.grade}, {relatedness_words(e.relatedness)}, "
                      f"{onset_words(e, len(results.flow.infusions))})" for e in evs)
    lead = "A fatal event was not reported as serious: " if len(evs) == 1 else \
        f"{cap(number_word(len(evs)))} fatal events were not reported as serious: "
    return f" {lead}{items}."


def serious_events_sentence(results: Results, *, name_participants: bool = True) -> str:
    """The serious events one by one (term, participant, grade, relatedness, outcome).

    ``name_participants=False`` (the manuscript, :func:`serious_events_summary`): no participant codes in
    the running text, which counts the participants instead; the safety report's listing names them."""
    evs = results.safety.serious_events
    if not evs:
        return "No serious adverse event was reported." + _unserious_deaths(results)
    if len(evs) > SERIOUS_NAMED_MAX:
        where = (safety_report_listed_where(results) if name_participants
                 else manuscript_listed_where(results, evs) or "counted in the table of adverse events")
        # counted by term: how many were related is said here only; each event named below carries its relatedness
        # and needs no count of them after it (session 30 reviewer: "Of these, one was judged … related" after
        # "aseptic meningitis (grade 3, probably related, …)")
        related = sum(e.related for e in evs)
        lead = _serious_by_term(evs, where) + (
            f" Of these, {number_word(related)} {'was' if related == 1 else 'were'} judged possibly, probably or "
            "definitely related to the intervention." if related else " None was judged related to the intervention.")
    else:
        items = []
        for e in evs:
            bits = [f"participant {md_escape(e.participant_id)}"] if name_participants else []
            bits.append(f"grade {e.grade}")
            if criterion := seriousness_words(e):   # what made it serious, when recorded (session 31 DSMB reader)
                bits.append(criterion)
            bits.append(relatedness_words(e.relatedness))   # "grade 5, unrelated, fatal" (reader 8)
            if e.outcome:
                bits.append(md_escape(e.outcome))
            # the timing the Methods promise (reader 11b's item 2)
            bits[-1] += f"; {onset_words(e, len(results.flow.infusions))}"
            term = md_escape(term_in_text(e.term))  # lower case in running text, as written in the tables
            items.append(f"{term} ({', '.join(bits)})")
        if name_participants:
            lead = ("One serious adverse event was reported: " if len(evs) == 1 else  # no numeral starts
                    f"In all, {len(evs)} serious adverse events were reported: ") + f"{'; '.join(items)}."
        else:  # the manuscript: the safety sentence before it has counted them
            lead = ("The serious adverse event was " if len(evs) == 1 else
                    "The serious adverse events were ") + f"{'; '.join(items)}."
    return lead + _unserious_deaths(results)


def serious_events_summary(results: Results) -> str:
    """The manuscript's sentence on the serious events: counts, terms, grades, relatedness and outcome, with no
    participant named (a manuscript does not name participants in its text; the safety report lists them)."""
    return serious_events_sentence(results, name_participants=False)


def screen_failures(results: Results) -> str:
    """Markdown bullet list of the reasons for not enrolling (from the CONSORT flow)."""
    f = results.flow
    if not f.excluded_reasons:
        if f.assessed == 1:
            return f"The one person assessed was {enrolled_word(results.config)}."
        return f"{cap(all_of(f.assessed, 'person', 'people'))} assessed were {enrolled_word(results.config)}."
    # reasons differing only in their bracketed detail under one item, larger counts first, as the flow diagram and
    # §3.1 of the manuscript list them (session 26 example reader: split and in another order here)
    items = []
    for eligible, reasons in by_eligibility(f.excluded_reasons):
        indent = ""
        if eligible is not None:  # the not eligible, then the eligible, each with its reasons below it
            items.append(f"- {eligibility_heading(eligible, enrolled_word(results.config))}: "
                         f"{sum(r.n for r in reasons)}")
            indent = "    "
        for g in group_reasons((r.reason, r.n) for r in reasons):
            details = [f"{d}: {n}" for d, n in g.parts if d is not None]
            items.append(f"{indent}- {md_escape(g.head)}: {g.n}"
                         + (f" ({md_escape('; '.join(details))})" if details else ""))
    return "\n".join(items) + "\n"


def disposition_list(results: Results) -> str:
    """Markdown bullet list, the text version of the flow diagram (Figure 1) from the same flow results: enrolled,
    each infusion received (per route where there are several, with the doses a route missed), discontinued (with
    reasons), completed, each compartment's analysis box (with its exclusions) and the primary endpoint (reader 13a
    item 4: a plain "15" where the diagram said "IV 15, IT 14", and no analysis boxes)."""
    f, cfg = results.flow, results.config
    word = enrolled_word(cfg)   # a retrospective study included people; it enrolled nobody
    items = [f"- Assessed for eligibility: {count(f.assessed)}", f"- Not {word}: {count(f.excluded)}",
             f"- {word.capitalize()}: {count(f.enrolled)}"]
    for s in f.infusions:
        line = (f"- Received {infusion_words(s.infusion_no, len(f.infusions))} ({md_escape(visit_label(cfg, s.visit))}): "
                f"{count(s.n_received)}")
        notes = []
        routes = route_counts(results, s.infusion_no)
        if len(routes) > 1:
            notes.append(", ".join(f"{md_escape(route)} {count(n)}" for route, n, _ in routes))
            # a dose missed by every route is the infusion not received, said once (session 34 DSMB reader)
            notes += [f"{md_escape(route)} dose not given: {_reasons(missed)}"
                      for route, _, missed in partly_missed(routes) if missed]
        if s.not_received:
            notes.append("not received: " + "; ".join(f"{md_escape(r.reason)}, {count(r.n)}" for r in s.not_received))
        if s.resumed:
            notes.append(f"including {md_escape(', '.join(s.resumed))}, who had missed an earlier infusion")
        if notes:
            line += " (" + "; ".join(notes) + ")"
        items.append(line)
    if f.discontinued:
        for d in f.discontinued:
            who = f" — {md_escape(', '.join(d.participants))}" if d.participants else ""
            # after the last infusion only the follow-up was left to stop (session 26 six-visit reader)
            what = "Did not complete follow-up" if after_last_infusion(d.after_infusion, len(f.infusions)) else "Discontinued"
            # "1 (died)": lower case inside the line, as the flow's sentence (issue #10, session 25 reader)
            items.append(f"- {what} {stopped_when(d.after_infusion, len(f.infusions))}: {count(d.n)} ({md_escape(inner_brackets(lower_first(d.reason)))}){who}")
    else:
        items.append("- Discontinued: 0")
    items.append(f"- Completed follow-up: {count(f.completed)}")
    for c in f.compartments:
        later, base = contrast_visits(cfg, c.contrast)
        # "11 of the 12 included", then each group as a sentence of its own: "11 (excluded: 1 died …; sample missing at
        # another visit: 1 …)" read as two exclusions from 12, leaving 10 (session 28 six-visit reader); one bullet
        # each, as the list fills the page before the flow diagram (nested bullets pushed the diagram a page on)
        n_in = c.analysed + sum(r.n for r in c.not_analysed)
        of = f" of the {count(n_in)} {enrolled_word(results.config)}" if c.not_analysed and n_in == f.enrolled else ""
        # excluded as the diagram's box excludes: only among those who completed follow-up; who left the study
        # before is counted once, under follow-up, and named here in brackets (session 30 DSMB reader: "Excluded: 1
        # died before Month 12" beside the box's "Excluded (n = 0)")
        excluded = excluded_after_follow_up(results, c.not_analysed)
        left = [r for r in c.not_analysed if r not in excluded]
        line = (f"- {md_escape(compartment_name(cfg, c.compartment))} analysed (samples at "
                f"{md_escape(visit_label(cfg, base))} and {md_escape(visit_label(cfg, later))}): {count(c.analysed)}{of}"
                + (f" ({_reasons(reasons_said(left))})" if left else "") + ".")
        if excluded:
            line += " Not analysed: " + _reasons(reasons_said(excluded)) + "."   # the diagram's words
        if elsewhere := missing_elsewhere(results, c):   # as the flow diagram's box (session 27 readers)
            line += " Sample missing at another visit: " + _reasons(elsewhere) + "."
        if c.below_lod_excluded:
            line += " Below the LOD, left out of the analyte's test: " + _reasons(c.below_lod_excluded) + "."
        items.append(line)
    # the harms' own population beside the biomarker analyses' (session 31 DSMB reader: "Blood analysed (n = 14)"
    # read as the safety population): the harms tables' denominator, every participant included; in the last
    # bullet, as a bullet of its own pushed the flow diagram a page on and left the example's page 5 16% full
    items.append(f"- Analysed for the primary endpoint ({md_escape(primary_series_words(f))}): {count(f.analysed)}; for safety "
                 f"(every {word} participant): {count(results.safety.n_enrolled)}")
    return "\n".join(items) + "\n"


def _reasons(reasons: Sequence[ReasonCount]) -> str:
    """``1 lumbar puncture unsuccessful; 1 no sample at Month 3``: each reason after its count, as the flow's text and
    the diagram's alt text give them (session 27 PDF reader: "died before Month 12, 1" read as one phrase)."""
    return "; ".join(f"{count(r.n)} {md_escape(r.reason[:1].lower() + r.reason[1:])}" for r in reasons)


def _left_early(results: Results) -> str:
    """``1 (died)``, ``2 (withdrew consent); whether an adverse event led them to leave: not recorded``, ``3 (1 died;
    1 left after an adverse event; 1 withdrew consent)``, ``0``: the participants who stopped before the end of
    follow-up and why, so that the bullet and "Deaths: 1" below it are not read as two people (session 27 six-visit
    reader: "Participants who discontinued: 1" beside "Deaths: 1" for the one participant who died), and a bare count
    does not hide the reasons the disposition gives (session 35 DSMB reader: "2" for two withdrawals of consent, where
    the six-visit study's said "1 (died)"). Who left without an event that ended participation, and whether that is
    known, as the harms say it (:func:`~alsreport.present.population.left_without_fatal_event`)."""
    f = results.flow
    if not f.n_discontinued:
        return count(0)
    left = {p for d in f.discontinued for p in d.participants}
    died = len(left & set(f.died))
    n_other, why = left_without_fatal_event(results)
    after_event = f.n_discontinued - died - n_other   # an event whose action taken ended participation, not fatal
    groups = []
    if died:
        groups.append((died, "died"))
    if after_event > 0:
        groups.append((after_event, "left after an adverse event"))
    reasons = _reasons_in_text(why)
    if n_other and reasons:
        groups.append((n_other, reasons[0] if len(reasons) == 1 else None))
    if len(groups) == 1:
        n, words = groups[0]
        said = words or "; ".join(reasons)
    else:
        said = "; ".join(f"{count(n)} {words}" if words else f"{count(n)} for other reasons: {', '.join(reasons)}"
                         for n, words in groups)
    out = f"{count(f.n_discontinued)} ({said})" if groups else count(f.n_discontinued)
    if n_other and not results.safety.action_recorded:   # as the harms' sentence (_left_without_harm_recorded)
        out += (f"; whether an adverse event led {'them' if n_other != 1 else 'the participant'} to leave: "
                "not recorded") + _related_first(results, n_other)
    return out


def _related_first(results: Results, n_left: int) -> str:
    """``; both had a related adverse event recorded (P05, post lumbar puncture headache; P06, pyrexia)``: of those who
    left for a reason that is not known to be an adverse event, who had had a related one (the committee's first
    question about a withdrawal of consent after an invasive procedure); "" when none had. Past three, counted."""
    events = related_events_of_leavers(results)
    if not events:
        return ""
    k = len(events)
    who = ("the participant" if n_left == 1 else "both" if k == n_left == 2 else "all of them" if k == n_left
           else f"{number_word(k)} of them")
    if k > 3:
        return f"; {who} had a related adverse event recorded (@tbl-related)"
    named = "; ".join(f"{md_escape(p)}, {join_words([md_escape(term_in_text(t)) for t in terms])}"
                      for p, terms in events.items())
    # "recorded", not "first": an event's link to a visit after the participant left may be the data's error
    # (session 36 second reader: P06's pyrexia follows an infusion P06 never received, a data check)
    return f"; {who} had a related adverse event recorded ({named})"


def safety_key_facts(results: Results) -> str:
    """Markdown bullet list of the numbers an ethics board looks at first."""
    f = results.flow
    ov = overview(results)

    def tally(key: str) -> str:
        e = ov.get(key)
        if e is None:
            return "—"
        if e.n_participants == 0:
            return "none"
        return f"{plural(e.n_participants, 'participant')} ({percent(e.percent)}), {plural(e.n_events, 'event')}"

    exposed = f.infusions[0].n_received if f.infusions else 0
    new = _enrolled_since_previous(results)
    since = _since_previous(results, dated=not new)
    items = [
        f"- Participants {enrolled_word(results.config)}: {count(f.enrolled)}",
        *new,
        # "at least one" of a schedule of one was one infusion too many (session 36 second reader)
        f"- Participants exposed ({'received the infusion' if len(f.infusions) == 1 else 'at least one infusion'}): "
        f"{count(exposed)}",
        f"- Participants who left the study early: {_left_early(results)}",
        # since the previous report for any adverse event too, as the overview table's columns (session 35 DSMB
        # reader #10: given for the serious events and deaths only)
        f"- Any adverse event: {tally('any')}{since('any', tally('any'))}",
        f"- Serious adverse events: {tally('serious')}{since('serious', tally('serious'))}",
        # participants (with their share) and events, as the bullets beside it (session 25 reader: "related: 1" said
        # neither; session 30 DSMB reader: no percentage)
        # every count with its since-previous one where the overview table has it (session 36 DSMB reader: the
        # related serious and grade 3 or higher counts had none)
        f"- Serious adverse events possibly, probably or definitely related: {tally('serious related')}"
        f"{since('serious related', tally('serious related'))}",
        f"- Adverse events of grade 3 or higher: {tally('grade>=3')}{since('grade>=3', tally('grade>=3'))}",
        # "none", "1 (not related)": labelled as the items above
        f"- Deaths: {deaths_tally(results)}{since('death', deaths_tally(results))}",
    ]
    return "\n".join(items) + "\n"


def _enrolled_since_previous(results: Results) -> list[str]:
    """``- Enrolled since the previous report (31 January 2024): 7`` when the previous report's cut-off and the
    enrolment dates are recorded (DSMB reader: computed, never printed); else nothing."""
    e = results.dsmb.enrolment if results.dsmb is not None else None
    prev = results.config.safety.previous_report_cutoff
    if e is None or e.n_since_last_report is None or prev is None:
        return []
    return [f"- {enrolled_word(results.config, capital=True)} since the previous report ({format_date(prev)}): "
            f"{count(e.n_since_last_report)}"]


def since_previous_clause(results: Results, category: str, *, dated: bool = False) -> str:
    """``since the previous report: 2 participants, 2 events`` (``since the previous report (31 January 2024): …``
    with ``dated``; ``…: none``; a death's without its events): the overview table's "Since the last report" columns
    for ``category`` in words, by the table's own condition (:func:`overview_since_last`); "" where the table has
    none (no previous report, or no onset dates)."""
    e = overview_since_last(results).get(category)
    if e is None:
        return ""
    prev = results.config.safety.previous_report_cutoff
    when = f"since the previous report ({format_date(prev)})" if dated else "since the previous report"
    if e.n_participants == 0:
        return f"{when}: none"
    events = "" if category == "death" else f", {plural(e.n_events, 'event')}"
    return f"{when}: {plural(e.n_participants, 'participant')}{events}"


def _since_previous(results: Results, *, dated: bool) -> Callable[[str, str], str]:
    """After a key fact's cumulative count, the participants and events with onset since the previous report (the
    overview table's "Since the last report" columns): ``; since the previous report: 2 participants, 2 events``;
    nothing without onset dates or when the cumulative count is none. ``dated``: the date said with the first such
    count, as no enrolment bullet above says it (and said once: session 35 DSMB reader #10 added the counts of any
    adverse event before the serious ones)."""
    said = not dated

    def words(category: str, cumulative: str) -> str:
        nonlocal said
        if cumulative == "none":
            return ""
        clause = since_previous_clause(results, category, dated=not said)
        said = said or bool(clause)
        return f"; {clause}" if clause else ""
    return words


def attribution_scope(results: Results) -> str:
    """The Limitations' sentence on what "related" is related to (session 35 DSMB reader: the example's related events
    were half lumbar-puncture headaches and bone-marrow aspiration pain, yet "related to the intervention" read as the
    cells' toxicity; CONSORT Harms asks for attribution to be defined). "Recorded", not "judged": how the investigators
    judged is theirs to say (session 35 second reader). "" when the events' ``attribution`` (cell product, procedure or
    other) is recorded: then the data do separate them, and the tables count them by attribution."""
    if any(e.attribution for e in results.safety.events):
        return ""
    intrathecal = any(i.route == "IT" and i.n_planned for i in results.exposure.by_infusion)
    such = " (such as the lumbar puncture of intrathecal doses)" if intrathecal else ""
    return ("Relatedness was recorded to the intervention as a whole, so harms of the product cannot be told from "
            f"those of the procedures of giving it{such}.")
