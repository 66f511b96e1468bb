"""The safety report's list of the validation's warnings on the study files (session 34 DSMB reader): the analysis
runs despite a warning, so a board read counts that a warning touches without knowing of it (an adverse event linked
to an infusion the participant never received, counted in that infusion's rate; visits dated after the data cut-off;
a lumbar-puncture headache in a study with no lumbar puncture). Listed as ``alsreport validate`` words them: file,
row, column, value and what was expected."""

from __future__ import annotations

from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import counted
from alsreport.results.model import Results

__all__ = ["data_checks_text", "CHECKS_LISTED"]

#: Up to this many warnings are listed; more are counted (``alsreport validate`` lists them all).
CHECKS_LISTED = 10


def data_checks_text(results: Results) -> str:
    """A lead and a list of the warnings (markdown), or one sentence when there are none."""
    checks = results.data_checks
    if not checks:
        return "The automated checks of the data raised no warnings."
    lead = (f"The automated checks of the data raised {counted(len(checks), 'warning')}, which the analysis "
            "ran despite; the investigators should resolve "
            f"{'it' if len(checks) == 1 else 'them'} before the board relies on the counts "
            f"{'it touches' if len(checks) == 1 else 'they touch'}:")
    items = [f"- {md_escape(c)}" for c in checks[:CHECKS_LISTED]]   # as validate words them: "adverse_events.csv, …"
    if len(checks) > CHECKS_LISTED:
        items.append(f"- and {counted(len(checks) - CHECKS_LISTED, 'more warning')} (the validation lists every "
                     "one).")
    return lead + "\n\n" + "\n".join(items) + "\n"
