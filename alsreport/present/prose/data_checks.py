"""The safety report's list of the validation's warnings on the study files (session 34 DSMB reader): the analysis
runs despite a warning, so a board read counts that a warning touches without knowing of it (an adverse event linked
to an infusion the participant never received, counted in that infusion's rate; visits dated after the data cut-off;
a lumbar-puncture headache in a study with no lumbar puncture). Listed as ``alsreport validate`` words them: file,
row, column, value and what was expected; every one of them, as the board has no other copy of the validation
(session 35 DSMB reader: "and five more warnings (the validation lists every one)" hid 5 of 15).

The Summary says how many there are and where they are listed (:func:`data_checks_item`; session 35 DSMB reader: the
only related event of the IV-only study was doubtful by a warning the Summary did not mention)."""

from __future__ import annotations

from alsreport.present.ethics_cover import reviewers
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import counted, plural
from alsreport.results.model import Results

__all__ = ["data_checks_text", "data_checks_item", "data_checks_note", "MANUSCRIPT_LISTED"]

#: The most warnings the manuscript's note lists (the safety report lists every one).
MANUSCRIPT_LISTED = 3


def data_checks_text(results: Results) -> str:
    """A lead and a list of every warning (markdown), or one sentence when there are none."""
    checks = results.data_checks
    if not checks:
        return "The automated checks of the data raised no warnings."
    one = len(checks) == 1
    # "; the analysis ran regardless." (session 35 DSMB reader: "which the analysis ran despite" read awkwardly)
    lead = (f"The automated checks of the data raised {counted(len(checks), 'warning')}; the analysis ran regardless. "
            f"The investigators should resolve {'it' if one else 'them'} {_before_relying(results, one)}:")
    return _with_list(lead, checks)


def data_checks_item(results: Results) -> str:
    """The Summary's bullet: ``- Data checks: 4 warnings, to be resolved by the investigators before the board relies
    on the counts they touch (@sec-completeness)``; "" without warnings."""
    n = len(results.data_checks)
    if not n:
        return ""
    return (f"- Data checks: {plural(n, 'warning')}, to be resolved by the investigators "
            f"{_before_relying(results, n == 1)} (listed in @sec-completeness)")


def _before_relying(results: Results, one: bool) -> str:
    """``before the committee relies on the counts they touch`` (``one``: a single warning, "it touches")."""
    return f"before {reviewers(results.config)} relies on the counts {'it touches' if one else 'they touch'}"


def data_checks_note(results: Results) -> str:
    """The manuscript's note to its authors, at the head of the Results, when the checks raised warnings: the results
    below include the data a warning concerns, which a reader of the manuscript would otherwise take as checked
    (session 35 reviewer: the IV-only study's only related event, a lumbar-puncture headache in a study with no lumbar
    puncture, was reported in the Abstract, the Results and the Discussion, its warning only in the safety report).
    "" without warnings. As the manuscript's other notes to its authors ("*To be added by the authors:*"), it is for
    the draft, not the journal."""
    checks = results.data_checks
    if not checks:
        return ""
    one = len(checks) == 1
    lead = (f"*To be resolved by the authors before submission:* the automated checks of the data raised "
            f"{counted(len(checks), 'warning')}; the results below include the data "
            f"{'it concerns' if one else 'they concern'}:")
    # every one when a line saying "and one more" would take the place of that one (session 36 reviewer: the
    # six-visit study's fourth warning sent its authors to another command)
    if len(checks) <= MANUSCRIPT_LISTED + 1:
        return _with_list(lead, checks)
    # the first few (session 35 second reader: rules2's fifteen took a page and a half of the Results); the
    # validation lists every one (the manuscript never sends its reader to the confidential safety report)
    rest = len(checks) - MANUSCRIPT_LISTED
    return (_with_list(lead, checks[:MANUSCRIPT_LISTED])
            + f"- and {counted(rest, 'more warning')}: `alsreport validate` on the study folder lists them all\n")


def _with_list(lead: str, checks: tuple[str, ...]) -> str:
    """``lead`` and the warnings as a markdown list, each as validate words it ("adverse_events.csv, row 2, …")."""
    return lead + "\n\n" + "\n".join(f"- {md_escape(c)}" for c in checks) + "\n"
