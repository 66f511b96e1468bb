"""The in-memory study: validated configuration plus typed tables.

A :class:`Study` is only ever built from data that passed validation
(:func:`alsreport.load_study`), so downstream code can rely on these dtypes:

``participants``
    participant_id (str), eligible (bool), exclusion_reason (str | NA),
    enrolled (bool), sex (str | NA), age_years (float), onset_site (str | NA),
    symptom_duration_months (float), alsfrs_r_baseline (float), weight_kg (float),
    completed (pandas ``boolean``, NA for people not enrolled),
    discontinuation_reason (str | NA); optional dates consent_date, enrolment_date,
    discontinuation_date, death_date, last_contact_date (``datetime64[ns]``, NaT when not given)
``infusions``
    participant_id (str), infusion_no (int), visit (str), route ("IV" | "IT"),
    cells_per_kg (float, NaN when not given), given (bool), reason_not_given (str | NA),
    infusion_date (``datetime64[ns]``)
``measurements``
    participant_id, visit, compartment, analyte, unit (``category`` with ``str`` categories, only those
    that occur: millions of rows hold one small code each, not a text each; NA for an empty unit);
    value (float: the number as recorded, NaN when censored or missing);
    censoring (``category``: "observed" | "below" | "above" | "missing");
    limit (float: the x of "<x" / ">x", else NaN);
    lod, ref_low, ref_high (float, NaN when not given); sample_date (``datetime64[ns]``)
``adverse_events``
    participant_id, term, system_organ_class (str), grade (int 1-5), serious (bool),
    relatedness (str), infusion_no (pandas ``Int64``, NA when not linked),
    onset_day (``Int64``), outcome (str | NA); optional seriousness, attribution, procedure, action_taken
    (str | NA), onset_date, resolution_date (``datetime64[ns]``)
``deviations`` (optional file: None when the study has no deviations.csv)
    participant_id, category, description (str); date (``datetime64[ns]``), day (``Int64``),
    visit, action_taken (str | NA)

Censored values are kept as recorded; substitution (e.g. half the limit of
detection) is an analysis choice and happens in :mod:`alsreport.analysis.run`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from alsreport.study.config import StudyConfig

__all__ = ["Study", "CENSORING"]

#: Values of ``measurements.censoring``.
CENSORING = ("observed", "below", "above", "missing")


@dataclass(frozen=True)
class Study:
    """A validated study, ready for analysis."""

    path: Path
    config: StudyConfig
    participants: pd.DataFrame
    infusions: pd.DataFrame
    measurements: pd.DataFrame
    adverse_events: pd.DataFrame
    input_hashes: dict[str, str] = field(default_factory=dict)
    """SHA-256 of each input file's bytes, keyed by file name (e.g. ``measurements.csv``)."""
    warnings: tuple[str, ...] = ()
    """Validation warnings (e.g. ignored columns), already shown to the user."""
    deviations: pd.DataFrame | None = None
    """Protocol deviations the site reported (``deviations.csv``); None when the study has none."""

    @property
    def enrolled(self) -> pd.DataFrame:
        """Participants who were enrolled."""
        return self.participants[self.participants["enrolled"]]

    @property
    def fingerprint(self) -> str:
        """A short, stable fingerprint of all input files (first 12 hex digits)."""
        import hashlib

        h = hashlib.sha256()
        for name in sorted(self.input_hashes):
            h.update(f"{name}:{self.input_hashes[name]}\n".encode())
        return h.hexdigest()[:12]
