"""The rows of the safety report's cover (term → value): what ``study.yml`` records, else "Not recorded (to be
added)".

Every value is plain text (the document escapes it). A value the study files lack reads "Not recorded (to be
added)", capitalised as its siblings (reader 6's item 8), and says the investigators add it before the board reads
the report, as the report's other gaps do (session 30 DSMB reader: a bare "Not recorded" for the data cut-off read as
a fact about the study); the registration is never declared absent when study.yml
is silent (item 1), and the protocol falls back on the manuscript's ``reporting.protocol`` (item 9).
"""

from __future__ import annotations

import re

from alsreport.present.format import format_date, unbroken_name
from alsreport.study.config import StudyConfig

__all__ = ["NOT_RECORDED", "cover_rows", "document_type", "reviewers"]

NOT_RECORDED = "Not recorded (to be added)"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _protocol(cfg: StudyConfig) -> str:
    """The safety section's number and version, else the first sentence of the manuscript's protocol statement: the
    whole statement made the cover's one paragraph among short values (session 31 HTML reader)."""
    sc = cfg.safety
    named = " — ".join(x for x in (sc.protocol_number, sc.protocol_version) if x)
    statement = " ".join(str(cfg.reporting.protocol or "").split())
    return named or re.split(r"(?<=\.)\s+(?=[A-Z])", statement, maxsplit=1)[0] or NOT_RECORDED


def _ethics(cfg: StudyConfig) -> str:
    # the safety section's committee, else the one the manuscript's ethics statement names (reporting.ethics)
    # the approval number never breaks at its hyphens (session 29 ethics reader: "EX-" / "REC-2023-001")
    sc, e = cfg.safety, cfg.reporting.ethics
    approval = getattr(e, "approval", None)
    return (", ".join(x for x in (sc.ethics_committee, sc.ethics_approval and unbroken_name(sc.ethics_approval)) if x)
            or ", ".join(_first_upper(x) for x in (getattr(e, "committee", None), approval and unbroken_name(approval))
                         if x)
            or NOT_RECORDED)


def document_type(cfg: StudyConfig) -> str:
    """The cover's kicker: the board the report is for, the DSMB too when study.yml names its members (session 34
    DSMB reader: "Safety report for the ethics committee" above a DSMB meeting date and its members' sign-off)."""
    if cfg.safety.dsmb_members:
        return "Safety report for the DSMB and the ethics committee"
    return "Safety report for the ethics committee"


def reviewers(cfg: StudyConfig) -> str:
    """Who weighs the report, as its sentences name them: "the board" when study.yml names DSMB members, else "the
    committee" (session 35 leftover: "the board relies on the counts" in a report for the ethics committee
    alone)."""
    return "the board" if cfg.safety.dsmb_members else "the committee"


#: Why a single-arm, open-label report needs no closed session (no allocation to conceal from the investigators); a
#: sentence with a subject (session 35 DSMB reader: "Open: a single arm, open-label, has no allocation to conceal").
OPEN_SESSION = ("Open session only: a single-arm, open-label study has no allocation to conceal, so the report has no "
                "closed part.")


def cover_rows(cfg: StudyConfig, generated: str, fingerprint: str) -> list[tuple[str, str]]:
    """The cover's rows in order; ``generated`` is the report's date in words, ``fingerprint`` the data's."""
    sc = cfg.safety
    return [
        ("Protocol", _protocol(cfg)),
        ("Ethics approval", _ethics(cfg)),
        ("Registration", cfg.registration or NOT_RECORDED),
        ("Site", cfg.site or NOT_RECORDED),
        ("Sponsor", cfg.sponsor or NOT_RECORDED),
        ("Investigators", ", ".join(cfg.investigators) or NOT_RECORDED),
        ("Reporting period", cfg.reporting_period or NOT_RECORDED),
        ("Data cut-off", format_date(cfg.data_cutoff) if cfg.data_cutoff else NOT_RECORDED),
        ("Previous report", f"Data cut-off {format_date(sc.previous_report_cutoff)}" if sc.previous_report_cutoff
         else "None (first report)"),
        # the DSMB's meeting only where the report is for one (session 35 DSMB reader #21: "DSMB meeting" on a report
        # "for the ethics committee"); never "Not scheduled" (reader 11b)
        ("DSMB meeting" if sc.dsmb_members else "Committee meeting",
         format_date(sc.meeting_date) if sc.meeting_date else NOT_RECORDED),
        # with a DSMB: its open session, as the study has no arms to compare (session 34 DSMB reader)
        *([("DSMB session", OPEN_SESSION)] if sc.dsmb_members else []),
        ("Report version", cfg.report_version or NOT_RECORDED),
        ("Generated", f"{generated} (data fingerprint {fingerprint})"),
    ]
