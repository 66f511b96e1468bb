"""The ``missing sample`` deviations: one per participant × compartment × visit without a sample, from the
CONSORT compartment flow (:func:`alsreport.results.missing_samples.missing_samples`), so the ethics report's
deviation listing counts the samples the manuscript counts.

The detail names the compartment (``no CSF sample``) and, when the flow gives one, the reason (``no CSF sample:
Lumbar puncture unsuccessful``); as codes, without a Python object per deviation.
A sample not collected because the participant had already discontinued (withdrew or died) is not a
deviation and is not listed (the listing's note counts those samples once).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from alsreport.analysis.summaries.dsmb import sort_deviations
from alsreport.analysis.summaries.flow_compartments import NO_SAMPLE
from alsreport.results.deviation_table import DeviationTable
from alsreport.results.dsmb import DsmbSummary
from alsreport.results.exposure_flow import ConsortFlow
from alsreport.results.missing_samples import missing_samples
from alsreport.study.model import Study

__all__ = ["MISSING_SAMPLE", "missing_sample_deviations", "with_missing_samples"]

#: The deviation kind of a missing sample.
MISSING_SAMPLE = "missing sample"


def _detail(compartment: str, reason: str) -> str:
    return f"no {compartment} sample" + ("" if reason == NO_SAMPLE else f": {reason}")


def missing_sample_deviations(flow: ConsortFlow) -> DeviationTable:
    """One ``missing sample`` deviation per missing sample of ``flow`` (compartment, visit, then participant)."""
    groups = missing_samples(flow)
    people: dict[str, int] = {}
    visits: dict[str, int] = {}
    details: dict[str, int] = {}
    pid: list[np.ndarray] = []
    where: list[np.ndarray] = []
    detail: list[np.ndarray] = []
    for g in groups:
        codes = np.fromiter((people.setdefault(p, len(people)) for p in g.participants), dtype=np.int64,
                            count=g.n)
        pid.append(codes)
        where.append(np.full(g.n, visits.setdefault(g.visit, len(visits)), dtype=np.int64))
        detail.append(np.full(g.n, details.setdefault(_detail(g.compartment, g.reason), len(details)),
                              dtype=np.int64))
    n = sum(g.n for g in groups)

    def cat(parts: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    return DeviationTable({
        "participant_id": (cat(pid), list(people)), "kind": (np.zeros(n, dtype=np.int32), [MISSING_SAMPLE]),
        "where": (cat(where), list(visits)), "detail": (cat(detail), list(details)),
        "source": (np.zeros(n, dtype=np.int32), ["data"]), "routes": (np.zeros(n, dtype=np.int32), [""])})


def with_missing_samples(study: Study, dsmb: DsmbSummary, flow: ConsortFlow) -> DsmbSummary:
    """``dsmb`` with the missing samples of ``flow`` added to its deviations (sorted as the others)."""
    table = DeviationTable.concat([DeviationTable.from_deviations(list(dsmb.deviations))
                                   if not isinstance(dsmb.deviations, DeviationTable) else dsmb.deviations,
                                   missing_sample_deviations(flow)])
    return replace(dsmb, deviations=sort_deviations(study, table))
