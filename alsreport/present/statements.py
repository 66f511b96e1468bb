"""The manuscript's statements from ``study.yml`` (``reporting:``): ethics and consent, registration,
protocol, data availability, funding and competing interests.

Each function returns one markdown paragraph. When the study files do not hold
the information, the paragraph says plainly that the authors must add it (a
reviewer would otherwise read a silent gap as "none"). Study text goes through
:func:`~alsreport.present.prose.md_escape`.
"""

from __future__ import annotations

import re

from alsreport.present.prose.markdown import md_escape
from alsreport.present.supplement_numbers import DATA_S1
from alsreport.study.config import StudyConfig

__all__ = [
    "TO_ADD",
    "as_sentence",
    "REGISTRATION_TO_ADD",
    "ethics_statement",
    "registration_statement",
    "registration_short",
    "protocol_statement",
    "data_availability_statement",
    "funding_statement",
    "funding_short",
    "conflicts_statement",
    "contributions_statement",
    "design_timing_sentence",
    "eligibility_statement",
    "delivery_statement",
    "protocol_changes_statement",
    "concomitant_care_statement",
    "patient_involvement_statement",
    "Statements",
]

#: How a missing statement is flagged (emphasised so that it stands out in a draft).
TO_ADD = "*To be added by the authors:*"


def as_sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return md_escape(text if text.endswith((".", "!", "?")) else text + ".")


def ethics_statement(cfg: StudyConfig) -> str:
    """Committee, approval number and date, and consent (or its waiver)."""
    e = cfg.reporting.ethics
    parts: list[str] = []
    # the safety report's committee and approval number (safety: in study.yml) serve when reporting.ethics is silent
    committee = (e.committee if e is not None else None) or cfg.safety.ethics_committee
    number = (e.approval if e is not None else None) or cfg.safety.ethics_approval
    when = e.date if e is not None else None
    if committee:
        # words, not brackets: a committee's name may end in brackets of its own ("… University (synthetic)")
        approval = (f" under approval number {md_escape(number)}" if number else "") + \
            (f" on {md_escape(when)}" if when else "")
        parts.append(f"The study was approved by {md_escape(committee)}{approval}.")
    else:
        parts.append(f"{TO_ADD} the ethics committee that approved the study and its approval number.")
    consent = e.consent if e is not None else None
    note = f" {as_sentence(e.consent_note)}" if e is not None and e.consent_note else ""
    if consent == "waived":
        # the committee's decision only: its grounds are consent_note's (session 35 reviewer: "because the study
        # analysed data collected during routine care" was the tool's guess, wrong for an investigational product)
        scope = " for this retrospective analysis" if cfg.retrospective else ""
        grounds = note or f" {TO_ADD} the grounds for the waiver."
        parts.append(f"The committee waived the requirement for informed consent{scope}." + grounds)
    elif consent in ("written", "oral"):
        parts.append(f"All participants gave {consent} informed consent." + note)
    else:
        parts.append(f"{TO_ADD} how informed consent was obtained, or why it was waived.")
    return " ".join(parts)


#: What the authors must add when study.yml has no ``registration:`` (absent is not "not registered": a
#: prospective interventional study is expected to be registered, so the report never declares it was not).
REGISTRATION_TO_ADD = "registry, number and date, or why the study was not registered."


def registration_statement(cfg: StudyConfig) -> str:
    """The study's registration in its own words; without ``registration:`` a placeholder for the authors."""
    return f"**Registration.** {registration_short(cfg)}"


def registration_short(cfg: StudyConfig) -> str:
    """The abstract's registration: the study's words as a sentence (capital and full stop added), or the
    placeholder."""
    if not cfg.registration:
        return f"{TO_ADD} {REGISTRATION_TO_ADD}"
    text = " ".join(str(cfg.registration).split())
    return as_sentence(text[:1].upper() + text[1:])


def protocol_statement(cfg: StudyConfig) -> str:
    if cfg.reporting.protocol:
        return f"**Protocol and analysis plan.** {as_sentence(cfg.reporting.protocol)}"
    # the configuration records the settings used; it cannot show they were fixed before the data were seen, so the
    # prespecification is the authors' to state (reader 11b's item 8: "is the analysis plan" overclaimed it)
    # the reader's view: the Provenance section lists the settings and the input files' hashes; "the study
    # configuration" is the tool's (session 30 reviewer: a reader has no access to a "study configuration")
    # the settings the Provenance section's analysis options list: not the visits or biomarkers, which the Methods
    # give (session 34 reviewer: "(visits, biomarkers, …) are listed in the Provenance section" was untrue)
    return ("**Protocol and analysis plan.** The analysis settings (primary endpoint, tests, significance and "
            "confidence levels, values below the limit of detection and adjustment for multiple testing) are listed "
            "in the Provenance section with the SHA-256 hashes of the "
            "input files that record them; the hashes identify the settings this report used, not when they were "
            f"fixed. {TO_ADD} where the study protocol and statistical analysis plan can be accessed and whether "
            "they prespecified this analysis, or that none is available.")


#: The analysis code, which CONSORT 2025 item 4 asks about beside the data
_CODE = " The analysis code is alsreport (open source), which recomputes every number of this report from the input files."


