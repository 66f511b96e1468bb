"""The ``safety`` section of ``study.yml``: what a DSMB / ethics-board safety report needs besides the data.

All keys are optional; a report made without them says what is not recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DsmbMember", "SafetyConfig", "PDF_STANDARDS"]

#: PDF variants the reports can be written as (``none``: a plain, tagged PDF).
PDF_STANDARDS = ("none", "pdf/a-3u", "pdf/ua-1")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class DsmbMember(_Strict):
    """A member of the data and safety monitoring board (or ethics committee reviewer)."""

    name: str = Field(min_length=1, description="Full name.")
    role: str = Field(default="Member", min_length=1, description="e.g. Chair, Member, Statistician.")
    affiliation: str | None = Field(default=None, description="Institution.")


class SafetyConfig(_Strict):
    """Safety-report metadata: protocol and ethics identifiers, coding dictionaries, the DSMB, stopping rules."""

    protocol_number: str | None = Field(default=None, description="Protocol number.")
    protocol_version: str | None = Field(default=None, description="Protocol version and date.")
    ethics_committee: str | None = Field(default=None, description="The approving ethics committee / IRB.")
    ethics_approval: str | None = Field(default=None, description="Ethics approval number.")
    protocol_synopsis: str | None = Field(default=None, description="Short synopsis of the protocol.")
    protocol_schema: list[str] = Field(default_factory=list,
                              description="The protocol schema, a list (one `- ` item per step: screening, harvest, ...).")
    ctcae_version: str | None = Field(default=None, description="CTCAE version used to grade events, e.g. 5.0.")
    meddra_version: str | None = Field(default=None, description="MedDRA version used to code events, e.g. 26.1.")
    harms_collection: str | None = Field(
        default=None, description="How harms were collected (e.g. open question and checklist at every visit).")
    surveillance_window: str | None = Field(
        default=None, description="How long after each infusion adverse events were collected.")
    relatedness_assessor: str | None = Field(default=None, description="Who judged relatedness.")
    expectedness: str | None = Field(default=None, description="How expectedness was assessed (the reference safety information) and suspected unexpected serious adverse reactions (SUSARs) reported.")
    target_enrolment: int | None = Field(default=None, gt=0, description="Planned number of participants.")
    enrolment_start: dt.date | None = Field(default=None, description="Date the first participant was enrolled.")
    previous_report_cutoff: dt.date | None = Field(
        default=None, description="Data cut-off of the previous safety report: counts since then are shown.")
    previous_report_actions: list[str] = Field(
        default_factory=list, description="Action items from the previous DSMB report or meeting, a list (one `- ` item per action).")
    meeting_date: dt.date | None = Field(default=None, description="Date of the DSMB / ethics-board meeting.")
    stopping_rules: list[str] = Field(default_factory=list, description="The protocol's stopping rules, a list (one `- ` item per rule); the report prints them beside the counts a board weighs against them.")
    dsmb_members: list[DsmbMember] = Field(default_factory=list, description="Members of the DSMB.")
    listing_max_rows: int = Field(
        default=200, ge=10, description="Longer listings are summarised in the PDF and attached as CSV.")
    pdf_standard: Literal["none", "pdf/a-3u", "pdf/ua-1"] = Field(
        default="pdf/a-3u", description="PDF variant of the safety report: pdf/a-3u (archivable, default), "
                                        "pdf/ua-1 or none.")
