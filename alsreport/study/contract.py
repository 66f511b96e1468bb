"""The data contract: which files a study folder holds and which columns each has.

This module is the single source of truth for the input format; the validator,
the loader and the documentation (docs/data-format.md) all follow it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Column",
    "TableSpec",
    "TABLES",
    "FAMILIES",
    "COMPARTMENTS",
    "ROUTES",
    "RELATEDNESS",
    "RELATED_LEVELS",
    "BELOW_LOD_RULES",
    "YES",
    "NO",
    "AE_GRADES",
    "ATTRIBUTIONS",
    "SERIOUSNESS_CRITERIA",
    "AE_ACTIONS",
    "DISCONTINUING_ACTIONS",
    "MISSING_MARKERS",
    "PARTICIPANTS",
    "INFUSIONS",
    "MEASUREMENTS",
    "ADVERSE_EVENTS",
    "DEVIATION_CATEGORIES",
    "DEVIATIONS",
    "OPTIONAL_TABLES",
]

Kind = Literal["id", "text", "flag", "number", "integer", "choice", "measurement", "date"]

YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")

FAMILIES = ("immunological", "biochemical", "haematological")
COMPARTMENTS = ("CSF", "serum", "plasma", "blood")
ROUTES = ("IV", "IT")
RELATEDNESS = ("unrelated", "unlikely", "possible", "probable", "definite")
#: Relatedness levels counted as "related to the intervention" (possibly or more).
RELATED_LEVELS = ("possible", "probable", "definite")
BELOW_LOD_RULES = ("half_lod", "lod", "lod_sqrt2", "exclude")
AE_GRADES = (1, 2, 3, 4, 5)
#: Days in a visit's month (365.25 / 12, rounded), from which its scheduled day is counted: by the data checks, the
#: DSMB summaries' visit windows and whether the schedule runs past the data cut-off.
DAYS_PER_MONTH = 30.44
#: What an adverse event is attributed to (``procedure``: name it in ``procedure``).
ATTRIBUTIONS = ("cell product", "procedure", "other")
#: What made an adverse event serious (ICH E2A): the criteria a DSMB listing of serious events shows.
SERIOUSNESS_CRITERIA = ("death", "life-threatening", "hospitalisation", "disability", "congenital anomaly",
                        "important medical event")
#: Action taken with the treatment because of an adverse event.
AE_ACTIONS = ("none", "infusion delayed", "infusion interrupted", "infusion not given", "treatment discontinued",
              "withdrawn from study", "not applicable", "unknown")
#: Actions that count as "leading to discontinuation".
DISCONTINUING_ACTIONS = ("treatment discontinued", "withdrawn from study")
#: Texts people type for "no value"; the data format wants an empty cell instead.
MISSING_MARKERS = ("na", "n/a", "n.a.", "nan", "null", "none", "missing", "-", "--", ".", "?", "not done")


@dataclass(frozen=True)
class Column:
    """One column of an input table."""

    name: str
    kind: Kind
    required: bool = True
    """The column must be present in the file."""
    nullable: bool = False
    """Cells may be empty."""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""
    unit: str = ""
    """Fixed unit of a number column (e.g. ``years``); measurement units go in ``unit``."""
    choices_from: Literal["visits", "analytes"] | None = None
    """Allowed values come from study.yml (visit codes or analyte names)."""


@dataclass(frozen=True)
class TableSpec:
    """One input table: a CSV file or a sheet of the study workbook."""

    name: str
    """File stem and workbook sheet name, e.g. ``participants``."""
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    """Columns that identify a row; duplicates are an error."""
    description: str = ""
    optional: bool = False
    """The study folder may leave the file out (e.g. ``deviations.csv``)."""

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


PARTICIPANTS = TableSpec(
    name="participants",
    key=("participant_id",),
    description="One row per person assessed for eligibility (the top of the CONSORT flow).",
    columns=(
        Column("participant_id", "id", description="Pseudonymous identifier, e.g. P01."),
        Column("eligible", "flag", description="yes/no: met the eligibility criteria (of those not enrolled, the not eligible are listed apart from the eligible)."),
        Column("exclusion_reason", "text", nullable=True,
               description="Why the person was not enrolled; required when enrolled = no."),
        Column("enrolled", "flag", description="yes/no: enrolled and allocated to the intervention."),
        Column("sex", "choice", nullable=True, choices=("female", "male"),
               description="female/male; may be empty for people not enrolled."),
        Column("age_years", "number", nullable=True, minimum=0, maximum=120, unit="years",
               description="Age at enrolment in years."),
        Column("onset_site", "choice", nullable=True, choices=("bulbar", "spinal", "respiratory", "generalised"),
               description="Site of ALS symptom onset."),
        Column("symptom_duration_months", "number", nullable=True, minimum=0, maximum=600, unit="months",
               description="Months from symptom onset to enrolment."),
        Column("alsfrs_r_baseline", "number", nullable=True, minimum=0, maximum=48, unit="points",
               description="ALS Functional Rating Scale-Revised total at baseline (0-48)."),
        Column("weight_kg", "number", nullable=True, minimum=1, maximum=400, unit="kg",
               description="Body weight in kg (for the dose per kg)."),
        Column("completed", "flag", nullable=True,
               description="yes/no: completed follow-up; empty for people not enrolled."),
        Column("discontinuation_reason", "text", nullable=True,
               description="Why an enrolled participant did not complete; required when completed = no."),
        Column("consent_date", "date", required=False, nullable=True,
               description="Optional: date of informed consent (YYYY-MM-DD)."),
        Column("enrolment_date", "date", required=False, nullable=True,
               description="Optional: date of enrolment (YYYY-MM-DD)."),
        Column("discontinuation_date", "date", required=False, nullable=True,
               description="Optional: date the participant discontinued or withdrew."),
        Column("death_date", "date", required=False, nullable=True,
               description="Optional: date of death."),
        Column("last_contact_date", "date", required=False, nullable=True,
               description="Optional: date of the last contact (or last known alive)."),
    ),
)

INFUSIONS = TableSpec(
    name="infusions",
    key=("participant_id", "infusion_no", "route"),
    description="One row per route per planned infusion (an IV and an IT row for each infusion).",
    columns=(
        Column("participant_id", "id", description="As in participants.csv; must be enrolled."),
        Column("infusion_no", "integer", minimum=1, maximum=99, description="1, 2, 3, ..."),
        Column("visit", "choice", choices_from="visits",
               description="Visit code from study.yml at which the infusion was planned."),
        Column("route", "choice", choices=ROUTES, description="IV (intravenous) or IT (intrathecal)."),
        Column("cells_per_kg", "number", nullable=True, minimum=0, unit="cells/kg",
               description="Cells per kg body weight given by this route; empty when not given."),
        Column("given", "flag", description="yes/no: this route of this infusion was given."),
        Column("reason_not_given", "text", nullable=True, description="Required when given = no."),
        Column("infusion_date", "date", required=False, nullable=True,
               description="Optional: date of the infusion (YYYY-MM-DD)."),
    ),
)

MEASUREMENTS = TableSpec(
    name="measurements",
    key=("participant_id", "visit", "compartment", "analyte"),
    description="Long format: one row per participant, visit, compartment and analyte.",
    columns=(
        Column("participant_id", "id", description="As in participants.csv; must be enrolled."),
        Column("visit", "choice", choices_from="visits", description="Visit code from study.yml."),
        Column("compartment", "choice", choices=COMPARTMENTS, description="Where the sample was taken."),
        Column("analyte", "choice", choices_from="analytes", description="Analyte name from study.yml."),
        Column("value", "measurement", nullable=True, minimum=0,
               description="A number (decimal point), '<x' (below the limit of detection x), "
                           "'>x' (above the upper limit of quantification x) or empty (missing)."),
        Column("unit", "text", description="Unit, identical for all rows of one analyte and compartment."),
        Column("lod", "number", required=False, nullable=True, minimum=0,
               description="Limit of detection (optional)."),
        Column("ref_low", "number", required=False, nullable=True,
               description="Lower limit of the reference range (optional)."),
        Column("ref_high", "number", required=False, nullable=True,
               description="Upper limit of the reference range (optional)."),
        Column("sample_date", "date", required=False, nullable=True,
               description="Optional: date the sample was taken (YYYY-MM-DD)."),
    ),
)

ADVERSE_EVENTS = TableSpec(
    name="adverse_events",
    key=(),
    description="One row per adverse event.",
    columns=(
        Column("participant_id", "id", description="As in participants.csv; must be enrolled."),
        Column("term", "text", description="Adverse event term (e.g. MedDRA preferred term)."),
        Column("system_organ_class", "text", description="MedDRA system organ class."),
        Column("grade", "integer", minimum=1, maximum=5, description="CTCAE grade 1-5."),
        Column("serious", "flag", description="yes/no: a serious adverse event (SAE)."),
        Column("seriousness", "choice", required=False, nullable=True, choices=SERIOUSNESS_CRITERIA,
               description="Optional: what made a serious event serious (ICH E2A criterion); empty when serious "
                           "is no."),
        Column("relatedness", "choice", choices=RELATEDNESS,
               description="Relation to the intervention; possible, probable and definite count as related."),
        Column("infusion_no", "integer", nullable=True, minimum=1, maximum=99,
               description="The infusion the event followed; empty if not linked to one."),
        Column("onset_day", "integer", nullable=True, minimum=0, unit="days",
               description="Days from that infusion (or from enrolment) to onset."),
        Column("outcome", "choice", nullable=True,
               choices=("recovered", "recovering", "not recovered", "recovered with sequelae", "fatal", "unknown"),
               description="Outcome of the event; fatal goes with grade 5."),
        Column("attribution", "choice", required=False, nullable=True, choices=ATTRIBUTIONS,
               description="Optional: what the event is attributed to (cell product, procedure or other); "
                           "harms of procedures are reported apart from harms of the cell product."),
        Column("procedure", "text", required=False, nullable=True,
               description="Optional: the procedure, e.g. bone marrow harvest, lumbar puncture; "
                           "required when attribution = procedure."),
        Column("action_taken", "choice", required=False, nullable=True, choices=AE_ACTIONS,
               description="Optional: action taken with the treatment; treatment discontinued and withdrawn "
                           "from study count as leading to discontinuation, as does a fatal event of a "
                           "participant who did not complete the study (a death ends participation)."),
        Column("onset_date", "date", required=False, nullable=True,
               description="Optional: date of onset (YYYY-MM-DD); onset_day stays accepted without it."),
        Column("resolution_date", "date", required=False, nullable=True,
               description="Optional: date the event resolved."),
    ),
)

#: Kinds of protocol deviation a site reports in deviations.csv (the first four are also derived from the data).
DEVIATION_CATEGORIES = ("missed dose", "partial dose", "out-of-window visit", "missing sample", "eligibility",
                        "informed consent", "procedure", "concomitant medication", "other")

DEVIATIONS = TableSpec(
    name="deviations",
    key=(),
    optional=True,
    description="Optional: one row per protocol deviation reported by the site; listed in the safety report "
                "with the deviations alsreport derives from the data (missed doses, missing samples).",
    columns=(
        Column("participant_id", "id", description="As in participants.csv; must be enrolled."),
        Column("category", "choice", choices=DEVIATION_CATEGORIES, description="Kind of deviation."),
        Column("description", "text", description="What happened."),
        Column("date", "date", required=False, nullable=True,
               description="Optional: date of the deviation (YYYY-MM-DD)."),
        Column("day", "integer", required=False, nullable=True, minimum=0, unit="days",
               description="Optional: study day of the deviation (days from enrolment) when there is no date."),
        Column("visit", "choice", required=False, nullable=True, choices_from="visits",
               description="Optional: visit code from study.yml the deviation concerns."),
        Column("action_taken", "text", required=False, nullable=True,
               description="Optional: what was done about it (e.g. reported to the ethics committee)."),
    ),
)

#: All input tables, in the order they are read and validated.
TABLES: dict[str, TableSpec] = {
    t.name: t for t in (PARTICIPANTS, INFUSIONS, MEASUREMENTS, ADVERSE_EVENTS, DEVIATIONS)
}
#: Tables a study folder may leave out.
OPTIONAL_TABLES = tuple(n for n, t in TABLES.items() if t.optional)