def _code(cfg: StudyConfig) -> str:
    """The code's sentence and where it is deposited: the study's words, else a request for them (session 34
    reviewer: "alsreport (open source)" named no repository or DOI, while the checklist marked item 4 addressed)."""
    if cfg.reporting.code_availability:
        return f"{_CODE} {as_sentence(cfg.reporting.code_availability)}"
    return (f"{_CODE} {TO_ADD} where the code and the study folder it ran on are deposited (repository URL or "
            "DOI).")


def data_availability_statement(cfg: StudyConfig) -> str:
    """The study's words (else a request for them), the analysis code unless those words speak of code already
    (session 32 reviewer: the example's statement named no code, the six-visit study's did), and Data S1."""
    results = (f" The results of every comparison are in {md_escape(DATA_S1)}, which accompanies this "
               "manuscript.")
    text = cfg.reporting.data_availability
    if text:
        code = "" if re.search(r"\bcode\b", text, re.IGNORECASE) else _code(cfg)
        return f"**Data availability.** {as_sentence(text)}{code}{results}"
    return (f"**Data availability.** {TO_ADD} whether and how de-identified participant data and a data "
            f"dictionary can be obtained.{_code(cfg)}{results}")


def funding_statement(cfg: StudyConfig) -> str:
    if cfg.reporting.funding:
        return f"**Funding.** {as_sentence(cfg.reporting.funding)}"
    if cfg.sponsor:
        return (f"**Funding.** The study was sponsored by {md_escape(cfg.sponsor.rstrip('.'))}. "
                f"{TO_ADD} other funding and the role of the funders.")
    return f"**Funding.** {TO_ADD} the sources of funding and the role of the funders."


def funding_short(cfg: StudyConfig) -> str:
    """The abstract's funding line (CONSORT for Abstracts: "source of funding"; session 26 example reader): the
    statement's words without its label."""
    return funding_statement(cfg).removeprefix("**Funding.** ")


def conflicts_statement(cfg: StudyConfig) -> str:
    if cfg.reporting.conflicts:
        return f"**Competing interests.** {as_sentence(cfg.reporting.conflicts)}"
    return f"**Competing interests.** {TO_ADD} the authors' competing interests (or that there are none)."


def contributions_statement(cfg: StudyConfig) -> str:
    """Each author's contribution, which journals require (session 27 and 28 readers: the Declarations had none)."""
    if cfg.reporting.contributions:
        return f"**Author contributions.** {as_sentence(cfg.reporting.contributions)}"
    return f"**Author contributions.** {TO_ADD} what each author contributed (for example, as CRediT roles)."


def design_timing_sentence(cfg: StudyConfig) -> str:
    """Whether the data were collected for the study or taken from records afterwards."""
    if cfg.retrospective:
        # not "during routine care": the tool does not know how the data were collected (session 35 reviewer)
        return "The data had been collected before this analysis was planned, and were analysed retrospectively."
    return "The data were collected prospectively for the study."


def _optional(value: str | None, lead: str, missing: str) -> str:
    return f"{lead} {as_sentence(value)}" if value else f"{TO_ADD} {missing}"


def eligibility_statement(cfg: StudyConfig) -> str:
    return _optional(cfg.reporting.eligibility, "Eligibility criteria:",
                     "the inclusion and exclusion criteria for participants.")


def delivery_statement(cfg: StudyConfig) -> str:
    return _optional(cfg.reporting.delivery, "Delivery:",
                     "who gave the intervention, at which sites and with what training.")


def protocol_changes_statement(cfg: StudyConfig) -> str:
    # the design and the planned analysis, not "the protocol": a study may have published none (session 28 HTML
    # reader: "changes to the protocol" beside "No protocol or statistical analysis plan was published")
    return _optional(cfg.reporting.protocol_changes, "Changes to the design or analysis after the study began:",
                     "any changes to the design or the planned analysis after the study began, with reasons (or that "
                     "there were none).")


def concomitant_care_statement(cfg: StudyConfig) -> str:
    return _optional(cfg.reporting.concomitant_care, "Concomitant care:",
                     "the concomitant care participants received (e.g. riluzole, edaravone).")


def patient_involvement_statement(cfg: StudyConfig) -> str:
    text = _optional(cfg.reporting.patient_involvement, "",
                     "whether patients or the public were involved in the design, conduct or reporting.")
    return f"**Patient and public involvement.** {text.strip()}"


class Statements:
    """The statements of one study by short name: ``Statements(cfg).ethics`` is :func:`ethics_statement`."""

    _FUNCTIONS = {
        "ethics": ethics_statement, "registration": registration_statement,
        "registration_short": registration_short, "protocol": protocol_statement,
        "data_availability": data_availability_statement, "funding": funding_statement, "funding_short": funding_short,
        "conflicts": conflicts_statement, "contributions": contributions_statement,
        "design_timing": design_timing_sentence,
        "eligibility": eligibility_statement, "delivery": delivery_statement,
        "protocol_changes": protocol_changes_statement, "concomitant_care": concomitant_care_statement,
        "patient_involvement": patient_involvement_statement,
    }

    def __init__(self, cfg: StudyConfig) -> None:
        self._cfg = cfg

    def __getattr__(self, name: str) -> str:
        try:
            fn = Statements._FUNCTIONS[name]
        except KeyError:
            raise AttributeError(name) from None
        return fn(self._cfg)

    def __dir__(self) -> list[str]:
        return sorted(Statements._FUNCTIONS)
