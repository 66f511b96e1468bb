"""The ``reporting:`` section of ``study.yml``: what a journal needs beyond the data.

Authors and affiliations (with ORCID), ethics approval and consent (or its
waiver), funding, conflicts of interest, data availability, protocol, the
references file and citation style, the reporting guideline, and whether the
design is retrospective or prospective. The manuscript prints these statements;
when one is missing it says so ("not stated in study.yml" is never printed:
the manuscript asks the authors to add it).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from alsreport.study.config_prior import PriorReport

__all__ = ["Affiliation", "Author", "Ethics", "Reporting", "GUIDELINES", "TIMINGS"]

#: Reporting guidelines the manuscript's checklist appendix can follow.
GUIDELINES = ("CONSORT",)
#: When the data were collected relative to the study's plan.
TIMINGS = ("prospective", "retrospective")

_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Affiliation(_Strict):
    """An institution authors belong to, referred to by its ``id``."""

    id: str = Field(min_length=1, description="Short key the authors refer to, e.g. 'mums'.")
    name: str = Field(min_length=1, description="Department, institution, city, country.")


class Author(_Strict):
    """One author, in byline order."""

    name: str = Field(min_length=1, description="As printed, e.g. 'Zahraa Alkhazaali'.")
    affiliations: list[str] = Field(default_factory=list, description="Affiliation ids.")
    orcid: str | None = Field(default=None, description="ORCID iD, e.g. 0000-0002-1825-0097.")
    email: str | None = None
    corresponding: bool = False

    @field_validator("orcid")
    @classmethod
    def _orcid(cls, v: str | None) -> str | None:
        if v is None:
            return v
        v = v.removeprefix("https://orcid.org/")
        if not _ORCID.match(v):
            raise ValueError(f"ORCID {v!r} must look like 0000-0002-1825-0097 (four groups of four digits, "
                             "the last may end in X)")
        return v


class Ethics(_Strict):
    """Ethics committee approval and participants' consent."""

    committee: str | None = Field(default=None, description="Name of the approving committee.")
    approval: str | None = Field(default=None, description="Approval number (reference).")
    date: str | None = Field(default=None, description="Date of approval.")
    consent: Literal["written", "oral", "waived"] | None = Field(
        default=None, description="written | oral | waived (e.g. for a retrospective study of records)."
    )
    consent_note: str | None = Field(default=None, description="Who gave consent, or why it was waived.")


class Reporting(_Strict):
    """Statements and metadata for the manuscript (``reporting:`` in study.yml)."""

    authors: list[Author] = Field(default_factory=list)
    affiliations: list[Affiliation] = Field(default_factory=list)
    ethics: Ethics | None = None
    funding: str | None = Field(default=None, description="Funding sources and the funders' role.")
    conflicts: str | None = Field(default=None, description="Competing interests of the authors.")
    contributions: str | None = Field(default=None, description="What each author contributed (e.g. CRediT roles).")
    data_availability: str | None = Field(default=None, description="Where and how the data can be obtained.")
    code_availability: str | None = Field(
        default=None, description="Where the analysis code and the study folder it ran on are deposited (repository "
        "URL or DOI), CONSORT 2025 item 4; by default the authors are asked.")
    protocol: str | None = Field(default=None, description="Where the protocol and analysis plan are available.")
    eligibility: str | None = Field(default=None, description="Inclusion and exclusion criteria.")
    delivery: str | None = Field(default=None, description="Who gave the intervention, where, with what training.")
    protocol_changes: str | None = Field(default=None, description="Changes after the study began, with reasons "
                                         "(or 'None').")
    concomitant_care: str | None = Field(default=None, description="Other treatments participants received.")
    manufacturing: str | None = Field(
        default=None, description="How the cells were made and given: bone-marrow harvest, isolation and expansion "
        "(passages, viability, release criteria), preparation and infusion procedure (CONSORT item 13).")
    outcome_measurement: str | None = Field(
        default=None, description="How the biomarkers were measured: assays or kits, laboratory, sample handling "
        "and storage, and when CSF was taken relative to the intrathecal injection (CONSORT item 14).")
    patient_involvement: str | None = Field(default=None, description="Patient and public involvement.")
    sample_size: str | None = Field(
        default=None, description="How the sample size was determined, or that it was not formally calculated and "
        "why this number (CONSORT item 16a).")
    interim_analyses: str | None = Field(
        default=None, description="Whether interim analyses or stopping guidelines were planned, and which "
        "(CONSORT item 16b).")
    additional_analyses: str | None = Field(
        default=None, description="Whether the sensitivity and supportive analyses (paired t-test, Friedman test) "
        "were prespecified or chosen post hoc (CONSORT items 21d and 28); by default a retrospective study's are "
        "post hoc and a prospective study's authors are asked.")
    timing: Literal["prospective", "retrospective"] | None = Field(
        default=None, description="prospective | retrospective; by default read from `design` "
        "('retrospective' in it), else prospective.")
    references: str | None = Field(
        default=None, description="BibTeX file in the study folder (default: references.bib when present).")
    prior_report_findings: str | None = Field(
        default=None, description="What the earlier report of this study (the references.bib entry with keyword "
        "prior-report) found, as a clause after 'found' (e.g. 'a decrease in CSF TNF-α from month 0 to month 3'); "
        "the Introduction quotes it. prior_report (structured) lets the Discussion compare the findings.")
    prior_report: PriorReport | None = Field(
        default=None, description="The earlier report's findings, one per analyte, compartment and visit "
        "(alsreport/study/config_prior.py); the Introduction states them and the Discussion compares each with "
        "these results.")
    csl: str | None = Field(
        default=None, description="CSL style file in the study folder (default: Vancouver, shipped).")
    reporting_guideline: Literal["CONSORT"] = Field(
        default="CONSORT", description="Checklist appended to the manuscript: CONSORT 2025 with the Harms 2022 "
        "items (the only one available so far; STROBE and TREND are not generated).")

    @model_validator(mode="after")
    def _known_affiliations(self) -> "Reporting":
        if self.prior_report is not None and self.prior_report_findings is not None:
            raise ValueError("give the earlier report's findings once: prior_report (structured, compared in the "
                             "Discussion) or prior_report_findings (free text), not both")
        ids = [a.id for a in self.affiliations]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"affiliation ids must be unique; repeated: {', '.join(dupes)}")
        for author in self.authors:
            unknown = [i for i in author.affiliations if i not in ids]
            if unknown:
                raise ValueError(
                    f"author {author.name!r} refers to unknown affiliation(s) {', '.join(unknown)}; "
                    f"allowed: {', '.join(ids) or '(none defined under reporting.affiliations)'}")
        return self

    def affiliation_numbers(self) -> dict[str, int]:
        """Affiliation id → its number in the byline (order of first mention by the authors)."""
        out: dict[str, int] = {}
        for author in self.authors:
            for i in author.affiliations:
                out.setdefault(i, len(out) + 1)
        for a in self.affiliations:
            out.setdefault(a.id, len(out) + 1)
        return out

    def affiliation_name(self, key: str) -> str:
        return next(a.name for a in self.affiliations if a.id == key)
