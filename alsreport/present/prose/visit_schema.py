"""The study's schema from its visits, for a safety report whose study.yml gives none (``safety.protocol_schema``):
each visit with the infusion planned at it (by route) and the compartments sampled (session 29 ethics reader:
"Schema. Not recorded." although the data hold the visits, the infusions and the samples).

Plain text (the document escapes it), one step per visit, as ``protocol_schema``'s entries are printed.
"""

from __future__ import annotations

from alsreport.present.format import visit_label
from alsreport.present.population import infusion_words
from alsreport.present.prose.words import join_words
from alsreport.results.model import Results

__all__ = ["visit_schema"]


def visit_schema(results: Results) -> list[str]:
    """``["Month 0 (baseline): infusion 1 (IV and IT); CSF, serum and blood samples", …, "Month 3: CSF, serum and
    blood samples"]``: the planned infusions (routes as planned, whether or not each dose was given) and the
    compartments with any sample at the visit; a visit with neither is left out. Empty without visits."""
    cfg = results.config
    routes: dict[str, tuple[int, list[str]]] = {}
    for i in results.exposure.by_infusion:
        if i.n_planned:
            _, rs = routes.setdefault(i.visit, (i.infusion_no, []))
            if i.route not in rs:
                rs.append(i.route)
    sampled: dict[str, list[str]] = {}
    for c in results.flow.compartments:
        for v in c.visits:
            if v.n:
                sampled.setdefault(v.visit, []).append(c.compartment)
    out = []
    for visit in cfg.visits:
        parts = []
        if visit.code in routes:
            no, rs = routes[visit.code]
            parts.append(f"{infusion_words(no, len(routes))} ({join_words(rs)})")
        if visit.code in sampled:
            names = sampled[visit.code]
            parts.append(f"{join_words(names)} {'sample' if len(names) == 1 else 'samples'}")
        if parts:
            base = " (baseline)" if visit.code == cfg.baseline.code else ""
            out.append(f"{visit_label(cfg, visit.code)}{base}: {'; '.join(parts)}")
    return out
