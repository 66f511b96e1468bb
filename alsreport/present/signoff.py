"""The safety report's sign-off lines: one row per person who signs (role, name, signature, date).

The investigators named in ``study.yml`` (else an unnamed principal investigator), the DSMB members, and one line
for whoever reviews for the ethics committee. The markup is a table of label and fill cells; print
and wide screens set each person on one line, phones on three (templates/screen.css).
"""

from __future__ import annotations

from html import escape

from alsreport.study.config import StudyConfig

__all__ = ["signoff_people", "signoff_table_html"]


def signoff_people(cfg: StudyConfig) -> list[tuple[str, str]]:
    """(name, role) of everyone who signs, in order; an empty name leaves the line to be filled in by hand."""
    people = [(name, "Investigator") for name in cfg.investigators] or [("", "Principal investigator")]
    members = cfg.safety.dsmb_members
    people += [(m.name + (f", {m.affiliation}" if m.affiliation else ""), f"DSMB {m.role.lower()}") for m in members]
    # the ethics committee signs too: the report is addressed to it beside the DSMB (session 34 DSMB reader: with
    # members named, the committee's line was gone); without members it is addressed to the committee alone, so no
    # "/ DSMB" (session 35 DSMB reader #21)
    people.append(("", "Reviewed for the ethics committee"))
    return people


def signoff_table_html(cfg: StudyConfig) -> str:
    """The sign-off table's HTML, study text escaped."""
    rows = [
        "<tr>"
        f'<td class="alsr-label">{escape(role)}</td>'
        f'<td class="alsr-fill">{escape(name)}</td>'
        '<td class="alsr-label">Signature</td><td class="alsr-fill"></td>'
        '<td class="alsr-label">Date</td><td class="alsr-fill alsr-date"></td>'
        "</tr>"
        for name, role in signoff_people(cfg)
    ]
    # a layout table: screen readers read its cells as lines of a form, not as data (session 30 HTML reader)
    return '<table class="alsr-signoff" role="presentation">\n' + "\n".join(rows) + "\n</table>"
