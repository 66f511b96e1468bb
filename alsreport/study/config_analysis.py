"""Sensitivity analyses chosen in ``study.yml`` (``analysis.sensitivity``); all are off by default.

.. code-block:: yaml

    analysis:
      sensitivity:
        transform: log      # paired t-test on log values: geometric mean ratios with 95% CI
        mixed_model: true   # log value ~ visit + (1 | participant), REML: every available value

With neither set, the results are exactly those of a study.yml without the section.

``analysis.adjust_scope`` (``family`` by default) chooses the multiplicity families of
``p_holm`` / ``p_bh``: ``family`` -- within each analyte family x compartment x contrast x
test; ``all`` -- across every comparison of the same test (all families, compartments and
contrasts together).

``analysis.analysis_set`` (``all`` by default) chooses the participants the biomarker
statistics use: ``all`` -- every available pair (each test uses whoever has both values);
``completers`` -- per compartment, participants sampled at every planned visit of that
compartment (baseline and later visits of ``compartments:``, default every visit);
``per_protocol`` -- participants who received every planned infusion (infusions.csv).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ADJUST_METHODS", "ADJUST_SCOPES", "ANALYSIS_SETS", "AnalysisSet", "CompartmentSpec", "SensitivityOptions",
           "TRANSFORMS"]

#: Allowed values of ``analysis.adjust``: which adjusted p (p_holm, p_bh, or the raw p) judges the secondary tests.
ADJUST_METHODS = ("holm", "BH", "none")

#: Allowed values of ``analysis.adjust_scope``: the families within which p_holm / p_bh are adjusted.
ADJUST_SCOPES = ("family", "all")

#: Allowed values of ``analysis.analysis_set``: the participants the biomarker statistics use.
ANALYSIS_SETS = ("all", "completers", "per_protocol")
AnalysisSet = Literal["all", "completers", "per_protocol"]

#: Allowed values of ``analysis.sensitivity.transform``.
TRANSFORMS = ("none", "log")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SensitivityOptions(_Strict):
    """Extra analyses reported beside the primary (Wilcoxon) analysis."""

    transform: Literal["none", "log"] = Field(
        default="none",
        description="log: also a paired t-test on log values (R's t.test(log(later), log(baseline), paired = TRUE)),"
                    " reported as the geometric mean ratio later/baseline with its back-transformed CI.",
    )
    mixed_model: bool = Field(
        default=False,
        description="Also fit log value ~ visit + (1 | participant) by REML (lme4::lmer), using every available"
                    " value: each visit against baseline as a ratio of geometric means with a Wald CI.",
    )

    @property
    def any(self) -> bool:
        return self.transform != "none" or self.mixed_model


class CompartmentSpec(_Strict):
    """A compartment declared in ``study.yml`` (``compartments:``), with its own sampling schedule.

    .. code-block:: yaml

        compartments:
          - {name: CSF, label: Cerebrospinal fluid, visits: [M0, M3]}   # lumbar punctures at M0 and M3 only

    Tests of that compartment use only its visits: a contrast with an unsampled visit is
    not run (its row says why) and the Friedman test compares the sampled visits.
    """

    name: Literal["CSF", "serum", "plasma", "blood"] = Field(description="Compartment as in measurements.csv.")
    label: str | None = Field(default=None, description="Label shown in reports (default: the name).")
    visits: list[str] | None = Field(default=None, min_length=2,
                                     description="Visit codes sampled (default: every visit); must include the baseline.")
