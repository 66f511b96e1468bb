"""The protocol-deviation listing in the study's words: visit labels, not codes ("Month 3", not "M3").

The analysis stage records deviations with the data's codes (:mod:`alsreport.analysis.summaries.dsmb`:
``infusion 2 (M1)``, ``M3``); the listing maps each distinct value once (a listing may hold hundreds of
thousands of rows but only a few hundred distinct values). A value that names no visit of the study (a date,
a site's own words) is shown as written. Missing samples are listed per compartment and visit, with the
compartment in words, so no detail names an analyte. A dose's detail is worded here from the data's reason
(:func:`detail_words`): "IT not given (lumbar puncture unsuccessful)", the study's reason text in brackets, its
first letter lower-cased mid-sentence (reader: "IT not given: Lumbar puncture unsuccessful"); a missing sample's
from its compartment and reason likewise: "no CSF sample (lumbar puncture unsuccessful)" (reader 12a), and, without
a reason, from the infusion given at that visit: "no CSF sample recorded; visit attended (infusion 3 given IV and
IT)" (reader 12b item 10: the listing said only "no CSF sample" although the participant came that day), and from
the other compartments sampled there: "no blood sample recorded; visit attended (CSF and serum sampled)" (reader 13a
item 3), in one wording for every missing sample.
"""

from __future__ import annotations

import re

import pandas as pd

from alsreport.present.format import table_visit_label, unbroken_label
from alsreport.present.prose.words import join_words, lower_first, plural
from alsreport.present.tables.style import capitalise
from alsreport.present.population import infusion_label, left_word
from alsreport.results.missing_samples import not_collected_after_discontinuation
from alsreport.results.model import Results
from alsreport.study.config import StudyConfig

__all__ = ["where_words", "detail_words", "after_discontinuation_note", "deviation_counts"]

_INFUSION = re.compile(r"^infusion (?P<no>\d+) \((?P<visit>[^()]+)\)$")


def deviation_counts(kinds: pd.Series) -> str:
    """The listing's subtitle, each kind with its count, commonest first: ``Missing samples: 4; partial doses: 1``
    (``None``, the word, without deviations). A label and then its count, so the caption's second sentence starts with a word,
    not a numeral (issue #10, session 25 reader: "... derived from the data. 4 missing samples, 1 partial dose.")."""
    return capitalise("; ".join(f"{kind}s: {n}" for kind, n in kinds.value_counts().items()) or "none")


def _where(config: StudyConfig, value: str, n_infusions: int) -> str:
    m = _INFUSION.match(value)
    if m:
        return unbroken_label(f"{infusion_label(int(m['no']), n_infusions)} ({config.visit_label(m['visit'])})")
    return table_visit_label(config, value)   # a visit code → its label; anything else unchanged


def _map(values: pd.Series, fn) -> pd.Series:
    mapping = {v: fn(v) for v in pd.unique(values.dropna())}
    return values.map(mapping)


def where_words(config: StudyConfig, values: pd.Series, n_infusions: int) -> pd.Series:
    """``infusion 2 (M1)`` → ``Infusion 2 (Month 1)`` (``Infusion (Month 0)`` when ``n_infusions`` is one),
    ``M3`` → ``Month 3``."""
    return _map(values.astype(object), lambda v: _where(config, str(v), n_infusions))


#: A dose deviation without a recorded reason
NO_REASON = "no reason recorded"


def _routes_words(routes: str) -> str:
    """``IV/IT`` → ``IV and IT``."""
    parts = [r for r in routes.split("/") if r]
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _sample(compartment: str, reason: str, infusion: str, routes: str, sampled: str = "") -> str:
    """One wording for every missing sample: what is missing, the data's reason, then whether the participant came:
    ``no blood sample recorded; visit attended (CSF and serum sampled)``, ``… nothing else recorded at this visit``."""
    head = f"no {compartment} sample recorded" if compartment else "no sample recorded"
    if reason:
        head += f" ({lower_first(reason)})"
    came = []
    if infusion:
        came.append(f"infusion {infusion} given {_routes_words(routes)}" if routes else f"infusion {infusion} given")
    if sampled:
        came.append(f"{join_words([c for c in sampled.split('/') if c])} sampled")
    if came:
        return f"{head}; visit attended ({'; '.join(came)})"
    return f"{head}; nothing else recorded at this visit"


def _detail(kind: str, detail: str, routes: str, compartment: str = "", infusion: str = "",
            visit_routes: str = "", visit_sampled: str = "") -> str:
    if kind == "partial dose":
        return f"{routes or 'a route'} not given ({lower_first(detail) if detail else NO_REASON})"
    if kind == "missed dose":
        return detail or NO_REASON
    if kind == "missing sample" and (compartment or infusion or visit_sampled):
        return _sample(compartment, detail, infusion, visit_routes, visit_sampled)
    return detail


def detail_words(kinds: pd.Series, details: pd.Series, routes: pd.Series, *sample: pd.Series) -> pd.Series:
    """The Detail cells: a partial dose's ``IT`` and ``Lumbar puncture unsuccessful`` → ``IT not given (lumbar
    puncture unsuccessful)``; a missed dose's reason as the data give it; a missing sample's compartment, reason and
    infusion and other compartments' samples at its visit (``sample``: compartment, visit_infusion, visit_routes,
    visit_sampled) → ``no CSF sample recorded (lumbar puncture unsuccessful); visit attended (infusion 3 given IV;
    serum and blood sampled)``, ``no blood sample recorded; visit attended (CSF and serum sampled)``, ``no blood
    sample recorded; nothing else recorded at this visit``; any other detail unchanged."""
    columns = [kinds, details, routes, *sample]
    keys = pd.Series(list(zip(*(c.fillna("").astype(str) for c in columns), strict=True)), index=kinds.index,
                     dtype=object)
    mapping = {k: _detail(*k) for k in dict.fromkeys(keys)}
    return keys.map(mapping)


def after_discontinuation_note(results: Results) -> str:
    """`` Not listed: 6 scheduled samples not collected because the participant had left the study (not protocol
    deviations; the participant flow accounts for them).`` (``had died`` when they all died; nothing when there
    are none)."""
    groups = not_collected_after_discontinuation(results.flow)
    n = sum(g.n for g in groups)
    if not n:
        return ""
    people = {p for g in groups for p in g.participants}
    who = "the participant" if len(people) == 1 else "the participants"
    # "had died" when they did: a death is not a discontinuation (session 27 six-visit reader)
    # a numeral, as §3.1 and the completeness table count the same samples (session 29 six-visit reader: "six" here,
    # "6" there)
    what = "not a protocol deviation; the participant flow accounts for it" if n == 1 else (
        "not protocol deviations; the participant flow accounts for them")   # session 33 reader: one sample
    return (f" Not listed: {plural(n, 'scheduled sample')} not collected because {who} had "
            f"{left_word(results.flow, people)} ({what}).")
