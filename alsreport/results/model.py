"""Result objects: every number the reports show, computed once by :func:`alsreport.analyze`.

Vocabulary follows scipy.stats (``statistic``, ``pvalue``, ``n``, ``method``,
``ci.low``/``ci.high``). Objects are frozen; numbers stay numbers (NaN when a
statistic could not be computed, with the reason recorded). Each result
flattens to one row per statistic for CSV (``to_record``).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field, fields
from typing import Any, Literal

import pandas as pd

from json.encoder import encode_basestring  # the C string encoder of json (ensure_ascii=False)

from alsreport.results.columns import COMPARISON_COLUMN_DEFS, DESCRIPTIVE_COLUMN_DEFS
from alsreport.results.deviation_table import DeviationTable
from alsreport.results.dsmb import DsmbSummary
from alsreport.results.exposure_flow import (
    AnalysisSetFlow,
    CompartmentFlow,
    ConsortFlow,
    Discontinuation,
    Exposure,
    InfusionExposure,
    InfusionStage,
    ParticipantExposure,
    ReasonCount,
    ExclusionReason,
    SetCount,
    Summary,
    VisitSamples,
)
from alsreport.results.json_safe import field_names, json_columns, json_safe, uniform_dataclasses
from alsreport.results.json_text import JsonRecords
from alsreport.study.config import StudyConfig

__all__ = [
    "SCHEMA_VERSION",
    "ANALYSIS_COLUMNS",
    "COMPARISON_COLUMNS",
    "DESCRIPTIVE_COLUMNS",
    "ConfidenceInterval",
    "Series",
    "Comparison",
    "Descriptive",
    "Characteristic",
    "InfusionExposure",
    "ParticipantExposure",
    "Summary",
    "Exposure",
    "ReasonCount",
    "ExclusionReason",
    "InfusionStage",
    "Discontinuation",
    "VisitSamples",
    "CompartmentFlow",
    "ConsortFlow",
    "SetCount",
    "AnalysisSetFlow",
    "AdverseEvent",
    "EventCount",
    "SafetySummary",
    "ShiftCount",
    "OutOfRange",
    "Provenance",
    "Results",
]

SCHEMA_VERSION = "1.13"  # 1.1: serious_related_by_soc/_term in safety; 1.2: worst-grade counts, CIs, attribution;
# 1.3: flow.compartments (analysed per compartment, samples per visit), flow.analysis_set (analysis.analysis_set);
# 1.4: flow.died (participants who died; their exclusions read "died before <visit>")
# 1.5: dsmb.deviations[].routes (a partial dose's routes not given; its detail is the data's reason, unworded)
# 1.6: dsmb.last_recorded_date (the latest date in the study files: the data's date without a data cut-off)
# 1.7: dsmb.deviations[].compartment, .visit_infusion, .visit_routes (a missing sample's compartment and the
#      infusion given at its visit; its detail is the data's reason, unworded, as a dose's is since 1.5)
# 1.8: dsmb.deviations[].visit_sampled (a missing sample's other compartments sampled at its visit)
# 1.9: provenance.inputs also hash the study's bibliography and CSL style (reporting.references / csl, or the
#      folder's references.bib), keyed by their path as study.yml gives it: inputs of the documents
# 1.10: flow.excluded_reasons[].eligible (whether those not enrolled met the eligibility criteria), the ineligible first
# 1.11: dsmb.rule_counts (the stopping-rule counts, related and of any relatedness, with the participants' share)
# 1.12: dsmb.follow_up.participants[].death_date, .days_after_last_infusion (the Deaths listing's date of death and
#       days from the last infusion)
# 1.13: data_checks (the validation's warnings on the study files)

Test = Literal["wilcoxon", "paired_t", "friedman", "paired_t_log", "mixed_model"]
"""``paired_t_log`` and ``mixed_model`` rows exist only when ``analysis.sensitivity`` asks for them."""

#: Columns of ``analysis_data.csv``: the analysed value of every measurement of enrolled participants.
ANALYSIS_COLUMNS = (
    "participant_id", "visit", "family", "compartment", "analyte", "label", "unit",
    "value", "censoring", "limit", "lod", "ref_low", "ref_high",
)

#: Column order of comparisons.csv; the first fifteen are the documented contract
#: (the names of :data:`~alsreport.results.columns.COMPARISON_COLUMN_DEFS`, which also give each one's type and
#: meaning for the data dictionary beside the file)
COMPARISON_COLUMNS = tuple(c.name for c in COMPARISON_COLUMN_DEFS)

#: Column order of descriptives.csv (:data:`~alsreport.results.columns.DESCRIPTIVE_COLUMN_DEFS`).
DESCRIPTIVE_COLUMNS = tuple(c.name for c in DESCRIPTIVE_COLUMN_DEFS)


def _nan() -> float:
    return math.nan


@dataclass(frozen=True)
class ConfidenceInterval:
    low: float
    high: float
    level: float = 0.95


@dataclass(frozen=True)
class Series:
    """One analyte measured in one compartment (a row of the biomarker tables)."""

    family: str
    compartment: str
    analyte: str
    label: str
    unit: str
    ref_low: float = math.nan
    ref_high: float = math.nan
    lod: float = math.nan


@dataclass(frozen=True)
class Comparison:
    """One hypothesis test of one series (analyte × compartment) for one contrast."""

    family: str
    compartment: str
    analyte: str
    label: str
    unit: str
    contrast: str
    """``M3-M0`` (later minus baseline) for paired tests; ``M0,M1,M2,M3`` for Friedman."""
    test: Test
    n: int
    """Complete pairs (zero differences included); complete cases for Friedman."""
    statistic: float
    statistic_name: str
    """``V`` (R's signed-rank statistic), ``t`` or ``Friedman chi-squared``."""
    pvalue: float
    method: str
    """R's method string, e.g. ``Wilcoxon signed rank exact test``."""
    parameter: float = math.nan
    """Degrees of freedom (t, Friedman); NaN otherwise."""
    p_holm: float = math.nan
    p_bh: float = math.nan
    estimate: float = math.nan
    estimate_name: str = ""
    ci: ConfidenceInterval | None = None
    effect_size: float = math.nan
    effect_size_name: str = ""
    exact: bool | None = None
    correction: str | None = None
    n_zeros: int = 0
    n_below_lod: int = 0
    """Values below the limit of detection among the values used (substituted per ``analysis.below_lod``)."""
    n_above_uloq: int = 0
    reason: str | None = None
    """Why the statistic is empty (n < 2, all differences zero, ...)."""
    warnings: tuple[str, ...] = ()

    @property
    def significant(self) -> bool:
        """Raw p below 0.05 (use :meth:`Results.is_significant` for the study's alpha)."""
        return bool(self.pvalue < 0.05)

    def to_record(self) -> dict[str, Any]:
        ci = self.ci
        rec = {
            "family": self.family, "compartment": self.compartment, "analyte": self.analyte,
            "unit": self.unit, "contrast": self.contrast, "test": self.test, "n": self.n,
            "statistic": self.statistic, "p_value": self.pvalue, "p_holm": self.p_holm,
            "p_bh": self.p_bh, "estimate": self.estimate,
            "ci_low": ci.low if ci else math.nan, "ci_high": ci.high if ci else math.nan,
            "effect_size": self.effect_size, "label": self.label,
            "statistic_name": self.statistic_name, "parameter": self.parameter,
            "estimate_name": self.estimate_name, "effect_size_name": self.effect_size_name,
            "conf_level": ci.level if ci else math.nan, "method": self.method,
            "exact": self.exact, "correction": self.correction, "n_zeros": self.n_zeros,
            "n_below_lod": self.n_below_lod, "n_above_uloq": self.n_above_uloq,
            "reason": self.reason, "warnings": "; ".join(self.warnings),
        }
        return {k: rec[k] for k in COMPARISON_COLUMNS}


@dataclass(frozen=True)
class Descriptive:
    """Summary of one series at one visit (after below-LOD substitution)."""

    family: str
    compartment: str
    analyte: str
    label: str
    unit: str
    visit: str
    n: int
    n_missing: int
    n_below_lod: int
    n_above_uloq: int
    mean: float
    sd: float
    median: float
    q1: float
    q3: float
    """Quartiles as R's default ``quantile(type = 7)``."""
    min: float
    max: float
    geometric_mean: float
    ref_low: float = math.nan
    ref_high: float = math.nan

    def to_record(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in DESCRIPTIVE_COLUMNS}


@dataclass(frozen=True)
class Characteristic:
    """One row of the baseline-characteristics table (enrolled participants)."""

    variable: str
    label: str
    kind: Literal["continuous", "categorical"]
    n: int
    """Non-missing values (continuous) or the denominator (categorical)."""
    n_missing: int = 0
    level: str | None = None
    count: int | None = None
    percent: float = math.nan
    mean: float = math.nan
    sd: float = math.nan
    median: float = math.nan
    q1: float = math.nan
    q3: float = math.nan
    min: float = math.nan
    max: float = math.nan
    unit: str = ""
    """Unit of a continuous variable (e.g. ``years``), from the data contract."""


@dataclass(frozen=True)
class AdverseEvent:
    """One adverse event as recorded (listings)."""

    participant_id: str
    term: str
    system_organ_class: str
    grade: int
    serious: bool
    relatedness: str
    related: bool
    """Relatedness possible, probable or definite."""
    infusion_no: int | None
    onset_day: int | None
    outcome: str | None
    attribution: str | None = None
    """What the event is attributed to: ``cell product``, ``procedure`` or ``other`` (None: not recorded)."""
    procedure: str | None = None
    """For procedure-related events: the procedure, e.g. bone marrow harvest, lumbar puncture."""
    action_taken: str | None = None
    leading_to_discontinuation: bool = False
    """``action_taken`` is ``treatment discontinued`` or ``withdrawn from study``, or the event was fatal and
    its participant did not complete the study (a death ends participation)."""
    onset_date: str | None = None
    """ISO date (YYYY-MM-DD) when recorded."""
    resolution_date: str | None = None
    seriousness: str | None = None
    """What made a serious event serious (ICH E2A: death, life-threatening, hospitalisation, ...); None: not
    recorded, or not serious."""


@dataclass(frozen=True)
class EventCount:
    """Events and participants for one category (term, SOC, grade, ...)."""

    category: str
    """What is counted: ``any``, ``serious``, ``related``, ``grade>=3``, ``death``, ``soc``, ``term``, ``grade``, ``relatedness``, ``infusion``."""
    level: str
    """The category's value, e.g. the term; ``""`` for overview rows."""
    n_events: int
    n_participants: int
    percent: float
    """Participants as a percentage of the denominator."""
    denominator: int
    system_organ_class: str | None = None
    """For ``term`` rows: the term's system organ class."""
    grade: int | None = None
    """Set on rows broken down by grade (term × grade)."""
    ci: ConfidenceInterval | None = None
    """Exact (Clopper–Pearson) interval of ``n_participants / denominator`` as a proportion (0–1),
    as R's ``binom.test``; None where no interval is computed (per-grade cells)."""


@dataclass(frozen=True)
class SafetySummary:
    n_enrolled: int
    overview: tuple[EventCount, ...]
    by_soc: tuple[EventCount, ...]
    by_term: tuple[EventCount, ...]
    by_term_grade: tuple[EventCount, ...]
    by_grade: tuple[EventCount, ...]
    by_relatedness: tuple[EventCount, ...]
    by_infusion: tuple[EventCount, ...]
    """Denominator: participants who received that infusion."""
    events: tuple[AdverseEvent, ...]
    serious_events: tuple[AdverseEvent, ...]
    related_events: tuple[AdverseEvent, ...]
    deaths: tuple[AdverseEvent, ...]
    serious_related_by_soc: tuple[EventCount, ...] = ()
    """Per SOC (``by_soc`` order): ``serious``, ``related``, ``discontinuation`` and ``death`` rows
    (participants with at least one such event of the SOC), zero counts included."""
    serious_related_by_term: tuple[EventCount, ...] = ()
    """Per term (``by_term`` order): the same four rows."""
    by_soc_grade: tuple[EventCount, ...] = ()
    """Per SOC × grade: participants whose worst grade within the SOC is that grade."""
    by_attribution: tuple[EventCount, ...] = ()
    """Participants with an event attributed to the cell product, to each procedure, to other causes,
    or not attributed (``not recorded``)."""
    conf_level: float = 0.95
    action_recorded: bool = False
    """``action_taken`` is recorded for at least one event (else "leading to discontinuation" is known only
    for fatal events of participants who did not complete the study)."""
    all_events_since: tuple[EventCount, ...] = ()
    """The overview counted over events with onset after ``previous_report_cutoff`` (when given)."""


@dataclass(frozen=True)
class ShiftCount:
    """Baseline → worst post-baseline reference-range category for one series."""

    compartment: str
    analyte: str
    label: str
    unit: str
    baseline: Literal["low", "normal", "high", "missing"]
    worst: Literal["low", "normal", "high", "missing"]
    n: int
    family: str = ""


@dataclass(frozen=True)
class OutOfRange:
    participant_id: str
    visit: str
    compartment: str
    analyte: str
    label: str
    value: float
    unit: str
    ref_low: float
    ref_high: float
    direction: Literal["low", "high"]
    censoring: str = "observed"
    """``below`` when ``value`` was substituted for ``"<x"``, ``above`` for ``">x"``."""


@dataclass(frozen=True)
class Provenance:
    schema_version: str
    generated_at: str
    """ISO 8601 UTC; honours ``SOURCE_DATE_EPOCH``."""
    alsreport_version: str
    python_version: str
    dependencies: dict[str, str]
    inputs: dict[str, str]
    """SHA-256 of each input file."""
    fingerprint: str
    options: dict[str, Any]


@dataclass(frozen=True)
class Results:
    """Everything :func:`alsreport.analyze` computes for one study."""

    config: StudyConfig
    series: tuple[Series, ...]
    comparisons: tuple[Comparison, ...]
    descriptives: tuple[Descriptive, ...]
    baseline: tuple[Characteristic, ...]
    exposure: Exposure
    flow: ConsortFlow
    safety: SafetySummary
    shifts: tuple[ShiftCount, ...]
    out_of_range: tuple[OutOfRange, ...]
    provenance: Provenance
    analysis_data: pd.DataFrame = field(repr=False, compare=False)
    """Analysed values, one row per recorded (participant, visit, compartment, analyte)
    of enrolled participants (:data:`ANALYSIS_COLUMNS`):
    participant_id, visit, family, compartment, analyte, label, unit, value (after
    below-LOD substitution), censoring, limit, lod, ref_low, ref_high. For trajectory
    figures and listings."""
    warnings: tuple[str, ...] = ()
    dsmb: DsmbSummary | None = None
    """The DSMB sections (enrolment, deviations, completeness, since-last-report counts, CTCAE-graded
    laboratory values); None only for results built without them (e.g. hand-made test fixtures)."""
    data_checks: tuple[str, ...] = ()
    """The validation's warnings on the study files (``alsreport validate``: file, row, column, value and what was
    expected), which the analysis ran despite: the safety report lists them for the investigators to resolve."""

    # Look-ups --------------------------------------------------------------
    @functools.cached_property
    def _comparison_index(self) -> dict[tuple[str, str, str, str], Comparison]:
        return {(c.analyte, c.compartment, c.contrast, c.test): c for c in self.comparisons}

    def comparison(self, analyte: str, compartment: str, contrast: str | None = None,
                   test: Test = "wilcoxon") -> Comparison:
        """Look up one comparison (a dictionary look-up, cached on first use).

        ``contrast`` defaults to the final contrast (e.g. ``M3-M0``), or to the
        tested visits (``M0,M1,M2,M3``: baseline and later) for ``test = "friedman"``.
        """
        if contrast is None:
            contrast = ",".join(self.config.tested_visit_codes) if test == "friedman" else self.config.final_contrast
        try:
            return self._comparison_index[(analyte, compartment, contrast, test)]
        except KeyError:
            raise KeyError(f"no {test} comparison for {analyte} in {compartment}, contrast {contrast}") from None

    @property
    def primary(self) -> Comparison | None:
        """The primary endpoint's Wilcoxon comparison (``analysis.primary`` in study.yml).

        None when no primary endpoint is set or it has no measurements (the CONSORT
        ``analysed`` box then uses the default endpoint, see :class:`ConsortFlow`).
        """
        p = self.config.analysis.primary
        if p is None:
            return None
        try:
            return self.comparison(p.analyte, p.compartment, p.contrast or self.config.final_contrast)
        except KeyError:
            return None

    def adjusted_p(self, c: Comparison) -> float:
        """The p-value that judges a secondary test: ``analysis.adjust`` picks ``p_holm`` (default),
        ``p_bh`` or, for ``none``, the unadjusted ``pvalue``."""
        return {"holm": c.p_holm, "BH": c.p_bh, "none": c.pvalue}[self.config.analysis.adjust]

    def is_significant(self, c: Comparison, adjusted: str | None = None) -> bool:
        """``p < alpha`` for the unadjusted p (``None``), ``"holm"``, ``"BH"``, or ``"adjusted"``: the
        p-value ``analysis.adjust`` chooses (:meth:`adjusted_p`)."""
        p = self.adjusted_p(c) if adjusted == "adjusted" else {None: c.pvalue, "holm": c.p_holm, "BH": c.p_bh}[adjusted]
        return bool(p < self.config.analysis.alpha)

    # Tidy frames -----------------------------------------------------------
    def comparisons_frame(self) -> pd.DataFrame:
        return pd.DataFrame([c.to_record() for c in self.comparisons], columns=list(COMPARISON_COLUMNS))

    def descriptives_frame(self) -> pd.DataFrame:
        return pd.DataFrame([d.to_record() for d in self.descriptives], columns=list(DESCRIPTIVE_COLUMNS))

    def to_dict(self, *, columnar: bool = False) -> dict[str, Any]:
        """JSON-ready dictionary (NaN → None), without the row-level analysis data.

        What ``dataclasses.asdict`` followed by NaN → None gives, in one pass without deep copies.
        ``columnar``: the DSMB deviations as :class:`~alsreport.results.json_text.JsonRecords` (their records
        encoded column-wise, for :func:`~alsreport.results.json_text.dumps_indented`) and the tuples of
        results (comparisons, descriptives, series, ...) as :class:`~alsreport.results.json_text.JsonColumns`
        instead of lists of dictionaries: the same JSON text without a dictionary per deviation or result.
        """
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for f in fields(self):
            if f.name in ("analysis_data",):
                continue
            value = getattr(self, f.name)
            if f.name == "dsmb" and columnar and value is not None and isinstance(value.deviations, DeviationTable):
                out[f.name] = {k: JsonRecords(*value.deviations.json_columns(encode_basestring)) if k == "deviations"
                               else json_safe(getattr(value, k)) for k in field_names(type(value))}
                continue
            if columnar and isinstance(value, tuple) and uniform_dataclasses(value):
                out[f.name] = json_columns(value)
                continue
            out[f.name] = json_safe(value.model_dump(mode="json") if f.name == "config" else value)
        return out
