"""The schema of ``study.yml``: study metadata, visits, analytes and analysis options."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from alsreport.study.config_analysis import ADJUST_METHODS, AnalysisSet, CompartmentSpec, SensitivityOptions
from alsreport.study.config_families import DEFAULT_FAMILIES, FamilySpec, duplicate_families
from alsreport.study.config_prior import prior_report_problem
from alsreport.study.config_safety import SafetyConfig
from alsreport.study.config_reporting import Reporting
from alsreport.study.contract import BELOW_LOD_RULES, COMPARTMENTS

__all__ = ["Visit", "Analyte", "AnalysisOptions", "Primary", "StudyConfig", "InvalidKey"]


class InvalidKey(ValueError):
    """A validator's complaint about one nested key, e.g. ``primary.analyte``.

    Pydantic locates validator errors at the validated field; ``key`` (relative
    to it) and ``value`` let the validation report point at the exact key.
    """

    def __init__(self, key: str, value: object, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.value = value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Visit(_Strict):
    """A scheduled visit; the first visit in study.yml is the baseline."""

    code: str = Field(min_length=1, description="Short code used in the data files, e.g. M0.")
    label: str = Field(min_length=1, description="Label shown in reports, e.g. Month 0.")
    month: float = Field(description="Months since the first infusion (negative for a screening visit before it).")


class Analyte(_Strict):
    """Metadata for an analyte that appears in measurements.csv."""

    name: str = Field(min_length=1, description="Name used in measurements.csv.")
    label: str | None = Field(default=None, description="Display label (defaults to name), e.g. TNF-α.")
    family: str = Field(
        min_length=1, description="Panel the analyte belongs to, one of families (default: immunological, "
        "biochemical, haematological); p-values are adjusted within each family."
    )
    description: str | None = Field(default=None, description="Free text shown in the reports.")

    @property
    def display(self) -> str:
        return self.label or self.name


class Primary(_Strict):
    """The primary endpoint: one analyte in one compartment, one contrast."""

    analyte: str = Field(description="An analyte name from analytes.")
    compartment: Literal["CSF", "serum", "plasma", "blood"] = Field(description="Where it is measured.")
    contrast: str | None = Field(default=None, description="e.g. M3-M0; defaults to last visit minus baseline.")
    adjust: Literal["none", "holm_family"] = Field(
        default="none", description="How the primary endpoint's p-value is judged: none (default, the "
        "unadjusted p, as for a single prespecified primary) or holm_family (Holm within its family).")


class AnalysisOptions(_Strict):
    """Analysis options; defaults follow R's."""

    below_lod: Literal["half_lod", "lod", "lod_sqrt2", "exclude"] = Field(
        default="half_lod", description="Value used for '<x' results: x/2, x, x/sqrt(2), or leave them out."
    )
    conf_level: float = Field(default=0.95, gt=0.5, lt=1, description="Confidence level of intervals.")
    alpha: float = Field(default=0.05, gt=0, lt=0.5, description="Significance level.")
    primary: Primary | None = Field(default=None, description="The primary endpoint.")
    baseline: str | None = Field(
        default=None, exclude_if=lambda v: v is None,  # stated in results.json only when set
        description="Visit code of the baseline (default: the first visit). Earlier visits, such as screening,"
                    " are shown but not tested.",
    )
    adjust: Literal["holm", "BH", "none"] = Field(
        default="holm", exclude_if=lambda v: v == "holm",  # stated in results.json only when changed
        description="Which adjusted p-value of the secondary endpoints the tables, figures and text use: holm "
                    "(Holm, family-wise error), BH (Benjamini-Hochberg, false discovery rate) or none (unadjusted).",
    )
    adjust_scope: Literal["family", "all"] = Field(
        default="family", exclude_if=lambda v: v == "family",  # stated in results.json only when changed
        description="Holm/BH families: family (analyte family x compartment x contrast x test) or all"
                    " (every comparison of the same test).",
    )
    analysis_set: AnalysisSet = Field(
        default="all", exclude_if=lambda v: v == "all",  # results.json's config states it when changed (flow always)
        description="Participants of the biomarker statistics: all (every available pair), completers (sampled at"
                    " every planned visit of the compartment) or per_protocol (every planned infusion received).",
    )
    sensitivity: SensitivityOptions = Field(
        default_factory=SensitivityOptions, description="Sensitivity analyses: log transform, mixed model.",
        exclude_if=lambda v: not v.any,  # results.json states the section only when an analysis is chosen
    )


