"""Who a death or a discontinuation left out of the paired analyses, said in the Methods and the Limitations
(reader 11b's item 1; CONSORT 2025 items 21b/21c, ICH E9(R1) intercurrent events).

A participant who died or stopped the study before the later visit of a comparison has no value there, so the
paired comparisons describe those alive and still in the study at that visit (complete cases, a while-alive
description). When the flow (``results.flow``: the primary endpoint's and each compartment's analysis box) left
someone out for that reason, the Methods state it and the Limitations add that the change may be biased by who
survived or stayed; otherwise both say nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from alsreport.present.format import contrast_visits, visit_label
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import cap, number_word
from alsreport.results.model import Results

__all__ = ["StoppedExcluded", "stopped_excluded", "complete_case_sentence", "survivorship_limitation"]


@dataclass(frozen=True)
class StoppedExcluded:
    """Participants left out of a paired analysis because they had died or discontinued before its later visit."""

    died: tuple[str, ...]
    discontinued: tuple[str, ...]
    """Stopped the study for another reason."""
    in_primary: bool
    """At least one of them is left out of the primary endpoint's analysis."""

    @property
    def any(self) -> bool:
        return bool(self.died or self.discontinued)


def stopped_excluded(results: Results) -> StoppedExcluded:
    """Who the flow's analysis boxes leave out and who stopped the study (``flow.discontinued``), by death or not."""
    flow = results.flow
    stopped = {p for d in flow.discontinued for p in d.participants}
    primary = {p for r in flow.not_analysed for p in r.participants} & stopped
    boxes = primary | ({p for c in flow.compartments for r in c.not_analysed for p in r.participants} & stopped)
    dead = set(flow.died)
    order = [p for d in flow.discontinued for p in d.participants]
    return StoppedExcluded(died=tuple(p for p in order if p in boxes and p in dead),
                           discontinued=tuple(p for p in order if p in boxes and p not in dead),
                           in_primary=bool(primary))


def _who(s: StoppedExcluded) -> tuple[str, str]:
    """(``died or discontinued``, ``alive and still in the study``) for the reasons that occurred."""
    if s.died and s.discontinued:
        return "died or discontinued", "alive and still in the study"
    if s.died:
        return "died", "alive"
    return "discontinued", "still in the study"


def complete_case_sentence(results: Results) -> str:
    """``Participants who died before the later visit of a comparison have no value there, so each paired
    comparison describes the participants alive at its later visit (complete cases).``; "" when no death or
    discontinuation left anyone out. The sentence before it says no missing value was imputed (session 30 reviewer:
    "; no value was imputed for them" said it twice)."""
    s = stopped_excluded(results)
    if not s.any:
        return ""
    left, still = _who(s)
    return (f"Participants who {left} before the later visit of a comparison have no value there, so each paired "
            f"comparison describes the participants {still} and with a sample at both of its visits (complete "
            "cases).")


def _count(n: int, what: str) -> str:
    return f"{number_word(n)} {what}" if n != 1 else f"one {what}"


def survivorship_limitation(results: Results) -> str:
    """``One participant died before Month 12 and is not in the primary analysis: the change is estimated in
    those alive at that visit and may be biased if those who died would have changed differently
    (survivorship).``; "" when no death or discontinuation left anyone out."""
    s = stopped_excluded(results)
    if not s.any:
        return ""
    flow, cfg = results.flow, results.config
    later = ""
    if s.in_primary and flow.analysed_contrast:
        later = md_escape(visit_label(cfg, contrast_visits(cfg, flow.analysed_contrast)[0]))
    parts = []
    if s.died:
        parts.append(_count(len(s.died), "participant" if len(s.died) == 1 else "participants") + " died")
    if s.discontinued:
        who = "participant" if len(s.discontinued) == 1 else "participants"
        parts.append((_count(len(s.discontinued), who) if not s.died else
                      _count(len(s.discontinued), "other" if len(s.discontinued) == 1 else "others"))
                     + " discontinued")
    n = len(s.died) + len(s.discontinued)
    where = (f"before {later} and {'is' if n == 1 else 'are'} not in the primary analysis" if later else
             f"before the later visit of some comparisons and {'is' if n == 1 else 'are'} not in them")
    left, still = _who(s)
    bias = {"died": "survivorship", "discontinued": "attrition"}.get(left, "survivorship and attrition")
    lead = cap(" and ".join(parts))
    if lead[:1].isdigit():   # no numeral starts the sentence (session 33 tester: "199 participants discontinued …")
        lead = f"In all, {lead}"
    return (f"{lead} {where}: the change is estimated in those {still} at the later visit and "
            f"may be biased if those who {left} would have changed differently ({bias} bias).")
