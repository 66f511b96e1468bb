"""``reporting.prior_report`` in ``study.yml``: what the earlier report of this study found, finding by finding.

The manuscript sets these beside this analysis's results (the Discussion says where they agree and where they
differ) and the Introduction summarises them. Free text (``reporting.prior_report_findings``) is still accepted,
but only the structured findings can be compared.

.. code-block:: yaml

    reporting:
      prior_report:
        findings:             # each: one series at one visit, compared with the baseline
          - {analyte: TNF-alpha, compartment: CSF, visit: M3, finding: decrease, p: '< 0.01'}
        others: no change     # optional: the earlier report found no other biomarker changed
        others_families: [immunological, biochemical]   # optional: the families "others" covers (default: all)

Each finding names an analyte of ``analytes``, a compartment, a later visit of ``visits`` (compared with the
baseline) and what the earlier report found there (``decrease``, ``increase`` or ``no change``), with the p it
gave, as printed there (optional). ``others: no change`` covers every other analyte and compartment at the visits
the findings compare (the earlier report's own comparisons, e.g. Month 3 against Month 0): it says nothing of the
other visits, where this analysis's changes are reported as ones the earlier report gives no result for.
``others_visits: all`` widens it to every later visit, for an earlier report that found no other change "during
follow-up" without naming a visit (session 35 reviewer: the preprint's "no other change" is of its whole three-month
follow-up, so a change here at Month 1 disagrees with it). ``others_families`` narrows it to the analyte families the earlier report looked at ("no other immunological or
biochemical parameter" of a report that measured no haematological one): the Introduction and Discussion say "no other
immunological or biochemical biomarker", and a change in another family is one the earlier report gives no result for
(reader 12a item 6). :func:`prior_report_problem` checks the names against the rest of ``study.yml``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["FINDINGS", "PriorFinding", "PriorReport", "prior_report_problem"]

#: What the earlier report may have found for one series at one visit.
FINDINGS = ("decrease", "increase", "no change")

_P = re.compile(r"^(?P<rel><=|>=|<|>|=|≤|≥)?\s*(?P<num>(?:0?\.\d+|1(?:\.0*)?|0)(?:[eE][-+]?\d+)?)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PriorFinding(_Strict):
    """One finding of the earlier report: a series' change from the baseline to one later visit."""

    analyte: str = Field(min_length=1, description="An analyte name from analytes.")
    compartment: Literal["CSF", "serum", "plasma", "blood"] = Field(description="Where it was measured.")
    visit: str = Field(min_length=1, description="The later visit compared with the baseline, e.g. M3.")
    finding: Literal["decrease", "increase", "no change"] = Field(
        description="decrease | increase | no change: what the earlier report found.")
    p: str | None = Field(default=None, description="The earlier report's p-value as it printed it, e.g. '< 0.01' "
                          "or 0.003 (optional).")

    @field_validator("p", mode="before")
    @classmethod
    def _p_text(cls, v: object) -> object:
        if isinstance(v, bool):
            return v  # pydantic says "must be text"
        if isinstance(v, (int, float)):
            v = repr(float(v)) if isinstance(v, int) else repr(v)
        if isinstance(v, str) and not _P.match(v.strip()):
            raise ValueError(f"p {v!r} must be a p-value as the earlier report printed it: a number from 0 to 1, "
                             "optionally after <, >, ≤ or ≥ (e.g. '< 0.01', 0.003)")
        return v

    @property
    def p_bound(self) -> tuple[str, float] | None:
        """``('<', 0.01)`` for ``'< 0.01'``; ``('=', 0.003)`` for ``0.003``; None without a p."""
        if self.p is None:
            return None
        m = _P.match(self.p)
        assert m is not None
        rel = {"<=": "≤", ">=": "≥", None: "="}.get(m.group("rel"), m.group("rel"))
        return rel, float(m.group("num"))


class PriorReport(_Strict):
    """``reporting.prior_report``: the earlier report's findings, to compare with these results."""

    findings: list[PriorFinding] = Field(min_length=1, description="Each finding: analyte, compartment, visit, "
                                         "finding (decrease | increase | no change) and p (optional).")
    others: Literal["no change"] | None = Field(
        default=None, description="no change: the earlier report found no change in any other analyte or "
        "compartment, at the visits its findings compare with the baseline.")
    others_visits: Literal["compared", "all"] = Field(
        default="compared", description="The visits others: no change covers: compared (the visits its findings "
        "compare with the baseline, e.g. Month 3 against Month 0) or all (every later visit: the earlier report "
        "found no change during follow-up without naming a visit).")
    others_families: list[str] | None = Field(
        default=None, min_length=1, description="The analyte families (of families) that others: no change covers, "
        "e.g. [immunological, biochemical] (default: every family).")
    participants: Literal["same", "overlapping", "different"] | None = Field(
        default=None, description="Whether the earlier report studied the same participants as these data, "
        "overlapping ones or different ones: the Introduction and the Discussion say so (not recorded: neither "
        "says it).")

    @model_validator(mode="after")
    def _once_each(self) -> "PriorReport":
        keys = [(f.analyte, f.compartment, f.visit) for f in self.findings]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError("each analyte, compartment and visit may have one finding; repeated: "
                             + ", ".join(f"{a} in {c} at {v}" for a, c, v in dupes))
        if self.others_visits != "compared" and self.others is None:
            raise ValueError("others_visits says which visits others: no change covers; give others: no change with "
                             "it, or leave others_visits out")
        if self.others_families is not None and self.others is None:
            raise ValueError("others_families names the families that others: no change covers; give others: "
                             "no change with it, or leave others_families out")
        return self


def prior_report_problem(prior: PriorReport | None, analytes: list[str],
                         later_visits: list[str], families: list[str] | None = None) -> tuple[str, object, str] | None:
    """The first finding that names an analyte or visit ``study.yml`` lacks, or a family of ``others_families`` it
    lacks, as (key relative to ``reporting``, value, message listing what is allowed); None when every name is known."""
    if prior is None:
        return None
    for i, fam in enumerate(prior.others_families or []):
        if families and fam not in families:
            return (f"prior_report.others_families.{i}", fam,
                    f"reporting.prior_report.others_families[{i}] {fam!r} is not an analyte family; allowed: "
                    f"{', '.join(families)}")
    for i, f in enumerate(prior.findings):
        if analytes and f.analyte not in analytes:
            return (f"prior_report.findings.{i}.analyte", f.analyte,
                    f"reporting.prior_report.findings[{i}].analyte {f.analyte!r} is not among the analytes; "
                    f"allowed: {', '.join(analytes)}")
        if later_visits and f.visit not in later_visits:
            return (f"prior_report.findings.{i}.visit", f.visit,
                    f"reporting.prior_report.findings[{i}].visit {f.visit!r} is not a visit after the baseline "
                    f"(each finding compares one later visit with the baseline); allowed: {', '.join(later_visits)}")
    return None
