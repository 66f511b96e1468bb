"""The "n (missing)" row of each compartment in the biomarker tables (gtsummary's N per column).

At the top of each row group, the participants with a sample of that compartment at each
visit and, in brackets, the enrolled participants without one; a note gives the reasons
(discontinued, no sample) and names the analytes with fewer values than samples. The counts
come from ``results.flow.compartments`` (:mod:`alsreport.analysis.summaries.flow_compartments`);
nothing is counted here.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from great_tables import GT

from alsreport.present.population import enrolled_word, left_word
from alsreport.present.format import n_missing, table_visit_label
from alsreport.present.prose.words import join_words, lower_first, plural
from alsreport.present.tables.style import add_note
from alsreport.present.tables.table import TableText
from alsreport.results.missing_samples import DISCONTINUED
from alsreport.results.model import Results, VisitSamples

__all__ = ["N_ROW_LABEL", "visit_samples", "add_sample_counts"]

#: Label of the summary row (stub column).
N_ROW_LABEL = "n (missing)"


def visit_samples(results: Results) -> dict[tuple[str, str], VisitSamples]:
    """``(compartment, visit) → VisitSamples`` from the analysis."""
    return {(c.compartment, v.visit): v for c in results.flow.compartments for v in c.visits}


def _row(samples: dict[tuple[str, str], VisitSamples], codes: Sequence[str]):
    def cells(group: pd.DataFrame) -> pd.Series:
        comp = str(group["compartment"].iloc[0])
        out = {}
        for v in codes:
            s = samples.get((comp, v))
            out[f"median_{v}"] = n_missing(s.n, s.n_missing) if s is not None else ""
        return pd.Series(out, dtype=object)
    return cells


def _spans(results: Results, missing: list[tuple[int, int]]) -> tuple[str, ...]:
    """``(visit index, n)`` of one compartment and reason → ``at Month 1 (1 participant)``, or ``from Month 3
    on (1 participant)`` for the same count at every visit from one to the last (a discontinued
    participant misses every later sample: one phrase, not one per visit; reader 6's item 15)."""
    cfg = results.config
    last = len(cfg.visit_codes) - 1
    out: list[str] = []
    k = 0
    while k < len(missing):
        i, n = missing[k]
        run = k
        while run + 1 < len(missing) and missing[run + 1] == (missing[run][0] + 1, n):
            run += 1
        label = table_visit_label(cfg, cfg.visit_codes[i])
        if run > k and missing[run][0] == last:
            out.append(f"from {label} on ({plural(n, 'participant')})")
            k = run + 1
            continue
        out.append(f"at {label} ({plural(n, 'participant')})")
        k += 1
    return tuple(out)


def _reasons_text(results: Results, frame: pd.DataFrame, samples: dict[tuple[str, str], VisitSamples]) -> str:
    """``no sample: CSF at Month 1 (1 participant); left the study: CSF and serum from Month 3 on (1 participant)``
    (``died: …`` when those who left all died; compartments with the same missing samples share one phrase)."""
    codes = results.config.visit_codes
    by_reason: dict[str, dict[str, list[tuple[int, int]]]] = {}
    who: dict[str, set[str]] = {}
    for comp in dict.fromkeys(frame["compartment"]):
        for i, v in enumerate(codes):
            s = samples.get((comp, v))
            for r in s.missing if s is not None else ():
                by_reason.setdefault(r.reason, {}).setdefault(comp, []).append((i, r.n))
                who.setdefault(r.reason, set()).update(r.participants)
    parts = []
    for reason, by_comp in by_reason.items():
        if reason == DISCONTINUED:   # "died" when they all died (present.population.left_word)
            reason = left_word(results.flow, who[reason])
        same: dict[tuple[str, ...], list[str]] = {}
        for comp, missing in by_comp.items():
            same.setdefault(_spans(results, missing), []).append(comp)
        where = [f"{join_words(comps)} {', '.join(spans)}" for spans, comps in same.items()]
        parts.append(f"{lower_first(reason)}: {', '.join(where)}")
    return "; ".join(parts)


def _fewer_values(results: Results, frame: pd.DataFrame, samples: dict[tuple[str, str], VisitSamples]) -> str:
    """``CSF IL-10 at Month 2 (13)``: series with fewer values than the compartment has samples."""
    cfg = results.config
    out: list[str] = []
    for _, row in frame.iterrows():
        for v in cfg.visit_codes:
            s = samples.get((row["compartment"], v))
            n = int(row[f"n_{v}"])
            if s is not None and n < s.n:
                out.append(f"{row['compartment']} {row['label']} at {table_visit_label(cfg, v)} ({n})")
    return "; ".join(out)


def add_sample_counts(gt: GT, meta: TableText, results: Results, frame: pd.DataFrame) -> tuple[GT, TableText]:
    """The ``n (missing)`` row at the top of each row group and the note that explains it."""
    samples = visit_samples(results)
    if not samples or frame.empty:
        return gt, meta
    codes = results.config.visit_codes
    gt = gt.summary_rows(fns={N_ROW_LABEL: _row(samples, codes)}, side="top", missing_text="")
    gt = gt.tab_options(summary_row_border_style="none", summary_row_padding="2px")
    note = (f"{N_ROW_LABEL}: participants with a sample of the compartment at each visit and, in brackets, "
            f"{enrolled_word(results.config)} participants without one")
    reasons = _reasons_text(results, frame, samples)
    note += f"; {reasons}." if reasons else "; no sample was missing."
    fewer = _fewer_values(results, frame, samples)
    if fewer:
        note += f" Fewer values than samples: {fewer}."
    return add_note(gt, meta, note)
