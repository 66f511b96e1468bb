"""The ``missing sample`` deviations: one per participant × compartment × visit without a sample, from the
CONSORT compartment flow (:func:`alsreport.results.missing_samples.missing_samples`), so the ethics report's
deviation listing counts the samples the manuscript counts.

Each deviation carries its data, not words (the listing words them: :mod:`alsreport.present.tables.deviation_words`):
the compartment, the reason the flow gives (the study's own text, ``Lumbar puncture unsuccessful``; empty for
``no sample``), and whether the participant attended that visit as far as the data show: the infusion given there
and its routes (``3``, ``IV/IT``; reader 12b item 10: P03 had no sample at Month 2 although infusion 3 was given IV
and IT that day), and the other compartments sampled at that visit (``CSF/serum``; reader 13a item 3: P04 had CSF and
serum but no blood at Month 3, a visit without an infusion, and the listing said nothing of attendance). As codes,
without a Python object per deviation.
A sample not collected because the participant had already discontinued (withdrew or died) is not a
deviation and is not listed (the listing's note counts those samples once).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from alsreport.analysis.summaries.dsmb import sort_deviations
from alsreport.analysis.summaries.flow_compartments import NO_SAMPLE
from alsreport.results.deviation_table import DeviationTable
from alsreport.results.dsmb import DsmbSummary
from alsreport.results.exposure_flow import ConsortFlow
from alsreport.results.missing_samples import missing_samples
from alsreport.study.model import Study

__all__ = ["GIVEN_COLUMNS", "MISSING_SAMPLE", "given_at_visits", "missing_sample_deviations", "with_missing_samples"]

#: The deviation kind of a missing sample.
MISSING_SAMPLE = "missing sample"


def _reason(reason: str) -> str:
    return "" if reason == NO_SAMPLE else reason


#: The columns of :func:`given_at_visits`.
GIVEN_COLUMNS = ["participant_id", "visit", "infusion", "routes"]


def given_at_visits(study: Study) -> pd.DataFrame:
    """One row per participant × visit where some route of an infusion was given: ``participant_id``, ``visit``,
    ``infusion`` (its number as text, ``3``) and ``routes`` (the routes given, ``IV/IT``, in the data's order).
    Vectorised: integer keys, a bit per route, one text per distinct set of routes."""
    inf = study.infusions
    given = inf[inf["given"].fillna(False).astype(bool).to_numpy()]
    if not len(given):
        return pd.DataFrame(columns=GIVEN_COLUMNS)
    person, people = pd.factorize(given["participant_id"].astype(str).to_numpy())
    visit, visits = pd.factorize(given["visit"].astype(str).to_numpy())
    keys, key = np.unique(person.astype(np.int64) * len(visits) + visit, return_inverse=True)
    route, route_names = pd.factorize(given["route"].astype(str).to_numpy())
    bits = np.zeros(len(keys), dtype=np.int64)
    np.bitwise_or.at(bits, key, np.left_shift(1, route.astype(np.int64)))
    number = np.full(len(keys), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(number, key, given["infusion_no"].to_numpy(dtype=np.int64))
    words = {b: "/".join(r for i, r in enumerate(route_names) if b >> i & 1) for b in np.unique(bits).tolist()}
    numbers = np.unique(number)
    return pd.DataFrame({"participant_id": np.asarray(people, dtype=object)[keys // len(visits)],
                         "visit": np.asarray(visits, dtype=object)[keys % len(visits)],
                         "infusion": np.array([str(x) for x in numbers.tolist()], dtype=object)[
                             np.searchsorted(numbers, number)],
                         "routes": np.array([words[b] for b in bits.tolist()], dtype=object)})


def _code(texts: dict[str, int], value: str) -> int:
    return texts.setdefault(value, len(texts))


def missing_sample_deviations(flow: ConsortFlow, given: pd.DataFrame | None = None) -> DeviationTable:
    """One ``missing sample`` deviation per missing sample of ``flow`` (compartment, visit, then participant);
    ``given``: :func:`given_at_visits`, the infusion given at each participant's visit (none when left out)."""
    groups = missing_samples(flow)
    texts: dict[str, dict[str, int]] = {k: {} for k in ("participant_id", "where", "detail", "compartment")}
    parts: dict[str, list[np.ndarray]] = {k: [] for k in texts}
    for g in groups:
        people = texts["participant_id"]
        parts["participant_id"].append(np.fromiter((_code(people, p) for p in g.participants), dtype=np.int64,
                                                   count=g.n))
        for name, value in (("where", g.visit), ("detail", _reason(g.reason)), ("compartment", g.compartment)):
            parts[name].append(np.full(g.n, _code(texts[name], value), dtype=np.int64))
    n = sum(g.n for g in groups)

    def cat(name: str) -> tuple[np.ndarray, list[str]]:
        return (np.concatenate(parts[name]) if parts[name] else np.zeros(0, dtype=np.int64)), list(texts[name])

    columns = {name: cat(name) for name in texts}
    columns["visit_infusion"], columns["visit_routes"] = _at_visit(columns["participant_id"], columns["where"], given)
    columns["visit_sampled"] = _sampled_at_visit(flow, columns["participant_id"], columns["where"],
                                                 columns["compartment"])
    return DeviationTable({
        **columns, "kind": (np.zeros(n, dtype=np.int32), [MISSING_SAMPLE]),
        "source": (np.zeros(n, dtype=np.int32), ["data"]), "routes": (np.zeros(n, dtype=np.int32), [""])})


def _at_visit(people: tuple[np.ndarray, list[str]], visits: tuple[np.ndarray, list[str]],
              given: pd.DataFrame | None) -> tuple[tuple[np.ndarray, list[str]], tuple[np.ndarray, list[str]]]:
    """Per deviation row (participant and visit codes), the infusion given at that visit and its routes, as codes
    (``""`` where none was given): one table of participants × visits, looked up at once."""
    (person, person_texts), (visit, visit_texts) = people, visits
    n = len(person)
    if given is None or not len(given) or not n:
        return (np.zeros(n, dtype=np.int64), [""]), (np.zeros(n, dtype=np.int64), [""])
    p = pd.Index(person_texts).get_indexer(given["participant_id"].astype(str))
    v = pd.Index(visit_texts).get_indexer(given["visit"].astype(str))
    known = (p >= 0) & (v >= 0)
    out = []
    for column in ("infusion", "routes"):
        code, uniques = pd.factorize(given[column].to_numpy(dtype=object))
        table = np.zeros((len(person_texts), len(visit_texts)), dtype=np.int64)   # 0: ""
        table[p[known], v[known]] = code[known] + 1
        out.append((table[person, visit], ["", *(str(u) for u in uniques)]))
    return out[0], out[1]


def _sampled_at_visit(flow: ConsortFlow, people: tuple[np.ndarray, list[str]], visits: tuple[np.ndarray, list[str]],
                      compartments: tuple[np.ndarray, list[str]]) -> tuple[np.ndarray, list[str]]:
    """Per deviation row, the other compartments the participant gave a sample of at that visit (``CSF/serum``, the
    flow's compartment order; ``""`` for none), as codes: a compartment counts where the visit is one of its sampling
    visits and the flow does not list the participant as without a sample there (for any reason). One bit per
    compartment, looked up for all rows at once."""
    (person, person_texts), (visit, visit_texts), (own, own_texts) = people, visits, compartments
    n = len(person)
    p_index, v_index = pd.Index(person_texts), pd.Index(visit_texts)
    names = [c.compartment for c in flow.compartments]
    bits = np.zeros(n, dtype=np.int64)
    for k, c in enumerate(flow.compartments):
        sampling = np.zeros(len(visit_texts), dtype=bool)
        without = np.zeros((len(person_texts), len(visit_texts)), dtype=bool)
        for vs in c.visits:
            v = v_index.get_indexer([vs.visit])[0]
            if v < 0:
                continue
            sampling[v] = True
            p = p_index.get_indexer([q for r in vs.missing for q in r.participants])
            without[p[p >= 0], v] = True
        other = np.asarray(own_texts, dtype=object)[own] != c.compartment if n else np.zeros(0, dtype=bool)
        sampled = sampling[visit] & ~without[person, visit] & other
        bits |= sampled.astype(np.int64) << k
    distinct, code = np.unique(bits, return_inverse=True)
    texts = ["/".join(name for k, name in enumerate(names) if b >> k & 1) for b in distinct.tolist()]
    return code.reshape(-1).astype(np.int64), texts or [""]


def with_missing_samples(study: Study, dsmb: DsmbSummary, flow: ConsortFlow) -> DsmbSummary:
    """``dsmb`` with the missing samples of ``flow`` added to its deviations (sorted as the others)."""
    table = DeviationTable.concat([DeviationTable.from_deviations(list(dsmb.deviations))
                                   if not isinstance(dsmb.deviations, DeviationTable) else dsmb.deviations,
                                   missing_sample_deviations(flow, given_at_visits(study))])
    return replace(dsmb, deviations=sort_deviations(study, table))
