"""The safety report's "Protocol synopsis and schema" (§2.1): the synopsis, and the design and intervention.

With a synopsis (``safety: protocol_synopsis:``, else the study's ``description``), it leads and the design and
intervention follow the schema. Without one, the design and intervention lead and the synopsis is asked for: a
"Not recorded." above a design text read as a contradiction (session 30 DSMB reader). The design is said once: not
again after a synopsis that is the description opening with it (issue #10). The intervention carries its schedule and
dose from the data when its own text names neither (session 30 DSMB reader: the six-visit study).
"""

from __future__ import annotations

from dataclasses import dataclass

from alsreport.present.prose.description import description_repeats_design
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.schedule import abstract_schedule
from alsreport.results.model import Results

__all__ = ["SynopsisBlocks", "synopsis_blocks", "SYNOPSIS_REQUEST"]

#: What stands in for a missing synopsis: the investigators are asked for it.
SYNOPSIS_REQUEST = "*To be added by the investigators:* the protocol synopsis."


@dataclass(frozen=True)
class SynopsisBlocks:
    """§2.1's markdown: ``lead`` under the heading; ``after_schema`` (may be empty) after the schema."""

    lead: str
    after_schema: str


def _design_and_intervention(results: Results, *, with_design: bool) -> str:
    cfg = results.config
    text = f"**Design.** {md_escape(cfg.design or 'Not recorded')}. " if with_design else ""
    text += f"**Intervention.** {md_escape(cfg.intervention or 'Not recorded')}"
    if schedule := abstract_schedule(results):
        text += f" {schedule}"
    return text


def synopsis_blocks(results: Results) -> SynopsisBlocks:
    """§2.1 of the safety report for ``results`` (its study's ``safety:`` section and design)."""
    cfg = results.config
    synopsis = md_escape(cfg.safety.protocol_synopsis or cfg.description or "")
    with_design = bool(cfg.safety.protocol_synopsis) or not description_repeats_design(cfg)
    design = _design_and_intervention(results, with_design=with_design)
    if synopsis:
        return SynopsisBlocks(lead=synopsis, after_schema=design)
    return SynopsisBlocks(lead=f"{design}\n\n{SYNOPSIS_REQUEST}", after_schema="")
