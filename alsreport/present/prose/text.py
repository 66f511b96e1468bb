"""``ReportText``: every generated text of one results set, by the name the documents use."""

from __future__ import annotations

from collections.abc import Callable

from alsreport.present.prose.abbreviations import abstract_abbreviations, body_abbreviations
from alsreport.present.prose.abstract import (
    abstract_background,
    abstract_conclusions,
    abstract_methods,
    abstract_results,
    discussion,
    limitations,
)
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
from alsreport.present.prose.board_summary import board_summary
from alsreport.present.prose.case_narratives import death_narratives_request, serious_narratives_request
from alsreport.present.prose.data_checks import data_checks_note
from alsreport.present.prose.data_completeness import data_completeness_text, safety_report_flow
from alsreport.present.prose.deaths import deaths_count_sentence
from alsreport.present.prose.delivery import doses_reference, doses_table_words
from alsreport.present.prose.event_outcomes import event_outcomes
from alsreport.present.prose.laboratory_harms import laboratory_harms_sentence
from alsreport.present.prose.methods_detail import harms_collection_text, intervention_detail, measurement_detail
from alsreport.present.prose.safety_report import (
    follow_up_text,
    investigators_recruitment,
    laboratory_safety_text,
    stopping_rule_counts,
)
from alsreport.present.prose.first_use import (
    ABSTRACT_TEXTS,
    BODY_DEFINED,
    BODY_TEXTS,
    abbreviation_definitions,
    define_first_uses,
)
from alsreport.present.prose.prior_report import prior_report_discussion, prior_report_findings
from alsreport.present.prose.ratio_results import ratio_sensitivity_text
from alsreport.present.prose.results import (
    baseline_sentence,
    biomarker_results,
    exposure_sentence,
    participant_flow,
)
from alsreport.present.prose.safety import (
    disposition_list,
    safety_key_facts,
    safety_sentence,
    screen_failures,
    serious_events_sentence,
    serious_events_summary,
)
from alsreport.results.model import Results

__all__ = ["ReportText", "TEXTS"]

#: The name a document uses (``context.text.<name>``) → the function that writes it.
TEXTS: dict[str, Callable[[Results], str]] = {
    "abstract_background": abstract_background,
    "abstract_methods": abstract_methods,
    "abstract_results": abstract_results,
    "abstract_conclusions": abstract_conclusions,
    "participant_flow": participant_flow,
    "safety_report_flow": safety_report_flow,
    "data_completeness": data_completeness_text,
    "baseline": baseline_sentence,
    "exposure": exposure_sentence,
    "doses_reference": doses_reference,
    "doses_table": doses_table_words,
    "biomarker_results": biomarker_results,
    "statistical_methods": statistical_methods,
    "software": software_sentence,
    "safety": safety_sentence,
    "serious_events": serious_events_sentence,
    "serious_events_summary": serious_events_summary,
    "event_outcomes": event_outcomes,
    "serious_narratives": serious_narratives_request,
    "death_narratives": death_narratives_request,
    "deaths_count": deaths_count_sentence,
    "discussion": discussion,
    "prior_report_findings": prior_report_findings,
    "prior_report_discussion": prior_report_discussion,
    "limitations": limitations,
    "objectives": objectives,
    "design": design_text,
    "setting": setting_text,
    "intervention": intervention_text,
    "outcomes": outcomes_text,
    "harms_methods": harms_methods,
    "harms_collection": harms_collection_text,
    "laboratory_harms": laboratory_harms_sentence,
    "data_checks_note": data_checks_note,
    "intervention_detail": intervention_detail,
    "measurement_detail": measurement_detail,
    "sample_size": sample_size_text,
    "interim_analyses": interim_analyses_text,
    "recruitment": recruitment_text,
    "recruitment_safety_report": investigators_recruitment,
    "stopping_rule_counts": stopping_rule_counts,
    "laboratory_safety": laboratory_safety_text,
    "follow_up": follow_up_text,
    "sensitivity": sensitivity_text,
    "ratio_sensitivity": ratio_sensitivity_text,
    "screen_failures": screen_failures,
    "disposition": disposition_list,
    "key_facts": safety_key_facts,
    "board_summary": board_summary,
    "abbreviations": abstract_abbreviations,
    "body_abbreviations": body_abbreviations,
}


class ReportText:
    """All generated text of one results set, each written on first use (``context.text.abstract_results``).

    The object holds the results and the texts already written; one object per results set
    (the report context makes one), so nothing is cached behind the caller's back.
    """

    def __init__(self, results: Results) -> None:
        self.results = results

    def __getattr__(self, name: str) -> str:
        fn = TEXTS.get(name)
        if fn is None:
            raise AttributeError(f"ReportText has no text {name!r}; available: {', '.join(sorted(TEXTS))}")
        for group, defined in ((ABSTRACT_TEXTS, ()), (BODY_TEXTS, BODY_DEFINED)):
            if name in group:  # abbreviations spelled out at first use, in the abstract and again in the body
                self._write_in_order(group, defined)
                return self.__dict__[name]
        value = fn(self.results)
        setattr(self, name, value)
        return value

    def _write_in_order(self, names: tuple[str, ...], defined) -> None:
        texts = define_first_uses([TEXTS[n](self.results) for n in names], abbreviation_definitions(self.results),
                                  defined)
        for n, text in zip(names, texts, strict=True):
            setattr(self, n, text)
