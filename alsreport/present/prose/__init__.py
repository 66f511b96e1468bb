"""Generated sentences for the reports: the text layer over :class:`~alsreport.results.model.Results`.

Every number in these sentences is a number the analysis computed (a median, a
Hodges–Lehmann estimate, a p-value, a count), shown by :mod:`alsreport.present.format`
exactly as the tables and figures show it. Nothing here computes a statistic; the
text only chooses words (which analytes changed and in which direction, whether
anything else changed, whether serious events occurred).

The sentences are pandoc/Quarto **markdown**: every string that comes from the
study (analyte labels, adverse-event terms, reasons, titles) goes through
:func:`md_escape`, so ``<script>`` in a data file prints as text and ``@tbl-x``
in a term is not read as a cross-reference. Use them through inline code
(`` `{python} text.abstract_results` ``) or a cell with ``#| output: asis``.

Modules, by topic:

* :mod:`~alsreport.present.prose.markdown` — escaping study text for markdown;
* :mod:`~alsreport.present.prose.words` — plurals, lists, capitals;
* :mod:`~alsreport.present.prose.lookups` — names, order and the significant changes, from the results;
* :mod:`~alsreport.present.prose.methods` — objectives, design, outcomes, statistical methods, software;
* :mod:`~alsreport.present.prose.results` — participant flow, baseline, exposure, biomarker changes;
* :mod:`~alsreport.present.prose.safety` — adverse-event sentences and the ethics report's bullet lists;
* :mod:`~alsreport.present.prose.abstract` — abstract, discussion, limitations;
* :mod:`~alsreport.present.prose.text` — :class:`ReportText`, every text by the name the documents use.
"""

from alsreport.present.prose.abstract import (
    abstract_background,
    abstract_conclusions,
    abstract_methods,
    abstract_results,
    discussion,
    limitations,
)
from alsreport.present.prose.lookups import Change, changes, nominal_only, primary_change
from alsreport.present.prose.markdown import md_escape
from alsreport.present.prose.methods import (
    design_text,
    harms_methods,
    intervention_text,
    objectives,
    outcomes_text,
    recruitment_text,
    interim_analyses_text,
    sample_size_text,
    sensitivity_text,
    setting_text,
    software_sentence,
    statistical_methods,
)
from alsreport.present.prose.results import (
    baseline_sentence,
    biomarker_results,
    change_sentence,
    exposure_sentence,
    participant_flow,
)
from alsreport.present.prose.safety import (
    disposition_list,
    safety_key_facts,
    safety_sentence,
    screen_failures,
    serious_events_sentence,
)
from alsreport.present.prose.text import TEXTS, ReportText
from alsreport.present.prose.words import join_words, plural

__all__ = [
    "ReportText",
    "TEXTS",
    "Change",
    "md_escape",
    "join_words",
    "plural",
    "changes",
    "nominal_only",
    "primary_change",
    "change_sentence",
    "abstract_background",
    "abstract_methods",
    "abstract_results",
    "abstract_conclusions",
    "participant_flow",
    "baseline_sentence",
    "exposure_sentence",
    "biomarker_results",
    "statistical_methods",
    "software_sentence",
    "safety_sentence",
    "serious_events_sentence",
    "discussion",
    "limitations",
    "objectives",
    "design_text",
    "setting_text",
    "intervention_text",
    "outcomes_text",
    "harms_methods",
    "sample_size_text",
    "interim_analyses_text",
    "recruitment_text",
    "sensitivity_text",
    "screen_failures",
    "disposition_list",
    "safety_key_facts",
]
