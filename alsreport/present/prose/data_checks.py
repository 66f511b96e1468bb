"""The safety report's list of the validation's warnings on the study files (session 34 DSMB reader): the analysis
runs despite a warning, so a board read counts that a warning touches without knowing of it (an adverse event linked
to an infusion the participant never received, counted in that infusion's rate; visits dated after the data cut-off;
a lumbar-puncture headache in a study with no lumbar puncture). Listed as ``alsreport validate`` words them: file,
row, column, value and what was expected; every one of them, as the board has no other copy of the validation
(session 35 DSMB reader: "and five more warnings (the validation lists every one)" hid 5 of 15)."""

from __future__ import annotations

from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.words import counted
from alsreport.results.model import Results

__all__ = ["data_checks_text"]


def data_checks_text(results: Results) -> str:
    """A lead and a list of every warning (markdown), or one sentence when there are none."""
    checks = results.data_checks
    if not checks:
        return "The automated checks of the data raised no warnings."
    one = len(checks) == 1
    # "; the analysis ran regardless." (session 35 DSMB reader: "which the analysis ran despite" read awkwardly)
    lead = (f"The automated checks of the data raised {counted(len(checks), 'warning')}; the analysis ran regardless. "
            f"The investigators should resolve {'it' if one else 'them'} before the board relies on the counts "
            f"{'it touches' if one else 'they touch'}:")
    items = [f"- {md_escape(c)}" for c in checks]   # as validate words them: "adverse_events.csv, …"
    return lead + "\n\n" + "\n".join(items) + "\n"