class StudyConfig(_Strict):
    """Contents of study.yml."""

    title: str = Field(min_length=1, description="Full title of the study.")
    short_title: str | None = None
    synthetic: bool = Field(default=False, description="The data are synthetic; every report says so.")
    description: str | None = None
    registration: str | None = None
    site: str | None = None
    sponsor: str | None = None
    investigators: list[str] = Field(default_factory=list)
    design: str | None = None
    intervention: str | None = None
    dose_cells_per_kg: float | None = Field(default=None, gt=0)
    reporting_period: str | None = None
    data_cutoff: dt.date | None = None
    report_version: str | None = None
    visits: list[Visit] = Field(min_length=2, description="Scheduled visits in time order; the first is the baseline.")
    families: list[FamilySpec] = Field(
        default_factory=lambda: list(DEFAULT_FAMILIES), min_length=1,
        exclude_if=lambda v: v == list(DEFAULT_FAMILIES),  # stated in results.json only when declared
        description="Analyte families in report order, with labels (default: immunological, biochemical, "
                    "haematological).",
    )
    analytes: list[Analyte] = Field(min_length=1, description="Every analyte that appears in measurements.csv.")
    analysis: AnalysisOptions = Field(default_factory=AnalysisOptions, description="Analysis options.")
    compartments: list[CompartmentSpec] = Field(
        default_factory=list, exclude_if=lambda v: not v,  # stated in results.json only when declared
        description="Compartments with their own sampling visits (default: every compartment at every visit).",
    )
    safety: SafetyConfig = Field(default_factory=SafetyConfig, description="Safety-report (DSMB) metadata.")
    reporting: Reporting = Field(default_factory=Reporting, description="Authors, statements, references.")
    trust_templates: bool = Field(default=False, description="render uses this folder's own _quarto.yml, report/ "
                                  "and templates/ (their code runs with your rights); see docs/security.md.")

    @field_validator("visits")
    @classmethod
    def _unique_visits(cls, v: list[Visit]) -> list[Visit]:
        codes = [x.code for x in v]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"visit codes must be unique; repeated: {', '.join(dupes)}")
        months = [x.month for x in v]
        if months != sorted(months):
            raise ValueError("visits must be listed in time order (month increasing); the first is the baseline")
        return v

    @field_validator("analytes")
    @classmethod
    def _unique_analytes(cls, v: list[Analyte], info: ValidationInfo) -> list[Analyte]:
        names = [a.name for a in v]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"analyte names must be unique; repeated: {', '.join(dupes)}")
        families = [f.name for f in info.data.get("families") or []]
        for i, a in enumerate(v):
            if families and a.family not in families:
                raise InvalidKey(f"{i}.family", a.family,
                                 f"analytes: {a.name} has family {a.family!r}, which is not a declared family; "
                                 f"allowed: {', '.join(families)} (declare others under families:)")
        return v

    @field_validator("families")
    @classmethod
    def _unique_families(cls, v: list[FamilySpec]) -> list[FamilySpec]:
        dupes = duplicate_families(v)
        if dupes:
            raise ValueError(f"family names must be unique (ignoring case); repeated: {', '.join(dupes)}")
        return v

    @field_validator("analysis")
    @classmethod
    def _primary_refers_to_known(cls, v: AnalysisOptions, info: ValidationInfo) -> AnalysisOptions:
        visits = [x.code for x in info.data.get("visits") or []]
        if v.baseline is not None and visits and v.baseline not in visits[:-1]:
            raise InvalidKey("baseline", v.baseline,
                             f"analysis.baseline {v.baseline!r} is not a visit with a later visit; "
                             f"allowed: {', '.join(visits[:-1])}")
        if v.baseline is not None and visits:
            visits = visits[visits.index(v.baseline):]  # the tested visits: baseline and later
        p = v.primary
        if p is None:
            return v
        analytes = [a.name for a in info.data.get("analytes") or []]
        if analytes and p.analyte not in analytes:
            raise InvalidKey(
                "primary.analyte", p.analyte,
                f"analysis.primary.analyte {p.analyte!r} is not among the analytes: {', '.join(analytes)}",
            )
        contrasts = [f"{c}-{visits[0]}" for c in visits[1:]]
        if visits and p.contrast is not None and p.contrast not in contrasts:
            raise InvalidKey(
                "primary.contrast", p.contrast,
                f"analysis.primary.contrast {p.contrast!r} is not a contrast of the visits; "
                f"allowed: {', '.join(contrasts)}",
            )
        return v

    @field_validator("compartments")
    @classmethod
    def _compartment_visits_known(cls, v: list[CompartmentSpec], info: ValidationInfo) -> list[CompartmentSpec]:
        visits = [x.code for x in info.data.get("visits") or []]
        names = [c.name for c in v]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"each compartment may be declared once; repeated: {', '.join(dupes)}")
        analysis = info.data.get("analysis")
        base = (analysis.baseline if analysis is not None and analysis.baseline else None) or (visits or [None])[0]
        for c in v:
            unknown = [x for x in c.visits or [] if x not in visits]
            if unknown and visits:
                raise InvalidKey(f"{c.name}.visits", unknown[0], f"compartments: {c.name} visit {unknown[0]!r} is "
                                 f"not a visit of study.yml; allowed: {', '.join(visits)}")
            later = visits[visits.index(base) + 1:] if base in visits else []
            if c.visits is not None and base is not None and (base not in c.visits or not set(later) & set(c.visits)):
                raise InvalidKey(f"{c.name}.visits", c.visits, f"compartments: {c.name} visits must include the "
                                 f"baseline {base} and at least one later visit ({', '.join(later)})")
        return v

    @field_validator("reporting")
    @classmethod
    def _prior_report_known(cls, v: Reporting, info: ValidationInfo) -> Reporting:
        visits = [x.code for x in info.data.get("visits") or []]
        analysis = info.data.get("analysis")
        base = analysis.baseline if analysis is not None and analysis.baseline in visits else None
        later = visits[visits.index(base) + 1:] if base else visits[1:]
        problem = prior_report_problem(v.prior_report, [a.name for a in info.data.get("analytes") or []], later,
                                       [f.name for f in info.data.get("families") or []])
        if problem is not None:
            raise InvalidKey(*problem)
        return v

    def sampled_visits(self, compartment: str) -> tuple[str, ...]:
        """The visits at which ``compartment`` is sampled (``compartments:``; default every visit)."""
        for c in self.compartments:
            if c.name == compartment and c.visits is not None:
                return tuple(x for x in self.visit_codes if x in c.visits)
        return self.visit_codes

    # Derived views -------------------------------------------------------
    @property
    def baseline(self) -> Visit:
        """``analysis.baseline``, or the first visit."""
        code = self.analysis.baseline
        return self.visit(code) if code is not None else self.visits[0]

    @property
    def baseline_index(self) -> int:
        """Position of the baseline among the visits (visits before it are shown, not tested)."""
        return self.visit_codes.index(self.baseline.code)

    @property
    def tested_visit_codes(self) -> tuple[str, ...]:
        """The baseline and every later visit: the visits the tests compare."""
        return self.visit_codes[self.baseline_index:]

    @property
    def visit_codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.visits)

    @property
    def family_names(self) -> tuple[str, ...]:
        """The declared families, in report order."""
        return tuple(f.name for f in self.families)

    def family_label(self, name: str) -> str:
        """The label of family ``name`` as study.yml gives it (the name itself by default)."""
        for f in self.families:
            if f.name == name:
                return f.display
        return name

    @property
    def analyte_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.analytes)

    @property
    def contrasts(self) -> tuple[str, ...]:
        """Each later visit against baseline, named 'later-baseline' (e.g. M3-M0)."""
        b = self.baseline.code
        return tuple(f"{v}-{b}" for v in self.tested_visit_codes[1:])

    @property
    def retrospective(self) -> bool:
        """``reporting.timing``, else whether ``design`` says 'retrospective'."""
        if self.reporting.timing is not None:
            return self.reporting.timing == "retrospective"
        return "retrospective" in (self.design or "").lower()

    @property
    def final_contrast(self) -> str:
        return self.contrasts[-1]

    def analyte(self, name: str) -> Analyte:
        for a in self.analytes:
            if a.name == name:
                return a
        raise KeyError(name)

    def visit(self, code: str) -> Visit:
        for v in self.visits:
            if v.code == code:
                return v
        raise KeyError(code)

    def visit_label(self, code: str) -> str:
        """The label of visit ``code`` as study.yml gives it (the code itself for an unknown visit)."""
        try:
            return self.visit(code).label
        except KeyError:
            return code

    def contrast_visits(self, contrast: str) -> tuple[str, str]:
        """``M3-M0`` → (later, baseline) visit codes; visit codes may themselves contain ``-``."""
        codes = self.visit_codes
        for later in codes:
            for base in codes:
                if f"{later}-{base}" == contrast:
                    return later, base
        later, _, base = contrast.rpartition("-")
        return later, base


assert set(COMPARTMENTS) == {"CSF", "serum", "plasma", "blood"}
assert set(ADJUST_METHODS) == {"holm", "BH", "none"}
assert set(BELOW_LOD_RULES) == {"half_lod", "lod", "lod_sqrt2", "exclude"}
